/**
 * Streamed exports for auditors and regulators.
 *
 * GET /export/audit-trail.csv    GET /export/audit-trail.jsonl
 *   Every indexed audit event (table `audit_event`), ordered by id — that is by block, then log
 *   index (`<chainId>-<block, 10 digits>-<log index, 6 digits>[-suffix]`). Read through
 *   pg-query-stream 1000 rows at a time and written by csv-stringify with backpressure, so any
 *   number of rows exports in constant memory. Filters (query parameters, all optional, combined
 *   with AND; see ./exportParams.ts):
 *     token=<address>        events of that token (any chain the token is indexed on)
 *     account=<address>      events whose subject OR counterparty is that wallet
 *     investor=<identity>    events whose subject's OR counterparty's investor (ONCHAINID) was that
 *                            identity at the time: the investor's history across all its wallets
 *     kind=<K>[,<K>…]        one or more AuditEventKind values, e.g. kind=MINT,FORCED_TRANSFER
 *     fromBlock=<n>          block_number ≥ n        toBlock=<n>     block_number ≤ n   (0 … 2147483647)
 *     fromTime=<time>        timestamp ≥ it          toTime=<time>   timestamp ≤ it
 *                            a time is a full ISO 8601 time with its zone (2024-01-31T12:00:00Z,
 *                            2024-01-31T12:00:00+02:00) or a whole UTC day (2024-01-31): fromTime=day
 *                            from its first instant, toTime=day INCLUSIVE, up to its last instant
 *     partition=<p>          ERC-1400, with token=: the events that name that partition of the token —
 *                            bytes32 hex or its name (partition=senior) — in params.partition (issued,
 *                            redeemed, operators by partition), params.fromPartition (TransferByPartition)
 *                            or either side of a ChangedPartition (fromPartition, toPartition). The token's
 *                            ERC-20 Transfer rows name no partition and are left out. Without token, a
 *                            token that is not ERC-1400 or never had the partition: 400 naming it
 *   Bad input — an unknown or repeated parameter, an impossible date (2024-02-31), a number out of
 *   range — answers 400 with a plain-text message naming the parameter and the value; a token that is
 *   not indexed answers 404. When every export connection stays busy for EXPORT_QUEUE_TIMEOUT_MS the
 *   answer is 503 (Retry-After); an export that can hand its client nothing for EXPORT_WRITE_TIMEOUT_MS
 *   (the client stopped reading) is cut off, freeing its connection for the others.
 *
 *   Columns (CSV header line, RFC 4180 quoting by csv-stringify; JSONL: one object per line with the same keys):
 *     id                     the event id: <chainId>-<block>-<log index>[-suffix]
 *     chain_id               EVM chain id
 *     kind                   AuditEventKind (MINT, BURN, TRANSFER, FORCED_TRANSFER, TOKENS_FROZEN, …)
 *     token_id               the token the event concerns, <chainId>-<token address>; empty if none
 *     token_symbol           that token's symbol at the end of the row's block (a renamed token's rows of earlier blocks keep the earlier one); empty if none or unknown
 *     token_decimals         that token's decimals at the end of the row's block (amount_decimal = amount / 10^token_decimals); empty if unknown, and on
 *                            a DVD trade's or a payout's row, whose amounts are in other tokens (the payment token: see Payment)
 *     contract               address of the contract that emitted the event
 *     contract_kind          what that contract is (TOKEN, IDENTITY_REGISTRY, COMPLIANCE, …)
 *     subject                the wallet the event is about (a transfer's sender, the frozen wallet, …); empty if none
 *     investor               the investor identity (ONCHAINID) behind subject at the time; empty if unknown
 *     counterparty           the other wallet (a transfer's receiver, a recovery's new wallet, …); empty if none
 *     counterparty_investor  the investor identity behind counterparty at the time; empty if unknown
 *     amount                 token amount in base units (integer string); empty if none
 *     amount_decimal         the same in the token's units, exact ("2000", "0.000001"); empty if none, for a DVD
 *                            trade (its legs are in different tokens) or when the token's decimals are unknown
 *     actor                  the transaction sender
 *     block_number           block of the event
 *     timestamp              block time, ISO 8601 UTC (2024-01-31T12:00:00.000Z)
 *     tx_hash                transaction hash
 *     log_index              index of the log in the block
 *     params                 every decoded event parameter, as a JSON object (a JSON string in CSV;
 *                            integers as decimal strings)
 *   JSONL types: chain_id, block_number, log_index, token_decimals are numbers; params an object; empty → null.
 *
 * GET /export/cap-table.csv?token=<address>[&atBlock=<n> | &atTimestamp=<time>][&partition=<p>]
 *   The holders of record of the token at the END of block n, or of the last indexed block at or
 *   before the time (a whole day: at its end, so atTimestamp=2026-06-30 is the cap table after 30
 *   June), default the indexed head; from the index (see src/analytics/ownershipAt.ts), by wallet
 *   address ascending; wallets at 0 left out. The block is in the X-Block-Number header.
 *   partition (ERC-1400, bytes32 hex or its name): that partition's holders, balances and supply
 *   (balanceOfByPartition, totalSupplyByPartition); a partition the token never had: 400 naming it.
 *   400 for a malformed or unknown parameter, both atBlock and atTimestamp, a block beyond the indexed
 *   head or before the token's deployment, a time outside the index; 404 for a token not indexed.
 *   Columns (CSV header line, RFC 4180 quoting):
 *     wallet    holder wallet address
 *     investor  the investor identity (ONCHAINID) registered for the wallet at that block; empty if none
 *     balance   balance in base units (integer string)
 *     frozen    frozen part of the balance in base units (the whole balance if the address is frozen)
 *     balance_decimal, frozen_decimal   the same in the token's units, exact; empty when its decimals are unknown
 *     share     balance / total supply at that block, a decimal string with 18 decimal places,
 *               truncated (exact bigint arithmetic, e.g. 0.250000000000000000)
 *   Headers X-Token-Symbol (URI-encoded) and X-Token-Decimals name the token's units (absent when unknown).
 */
