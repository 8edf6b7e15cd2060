import type {TokenInfo} from '../mapping/tokenInfo'
import {SqlQuery} from './ownershipAt'

// The one reader of the facts' past (fact_version, written by src/mapping/facts.ts): every as-of
// answer about registrations, countries, verification, freezes, token info, roles, modules, settings and
// implementation versions reads its versions here, so no two readers can disagree about a fact.

/** The kinds of FactKind (schema.graphql), as stored. */
export type FactKindName =
    | 'TOKEN_INFO' | 'REGISTRY_LINKS' | 'REGISTRATION' | 'VERIFIED' | 'FREEZE'
    | 'ROLE' | 'MODULE' | 'MODULE_SETTING' | 'TRUSTED_ISSUER' | 'CLAIM_TOPIC' | 'IMPLEMENTATION_AUTHORITY' | 'TREX_VERSION'
    | 'PARTITION_SUPPLY' | 'OPERATOR' | 'PARTITION_OPERATOR' | 'DOCUMENT'

/** One version valid at the block asked about. */
export interface FactAt<V = Record<string, unknown>> {
    key: string
    value: V
    /** the block from whose end this version holds */
    fromBlock: number
    txHash: string
    actor: string
}

/** Condition: version `alias` holds at the end of block `$n`. */
export const validAt = (alias: string, param: string): string =>
    `${alias}.from_block <= ${param} AND (${alias}.valid_until_block IS NULL OR ${alias}.valid_until_block > ${param})`

/**
 * The versions of facts `kind` of `contract` valid at the end of `block`, by key (only `keys` when
 * given). A fact with no version valid at the block did not hold then (no registration, no role, …).
 */
export async function factsAt<V = Record<string, unknown>>(
    query: SqlQuery, chainId: number, kind: FactKindName, contract: string, block: number, keys?: readonly string[],
): Promise<Map<string, FactAt<V>>> {
    const rows = await query(
        `SELECT f.key, f.value, f.from_block, f.tx_hash, f.actor FROM fact_version f
          WHERE f.chain_id = $1 AND f.kind = $2 AND f.contract = $3 AND ${validAt('f', '$4')} AND ($5::text[] IS NULL OR f.key = ANY($5))`,
        [chainId, kind, contract, block, keys ?? null],
    )
    return byKey<V>(rows)
}

const byKey = <V>(rows: Record<string, unknown>[]): Map<string, FactAt<V>> => new Map(rows.map(r => [String(r.key), {
    key: String(r.key),
    value: (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) as V,
    fromBlock: Number(r.from_block),
    txHash: String(r.tx_hash),
    actor: String(r.actor),
}]))

/** PARTITION_SUPPLY: an ERC-1400 partition's supply (decimal string) and holders. */
export interface PartitionSupplyValue {
    totalSupply: string
    holderCount: number
}

/** Where a fact's unbroken run began: the version that opened it. */
export interface HeldSince {
    /** the block from whose end the fact has held without a break (changes of value do not break it) */
    fromBlock: number
    txHash: string
    actor: string
}

/**
 * For facts `keys` of `contract` that hold at the end of `block` (as factsAt found them): since when
 * each has held without a break. A version ending in the block where the next one starts is no break
 * (a registration's new country, a wallet deleted and registered again within one block).
 */
export async function heldSince(
    query: SqlQuery, chainId: number, kind: FactKindName, contract: string, block: number, keys: readonly string[],
): Promise<Map<string, HeldSince>> {
    if (keys.length === 0) return new Map()
    const rows = await query(
        `WITH v AS (
            SELECT f.key, f.from_block, f.log_index, f.tx_hash, f.actor,
                   lag(f.valid_until_block) OVER (PARTITION BY f.key ORDER BY f.from_block, f.log_index) AS previous_until,
                   row_number() OVER (PARTITION BY f.key ORDER BY f.from_block, f.log_index) AS n
              FROM fact_version f
             WHERE f.chain_id = $1 AND f.kind = $2 AND f.contract = $3 AND f.key = ANY($4) AND f.from_block <= $5)
         SELECT DISTINCT ON (key) key, from_block, tx_hash, actor FROM v
          WHERE n = 1 OR previous_until < from_block
          ORDER BY key, from_block DESC, log_index DESC`,
        [chainId, kind, contract, keys, block],
    )
    return new Map(rows.map(r => [String(r.key), {fromBlock: Number(r.from_block), txHash: String(r.tx_hash), actor: String(r.actor)}]))
}

/**
 * The wallets registered to investor `identity` at the end of `block` in identity registry storage
 * `storage`, by wallet (served by the migration StateAtIndexes' index on the registered identity).
 */
export async function walletsOfIdentityAt(
    query: SqlQuery, chainId: number, storage: string, identity: string, block: number,
): Promise<Map<string, FactAt<RegistrationValue>>> {
    const rows = await query(
        `SELECT f.key, f.value, f.from_block, f.tx_hash, f.actor FROM fact_version f
          WHERE f.chain_id = $1 AND f.kind = 'REGISTRATION' AND f.contract = $2 AND f.value->>'identity' = $3 AND ${validAt('f', '$4')}`,
        [chainId, storage, identity, block],
    )
    return byKey<RegistrationValue>(rows)
}

