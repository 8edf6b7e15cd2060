/**
 * Streamed exports for auditors and regulators.
 *
 * GET /export/audit-trail.csv    GET /export/audit-trail.jsonl
 *   Every indexed audit event (table `audit_event`), ordered by id — that is by block, then log
 *   index (`<chainId>-<block, 10 digits>-<log index, 6 digits>[-suffix]`). Read from a Postgres
 *   cursor 1000 rows at a time and written with backpressure, so any number of rows exports in
 *   constant memory. Filters (query parameters, all optional, combined with AND):
 *     token=<address>        events of that token (any chain the token is indexed on)
 *     account=<address>      events whose subject OR counterparty is that wallet
 *     kind=<K>[,<K>…]        one or more AuditEventKind values, e.g. kind=MINT,FORCED_TRANSFER
 *     fromBlock=<n>          block_number ≥ n        toBlock=<n>     block_number ≤ n
 *     fromTime=<ISO 8601>    timestamp ≥ it          toTime=<ISO 8601>  timestamp ≤ it
 *                            (e.g. 2024-01-31, 2024-01-31T12:00:00Z, 2024-01-31T12:00:00+02:00)
 *   Bad input answers 400 with a plain-text message naming the parameter and the value; a token
 *   that is not indexed answers 404.
 *
 *   Columns (CSV header line, RFC 4180 quoting; JSONL: one object per line with the same keys):
 *     id                     the event id: <chainId>-<block>-<log index>[-suffix]
 *     chain_id               EVM chain id
 *     kind                   AuditEventKind (MINT, BURN, TRANSFER, FORCED_TRANSFER, TOKENS_FROZEN, …)
 *     token_id               the token the event concerns, <chainId>-<token address>; empty if none
 *     contract               address of the contract that emitted the event
 *     contract_kind          what that contract is (TOKEN, IDENTITY_REGISTRY, COMPLIANCE, …)
 *     subject                the wallet the event is about (a transfer's sender, the frozen wallet, …); empty if none
 *     investor               the investor identity (ONCHAINID) behind subject at the time; empty if unknown
 *     counterparty           the other wallet (a transfer's receiver, a recovery's new wallet, …); empty if none
 *     counterparty_investor  the investor identity behind counterparty at the time; empty if unknown
 *     amount                 token amount in base units (integer string); empty if none
 *     actor                  the transaction sender
 *     block_number           block of the event
 *     timestamp              block time, ISO 8601 UTC (2024-01-31T12:00:00.000Z)
 *     tx_hash                transaction hash
 *     log_index              index of the log in the block
 *     params                 every decoded event parameter, as a JSON object (a JSON string in CSV;
 *                            integers as decimal strings)
 *   JSONL types: chain_id, block_number, log_index are numbers; params an object; empty → null.
 *
 * GET /export/cap-table.csv?token=<address>[&atBlock=<n>]
 *   The holders of record of the token at the END of block n (default: the indexed head), from the
 *   index (see src/analytics/ownershipAt.ts), by wallet address ascending; wallets at 0 left out.
 *   400 for a malformed address or block, or a block beyond the indexed head or before the token's
 *   deployment; 404 for a token that is not indexed.
 *   Columns (CSV header line, RFC 4180 quoting):
 *     wallet    holder wallet address
 *     investor  the investor identity (ONCHAINID) registered for the wallet at that block; empty if none
 *     balance   balance in base units (integer string)
 *     frozen    frozen part of the balance in base units (the whole balance if the address is frozen)
 *     share     balance / total supply at that block, a decimal string with 18 decimal places,
 *               truncated (exact bigint arithmetic, e.g. 0.250000000000000000)
 */
import http from 'http'
import {Pool, PoolClient} from 'pg'
import Cursor from 'pg-cursor'
import {AuditEventKind} from '../model/generated/_auditEventKind'
import {indexHead, isAddress, OwnershipError, ownershipAt, SqlQuery} from '../analytics/ownershipAt'

