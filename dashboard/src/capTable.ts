// The cap table as the page shows it: rows of the capTable query, sorted on the client, and the
// largest holders with "others" for the chart. Pure functions over the API's strings.

export interface CapTableRow {
    holder: string
    investor: string | null
    wallets: string[]
    balance: string
    frozenTokens: string
    frozenWallets: string[]
    share: string
    verified: boolean
    country: number | null
    countryCode: string | null
}

export type SortKey = 'holder' | 'country' | 'balance' | 'frozenTokens' | 'share'
export interface Sort {
    key: SortKey
    descending: boolean
}

const compareBig = (a: string, b: string) => {
    const [x, y] = [BigInt(a), BigInt(b)]
    return x < y ? -1 : x > y ? 1 : 0
}
const compareText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '')

/** `rows` ordered by `sort` (amounts compared as integers, shares as balances), ties by holder; a new array. */
export function sortRows(rows: readonly CapTableRow[], sort: Sort): CapTableRow[] {
    const by = (a: CapTableRow, b: CapTableRow): number => {
        switch (sort.key) {
            case 'holder': return compareText(a.holder, b.holder)
            case 'country': return compareText(a.countryCode, b.countryCode)
            case 'frozenTokens': return compareBig(a.frozenTokens, b.frozenTokens)
            default: return compareBig(a.balance, b.balance)
        }
    }
    return [...rows].sort((a, b) => (sort.descending ? -by(a, b) : by(a, b)) || compareText(a.holder, b.holder))
}

export interface Slice {
    label: string
    amount: bigint
}

/**
 * The `top` largest rows as slices, and one "others" slice for the rest of `supply` (what the rows
 * beyond them and beyond the page hold); no "others" when nothing is left.
 */
export function largestWithOthers(rows: readonly CapTableRow[], supply: bigint, top: number): Slice[] {
    const largest = sortRows(rows, {key: 'balance', descending: true}).slice(0, top)
    const slices = largest.map(r => ({label: r.holder, amount: BigInt(r.balance)}))
    const rest = supply - slices.reduce((sum, s) => sum + s.amount, 0n)
    return rest > 0n ? [...slices, {label: 'others', amount: rest}] : slices
}
