import {OperatorError} from '../errors'
import {FactAt, factsAt, heldSince, HeldSince, implementationAt, RegistrationValue, RoleValue, tokenInfoAt, TokenInfoValue, walletsOfIdentityAt} from './factsAt'
import {totalsAt, TotalsAt} from './ledgerAt'
import {frozenAt, IndexedToken, isAddress, SqlQuery} from './ownershipAt'

// The state of a token, a wallet, an investor or a contract's roles as of the END of a block, read
// from the indexed history: balances from the ledger's validity ranges, every other fact from its
// versions (./factsAt). Addresses lowercase; amounts bigint in the token's smallest unit.

export class StateError extends OperatorError {}

export interface TokenStateAt {
    /** TOKEN_INFO at the block (name, symbol, decimals, version, onchainID, registry, compliance, paused); null before the token was seen */
    info: TokenInfoValue | null
    /** the storage of the registry the token used at the block */
    identityStorage: string | null
    /** supply, holders and investors from the token's last checkpoint at or before the block */
    totals: TotalsAt
    /** the implementation authority the token's proxy used at the block (getImplementationAuthority) */
    implementationAuthority: string | null
    /** that authority's getCurrentVersion() at the block, major.minor.patch */
    trexVersion: string | null
}

export async function tokenStateAt(query: SqlQuery, token: IndexedToken, block: number): Promise<TokenStateAt> {
    const [{info, identityStorage}, totals, {implementationAuthority, trexVersion}] = await Promise.all([
        tokenInfoAt(query, token.chainId, token.address, block), totalsAt(query, token, block), implementationAt(query, token.chainId, token.address, block),
    ])
    return {info, identityStorage, totals, implementationAuthority, trexVersion}
}

export interface WalletStateAt {
    wallet: string
    /** balance at the end of the block (0 for a wallet that never held) */
    balance: bigint
    /** tokens frozen by partial freezes (getFrozenTokens) */
    frozenTokens: bigint
    /** the wallet itself frozen (isFrozen) */
    isFrozen: boolean
    /** its registration in the storage the token used at the block; null when not registered there */
    registration: RegistrationValue | null
    /** the registration's unbroken run (identity or country changes do not break it); null when not registered */
    registeredSince: HeldSince | null
    /** isVerified of the token's identity registry at the block */
    verified: boolean
}

/** The identity registry a token used at a block, and that registry's storage then: where registration and verification are read. */
export interface RegistryAt {
    identityRegistry: string | null
    identityStorage: string | null
}

export interface WalletsStateAt extends RegistryAt {
    /** in the order of the wallets asked */
    wallets: WalletStateAt[]
}

async function registryAt(query: SqlQuery, token: IndexedToken, block: number): Promise<RegistryAt> {
    const {info, identityStorage} = await tokenInfoAt(query, token.chainId, token.address, block)
    return {identityRegistry: info?.identityRegistry ?? null, identityStorage}
}

/** Each of `wallets` (lowercase) in `token` at the end of `block`. */
export async function walletsStateAt(query: SqlQuery, token: IndexedToken, wallets: readonly string[], block: number): Promise<WalletsStateAt> {
    return walletsIn(query, token, await registryAt(query, token, block), wallets, block)
}

/** The wallets registered to investor `identity` in the token's storage at the end of `block`, each as walletsStateAt reads it, by address. */
export async function investorStateAt(query: SqlQuery, token: IndexedToken, identity: string, block: number): Promise<WalletsStateAt> {
    const registry = await registryAt(query, token, block)
    const registered = registry.identityStorage == null ? []
        : [...(await walletsOfIdentityAt(query, token.chainId, registry.identityStorage, identity, block)).keys()]
    return walletsIn(query, token, registry, registered.sort(), block)
}