/** Bad request parameters: answered with `status` and the message as plain text. */
export class ExportInputError extends Error {
    constructor(message: string, readonly status = 400) {
        super(message)
    }
}

export const AUDIT_TRAIL_COLUMNS = [
    'id', 'chain_id', 'kind', 'token_id', 'contract', 'contract_kind', 'subject', 'investor', 'counterparty',
    'counterparty_investor', 'amount', 'actor', 'block_number', 'timestamp', 'tx_hash', 'log_index', 'params',
] as const

export const CAP_TABLE_COLUMNS = ['wallet', 'investor', 'balance', 'frozen', 'share'] as const

/** Rows fetched from the cursor per round trip. */
export const CHUNK_ROWS = 1000

const KINDS = new Set<string>(Object.values(AuditEventKind))
const INTEGER = /^\d{1,15}$/
// Date, or date and time with optional seconds, fraction and zone (Z or ±hh:mm / ±hhmm).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

export interface AuditTrailFilter {
    token?: string
    account?: string
    kinds?: string[]
    fromBlock?: number
    toBlock?: number
    fromTime?: Date
    toTime?: Date
}

function param(params: URLSearchParams, name: string): string | undefined {
    const v = params.get(name)
    return v == null || v.trim() === '' ? undefined : v.trim()
}

function addressParam(params: URLSearchParams, name: string): string | undefined {
    const v = param(params, name)
    if (v == null) return undefined
    if (!isAddress(v)) throw new ExportInputError(`${name}=${v} is not an address (0x followed by 40 hex digits)`)
    return v.toLowerCase()
}

function blockParam(params: URLSearchParams, name: string): number | undefined {
    const v = param(params, name)
    if (v == null) return undefined
    if (!INTEGER.test(v)) throw new ExportInputError(`${name}=${v} is not a block number (a non-negative integer)`)
    return Number(v)
}

function timeParam(params: URLSearchParams, name: string): Date | undefined {
    const v = param(params, name)
    if (v == null) return undefined
    const t = ISO_8601.test(v) ? new Date(v) : undefined
    if (t == null || Number.isNaN(t.getTime())) {
        throw new ExportInputError(`${name}=${v} is not an ISO 8601 date or time (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)`)
    }
    return t
}

/** The filters of an audit-trail export, validated; throws ExportInputError naming the parameter and value. */
export function parseAuditTrailFilter(params: URLSearchParams): AuditTrailFilter {
    const f: AuditTrailFilter = {
        token: addressParam(params, 'token'),
        account: addressParam(params, 'account'),
        fromBlock: blockParam(params, 'fromBlock'),
        toBlock: blockParam(params, 'toBlock'),
        fromTime: timeParam(params, 'fromTime'),
        toTime: timeParam(params, 'toTime'),
    }
    const kind = param(params, 'kind')
    if (kind != null) {
        const kinds = kind.split(',').map(k => k.trim()).filter(k => k !== '')
        const unknown = kinds.filter(k => !KINDS.has(k))
        if (unknown.length > 0 || kinds.length === 0) {
            throw new ExportInputError(`kind=${kind}: unknown audit event kind ${unknown.join(', ') || '(none given)'}; ` +
                `expected one or more of ${[...KINDS].join(', ')}, comma-separated`)
        }
        f.kinds = [...new Set(kinds)]
    }
    if (f.fromBlock != null && f.toBlock != null && f.fromBlock > f.toBlock) {
        throw new ExportInputError(`fromBlock=${f.fromBlock} is after toBlock=${f.toBlock}`)
    }
    if (f.fromTime != null && f.toTime != null && f.fromTime > f.toTime) {
        throw new ExportInputError(`fromTime=${param(params, 'fromTime')} is after toTime=${param(params, 'toTime')}`)
    }
    return f
}

