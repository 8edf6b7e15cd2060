import {compareAddress} from './entitlements'

export {merkleRootOf} from './merkle'

/**
 * Reconciliation of one distribution: what each holder should have received, computed by the
 * indexer from its own ownership history, against what the chain shows was paid. Pure, exact
 * (`bigint` units), deterministic; 10,000 holders are a few milliseconds of Map lookups.
 *
 * Per holder (a payee wallet of the indexer's entitlements, or any wallet that was paid):
 * - `paid` = Σ of all its PaymentMade amounts, proven (claim / push) and manual (agentPay);
 * - `difference` = paid − expected (negative: still owed; positive: paid too much);
 * - `status`:
 *   PAID                paid = expected > 0
 *   UNPAID              paid = 0 < expected
 *   UNDERPAID           0 < paid < expected
 *   OVERPAID            paid > expected > 0
 *   PAID_TO_NON_HOLDER  paid > 0 and expected 0 or no entitlement at all (the wallet held
 *                       nothing eligible at the record block, or its share rounded to 0)
 *   A holder with expected 0 and no payment has nothing to reconcile and gets no line.
 * Lines are sorted by holder address (lower-case hex, ascending); each line's payments by
 * block, then log index.
 *
 * Merkle roots. `rootMatches` compares the on-chain root with the root the indexer computes from
 * its own entitlements (merkleRootOf, same leaf encoding as the contract). When they differ, the
 * root itself does not say which leaves differ, but payments do: a claim or push (a payment with
 * `manual = false`) succeeds only with a valid proof, so it pays exactly the amount of the
 * holder's leaf in the on-chain tree. A proven payment whose amount differs from the indexer's
 * expected amount for that holder (0 when it has none) therefore names a holder whose leaf differs:
 * those are `rootDifferences`. The holders the indexer expects to be paid (expected > 0) that have
 * no proven payment yet cannot be checked this way — their leaf may be the one missing or wrong —
 * and are listed as `unconfirmedHolders` when the roots differ: once every other holder has
 * claimed correctly, they are the only place left for the difference (e.g. a root built without
 * one holder names that holder there). Manual payments (`agentPay`) carry no proof and reveal
 * nothing about the tree. When the roots match, both lists are empty.
 */

export type ReconciliationStatus = 'PAID' | 'UNPAID' | 'UNDERPAID' | 'OVERPAID' | 'PAID_TO_NON_HOLDER'
export const RECONCILIATION_STATUSES: readonly ReconciliationStatus[] = ['PAID', 'UNPAID', 'UNDERPAID', 'OVERPAID', 'PAID_TO_NON_HOLDER']

/** One entitlement as the indexer computed it. */
export interface ExpectedPayment {
    holder: string
    expected: bigint
}

/** One PaymentMade event as indexed. */
export interface PaymentRecord {
    holder: string
    amount: bigint
    /** true for agentPay (no proof), false for claim / pushPayments (proven leaf) */
    manual: boolean
    txHash: string
    block: number
    logIndex: number
}

export interface ReconciliationInput {
    entitlements: readonly ExpectedPayment[]
    payments: readonly PaymentRecord[]
    /** DistributionCreated.merkleRoot */
    onChainRoot: string
    /** merkleRootOf(the indexer's entitlements) */
    computedRoot: string
}

export interface ReconciliationLine {
    holder: string
    expected: bigint
    paid: bigint
    /** paid − expected */
    difference: bigint
    status: ReconciliationStatus
    /** the proven (claim / push) part of paid */
    provenPaid: bigint
    /** the manual (agentPay) part of paid */
    manualPaid: bigint
    /** by block, then log index */
    payments: PaymentRecord[]
}

export interface StatusTotals {
    count: number
    expected: bigint
    paid: bigint
    /** paid − expected over the lines of this status */
    difference: bigint
}

export interface ReconciliationTotals {
    /** Σ expected over all entitlements */
    expected: bigint
    /** Σ of all payments */
    paid: bigint
    /** paid − expected */
    variance: bigint
    /** Σ (expected − paid) over UNPAID and UNDERPAID lines: still owed */
    owed: bigint
    /** Σ (paid − expected) over OVERPAID and PAID_TO_NON_HOLDER lines: paid in excess */
    excess: bigint
    provenPaid: bigint
    manualPaid: bigint
    paymentCount: number
    byStatus: Record<ReconciliationStatus, StatusTotals>
}

/** A holder whose proven payment shows that its on-chain leaf differs from the indexer's entitlement. */
export interface RootDifference {
    holder: string
    /** the indexer's expected amount (0 when it has no entitlement) */
    expected: bigint
    /** the amount of the holder's leaf in the on-chain tree, as its proven payment shows */
    onChainLeafAmount: bigint
    /** onChainLeafAmount − expected */
    difference: bigint
    txHash: string
    block: number
    logIndex: number
}

export interface ReconciliationReport {
    lines: ReconciliationLine[]
    totals: ReconciliationTotals
    onChainRoot: string
    computedRoot: string
    rootMatches: boolean
    /** by holder; empty when the roots match (a proven payment then always equals the indexer's amount) */
    rootDifferences: RootDifference[]
    /** when the roots differ: holders with expected > 0 and no proven payment, whose leaves are unchecked; by address */
    unconfirmedHolders: string[]
}

const byPosition = (a: PaymentRecord, b: PaymentRecord): number => a.block - b.block || a.logIndex - b.logIndex

