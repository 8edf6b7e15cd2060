import {OperatorError} from '../errors'
import {indexStatus} from '../dev/status'
import {HolderBalance} from './entitlements'

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
 * - frozen tokens: Σ TOKENS_FROZEN − Σ TOKENS_UNFROZEN amounts of the token's `audit_event`s for the
 *   wallet up to B (T-REX emits TokensUnfrozen also when a forced transfer, burn or recovery eats
 *   into frozen tokens, so the sum follows the contract's `getFrozenTokens`).
 * - address frozen: the `isFrozen` of the wallet's last ADDRESS_FROZEN event up to B. A frozen
 *   address counts as frozen for its whole balance (`frozen = balance`).
 * - investor: replayed from the identity registry storage's IDENTITY_STORED / IDENTITY_UNSTORED /
 *   IDENTITY_MODIFIED audit events up to B (the `identity_wallet` table keeps only the latest
 *   registration of a wallet, so it cannot answer for a past block after a re-registration or an
 *   identity change). The storage is the one of the token's CURRENT identity registry
 *   (`token.identity_registry` → `watched_contract.identity_storage`); a token that switched
 *   registry or storage after B is read through the current one.
 */

export class OwnershipError extends OperatorError {}

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
    identityRegistry: string | null
    identityStorage: string | null
    /** rows in the token's balance-change ledger */
    balanceChangeCount: number
}

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
        `SELECT t.id, t.chain_id, t.address, t.symbol, t.decimals, t.created_at_block, t.identity_registry, t.balance_change_count,
                (SELECT w.identity_storage FROM watched_contract w
                  WHERE w.chain_id = t.chain_id AND w.address = t.identity_registry AND w.identity_storage IS NOT NULL
                  ORDER BY w.discovered_at_block DESC LIMIT 1) AS identity_storage
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
        identityRegistry: r.identity_registry == null ? null : String(r.identity_registry),
        identityStorage: r.identity_storage == null ? null : String(r.identity_storage),
        balanceChangeCount: Number(r.balance_change_count),
    }
}

export interface OwnershipAtOptions {
    token: string
    block: number
    chainId?: number
    /**
     * The indexed head to check `block` against. Omitted: read from squid_processor (the CLI, the
     * API). The processor, which reads inside its own batch before the status is committed, passes
     * the height of the block being processed.
     */
    head?: number
}

/** The indexed token, with `block` checked against its deployment and the indexed head. */
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
    return token
}

/** The holders of record of `token` at the end of `block`, from the index; see the rules above. */
export async function ownershipAt(query: SqlQuery, opts: OwnershipAtOptions): Promise<OwnershipAt> {
    const {block} = opts
    const token = await tokenAtBlock(query, opts)
    const [held, frozen] = await Promise.all([investorBalancesAt(query, token, block), frozenAt(query, token, block)])
    const holders = held.map(h => ({...h, ...frozenPart(frozen, h.wallet, h.balance, block)}))
    return {token, block, totalSupply: holders.reduce((sum, h) => sum + h.balance, 0n), holders}
}

/** Every holder at the end of `block` with the investor behind it (no freezes), by wallet address. */
export async function investorBalancesAt(query: SqlQuery, token: IndexedToken, block: number): Promise<Omit<HolderBalance, 'frozen'>[]> {
    const [balances, investors] = await Promise.all([
        query(
            `SELECT wallet, balance_after::text AS balance FROM balance_change
              WHERE token_id = $1 AND balance_after > 0 AND int4range(block_number, valid_until_block) @> $2::int
              ORDER BY wallet COLLATE "C"`,
            [token.id, block],
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
    const frozenTokens = await query(
        `SELECT subject AS wallet,
                SUM(CASE WHEN kind = 'TOKENS_FROZEN' THEN amount ELSE -amount END)::text AS frozen
           FROM audit_event
          WHERE token_id = $1 AND contract = $2 AND kind IN ('TOKENS_FROZEN', 'TOKENS_UNFROZEN')
            AND block_number <= $3 AND subject IS NOT NULL AND ($4::text[] IS NULL OR subject = ANY($4))
          GROUP BY subject`,
        [token.id, token.address, block, wallets ?? null],
    )
    const frozenAddresses = await query(
        `SELECT DISTINCT ON (subject) subject AS wallet, (params->>'isFrozen')::boolean AS frozen
           FROM audit_event
          WHERE token_id = $1 AND contract = $2 AND kind = 'ADDRESS_FROZEN' AND block_number <= $3 AND subject IS NOT NULL
            AND ($4::text[] IS NULL OR subject = ANY($4))
          ORDER BY subject, block_number DESC, log_index DESC`,
        [token.id, token.address, block, wallets ?? null],
    )
    return {
        tokens: new Map(frozenTokens.map(r => [String(r.wallet), BigInt(String(r.frozen))])),
        addresses: new Set(frozenAddresses.filter(r => r.frozen === true).map(r => String(r.wallet))),
    }
}

/** A wallet's frozen amount (a wholly frozen wallet: its whole balance) and freeze flags. */
export function frozenPart(f: FrozenAt, wallet: string, balance: bigint, block: number): Pick<HolderAtBlock, 'frozen' | 'frozenTokens' | 'addressFrozen'> {
    const tokensFrozen = f.tokens.get(wallet) ?? 0n
    if (tokensFrozen < 0n) throw new OwnershipError(`the index has a negative frozen amount for ${wallet} at block ${block}: reindex`)
    const addressFrozen = f.addresses.has(wallet)
    return {frozen: addressFrozen ? balance : tokensFrozen < balance ? tokensFrozen : balance, frozenTokens: tokensFrozen, addressFrozen}
}

/**
 * wallet → investor identity at the end of `block`, from the storage's IDENTITY_STORED / UNSTORED /
 * MODIFIED audit rows; only `wallets` when given. Each wallet's last such row decides: its `investor`
 * is the identity stored or modified to (after UNSTORED: none). A modification whose wallet the
 * indexer could not read moves every wallet of the old identity: then the rows are replayed in order.
 */
export async function investorsAt(query: SqlQuery, token: IndexedToken, block: number, wallets?: readonly string[]): Promise<Map<string, string>> {
    if (token.identityStorage == null) return new Map()
    const params = [token.chainId, token.identityStorage, block, wallets ?? null]
    const [walletless] = await query(
        `SELECT 1 AS found FROM audit_event WHERE chain_id = $1 AND contract = $2 AND kind = 'IDENTITY_MODIFIED' AND subject IS NULL AND block_number <= $3 LIMIT 1`,
        params.slice(0, 3),
    )
    if (walletless) return replayInvestors(query, params)
    const rows = await query(
        `SELECT DISTINCT ON (subject) subject, kind, investor FROM audit_event
          WHERE chain_id = $1 AND contract = $2 AND kind IN ('IDENTITY_STORED', 'IDENTITY_UNSTORED', 'IDENTITY_MODIFIED')
            AND block_number <= $3 AND subject IS NOT NULL AND ($4::text[] IS NULL OR subject = ANY($4))
          ORDER BY subject, block_number DESC, log_index DESC`,
        params,
    )
    return new Map(rows.filter(r => r.kind !== 'IDENTITY_UNSTORED' && r.investor != null).map(r => [String(r.subject), String(r.investor)]))
}

async function replayInvestors(query: SqlQuery, params: unknown[]): Promise<Map<string, string>> {
    const events = await query(
        `SELECT kind, params, subject FROM audit_event
          WHERE chain_id = $1 AND contract = $2 AND kind IN ('IDENTITY_STORED', 'IDENTITY_UNSTORED', 'IDENTITY_MODIFIED')
            AND block_number <= $3 AND ($4::text[] IS NULL OR subject = ANY($4) OR (kind = 'IDENTITY_MODIFIED' AND subject IS NULL))
          ORDER BY block_number, log_index`,
        params,
    )
    const investorOf = new Map<string, string>()
    for (const e of events) {
        const p = (typeof e.params === 'string' ? JSON.parse(e.params) : e.params) as Record<string, unknown>
        switch (e.kind) {
            case 'IDENTITY_STORED':
                investorOf.set(String(p.investorAddress), String(p.identity))
                break
            case 'IDENTITY_UNSTORED':
                investorOf.delete(String(p.investorAddress))
                break
            case 'IDENTITY_MODIFIED':
                // The event names the identities; the indexer records the wallet from the call as subject when
                // it could read it, else every wallet of the old identity moves (as the mapping does).
                for (const [wallet, investor] of investorOf) {
                    if (investor === String(p.oldIdentity) && (e.subject == null || e.subject === wallet)) investorOf.set(wallet, String(p.newIdentity))
                }
                break
        }
    }
    return investorOf
}
