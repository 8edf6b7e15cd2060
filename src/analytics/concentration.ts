import {countryAlpha2} from '../mapping/rules'

// Ownership concentration and jurisdiction breakdown of a cap table; pure, exact (bigint only, no floats).

/**
 * part / whole as an exact decimal string with `places` digits after the point, e.g. shareOf(1n, 3n) = "0.3333333333".
 *
 * The result is TRUNCATED toward zero, never rounded up: shareOf(2n, 3n) = "0.6666666666", so a share never
 * overstates a holding and shares of disjoint parts never add up to more than their true sum.
 * The integer part is not limited (shareOf(7n, 2n, 2) = "3.50"); with places = 0 there is no point ("3").
 * Returns "0" (no decimals) when whole is 0. Throws a RangeError for a negative part or whole, or for
 * places that are not a non-negative safe integer.
 */
export function shareOf(part: bigint, whole: bigint, places = 10): string {
    if (!Number.isSafeInteger(places) || places < 0) throw new RangeError(`places ${places} must be a non-negative integer`)
    if (part < 0n || whole < 0n) throw new RangeError(`shareOf(${part}, ${whole}) needs non-negative operands`)
    if (whole === 0n) return '0'
    const scale = 10n ** BigInt(places)
    const q = (part * scale) / whole // bigint division truncates
    if (places === 0) return q.toString()
    return `${q / scale}.${(q % scale).toString().padStart(places, '0')}`
}

export interface Concentration {
    /** holders with a balance > 0 */
    holderCount: number
    /** the sum of the positive balances */
    supply: bigint
    /** shares of the largest 1, 5 and 10 holders in 0..1, 10 places, truncated ("0" without holders) */
    top1: string
    top5: string
    top10: string
    /**
     * Herfindahl-Hirschman index: Σ share², with shares in percent, i.e. on the 0..10,000 scale
     * (10000 = a single holder; n equal holders = 10000 / n). Computed exactly as Σ b² × 10000 / supply²,
     * 4 places, truncated ("0" without holders).
     */
    hhi: string
    /**
     * Gini coefficient in [0, 1] (0 = all balances equal, → 1 = one holder among many holds everything):
     * with x ascending and i from 1, G = (2 Σ i·x_i) / (n Σ x_i) − (n + 1) / n, evaluated exactly as
     * (2 Σ i·x_i − (n + 1) Σ x_i) / (n Σ x_i); 10 places, truncated ("0" without holders).
     */
    gini: string
    /**
     * The fewest holders, largest first, whose balances together are STRICTLY more than half of the supply
     * (a holder of exactly 50% is not a majority on its own). 0 without holders.
     */
    holdersToMajority: number
}

/** Concentration of ownership over wallet (or investor) balances; zero and negative balances are ignored; input order is irrelevant. */
export function concentration(balances: readonly bigint[]): Concentration {
    const desc = balances.filter(b => b > 0n).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
    const n = desc.length
    if (n === 0) return {holderCount: 0, supply: 0n, top1: '0', top5: '0', top10: '0', hhi: '0', gini: '0', holdersToMajority: 0}

    let supply = 0n
    let sumSquares = 0n
    let top1 = 0n
    let top5 = 0n
    let top10 = 0n
    for (let k = 0; k < n; k++) {
        const b = desc[k]!
        supply += b
        sumSquares += b * b
        if (k < 1) top1 += b
        if (k < 5) top5 += b
        if (k < 10) top10 += b
    }

    let holdersToMajority = 0
    let acc = 0n
    while (acc * 2n <= supply) acc += desc[holdersToMajority++]!

    // Ascending rank i (1-based) of desc[k] is n - k.
    let weighted = 0n
    for (let k = 0; k < n; k++) weighted += BigInt(n - k) * desc[k]!
    const N = BigInt(n)
    const giniNumerator = 2n * weighted - (N + 1n) * supply // ≥ 0 for an ascending order

    return {
        holderCount: n,
        supply,
        top1: shareOf(top1, supply),
        top5: shareOf(top5, supply),
        top10: shareOf(top10, supply),
        hhi: shareOf(sumSquares * 10_000n, supply * supply, 4),
        gini: shareOf(giniNumerator, N * supply, 10),
        holdersToMajority,
    }
}

export interface JurisdictionRow {
    /** ISO 3166-1 numeric; null for holders without a known country */
    country: number | null
    /** ISO 3166-1 alpha-2, or null when unknown (null country, or a code not in the table) */
    countryCode: string | null
    /** holders with a balance > 0 in this country */
    holders: number
    balance: bigint
    /** balance / supply, 10 places, truncated ("0" when supply is 0) */
    share: string
}

/**
 * Holders and balance per country, from single holders or from groups that say how many holders they
 * stand for (`holders`). Holders with a balance ≤ 0 are left out; holders with a null country form one
 * "unknown" group (country null, countryCode null). `supply` is the denominator of the shares (normally the token's
 * total supply). Sorted by balance descending, then country ascending, the unknown group last among equals.
 */
export function jurisdictions(holders: readonly {country: number | null; balance: bigint; holders?: number}[], supply: bigint): JurisdictionRow[] {
    const groups = new Map<number | null, {holders: number; balance: bigint}>()
    for (const h of holders) {
        if (h.balance <= 0n) continue
        const g = groups.get(h.country)
        if (g) {
            g.holders += h.holders ?? 1
            g.balance += h.balance
        } else groups.set(h.country, {holders: h.holders ?? 1, balance: h.balance})
    }
    const rows: JurisdictionRow[] = [...groups].map(([country, g]) => ({
        country,
        countryCode: country == null ? null : countryAlpha2(country),
        holders: g.holders,
        balance: g.balance,
        share: shareOf(g.balance, supply),
    }))
    return rows.sort((a, b) => {
        if (a.balance !== b.balance) return a.balance > b.balance ? -1 : 1
        if (a.country === b.country) return 0
        if (a.country == null) return 1
        if (b.country == null) return -1
        return a.country - b.country
    })
}
