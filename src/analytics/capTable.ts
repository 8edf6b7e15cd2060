import {shareOf} from './concentration'
import {HolderAtBlock} from './ownershipAt'

// The cap table as of a block: holders grouped by wallet or by investor, largest first; pure.

export type CapTableGrouping = 'WALLET' | 'INVESTOR'

export interface CapTableRow {
    /** the wallet (WALLET) or the investor identity (INVESTOR; a wallet without identity stands alone) */
    holder: string
    investor: string | null
    wallets: string[]
    balance: bigint
    /** tokens frozen by an agent (partial freezes) */
    frozenTokens: bigint
    /** wallets frozen as a whole */
    frozenWallets: string[]
    /** balance / supply, an exact decimal string (truncated, 10 places) */
    share: string
}

export interface CapTable {
    supply: bigint
    holderCount: number
    investorCount: number
    /** rows after minBalance, before the page */
    rowCount: number
    rows: CapTableRow[]
}

export interface CapTableOptions {
    groupBy: CapTableGrouping
    limit: number
    offset: number
    minBalance: bigint
}

/** A wallet's own row (grouping by wallet), for a page read straight from the ledger. */
export function walletRow(h: HolderAtBlock, supply: bigint): CapTableRow {
    return {
        holder: h.wallet, investor: h.investor, wallets: [h.wallet], balance: h.balance, frozenTokens: h.frozenTokens,
        frozenWallets: h.addressFrozen ? [h.wallet] : [], share: shareOf(h.balance, supply),
    }
}

/** The page's rows with their wallets' freezes filled in (freezes read for the page's wallets only). */
export function withFreezes(rows: readonly CapTableRow[], frozenTokens: (wallet: string) => bigint, addressFrozen: (wallet: string) => boolean): CapTableRow[] {
    return rows.map(r => ({
        ...r,
        frozenTokens: r.wallets.reduce((sum, w) => sum + frozenTokens(w), 0n),
        frozenWallets: r.wallets.filter(addressFrozen),
    }))
}

export function capTable(holders: readonly HolderAtBlock[], opts: CapTableOptions): CapTable {
    const supply = holders.reduce((s, h) => s + h.balance, 0n)
    const groups = new Map<string, CapTableRow>()
    for (const h of holders) {
        const key = opts.groupBy === 'INVESTOR' && h.investor ? h.investor : h.wallet
        let row = groups.get(key)
        if (row == null) {
            row = {holder: key, investor: h.investor, wallets: [], balance: 0n, frozenTokens: 0n, frozenWallets: [], share: '0'}
            groups.set(key, row)
        }
        row.wallets.push(h.wallet)
        row.balance += h.balance
        row.frozenTokens += h.frozenTokens
        if (h.addressFrozen) row.frozenWallets.push(h.wallet)
    }
    const rows = [...groups.values()]
        .filter(r => r.balance >= opts.minBalance)
        .sort((a, b) => (a.balance === b.balance ? (a.holder < b.holder ? -1 : 1) : a.balance > b.balance ? -1 : 1))
    for (const r of rows) r.share = shareOf(r.balance, supply)
    return {
        supply,
        holderCount: holders.length,
        investorCount: new Set(holders.map(h => h.investor).filter(i => i != null)).size,
        rowCount: rows.length,
        rows: rows.slice(opts.offset, opts.offset + opts.limit),
    }
}