/** `wallets` at the end of `block`, their registration and verification read in `registry`. */
async function walletsIn(query: SqlQuery, token: IndexedToken, {identityRegistry, identityStorage}: RegistryAt, wallets: readonly string[], block: number): Promise<WalletsStateAt> {
    const [balances, frozen, registrations, verified] = await Promise.all([
        balancesOfAt(query, token, wallets, block),
        frozenAt(query, token, block, wallets),
        identityStorage == null ? new Map<string, FactAt<RegistrationValue>>() : factsAt<RegistrationValue>(query, token.chainId, 'REGISTRATION', identityStorage, block, wallets),
        identityRegistry == null ? new Map<string, FactAt>() : factsAt(query, token.chainId, 'VERIFIED', identityRegistry, block, wallets),
    ])
    const since = identityStorage == null ? new Map<string, HeldSince>()
        : await heldSince(query, token.chainId, 'REGISTRATION', identityStorage, block, [...registrations.keys()])
    return {
        identityRegistry,
        identityStorage,
        wallets: wallets.map(wallet => ({
            wallet,
            balance: balances.get(wallet) ?? 0n,
            frozenTokens: frozen.tokens.get(wallet) ?? 0n,
            isFrozen: frozen.addresses.has(wallet),
            registration: registrations.get(wallet)?.value ?? null,
            registeredSince: since.get(wallet) ?? null,
            verified: verified.has(wallet),
        })),
    }
}

/** wallet → balance at the end of `block`: its one ledger row valid then (found backwards from the block); absent when it never held. */
export async function balancesOfAt(query: SqlQuery, token: IndexedToken, wallets: readonly string[], block: number): Promise<Map<string, bigint>> {
    if (wallets.length === 0) return new Map()
    const rows = await query(
        `SELECT w.wallet, b.balance FROM unnest($2::text[]) AS w(wallet)
           JOIN LATERAL (
             SELECT balance_after::text AS balance FROM balance_change
              WHERE token_id = $1 AND wallet = w.wallet AND block_number <= $3 AND (valid_until_block IS NULL OR valid_until_block > $3)
              ORDER BY block_number DESC LIMIT 1) b ON true`,
        [token.id, wallets, block],
    )
    return new Map(rows.map(r => [String(r.wallet), BigInt(String(r.balance))]))
}

/** A contract the indexer watches, as the API names it. */
export interface WatchedContractRef {
    chainId: number
    address: string
    /** ContractKind: TOKEN, IDENTITY_REGISTRY, COMPLIANCE, … */
    kind: string
}

/** The watched contract at `address` (any case); an unknown or ambiguous address is an error that says so. */
export async function findContract(query: SqlQuery, address: string): Promise<WatchedContractRef> {
    if (!isAddress(address)) throw new StateError(`contract "${address}" is not a 0x-prefixed 20-byte hex address`)
    const rows = await query('SELECT chain_id, address, kind FROM watched_contract WHERE address = $1 ORDER BY chain_id', [address.toLowerCase()])
    if (rows.length === 0) {
        throw new StateError(`contract ${address.toLowerCase()} is not watched by the indexer: give a token, or a contract one of its tokens revealed`)
    }
    if (rows.length > 1) throw new StateError(`contract ${address.toLowerCase()} is watched on several chains (${rows.map(r => String(r.chain_id)).join(', ')})`)
    const r = rows[0]!
    return {chainId: Number(r.chain_id), address: String(r.address), kind: String(r.kind)}
}

export interface RoleHolder {
    account: string
    /** the grant that began the account's unbroken hold of the role */
    since: HeldSince
}

export interface RolesAt {
    contract: string
    agents: RoleHolder[]
    owners: RoleHolder[]
}

/** The agents and owners of `contract` at the end of `block`, each by account. */
export async function rolesAt(query: SqlQuery, chainId: number, contract: string, block: number): Promise<RolesAt> {
    const held = await factsAt<RoleValue>(query, chainId, 'ROLE', contract, block)
    const since = await heldSince(query, chainId, 'ROLE', contract, block, [...held.keys()])
    const holders = (role: RoleValue['role']): RoleHolder[] => [...held.values()]
        .filter(f => f.value.role === role)
        .map(f => ({account: f.value.account, since: since.get(f.key) ?? f}))
        .sort((a, b) => (a.account < b.account ? -1 : 1))
    return {contract, agents: holders('AGENT'), owners: holders('OWNER')}
}