/** The parameterized SELECT of an audit-trail export; `tokenIds` are the Token ids of `filter.token`. */
export function auditTrailSql(filter: AuditTrailFilter, tokenIds?: string[]): {sql: string; params: unknown[]} {
    const where: string[] = []
    const params: unknown[] = []
    const bind = (v: unknown) => {
        params.push(v)
        return `$${params.length}`
    }
    if (tokenIds != null) where.push(`token_id = ANY(${bind(tokenIds)}::text[])`)
    if (filter.account != null) {
        const a = bind(filter.account)
        where.push(`(subject = ${a} OR counterparty = ${a})`)
    }
    if (filter.kinds != null) where.push(`kind = ANY(${bind(filter.kinds)}::text[])`)
    if (filter.fromBlock != null) where.push(`block_number >= ${bind(filter.fromBlock)}`)
    if (filter.toBlock != null) where.push(`block_number <= ${bind(filter.toBlock)}`)
    if (filter.fromTime != null) where.push(`"timestamp" >= ${bind(filter.fromTime.toISOString())}::timestamptz`)
    if (filter.toTime != null) where.push(`"timestamp" <= ${bind(filter.toTime.toISOString())}::timestamptz`)
    const sql = `SELECT id, chain_id, kind, token_id, contract, contract_kind, subject, investor, counterparty,
                        counterparty_investor, amount::text AS amount, actor, block_number,
                        to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "timestamp",
                        tx_hash, log_index, params::text AS params
                   FROM audit_event
                  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                  ORDER BY id`
    return {sql, params}
}

/** One CSV field, RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. null → empty. */
export function csvField(v: unknown): string {
    if (v == null) return ''
    const s = String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvLine(values: readonly unknown[]): string {
    return values.map(csvField).join(',') + '\r\n'
}

function auditCsvLine(r: Record<string, unknown>): string {
    return csvLine(AUDIT_TRAIL_COLUMNS.map(c => r[c]))
}

function auditJsonLine(r: Record<string, unknown>): string {
    const o: Record<string, unknown> = {}
    for (const c of AUDIT_TRAIL_COLUMNS) {
        const v = r[c]
        o[c] = c === 'params' ? JSON.parse(String(v)) : v ?? null
    }
    o.chain_id = Number(o.chain_id)
    o.block_number = Number(o.block_number)
    o.log_index = Number(o.log_index)
    return JSON.stringify(o) + '\n'
}

/** Writes `chunk`; resolves when the response can take more (drain), or false when the client went away. */
function write(res: http.ServerResponse, chunk: string): Promise<boolean> {
    if (res.destroyed) return Promise.resolve(false)
    if (res.write(chunk)) return Promise.resolve(true)
    return new Promise(resolve => {
        const done = (ok: boolean) => {
            res.off('drain', onDrain)
            res.off('close', onClose)
            resolve(ok)
        }
        const onDrain = () => done(true)
        const onClose = () => done(false)
        res.on('drain', onDrain)
        res.on('close', onClose)
    })
}

async function tokenIdsOf(pool: Pool, address: string): Promise<string[]> {
    const rows = (await pool.query('SELECT id FROM token WHERE address = $1 ORDER BY id', [address])).rows as {id: string}[]
    if (rows.length === 0) {
        throw new ExportInputError(`token=${address} is not indexed: check the address, and that the indexer watches it (TREX_FACTORIES or TOKENS)`, 404)
    }
    return rows.map(r => r.id)
}

/** GET /export/audit-trail.csv|jsonl: validates, then streams the rows from a cursor with backpressure. */
export async function streamAuditTrail(pool: Pool, url: URL, res: http.ServerResponse, format: 'csv' | 'jsonl'): Promise<void> {
    const filter = parseAuditTrailFilter(url.searchParams)
    const tokenIds = filter.token == null ? undefined : await tokenIdsOf(pool, filter.token)
    const {sql, params} = auditTrailSql(filter, tokenIds)
    const client = await pool.connect()
    let failed: unknown
    const cursor = client.query(new Cursor<Record<string, unknown>>(sql, params))
    try {
        // The first read runs the query: errors before any byte is sent still get a proper status.
        let rows = await cursor.read(CHUNK_ROWS)
        res.writeHead(200, format === 'csv'
            ? {'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.csv"'}
            : {'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.jsonl"'})
        if (format === 'csv' && !(await write(res, csvLine(AUDIT_TRAIL_COLUMNS)))) return
        const line = format === 'csv' ? auditCsvLine : auditJsonLine
        while (rows.length > 0) {
            let chunk = ''
            for (const r of rows) chunk += line(r)
            if (!(await write(res, chunk))) return // client gone: stop reading
            if (rows.length < CHUNK_ROWS) break
            rows = await cursor.read(CHUNK_ROWS)
        }
        res.end()
    } catch (err) {
        failed = err
        if (!res.headersSent) throw err
        // Mid-stream: abort the response so that the client sees a broken transfer, not a short file.
        res.destroy(err instanceof Error ? err : new Error(String(err)))
    } finally {
        await cursor.close().catch(() => undefined)
        // A connection whose query failed mid-way is discarded rather than returned to the pool.
        client.release(failed instanceof Error ? failed : undefined)
    }
}

/** `balance / total` as a decimal string with `places` decimals, truncated; exact bigint arithmetic. */
export function shareOf(balance: bigint, total: bigint, places = 18): string {
    if (total <= 0n) return (0).toFixed(places)
    const scale = 10n ** BigInt(places)
    const scaled = (balance * scale) / total
    const int = scaled / scale
    const frac = (scaled % scale).toString().padStart(places, '0')
    return places === 0 ? int.toString() : `${int}.${frac}`
}

async function inReadOnlySnapshot<T>(pool: Pool, f: (query: SqlQuery) => Promise<T>): Promise<T> {
    const client: PoolClient = await pool.connect()
    try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        const result = await f(async (sql, params) => (await client.query(sql, params)).rows)
        await client.query('COMMIT')
        return result
    } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
    } finally {
        client.release()
    }
}