import http from 'http'
import {Readable, Transform} from 'stream'
import {pipeline} from 'stream/promises'
import {Pool, PoolClient} from 'pg'
import QueryStream from 'pg-query-stream'
import {stringify} from 'csv-stringify'
import {findToken, indexHead, knownPartition, OwnershipError, ownershipAt, SqlQuery} from '../analytics/ownershipAt'
import {tokenInfoAtSql} from '../analytics/factsAt'
import {formatUnits} from '../analytics/units'
import {OperatorError} from '../errors'
import {oneAtATime} from '../oneConnection'
import {resolveBlock} from './asOf'
import {AuditTrailFilter, ExportInputError, parseAuditTrailFilter, parseCapTableParams} from './exportParams'

export {ExportInputError}

export const AUDIT_TRAIL_COLUMNS = [
    'id', 'chain_id', 'kind', 'token_id', 'token_symbol', 'token_decimals', 'contract', 'contract_kind', 'subject', 'investor', 'counterparty',
    'counterparty_investor', 'amount', 'amount_decimal', 'actor', 'block_number', 'timestamp', 'tx_hash', 'log_index', 'params',
] as const

export const CAP_TABLE_COLUMNS = ['wallet', 'investor', 'balance', 'frozen', 'share', 'balance_decimal', 'frozen_decimal'] as const

/** Rows fetched from the cursor per round trip. */
export const CHUNK_ROWS = 1000

export interface ExportLimits {
    /** a client that takes nothing for this long is cut off, and its connection freed */
    writeTimeoutMs: number
    /** an export waits this long for a database connection, then answers 503 */
    queueTimeoutMs: number
}

/**
 * The parameterized SELECT of an audit-trail export; `tokenIds` are the Token ids of `filter.token`,
 * `partition` the bytes32 hex `filter.partition` resolved to.
 */
export function auditTrailSql(filter: AuditTrailFilter, tokenIds?: string[], partition?: string): {sql: string; params: unknown[]} {
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
    if (filter.investor != null) {
        const i = bind(filter.investor)
        where.push(`(investor = ${i} OR counterparty_investor = ${i})`)
    }
    if (filter.kinds != null) where.push(`kind = ANY(${bind(filter.kinds)}::text[])`)
    if (filter.fromBlock != null) where.push(`block_number >= ${bind(filter.fromBlock)}`)
    if (filter.toBlock != null) where.push(`block_number <= ${bind(filter.toBlock)}`)
    if (filter.fromTime != null) where.push(`"timestamp" >= ${bind(filter.fromTime.toISOString())}::timestamptz`)
    if (partition != null) {
        // params' keys lose their leading underscores (jsonParams): _fromPartition is fromPartition; a ChangedPartition names both sides
        const p = bind(partition)
        where.push(`(params->>'partition' = ${p}::text OR params->>'fromPartition' = ${p}::text OR params->>'toPartition' = ${p}::text)`)
    }
    if (filter.toTime != null) where.push(`"timestamp" ${filter.toTime.exclusive ? '<' : '<='} ${bind(filter.toTime.time.toISOString())}::timestamptz`)
    // the token information per row by a lateral index lookup: a nested loop, so the plan still streams in id order
    const sql = `SELECT id, chain_id, kind, token_id,
                        info.value->>'symbol' AS token_symbol,
                        CASE WHEN contract_kind IN ('DVD_MANAGER', 'DISTRIBUTION_MANAGER') THEN NULL ELSE info.value->>'decimals' END AS token_decimals,
                        contract, contract_kind, subject, investor, counterparty,
                        counterparty_investor, amount::text AS amount, amount_decimal, actor, block_number,
                        to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "timestamp",
                        tx_hash, log_index, params::text AS params
                   FROM audit_event LEFT JOIN LATERAL ${TOKEN_INFO_AT_ROW} info ON true
                  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                  ORDER BY id`
    return {sql, params}
}