/** The one version of a contract-level fact (TOKEN_INFO, REGISTRY_LINKS, IMPLEMENTATION_AUTHORITY, TREX_VERSION) valid at `block`, if any. */
export async function factAt<V = Record<string, unknown>>(query: SqlQuery, chainId: number, kind: FactKindName, contract: string, block: number): Promise<FactAt<V> | undefined> {
    return (await factsAt<V>(query, chainId, kind, contract, block, [''])).get('')
}

/** A token's information as recorded (TOKEN_INFO): what the mapping read and followed, paused always known. */
export type TokenInfoValue = Omit<TokenInfo, 'paused'> & {paused: boolean}

export interface RegistryLinksValue {
    identityStorage: string | null
    trustedIssuersRegistry: string | null
    claimTopicsRegistry: string | null
}

export interface RegistrationValue {
    /** the investor's ONCHAINID identity */
    identity: string
    /** ISO 3166-1 numeric */
    country: number
}

export interface FreezeValue {
    isFrozen: boolean
    /** partially frozen tokens, raw units, decimal string */
    frozenTokens: string
}

/** The token's information, identity registry and that registry's storage, all as of the end of `block`. */
export async function tokenInfoAt(query: SqlQuery, chainId: number, token: string, block: number): Promise<{info: TokenInfoValue | null; identityStorage: string | null}> {
    const info = (await factAt<TokenInfoValue>(query, chainId, 'TOKEN_INFO', token, block))?.value ?? null
    const links = info?.identityRegistry ? await factAt<RegistryLinksValue>(query, chainId, 'REGISTRY_LINKS', info.identityRegistry, block) : undefined
    return {info, identityStorage: links?.value.identityStorage ?? null}
}

/** IMPLEMENTATION_AUTHORITY of a T-REX proxy or factory. */
export interface ImplementationAuthorityValue {
    implementationAuthority: string
}

/** TREX_VERSION of an implementation authority. */
export interface TrexVersionValue {
    /** major.minor.patch ("4.1.6"); null when unknown (superseded within its block, or no getCurrentVersion()) */
    version: string | null
}

/** The implementation authority a T-REX proxy (token, registry, storage, compliance) used at the end of `block`, and that authority's T-REX version then. */
export async function implementationAt(query: SqlQuery, chainId: number, proxy: string, block: number): Promise<{implementationAuthority: string | null; trexVersion: string | null}> {
    const authority = (await factAt<ImplementationAuthorityValue>(query, chainId, 'IMPLEMENTATION_AUTHORITY', proxy, block))?.value.implementationAuthority ?? null
    const version = authority ? await factAt<TrexVersionValue>(query, chainId, 'TREX_VERSION', authority, block) : undefined
    return {implementationAuthority: authority, trexVersion: version?.value.version ?? null}
}

/** ROLE: key `AGENT:<account>` or `OWNER:<account>`. */
export interface RoleValue {
    role: 'AGENT' | 'OWNER'
    account: string
}

/**
 * Every wallet ever registered to investor `identity` in a storage token `token` used, at any block:
 * whose movements make up that investor's ownership history (recovered and replaced wallets included).
 */
export async function walletsEverOfIdentity(query: SqlQuery, chainId: number, token: string, identity: string): Promise<string[]> {
    const rows = await query(
        `SELECT DISTINCT r.key AS wallet FROM fact_version r
          WHERE r.chain_id = $1 AND r.kind = 'REGISTRATION' AND r.value->>'identity' = $3
            AND r.contract IN (SELECT l.value->>'identityStorage' FROM fact_version l
                                WHERE l.chain_id = $1 AND l.kind = 'REGISTRY_LINKS'
                                  AND l.contract IN (SELECT t.value->>'identityRegistry' FROM fact_version t
                                                      WHERE t.chain_id = $1 AND t.kind = 'TOKEN_INFO' AND t.contract = $2))
          ORDER BY 1`,
        [chainId, token, identity],
    )
    return rows.map(r => String(r.wallet))
}

/**
 * SQL for a lateral subquery giving `value`, the TOKEN_INFO version of the token at `contract` valid at the end
 * of `block` (SQL expressions of the outer row): the latest version from that block or before, one backward
 * scan of fact_version's (chain_id, kind, contract, key, from_block) index per outer row.
 */
export const tokenInfoAtSql = (chainId: string, contract: string, block: string): string =>
    `(SELECT f.value FROM fact_version f
       WHERE f.chain_id = ${chainId} AND f.kind = 'TOKEN_INFO' AND f.key = '' AND f.contract = ${contract} AND f.from_block <= ${block}
       ORDER BY f.from_block DESC, f.log_index DESC LIMIT 1)`
