import {EntitlementPolicy, EntitlementResult, entitlements, ExcludedWallet} from './entitlements'
import {EntitlementTree, entitlementTree, proofsOf} from './merkle'
import {OwnershipAt} from './ownershipAt'

/**
 * The entitlement file of a distribution (what `npm run payout:prepare` writes): entitlements of
 * the indexed holders of record, their Merkle root and every proof, in the OpenZeppelin
 * StandardMerkleTree format that DistributionManager verifies.
 */

export interface PreparedPayout {
    ownership: OwnershipAt
    result: EntitlementResult
    tree: EntitlementTree
    /** lower-case 0x hex */
    merkleRoot: string
    /** by lower-case holder; lines with amount 0 have no leaf and no proof */
    proofs: Map<string, string[]>
}

export function preparePayout(ownership: OwnershipAt, amount: bigint, policy: EntitlementPolicy): PreparedPayout {
    const result = entitlements(ownership.holders, amount, policy)
    const tree = entitlementTree(result.lines)
    return {ownership, result, tree, merkleRoot: tree.root.toLowerCase(), proofs: proofsOf(tree)}
}

/** Amounts as decimal strings; addresses lower-case (the tree's values are checksummed, as the library dumps them). */
export interface PayoutFileJson {
    token: string
    chainId: number
    symbol: string | null
    recordBlock: number
    amount: string
    basis: EntitlementPolicy['basis']
    includeFrozen: boolean
    rounding: EntitlementPolicy['rounding']
    merkleRoot: string
    /** Σ balances of the holders of record */
    totalSupply: string
    /** Σ eligible balances: the denominator of every share */
    eligibleSupply: string
    /** Σ entitlements (= amount under LARGEST_REMAINDER) */
    allocated: string
    /** amount − allocated (FLOOR's leftover) */
    unallocated: string
    entitlements: {
        holder: string
        investor: string | null
        amount: string
        eligibleBalance: string
        roundedUp: boolean
        /** null for an amount of 0, which has no leaf */
        proof: string[] | null
        wallets: {wallet: string; balance: string; frozen: string; eligible: string}[]
    }[]
    excluded: (Omit<ExcludedWallet, 'balance' | 'frozen'> & {balance: string; frozen: string})[]
    /** StandardMerkleTree.dump(): load it with StandardMerkleTree.load */
    tree: ReturnType<EntitlementTree['dump']>
}

export function payoutJson(p: PreparedPayout): PayoutFileJson {
    const {result: r, ownership: o} = p
    return {
        token: o.token.address,
        chainId: o.token.chainId,
        symbol: o.token.symbol,
        recordBlock: o.block,
        amount: r.totalAmount.toString(),
        basis: r.basis,
        includeFrozen: r.includeFrozen,
        rounding: r.rounding,
        merkleRoot: p.merkleRoot,
        totalSupply: o.totalSupply.toString(),
        eligibleSupply: r.eligibleSupply.toString(),
        allocated: r.allocated.toString(),
        unallocated: r.unallocated.toString(),
        entitlements: r.lines.map(l => ({
            holder: l.holder,
            investor: l.investor,
            amount: l.amount.toString(),
            eligibleBalance: l.eligible.toString(),
            roundedUp: l.roundedUp,
            proof: p.proofs.get(l.holder) ?? null,
            wallets: l.wallets.map(w => ({wallet: w.wallet, balance: w.balance.toString(), frozen: w.frozen.toString(), eligible: w.eligible.toString()})),
        })),
        excluded: r.excluded.map(e => ({...e, balance: e.balance.toString(), frozen: e.frozen.toString()})),
        tree: p.tree.dump(),
    }
}

/**
 * One line per entitlement, by holder. Columns (amounts in smallest units):
 *   holder          the payee wallet: the leaf's address
 *   investor        the investor identity behind it at the record block (empty if none)
 *   amount          the entitlement, in payment-token units
 *   eligible_balance  the unit's eligible security-token balance
 *   balance         Σ balances of the contributing wallets
 *   frozen          Σ frozen amounts counted for them
 *   rounded_up      true when the unit got one leftover unit (largest remainder)
 *   wallets         the contributing wallets, `;`-separated
 */
export const PAYOUT_CSV_COLUMNS = ['holder', 'investor', 'amount', 'eligible_balance', 'balance', 'frozen', 'rounded_up', 'wallets'] as const

export function payoutCsv(p: PreparedPayout): string {
    const rows: string[] = [PAYOUT_CSV_COLUMNS.join(',')]
    for (const l of p.result.lines) {
        const balance = l.wallets.reduce((s, w) => s + w.balance, 0n)
        const frozen = l.wallets.reduce((s, w) => s + w.frozen, 0n)
        rows.push([l.holder, l.investor ?? '', l.amount, l.eligible, balance, frozen, l.roundedUp, l.wallets.map(w => w.wallet).join(';')].join(','))
    }
    return rows.join('\n') + '\n'
}
