// Compliance status of a token from its indexed module settings; pure (no I/O, bigint only).

/** One setting of one module for one compliance, in force at the block asked about (a MODULE_SETTING fact). */
export interface ModuleSettingRow {
    module: string
    key: string
    value: string
}

/**
 * Which countries the compliance's ACTIVE modules let hold the token, from their settings:
 * - `allowedCountry:<n>` = 'true' | 'false' (CountryAllowModule): when any such key exists, only the
 *   countries set to 'true' are allowed;
 * - `restrictedCountry:<n>` = 'true' | 'false' (CountryRestrictModule): the countries set to 'true' are not.
 * `isAllowed(country)` is null when neither kind of key exists (no country rule to judge by). A holder with no
 * known country is judged as country 0, as the modules see an unregistered wallet (`investorCountry` = 0).
 */
export interface CountryRules {
    /** whether any CountryAllow-like setting exists */
    hasRules: boolean
    /** countries allowed by an allow-list ('true'), ascending; null without an allow-list */
    allowList: number[] | null
    /** countries restricted ('true'), ascending */
    restricted: number[]
    isAllowed(country: number | null): boolean | null
}

export function countryRules(settings: readonly ModuleSettingRow[]): CountryRules {
    let hasAllowList = false
    let hasRestrictions = false
    const allowed = new Set<number>()
    const restricted = new Set<number>()
    for (const s of settings) {
        const allow = /^allowedCountry:(\d+)$/.exec(s.key)
        if (allow) {
            hasAllowList = true
            if (s.value === 'true') allowed.add(Number(allow[1]))
            continue
        }
        const restrict = /^restrictedCountry:(\d+)$/.exec(s.key)
        if (restrict) {
            hasRestrictions = true
            if (s.value === 'true') restricted.add(Number(restrict[1]))
        }
    }
    const hasRules = hasAllowList || hasRestrictions
    const asc = (set: Set<number>) => [...set].sort((a, b) => a - b)
    return {
        hasRules,
        allowList: hasAllowList ? asc(allowed) : null,
        restricted: asc(restricted),
        isAllowed(country) {
            if (!hasRules) return null
            const c = country ?? 0
            if (hasAllowList && !allowed.has(c)) return false
            return !restricted.has(c)
        },
    }
}

/**
 * The per-identity cap of MaxBalanceModule (`maxBalance` key), in the token's smallest unit; the smallest when
 * several active modules set one; null when none does (or no value parses as a non-negative integer).
 */
export function maxBalanceOf(settings: readonly ModuleSettingRow[]): bigint | null {
    let cap: bigint | null = null
    for (const s of settings) {
        if (s.key !== 'maxBalance' || !/^\d+$/.test(s.value)) continue
        const v = BigInt(s.value)
        if (cap == null || v < cap) cap = v
    }
    return cap
}

export interface CapHolder {
    /** the investor identity when known, else the wallet */
    holder: string
    investor: string | null
    wallets: string[]
    balance: bigint
}

export interface CapRow extends CapHolder {
    cap: bigint
    /** cap − balance; negative when the holder is over the cap */
    headroom: bigint
}

/**
 * The `limit` holders with the least headroom under `cap` (i.e. the largest balances), grouping wallets by
 * investor when the investor is known (MaxBalanceModule caps per identity), else by wallet. Holders at ≤ 0 are
 * left out. Ties: holder ascending.
 */
export function closestToCap(
    holders: readonly {wallet: string; investor: string | null; balance: bigint}[],
    cap: bigint,
    limit = 10,
): CapRow[] {
    const groups = new Map<string, CapHolder>()
    for (const h of holders) {
        if (h.balance <= 0n) continue
        const key = h.investor ?? h.wallet
        const g = groups.get(key)
        if (g) {
            g.wallets.push(h.wallet)
            g.balance += h.balance
        } else groups.set(key, {holder: key, investor: h.investor, wallets: [h.wallet], balance: h.balance})
    }
    return [...groups.values()]
        .sort((a, b) => (a.balance === b.balance ? (a.holder < b.holder ? -1 : a.holder > b.holder ? 1 : 0) : a.balance > b.balance ? -1 : 1))
        .slice(0, Math.max(0, limit))
        .map(g => ({...g, wallets: [...g.wallets].sort(), cap, headroom: cap - g.balance}))
}