/** GET /export/cap-table.csv?token=…&atBlock=…[&partition=…] (ERC-1400: one partition's holders) */
export async function streamCapTable(pool: Pool, url: URL, res: http.ServerResponse): Promise<void> {
    const token = param(url.searchParams, 'token')
    if (token == null) throw new ExportInputError('token is required: /export/cap-table.csv?token=<address>[&atBlock=<block>]')
    addressParam(url.searchParams, 'token')
    const atBlock = blockParam(url.searchParams, 'atBlock')
    const table = await inReadOnlySnapshot(pool, async query => {
        try {
            const block = atBlock ?? (await indexHead(query))?.height
            if (block == null) throw new ExportInputError('the index is empty: the indexer has not committed any block yet', 503)
            return await ownershipAt(query, {token, block, partition: param(url.searchParams, 'partition')})
        } catch (err) {
            if (!(err instanceof OwnershipError)) throw err
            throw new ExportInputError(err.message, /is not indexed/.test(err.message) ? 404 : 400)
        }
    })
    const file = `cap-table-${table.token.symbol ?? table.token.address}-${table.block}.csv`.replace(/[^\w.-]/g, '_')
    res.writeHead(200, {'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}"`, 'x-block-number': String(table.block)})
    if (!(await write(res, csvLine(CAP_TABLE_COLUMNS)))) return
    for (let i = 0; i < table.holders.length; i += CHUNK_ROWS) {
        let chunk = ''
        for (const h of table.holders.slice(i, i + CHUNK_ROWS)) {
            chunk += csvLine([h.wallet, h.investor, h.balance, h.frozen, shareOf(h.balance, table.totalSupply)])
        }
        if (!(await write(res, chunk))) return
    }
    res.end()
}