/** The row's token information as at the row's block (a renamed token's earlier rows keep its earlier symbol); token_id is `<chainId>-<address>`. */
const TOKEN_INFO_AT_ROW = tokenInfoAtSql('audit_event.chain_id', "split_part(audit_event.token_id, '-', 2)", 'audit_event.block_number')

const csvWriter = (columns: readonly string[]) => stringify({header: true, columns: [...columns], record_delimiter: 'windows'})

/** One JSON object per line; the numeric columns as numbers, params as an object, empty as null. */
function jsonLines(): Transform {
    return new Transform({
        writableObjectMode: true,
        transform(r: Record<string, unknown>, _, done) {
            const o: Record<string, unknown> = {}
            for (const c of AUDIT_TRAIL_COLUMNS) o[c] = c === 'params' ? JSON.parse(String(r[c])) : r[c] ?? null
            o.chain_id = Number(o.chain_id)
            o.block_number = Number(o.block_number)
            o.log_index = Number(o.log_index)
            o.token_decimals = o.token_decimals == null ? null : Number(o.token_decimals)
            done(null, JSON.stringify(o) + '\n')
        },
    })
}

/**
 * A connection for one export, or 503 when none frees up within `ms`: a few slow or stalled
 * downloads must not queue every other export behind them without a word.
 */
function acquire(pool: Pool, ms: number): Promise<PoolClient> {
    return new Promise((resolve, reject) => {
        let late = false
        const timer = setTimeout(() => {
            late = true
            reject(new ExportInputError(`every export connection is busy (${pool.totalCount} open, ${pool.waitingCount} exports waiting): try again in a few seconds`, 503))
        }, ms)
        pool.connect().then(client => {
            if (!late) {
                clearTimeout(timer)
                resolve(client)
            } else {
                client.release()
            }
        }, (err: unknown) => {
            clearTimeout(timer)
            if (!late) reject(err)
        })
    })
}

/**
 * Sends `rows` through `format` to the client. An export that hands its client no byte for
 * `writeTimeoutMs` — a client that stopped reading holds the response in backpressure — is cut off,
 * which ends the pipeline and frees the connection. A database error mid-way destroys the response
 * too, so the client sees a broken transfer, not a short file. Resolves when the client has it all,
 * or went away; rejects on our own failures.
 */
async function send(res: http.ServerResponse, rows: Readable, format: Transform, writeTimeoutMs: number): Promise<void> {
    let sent = -1
    let since = Date.now()
    let stalled = false
    const watch = setInterval(() => {
        const now = res.socket?.bytesWritten ?? 0
        if (now !== sent) {
            sent = now
            since = Date.now()
        } else if (Date.now() - since >= writeTimeoutMs) {
            stalled = true
            res.destroy()
        }
    }, Math.min(1000, Math.max(50, writeTimeoutMs / 10)))
    try {
        await pipeline(rows, format, res)
    } catch (err) {
        if (stalled || res.destroyed && !res.writableFinished && isClientGone(err)) return
        throw err
    } finally {
        clearInterval(watch)
    }
}

const isClientGone = (err: unknown): boolean =>
    err instanceof Error && ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE'].includes((err as NodeJS.ErrnoException).code ?? '')

async function tokenIdsOf(client: PoolClient, address: string): Promise<string[]> {
    const rows = (await client.query('SELECT id FROM token WHERE address = $1 ORDER BY id', [address])).rows as {id: string}[]
    if (rows.length === 0) {
        throw new ExportInputError(`token=${address} is not indexed: check the address, and that the indexer watches it (TREX_FACTORIES or TOKENS)`, 404)
    }
    return rows.map(r => r.id)
}

/** `partition` of the token indexed under `tokenIds` as bytes32 hex; 400 naming it when the token never had it. */
async function partitionOf(client: PoolClient, address: string, tokenIds: string[], partition: string): Promise<string> {
    try {
        return await knownPartition(oneAtATime(async (sql, params) => (await client.query(sql, params)).rows), address, tokenIds, partition)
    } catch (err) {
        if (err instanceof OwnershipError) throw new ExportInputError(err.message)
        throw err
    }
}

