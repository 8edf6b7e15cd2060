import {FactAt, factsAt, PartitionSupplyValue} from './factsAt'
import {IndexedToken, SqlQuery} from './ownershipAt'

// ERC-1400 state as of the END of a block, from the indexed history: partitions' supply and holders,
// operators and documents from their versions (FactVersion PARTITION_SUPPLY, OPERATOR, PARTITION_OPERATOR,
// DOCUMENT), a wallet's balance in each partition from the partition ledger's validity ranges.

export interface PartitionAt {
    partition: string
    totalSupply: bigint
    holderCount: number
}

/** Every partition the token had by the end of `block`, with its supply and holders then (0 once emptied). */
export async function partitionsAt(query: SqlQuery, token: IndexedToken, block: number): Promise<PartitionAt[]> {
    const facts = await factsAt<PartitionSupplyValue>(query, token.chainId, 'PARTITION_SUPPLY', token.address, block)
    return [...facts.values()]
        .map(f => ({partition: f.key, totalSupply: BigInt(f.value.totalSupply), holderCount: f.value.holderCount}))
        .sort((a, b) => (a.partition < b.partition ? -1 : 1))
}

/** DOCUMENT: an ERC-1643 document as set (name as bytes32 and as text when printable). */
export interface DocumentValue {
    name: string
    nameText: string | null
    uri: string
    documentHash: string
}

/** The documents in force at the end of `block` (removed ones have no version then). */
export async function documentsAt(query: SqlQuery, token: IndexedToken, block: number): Promise<FactAt<DocumentValue>[]> {
    return [...(await factsAt<DocumentValue>(query, token.chainId, 'DOCUMENT', token.address, block)).values()].sort((a, b) => (a.key < b.key ? -1 : 1))
}

export interface OperatorValue {
    holder: string
    operator: string
    /** set for an operator of one partition only */
    partition?: string
}

/** Operators authorised at the end of `block`: for all of a holder's partitions, then per partition. */
export async function operatorsAt(query: SqlQuery, token: IndexedToken, block: number): Promise<FactAt<OperatorValue>[]> {
    const [global, byPartition] = await Promise.all([
        factsAt<OperatorValue>(query, token.chainId, 'OPERATOR', token.address, block),
        factsAt<OperatorValue>(query, token.chainId, 'PARTITION_OPERATOR', token.address, block),
    ])
    return [...global.values(), ...byPartition.values()]
}

/** wallet → partition → balance at the end of `block` (balances above zero only). */
export async function partitionBalancesAt(query: SqlQuery, token: IndexedToken, wallets: readonly string[], block: number): Promise<Map<string, Map<string, bigint>>> {
    const rows = await query(
        `SELECT wallet, partition, balance_after::text AS balance FROM partition_balance_change
          WHERE token_id = $1 AND wallet = ANY($2) AND balance_after > 0 AND int4range(block_number, valid_until_block) @> $3::int`,
        [token.id, wallets, block])
    const out = new Map<string, Map<string, bigint>>(wallets.map(w => [w, new Map()]))
    for (const r of rows) out.get(String(r.wallet))?.set(String(r.partition), BigInt(String(r.balance)))
    return out
}