function statusOf(expected: bigint, paid: bigint): ReconciliationStatus | null {
    if (expected <= 0n) return paid > 0n ? 'PAID_TO_NON_HOLDER' : null
    if (paid === 0n) return 'UNPAID'
    if (paid < expected) return 'UNDERPAID'
    if (paid > expected) return 'OVERPAID'
    return 'PAID'
}

export function reconcile(input: ReconciliationInput): ReconciliationReport {
    const expectedBy = new Map<string, bigint>()
    for (const e of input.entitlements) {
        const holder = e.holder.toLowerCase()
        if (expectedBy.has(holder)) throw new Error(`holder ${holder} has more than one entitlement`)
        if (e.expected < 0n) throw new Error(`negative entitlement ${e.expected} for ${holder}`)
        expectedBy.set(holder, e.expected)
    }
    const paymentsBy = new Map<string, PaymentRecord[]>()
    for (const p of input.payments) {
        const holder = p.holder.toLowerCase()
        let list = paymentsBy.get(holder)
        if (list === undefined) paymentsBy.set(holder, list = [])
        list.push({...p, holder})
    }

    const byStatus = Object.fromEntries(RECONCILIATION_STATUSES.map(s => [s, {count: 0, expected: 0n, paid: 0n, difference: 0n}])) as Record<ReconciliationStatus, StatusTotals>
    const totals: ReconciliationTotals = {
        expected: 0n, paid: 0n, variance: 0n, owed: 0n, excess: 0n, provenPaid: 0n, manualPaid: 0n, paymentCount: 0, byStatus,
    }
    const lines: ReconciliationLine[] = []
    const rootDifferences: RootDifference[] = []
    const unconfirmed: string[] = []
    const holders = new Set([...expectedBy.keys(), ...paymentsBy.keys()])
    for (const holder of holders) {
        const expected = expectedBy.get(holder) ?? 0n
        const payments = (paymentsBy.get(holder) ?? []).sort(byPosition)
        let provenPaid = 0n
        let manualPaid = 0n
        for (const p of payments) {
            if (p.manual) manualPaid += p.amount
            else {
                provenPaid += p.amount
                if (p.amount !== expected) {
                    rootDifferences.push({
                        holder, expected, onChainLeafAmount: p.amount, difference: p.amount - expected,
                        txHash: p.txHash, block: p.block, logIndex: p.logIndex,
                    })
                }
            }
        }
        const paid = provenPaid + manualPaid
        if (expected > 0n && !payments.some(p => !p.manual)) unconfirmed.push(holder)
        totals.expected += expected
        totals.paid += paid
        totals.provenPaid += provenPaid
        totals.manualPaid += manualPaid
        totals.paymentCount += payments.length
        const status = statusOf(expected, paid)
        if (status === null) continue
        const difference = paid - expected
        if (difference < 0n) totals.owed -= difference
        else totals.excess += difference
        const t = byStatus[status]
        t.count++
        t.expected += expected
        t.paid += paid
        t.difference += difference
        lines.push({holder, expected, paid, difference, status, provenPaid, manualPaid, payments})
    }
    totals.variance = totals.paid - totals.expected
    lines.sort((a, b) => compareAddress(a.holder, b.holder))
    rootDifferences.sort((a, b) => compareAddress(a.holder, b.holder) || a.block - b.block || a.logIndex - b.logIndex)

    const onChainRoot = input.onChainRoot.toLowerCase()
    const computedRoot = input.computedRoot.toLowerCase()
    const rootMatches = onChainRoot === computedRoot
    return {
        lines, totals, onChainRoot, computedRoot, rootMatches, rootDifferences,
        unconfirmedHolders: rootMatches ? [] : unconfirmed.sort(compareAddress),
    }
}

/**
 * The report as CSV (RFC 4180, `\n` line ends, no quoting needed: no field contains a comma or quote).
 * Columns, amounts in the payment token's smallest units:
 *   holder        the wallet (lower-case)
 *   status        PAID | UNPAID | UNDERPAID | OVERPAID | PAID_TO_NON_HOLDER
 *   expected      the indexer's entitlement
 *   paid          all payments to the wallet (proven + manual)
 *   difference    paid − expected
 *   proven_paid   paid by claim / push with a Merkle proof
 *   manual_paid   paid by agentPay without proof
 *   payments      number of PaymentMade events
 *   tx_hashes     their transaction hashes, `;`-separated, in chain order
 * The last line is `TOTAL` with an empty status, Σ expected, Σ paid, the variance
 * (paid − expected), Σ proven, Σ manual, the payment count and an empty tx_hashes.
 */
export const RECONCILIATION_CSV_COLUMNS = [
    'holder', 'status', 'expected', 'paid', 'difference', 'proven_paid', 'manual_paid', 'payments', 'tx_hashes',
] as const

export function reconciliationCsv(report: ReconciliationReport): string {
    const rows: string[] = [RECONCILIATION_CSV_COLUMNS.join(',')]
    for (const l of report.lines) {
        rows.push([
            l.holder, l.status, l.expected, l.paid, l.difference, l.provenPaid, l.manualPaid, l.payments.length,
            l.payments.map(p => p.txHash).join(';'),
        ].join(','))
    }
    const t = report.totals
    rows.push(['TOTAL', '', t.expected, t.paid, t.variance, t.provenPaid, t.manualPaid, t.paymentCount, ''].join(','))
    return rows.join('\n') + '\n'
}
