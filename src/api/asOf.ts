import {GraphQLError} from 'graphql'
import type {EntityManager} from 'typeorm'
import {OperatorError} from '../errors'
import {findToken, IndexedToken, indexHead, isAddress, OwnershipAt, ownershipAt, SqlQuery, tokenAtBlock} from '../analytics/ownershipAt'

// What every analytics query shares: checked arguments, and the holders as of a block or a time.

export interface AsOfArgs {
    token: string
    atBlock?: number | null
    atTimestamp?: string | null
}

export const sqlOf = (em: EntityManager): SqlQuery => (sql, params) => em.query(sql, params)

/** Runs `fn`, turning what the caller got wrong into a GraphQL error that says so. */
export async function answer<T>(fn: () => Promise<T>): Promise<T> {
    try {
        return await fn()
    } catch (err) {
        if (err instanceof OperatorError) throw new GraphQLError(err.message)
        throw err
    }
}

export class InputError extends OperatorError {}

export function checkPage(limit: number, offset: number): void {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError(`limit ${limit} must be an integer from 1 to 1000`)
    if (!Number.isInteger(offset) || offset < 0) throw new InputError(`offset ${offset} must be a non-negative integer`)
}

export function parseAmount(name: string, value: string | null | undefined): bigint {
    if (value == null) return 0n
    if (!/^\d{1,78}$/.test(value)) throw new InputError(`${name} "${value}" must be a non-negative integer amount in the token's smallest unit`)
    return BigInt(value)
}

/** The token and the block an as-of query is about: atBlock, the last indexed block at or before atTimestamp, or the head. */
export async function resolveAsOf(query: SqlQuery, args: AsOfArgs): Promise<{token: IndexedToken; block: number}> {
    if (!isAddress(args.token)) throw new InputError(`token "${args.token}" is not a 0x-prefixed 20-byte hex address`)
    if (args.atBlock != null && args.atTimestamp != null) throw new InputError('give atBlock or atTimestamp, not both')
    if (args.atBlock != null && (!Number.isInteger(args.atBlock) || args.atBlock < 0)) throw new InputError(`atBlock ${args.atBlock} is not a block number`)
    const found = await findToken(query, args.token)
    let block = args.atBlock ?? undefined
    if (args.atTimestamp != null) block = await blockAt(query, found.id, found.createdAtBlock, args.atTimestamp)
    if (block == null) {
        const head = await indexHead(query)
        if (head == null) throw new InputError('the index is empty: the indexer has not committed any block yet')
        block = head.height
    }
    return {token: await tokenAtBlock(query, {token: found.address, block, chainId: found.chainId}), block}
}

/** The holders of `token` with their freezes and investors, as of the block `args` name. */
export async function holdersAsOf(query: SqlQuery, args: AsOfArgs): Promise<OwnershipAt> {
    const {token, block} = await resolveAsOf(query, args)
    return ownershipAt(query, {token: token.address, block, chainId: token.chainId})
}
async function blockAt(query: SqlQuery, tokenId: string, createdAtBlock: number, time: string): Promise<number> {
    const t = new Date(time)
    if (!/^\d{4}-\d\d-\d\d/.test(time) || Number.isNaN(t.getTime())) throw new InputError(`atTimestamp "${time}" is not an ISO 8601 date-time`)
    const [row] = await query('SELECT max(block_number) AS block, min(timestamp) AS first FROM balance_change WHERE token_id = $1 AND timestamp <= $2', [tokenId, t.toISOString()])
    // Balances change only at balance changes: the last one at or before the time fixes them.
    return row?.block == null ? createdAtBlock : Number(row.block)
}
