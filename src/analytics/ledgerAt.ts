import {factsAt, PartitionSupplyValue, tokenInfoAt, validAt} from './factsAt'
import {IndexedToken, inPartition, ledgerTable, SqlQuery} from './ownershipAt'

// As-of reads that never walk the whole ledger: totals from the token's checkpoints, a cap-table
// page from the ledger's validity ranges (see the AsOfIndexes migration).

export interface TotalsAt {
    supply: bigint
    holderCount: number
    investorCount: number
}

/** The token's totals at the end of `block`: its last checkpoint at or before it. */
export async function totalsAt(query: SqlQuery, token: IndexedToken, block: number): Promise<TotalsAt> {
    if (token.partition != null) {
        // A partition's totals are versions of a fact; ERC-1400 tokens name no investor identities.
        const f = (await factsAt<PartitionSupplyValue>(query, token.chainId, 'PARTITION_SUPPLY', token.address, block, [token.partition])).get(token.partition)
        return {supply: BigInt(f?.value.totalSupply ?? 0), holderCount: f?.value.holderCount ?? 0, investorCount: 0}
    }
    const [row] = await query(
        `SELECT total_supply::text AS supply, holder_count, investor_count FROM token_checkpoint
          WHERE token_id = $1 AND block_number <= $2 ORDER BY block_number DESC LIMIT 1`,
        [token.id, block],
    )
    if (row == null) return {supply: 0n, holderCount: 0, investorCount: 0}
    return {supply: BigInt(String(row.supply)), holderCount: Number(row.holder_count), investorCount: Number(row.investor_count)}
}

export interface PageOptions {
    limit: number
    offset: number
    minBalance: bigint
}

export interface WalletBalance {
    wallet: string
    balance: bigint
}

/**
 * Which way to read a page of the holders at a block, by the rows each way touches:
 * - ranked: the ledger's rows largest balance first, keeping those valid at the block; about
 *   (offset + limit) × ledger rows / holders rows before the page is full;
 * - range: every row valid at the block (one per holder) from the range index, then sorted.
 */
export function pagePlan(page: {limit: number; offset: number}, ledgerRows: number, holders: number): 'ranked' | 'range' {
    return (page.offset + page.limit) * ledgerRows < holders * holders ? 'ranked' : 'range'
}

/** Wallets holding the token at the end of `block`, largest first (ties by address), one page. */
export async function holdersPage(query: SqlQuery, token: IndexedToken, block: number, holders: number, page: PageOptions): Promise<WalletBalance[]> {
    const params = [token.id, block, page.minBalance.toString(), page.limit, page.offset, token.partition ?? null]
    // a partition's ledger rows are not counted: its page is read from the range index
    const ledgerRows = token.partition == null ? token.balanceChangeCount : Number.MAX_SAFE_INTEGER
    const rows = pagePlan(page, ledgerRows, holders) === 'ranked'
        ? await query(
            `SELECT wallet, balance_after::text AS balance FROM balance_change
              WHERE token_id = $1 AND $6::text IS NULL AND balance_after > 0 AND balance_after >= $3::numeric
                AND block_number <= $2 AND (valid_until_block IS NULL OR valid_until_block > $2)
              ORDER BY balance_after DESC, wallet LIMIT $4 OFFSET $5`, params)
        : await query(
            `WITH held AS MATERIALIZED (
                SELECT wallet, balance_after FROM ${ledgerTable(token)}
                 WHERE token_id = $1 AND ${inPartition(token, '$6')} AND balance_after > 0 AND int4range(block_number, valid_until_block) @> $2::int)
             SELECT wallet, balance_after::text AS balance FROM held WHERE balance_after >= $3::numeric
              ORDER BY balance_after DESC, wallet LIMIT $4 OFFSET $5`, params)
    return rows.map(r => ({wallet: String(r.wallet), balance: BigInt(String(r.balance))}))
}

/** How many wallets held at least `minBalance` (> 0) at the end of `block`. */
export async function countHoldersAt(query: SqlQuery, token: IndexedToken, block: number, minBalance: bigint): Promise<number> {
    const [row] = await query(
        `SELECT count(*)::int AS n FROM ${ledgerTable(token)}
          WHERE token_id = $1 AND ${inPartition(token, '$4')} AND balance_after > 0 AND int4range(block_number, valid_until_block) @> $2::int AND balance_after >= $3::numeric`,
        [token.id, block, minBalance.toString(), token.partition ?? null],
    )
    return Number(row?.n ?? 0)
}

/**
 * Every wallet's balance at the end of `block`, largest first (no freezes, no investors: what
 * concentration needs; Postgres sorts numerics faster than JavaScript sorts bigints).
 */
export async function balancesAt(query: SqlQuery, token: IndexedToken, block: number): Promise<bigint[]> {
    const rows = await query(
        `SELECT balance_after::text AS balance FROM ${ledgerTable(token)}
          WHERE token_id = $1 AND ${inPartition(token, '$3')} AND balance_after > 0 AND int4range(block_number, valid_until_block) @> $2::int
          ORDER BY balance_after DESC`,
        [token.id, block, token.partition ?? null],
    )
    return rows.map(r => BigInt(String(r.balance)))
}

export interface CountryHoldings {
    country: number | null
    holders: number
    balance: bigint
}

/**
 * Holders and balance per country at the end of `block`: each wallet under the country of its
 * registration valid at that block, in the storage the token used then; null when the wallet had
 * no registration.
 */
export async function countriesAt(query: SqlQuery, token: IndexedToken, block: number): Promise<CountryHoldings[]> {
    const {identityStorage} = await tokenInfoAt(query, token.chainId, token.address, block)
    const rows = await query(
        `SELECT (r.value->>'country')::int AS country, count(*)::int AS holders, sum(b.balance_after)::text AS balance
           FROM ${ledgerTable(token)} b
           LEFT JOIN fact_version r ON r.chain_id = $3 AND r.kind = 'REGISTRATION' AND r.contract = $4 AND r.key = b.wallet AND ${validAt('r', '$2')}
          WHERE b.token_id = $1 AND ${inPartition(token, '$5')} AND b.balance_after > 0 AND int4range(b.block_number, b.valid_until_block) @> $2::int
          GROUP BY 1`,
        [token.id, block, token.chainId, identityStorage, token.partition ?? null],
    )
    return rows.map(r => ({country: r.country == null ? null : Number(r.country), holders: Number(r.holders), balance: BigInt(String(r.balance))}))
}
