import {userInputError} from './publicErrors'
import type {ReadTx} from './requestDb'
import {OperatorError} from '../errors'
import {findToken, IndexedToken, isAddress, OwnershipAt, ownershipAt, SqlQuery, tokenAtBlock} from '../analytics/ownershipAt'

// What every analytics query shares: checked arguments, and the holders as of a block or a time.

export interface AsOfArgs {
    token: string
    atBlock?: number | null
    atTimestamp?: string | null
}

export const sqlOf = (tx: ReadTx): SqlQuery => (sql, params) => tx.query(sql, params)

/** Runs `fn`, turning what the caller got wrong into a BAD_USER_INPUT error that says so. */
export async function answer<T>(fn: () => Promise<T>): Promise<T> {
    try {
        return await fn()
    } catch (err) {
        if (err instanceof OperatorError) throw userInputError(err.message)
        throw err
    }
}

export class InputError extends OperatorError {}

export function checkPage(limit: number, offset: number): void {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError(`limit ${limit} must be an integer from 1 to 1000`)
    if (!Number.isInteger(offset) || offset < 0) throw new InputError(`offset ${offset} must be a non-negative integer`)
}

/** A 0x-prefixed 20-byte hex address argument, lowercase (as the index stores addresses). */
export function parseAddress(name: string, value: string): string {
    if (!isAddress(value)) throw new InputError(`${name} "${value}" is not a 0x-prefixed 20-byte hex address`)
    return value.toLowerCase()
}

export function parseAmount(name: string, value: string | null | undefined): bigint {
    if (value == null) return 0n
    if (!/^\d{1,78}$/.test(value)) throw new InputError(`${name} "${value}" must be a non-negative integer amount in the token's smallest unit`)
    return BigInt(value)
}

/** The block an as-of answer is about, and its time when the index knows it. */
export interface AsOfBlock {
    block: number
    /** the block's timestamp: known for every block with a watched event and for the head; null otherwise */
    timestamp: Date | null
}

/**
 * The token and the block an as-of query is about: atBlock, the last indexed block at or before atTimestamp, or the
 * head; the token's symbol and decimals as they were at that block (a renamed token answers with its old symbol).
 */
export async function resolveAsOf(query: SqlQuery, args: AsOfArgs): Promise<{token: IndexedToken} & AsOfBlock> {
    if (!isAddress(args.token)) throw new InputError(`token "${args.token}" is not a 0x-prefixed 20-byte hex address`)
    const found = await findToken(query, args.token)
    const at = await resolveBlock(query, found.chainId, args)
    return {token: await tokenAtBlock(query, {token: found.address, block: at.block, chainId: found.chainId}), ...at}
}

/**
 * The block `args` name on chain `chainId`: atBlock as given, the last indexed block at or before
 * atTimestamp (times resolve through the blocks' own timestamps), or the indexed head. A time before
 * the first indexed block or after the head is an error that says so.
 */
export async function resolveBlock(query: SqlQuery, chainId: number, args: {atBlock?: number | null; atTimestamp?: string | null}): Promise<AsOfBlock> {
    if (args.atBlock != null && args.atTimestamp != null) throw new InputError('give atBlock or atTimestamp, not both')
    if (args.atBlock != null && (!Number.isInteger(args.atBlock) || args.atBlock < 0)) throw new InputError(`atBlock ${args.atBlock} is not a block number`)
    const [head] = await query('SELECT head_block, head_timestamp FROM chain WHERE id = $1', [String(chainId)])
    if (head?.head_block == null) throw new InputError('the index is empty: the indexer has not committed any block yet')
    const headBlock = Number(head.head_block)
    const headTime = new Date(String(head.head_timestamp))
    if (args.atTimestamp != null) return blockAtTime(query, chainId, args.atTimestamp, {block: headBlock, timestamp: headTime})
    const block = args.atBlock ?? headBlock
    if (block > headBlock) {
        throw new InputError(`atBlock ${block} is beyond the indexed head ${headBlock}: that block is not indexed yet (wait for the indexer, or choose an earlier block)`)
    }
    if (block === headBlock) return {block, timestamp: headTime}
    const [row] = await query('SELECT timestamp FROM indexed_block WHERE chain_id = $1 AND height = $2', [chainId, block])
    return {block, timestamp: row == null ? null : new Date(String(row.timestamp))}
}

/** The holders of `token` with their freezes and investors, as of the block `args` name. */
export async function holdersAsOf(query: SqlQuery, args: AsOfArgs): Promise<OwnershipAt & AsOfBlock> {
    const {token, block, timestamp} = await resolveAsOf(query, args)
    return {...await ownershipAt(query, {token: token.address, block, chainId: token.chainId}), timestamp}
}

/** ISO 8601: a date-time, or a date alone (its first instant, UTC). */
export function parseTime(name: string, value: string): Date {
    const t = new Date(value)
    const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(value)
    // Date() rolls an impossible day over into the next month: refuse it instead
    if (m == null || Number.isNaN(t.getTime()) || new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDate() !== Number(m[3])) {
        throw new InputError(`${name} "${value}" is not an ISO 8601 date or date-time`)
    }
    // ISO 8601's year 0000 is 1 BC, which the database's timestamps do not take
    if (Number(m[1]) < 1) throw new InputError(`${name} "${value}" is before year 1; give a year from 0001 to 9999`)
    return t
}

async function blockAtTime(query: SqlQuery, chainId: number, time: string, head: {block: number; timestamp: Date}): Promise<AsOfBlock> {
    const t = parseTime('atTimestamp', time)
    if (t > head.timestamp) {
        throw new InputError(`atTimestamp ${t.toISOString()} is after the indexed head (block ${head.block} at ${head.timestamp.toISOString()}): that time is not indexed yet`)
    }
    const [row] = await query(
        'SELECT height, timestamp FROM indexed_block WHERE chain_id = $1 AND timestamp <= $2 ORDER BY timestamp DESC, height DESC LIMIT 1',
        [chainId, t.toISOString()])
    if (row == null) {
        const [first] = await query('SELECT height, timestamp FROM indexed_block WHERE chain_id = $1 ORDER BY height LIMIT 1', [chainId])
        const since = first == null ? `block ${head.block}` : `block ${String(first.height)} at ${new Date(String(first.timestamp)).toISOString()}`
        throw new InputError(`atTimestamp ${t.toISOString()} is before the first indexed block (${since}): the index knows nothing earlier`)
    }
    // Nothing watched changed between that block and the time: the state at the time is the state at that block.
    return {block: Number(row.height), timestamp: new Date(String(row.timestamp))}
}
