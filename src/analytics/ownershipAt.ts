import {encodeBytes32String} from 'ethers'
import {OperatorError} from '../errors'
import {indexStatus} from '../dev/status'
import {HolderBalance} from './entitlements'
import {factAt, factsAt, FreezeValue, RegistrationValue, tokenInfoAt, TokenInfoValue} from './factsAt'

/**
 * Who held a token at a past block, with what balance, how much of it frozen and which investor
 * identity behind each wallet — read from the INDEXED history only (never from the chain), so that
 * entitlements computed from it are the indexer's own, independent of whoever built a Merkle root.
 *
 * Takes a query function (parameterized SQL, `$1`…), so the CLI, a GraphQL resolver and the
 * processor share it. Run it inside one REPEATABLE READ transaction when the indexer may be writing
 * meanwhile (payoutPrepare does), so that every query sees the same snapshot.
 *
 * As of the END of block B (all logs of B included):
 * - balance: `balance_after` of the wallet's `balance_change` row valid at B (block_number ≤ B <
 *   valid_until_block, the block of its next change; one GiST range lookup); wallets at 0 left out.
 * - frozen tokens and address frozen: the wallet's FREEZE fact valid at B (`src/analytics/factsAt.ts`;
 *   the mapping follows TokensFrozen / TokensUnfrozen / AddressFrozen, and T-REX emits TokensUnfrozen
 *   also when a forced transfer, burn or recovery eats into frozen tokens, so it follows the
 *   contract's `getFrozenTokens`). A frozen address counts as frozen for its whole balance.
 * - investor and country: the wallet's REGISTRATION fact valid at B in the identity registry storage
 *   the token used at B (its TOKEN_INFO's registry at B, that registry's REGISTRY_LINKS at B).
 */

export class OwnershipError extends OperatorError {}