/** The Token ids of `filter.token`, and the bytes32 of `filter.partition` (parseAuditTrailFilter allows one only with a token). */
async function auditScope(client: PoolClient, filter: AuditTrailFilter): Promise<{tokenIds?: string[]; partition?: string}> {
    if (filter.token == null) return {}
    const tokenIds = await tokenIdsOf(client, filter.token)
    return {tokenIds, partition: filter.partition == null ? undefined : await partitionOf(client, filter.token, tokenIds, filter.partition)}
}

/** GET /export/audit-trail.csv|jsonl: validates, then streams the rows with backpressure. */
export async function streamAuditTrail(pool: Pool, url: URL, res: http.ServerResponse, format: 'csv' | 'jsonl', limits: ExportLimits): Promise<void> {
    const filter = parseAuditTrailFilter(url.searchParams)
    const client = await acquire(pool, limits.queueTimeoutMs)
    let failed: Error | undefined
    try {
        const {tokenIds, partition} = await auditScope(client, filter)
        const {sql, params} = auditTrailSql(filter, tokenIds, partition)
        const rows = client.query(new QueryStream(sql, params, {batchSize: CHUNK_ROWS}))
        // The first row runs the query: its errors still get a proper status, before any byte is sent.
        const iterator = rows[Symbol.asyncIterator]()
        const first = await iterator.next()
        res.writeHead(200, format === 'csv'
            ? {'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.csv"'}
            : {'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.jsonl"'})
        await send(res, Readable.from(resume(first, iterator)), format === 'csv' ? csvWriter(AUDIT_TRAIL_COLUMNS) : jsonLines(), limits.writeTimeoutMs)
    } catch (err) {
        failed = err instanceof Error ? err : new Error(String(err))
        throw err
    } finally {
        // a connection whose query failed, or was left mid-cursor by a client gone away, is discarded
        client.release(failed ?? (res.writableFinished ? undefined : new Error('export not completed')))
    }
}

/** The rows of an iterator whose first result was already taken. */
async function* resume<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
    for (let r = first; !r.done; r = await rest.next()) yield r.value
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

async function inReadOnlySnapshot<T>(client: PoolClient, f: (query: SqlQuery) => Promise<T>): Promise<T> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
        const result = await f(oneAtATime(async (sql, params) => (await client.query(sql, params)).rows))
        await client.query('COMMIT')
        return result
    } catch (err) {
        await client.query('ROLLBACK')
        throw err
    }
}

/** GET /export/cap-table.csv?token=…[&atBlock=… | &atTimestamp=…][&partition=…] (ERC-1400: one partition's holders) */
export async function streamCapTable(pool: Pool, url: URL, res: http.ServerResponse, limits: ExportLimits): Promise<void> {
    const p = parseCapTableParams(url.searchParams)
    const client = await acquire(pool, limits.queueTimeoutMs)
    let table
    try {
        table = await inReadOnlySnapshot(client, async query => {
            try {
                const block = p.atTimestamp != null
                    ? (await resolveBlock(query, (await findToken(query, p.token)).chainId, {atTimestamp: p.atTimestamp.toISOString()})).block
                    : p.atBlock ?? (await indexHead(query))?.height
                if (block == null) throw new ExportInputError('the index is empty: the indexer has not committed any block yet', 503)
                return await ownershipAt(query, {token: p.token, block, partition: p.partition})
            } catch (err) {
                if (err instanceof OwnershipError) throw new ExportInputError(err.message, /is not indexed/.test(err.message) ? 404 : 400)
                if (err instanceof OperatorError) throw new ExportInputError(err.message)
                throw err
            }
        })
    } finally {
        client.release()
    }
    const file = `cap-table-${table.token.symbol ?? table.token.address}-${table.block}.csv`.replace(/[^\w.-]/g, '_')
    const {symbol, decimals} = table.token
    res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}"`, 'x-block-number': String(table.block),
        ...symbol == null ? {} : {'x-token-symbol': encodeURIComponent(symbol)}, ...decimals == null ? {} : {'x-token-decimals': String(decimals)},
    })
    const total = table.totalSupply
    const rows = Readable.from(table.holders.map(h => [
        h.wallet, h.investor, h.balance.toString(), h.frozen.toString(), shareOf(h.balance, total), formatUnits(h.balance, decimals), formatUnits(h.frozen, decimals),
    ]))
    await send(res, rows, csvWriter(CAP_TABLE_COLUMNS), limits.writeTimeoutMs)
}