/** A partition as given: bytes32 hex (0x + 64 hex digits), or its name as text of at most 31 bytes ("senior"). */
export function parsePartition(value: string): string {
    if (/^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase()
    if (value === '' || value.startsWith('0x')) throw new OwnershipError(`partition "${value}" is neither bytes32 hex (0x and 64 hex digits) nor a partition name`)
    try {
        return encodeBytes32String(value)
    } catch {
        throw new OwnershipError(`partition "${value}" is longer than the 31 bytes a bytes32 name holds`)
    }
}

/**
 * A partition as given (bytes32 hex or its name) as the bytes32 hex of one that the token `address` —
 * indexed under `tokenIds` (one per chain) — has had: an error that says so when the token follows no
 * partitioned standard or never had that partition.
 */
export async function knownPartition(query: SqlQuery, address: string, tokenIds: string[], partition: string): Promise<string> {
    const p = parsePartition(partition)
    const rows = await query(
        `SELECT t.standard, EXISTS (SELECT 1 FROM token_partition tp WHERE tp.token_id = t.id AND tp.partition = $2) AS known
           FROM token t WHERE t.id = ANY($1::text[]) ORDER BY t.id`,
        [tokenIds, p])
    if (!rows.some(r => r.standard === 'ERC1400')) throw new OwnershipError(`token ${address} is an ${String(rows[0]?.standard ?? 'unknown')} token: only ERC-1400 tokens have partitions`)
    if (!rows.some(r => r.known === true)) throw new OwnershipError(`token ${address} has no partition ${partition}${p === partition ? '' : ` (${p})`}`)
    return p
}

/**
 * `token` scoped to one of its partitions for as-of reads (see ledgerTable): an error that
 * says so when the token follows no partitioned standard or never had that partition.
 */
export async function inPartitionOf(query: SqlQuery, token: IndexedToken, partition: string): Promise<IndexedToken> {
    return {...token, partition: await knownPartition(query, token.address, [token.id], partition)}
}

/** `token` as is without a partition, else scoped to it (inPartitionOf). */
export async function scopedTo(query: SqlQuery, token: IndexedToken, partition: string | null | undefined): Promise<IndexedToken> {
    return partition == null ? token : inPartitionOf(query, token, partition)
}

/** Parameterized SQL: `$1`, `$2`… bound to `params`. */
export type SqlQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>

export interface IndexedToken {
    /** the Token entity id: `<chainId>-<address>` */
    id: string
    chainId: number
    address: string
    symbol: string | null
    decimals: number | null
    createdAtBlock: number
    /** rows in the token's balance-change ledger */
    balanceChangeCount: number
    /** an ERC-1400 partition (bytes32 hex): as-of reads walk that partition's ledger instead of the whole token's */
    partition?: string | null
}

/** The ledger as-of reads of `token` walk: the whole token's, or one partition's (ERC-1400). */
export const ledgerTable = (token: IndexedToken): string => (token.partition == null ? 'balance_change' : 'partition_balance_change')

/** Condition on the ledger's rows for the partition bound as `param` (always bound: null for the whole token). */
export const inPartition = (token: IndexedToken, param: string): string => (token.partition == null ? `${param}::text IS NULL` : `partition = ${param}`)

export interface HolderAtBlock extends HolderBalance {
    /** partially frozen tokens (TokensFrozen − TokensUnfrozen) at the block */
    frozenTokens: bigint
    /** whether the wallet address itself was frozen at the block */
    addressFrozen: boolean
}

export interface OwnershipAt {
    token: IndexedToken
    block: number
    /** Σ balances: the token's total supply at the block */
    totalSupply: bigint
    /** by wallet address, ascending; balance > 0 only */
    holders: HolderAtBlock[]
}

export interface IndexHead {
    /** the last block committed, unfinalized (hot) blocks included */
    height: number
    /** the last finalized block committed */
    finalized: number
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

export function isAddress(value: string): boolean {
    return ADDRESS.test(value)
}

/** The head of the index, or null when the processor never committed a block. */
export async function indexHead(query: SqlQuery): Promise<IndexHead | null> {
    const head = await indexStatus(sql => query(sql))
    if (head == null) return null
    const finalized = await query('SELECT height FROM squid_processor.status WHERE id = 0')
    return {height: head.height, finalized: Number(finalized[0]?.height ?? -1)}
}

/** The indexed token at `address` (any case); `chainId` is needed only when several chains share the database. */
export async function findToken(query: SqlQuery, address: string, chainId?: number): Promise<IndexedToken> {
    if (!isAddress(address)) throw new OwnershipError(`"${address}" is not a token address (0x followed by 40 hex digits)`)
    const rows = await query(
        `SELECT t.id, t.chain_id, t.address, t.symbol, t.decimals, t.created_at_block, t.balance_change_count
           FROM token t
          WHERE t.address = $1 AND ($2::int IS NULL OR t.chain_id = $2::int)
          ORDER BY t.chain_id`,
        [address.toLowerCase(), chainId ?? null],
    )
    if (rows.length === 0) {
        throw new OwnershipError(`token ${address.toLowerCase()} is not indexed${chainId == null ? '' : ` on chain ${chainId}`}: ` +
            'check the address, and that the indexer watches it (TREX_FACTORIES or TOKENS) and has reached its deployment')
    }
    if (rows.length > 1) {
        throw new OwnershipError(`token ${address.toLowerCase()} is indexed on several chains (${rows.map(r => String(r.chain_id)).join(', ')}): give the chain id`)
    }
    const r = rows[0]!
    return {
        id: String(r.id),
        chainId: Number(r.chain_id),
        address: String(r.address),
        symbol: r.symbol == null ? null : String(r.symbol),
        decimals: r.decimals == null ? null : Number(r.decimals),
        createdAtBlock: Number(r.created_at_block),
        balanceChangeCount: Number(r.balance_change_count),
    }
}

export interface OwnershipAtOptions {
    token: string
    block: number
    chainId?: number
    /** ERC-1400: the holders of this partition (bytes32 hex or its name) instead of the whole token's */
    partition?: string | null
    /**
     * The indexed head to check `block` against. Omitted: read from squid_processor (the CLI, the
     * API). The processor, which reads inside its own batch before the status is committed, passes
     * the height of the block being processed.
     */
    head?: number
}

/**
 * The indexed token, with `block` checked against its deployment and the indexed head, and its symbol and
 * decimals as they were at the end of `block` (TOKEN_INFO: a renamed token answers with its old symbol).
 */
export async function tokenAtBlock(query: SqlQuery, opts: OwnershipAtOptions): Promise<IndexedToken> {
    const {block} = opts
    if (!Number.isSafeInteger(block) || block < 0) throw new OwnershipError(`record block ${block} is not a block number`)
    const token = await findToken(query, opts.token, opts.chainId)
    const head = opts.head ?? (await indexHead(query))?.height
    if (head == null) throw new OwnershipError('the index is empty: the indexer has not committed any block yet')
    if (block > head) {
        throw new OwnershipError(`record block ${block} is beyond the indexed head ${head}: ` +
            'ownership there is not known yet (wait for the indexer to catch up, or choose an earlier block)')
    }
    if (block < token.createdAtBlock) {
        throw new OwnershipError(`record block ${block} is before token ${token.address} was deployed (block ${token.createdAtBlock}): it had no holders`)
    }
    const info = (await factAt<TokenInfoValue>(query, token.chainId, 'TOKEN_INFO', token.address, block))?.value
    return {...token, symbol: info?.symbol ?? token.symbol, decimals: info?.decimals ?? token.decimals}
}

/** The holders of record of `token` (of its partition `opts.partition`) at the end of `block`, from the index; see the rules above. */
export async function ownershipAt(query: SqlQuery, opts: OwnershipAtOptions): Promise<OwnershipAt> {
    const {block} = opts
    const token = await scopedTo(query, await tokenAtBlock(query, opts), opts.partition)
    const [held, frozen] = await Promise.all([investorBalancesAt(query, token, block), frozenAt(query, token, block)])
    const holders = held.map(h => ({...h, ...frozenPart(frozen, h.wallet, h.balance, block)}))
    return {token, block, totalSupply: holders.reduce((sum, h) => sum + h.balance, 0n), holders}
}

/** Every holder at the end of `block` with the investor behind it (no freezes), by wallet address. */
export async function investorBalancesAt(query: SqlQuery, token: IndexedToken, block: number): Promise<Omit<HolderBalance, 'frozen'>[]> {
    const [balances, investors] = await Promise.all([
        query(
            `SELECT wallet, balance_after::text AS balance FROM ${ledgerTable(token)}
              WHERE token_id = $1 AND ${inPartition(token, '$3')} AND balance_after > 0 AND int4range(block_number, valid_until_block) @> $2::int
              ORDER BY wallet COLLATE "C"`,
            [token.id, block, token.partition ?? null],
        ),
        investorsAt(query, token, block),
    ])
    return balances.map(r => ({wallet: String(r.wallet), investor: investors.get(String(r.wallet)) ?? null, balance: BigInt(String(r.balance))}))
}

export interface FrozenAt {
    tokens: Map<string, bigint>
    addresses: Set<string>
}

/** Partially frozen tokens and wholly frozen wallets at the end of `block`; only `wallets` when given. */
export async function frozenAt(query: SqlQuery, token: IndexedToken, block: number, wallets?: readonly string[]): Promise<FrozenAt> {
    const facts = await factsAt<FreezeValue>(query, token.chainId, 'FREEZE', token.address, block, wallets)
    const out: FrozenAt = {tokens: new Map(), addresses: new Set()}
    for (const [wallet, f] of facts) {
        out.tokens.set(wallet, BigInt(f.value.frozenTokens))
        if (f.value.isFrozen) out.addresses.add(wallet)
    }
    return out
}

/** A wallet's frozen amount (a wholly frozen wallet: its whole balance) and freeze flags. */
export function frozenPart(f: FrozenAt, wallet: string, balance: bigint, block: number): Pick<HolderAtBlock, 'frozen' | 'frozenTokens' | 'addressFrozen'> {
    const tokensFrozen = f.tokens.get(wallet) ?? 0n
    if (tokensFrozen < 0n) throw new OwnershipError(`the index has a negative frozen amount for ${wallet} at block ${block}: reindex`)
    const addressFrozen = f.addresses.has(wallet)
    return {frozen: addressFrozen ? balance : tokensFrozen < balance ? tokensFrozen : balance, frozenTokens: tokensFrozen, addressFrozen}
}

/** wallet → {identity, country} registered at the end of `block` in the storage the token used then; only `wallets` when given. */
export async function registrationsAt(query: SqlQuery, token: IndexedToken, block: number, wallets?: readonly string[]): Promise<Map<string, RegistrationValue>> {
    const {identityStorage} = await tokenInfoAt(query, token.chainId, token.address, block)
    if (identityStorage == null) return new Map()
    const facts = await factsAt<RegistrationValue>(query, token.chainId, 'REGISTRATION', identityStorage, block, wallets)
    return new Map([...facts].map(([wallet, f]) => [wallet, f.value]))
}

/** Which of `wallets` passed the token's identity registry (isVerified) at the end of `block`: the registry the token used then. */
export async function verifiedAt(query: SqlQuery, token: IndexedToken, block: number, wallets: readonly string[]): Promise<Set<string>> {
    const {info} = await tokenInfoAt(query, token.chainId, token.address, block)
    if (info?.identityRegistry == null) return new Set()
    return new Set((await factsAt(query, token.chainId, 'VERIFIED', info.identityRegistry, block, wallets)).keys())
}

/** wallet → investor identity at the end of `block`; only `wallets` when given. */
export async function investorsAt(query: SqlQuery, token: IndexedToken, block: number, wallets?: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await registrationsAt(query, token, block, wallets))].map(([wallet, r]) => [wallet, r.identity]))
}
