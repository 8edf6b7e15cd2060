import {stringify} from 'csv-stringify/sync'
import {compareAddress} from './entitlements'
import {formatUnits} from './units'

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

/** A token as the reconciliation names it; symbol and decimals null when its views reverted or were never read. */
export interface AssetRef {
    address: string
    symbol: string | null
    decimals: number | null
}

/** The distribution a reconciliation is about, as indexed: amounts in raw payment-token units. */
export interface DistributionContext {
    id: string
    status: string
    /** the security token whose holders of record are paid */
    token: AssetRef
    /** the ERC-20 it pays in: every amount of the reconciliation is in its units */
    paymentToken: AssetRef
    recordBlock: number
    /** the record block's time, as the node's header said; null on rows indexed before it was read */
    recordBlockTime: Date | null
    claimExpiry: Date
    totalAmount: bigint
    funded: bigint
    paid: bigint
    reclaimed: bigint
    refunded: bigint
    /** funded − paid − reclaimed − refunded: what the contract still holds for it */
    outstanding: bigint
}

/**
 * Where the variance (paid − expected) comes from, told two ways that each add up to it exactly:
 *   by holder:  variance = excess − owed
 *   by money:   variance = undistributed − unfunded − outstanding − reclaimed − refunded
 * with undistributed = totalAmount − expected (the rounding rest FLOOR leaves; all of totalAmount when no
 * entitlement could be computed) and unfunded = totalAmount − funded. The second needs Σ payments = the
 * distribution's paid total, which the DistributionManager keeps; `balanced` says whether it held.
 * A reclaimed redemption's large negative variance is thus its reclaimed (and outstanding) rest, line by line.
 */
export interface VarianceAccount {
    expected: bigint
    paid: bigint
    variance: bigint
    owed: bigint
    excess: bigint
    undistributed: bigint
    unfunded: bigint
    outstanding: bigint
    reclaimed: bigint
    refunded: bigint
    balanced: boolean
}

/** The variance of a reconciliation's `totals` accounted for by holder and by the distribution's money (see VarianceAccount). */
export function accountForVariance(d: DistributionContext, totals: ReconciliationTotals): VarianceAccount {
    const undistributed = d.totalAmount - totals.expected
    const unfunded = d.totalAmount - d.funded
    return {
        expected: totals.expected, paid: totals.paid, variance: totals.variance, owed: totals.owed, excess: totals.excess,
        undistributed, unfunded, outstanding: d.outstanding, reclaimed: d.reclaimed, refunded: d.refunded,
        balanced: undistributed - unfunded - d.outstanding - d.reclaimed - d.refunded === totals.variance && totals.paid === d.paid,
    }
}

/** The context lines that open the CSV: [field, value, value in the payment token's units (amounts only)]. */
export function contextRows(d: DistributionContext, report: ReconciliationReport): string[][] {
    const account = accountForVariance(d, report.totals)
    const text = (v: string | number | boolean | null) => v == null ? '' : String(v)
    const amount = (field: string, v: bigint) => [field, String(v), formatUnits(v, d.paymentToken.decimals) ?? '']
    return [
        ['distribution', d.id, ''],
        ['status', d.status, ''],
        ['token', d.token.address, ''],
        ['token_symbol', text(d.token.symbol), ''],
        ['token_decimals', text(d.token.decimals), ''],
        ['payment_token', d.paymentToken.address, ''],
        ['payment_token_symbol', text(d.paymentToken.symbol), ''],
        ['payment_token_decimals', text(d.paymentToken.decimals), ''],
        ['record_block', String(d.recordBlock), ''],
        ['record_block_time', text(d.recordBlockTime?.toISOString() ?? null), ''],
        ['claim_expiry', d.claimExpiry.toISOString(), ''],
        ['merkle_root', report.onChainRoot, ''],
        ['computed_root', report.computedRoot, ''],
        ['root_matches', String(report.rootMatches), ''],
        amount('total_amount', d.totalAmount),
        amount('funded', d.funded),
        amount('paid', d.paid),
        amount('reclaimed', d.reclaimed),
        amount('refunded', d.refunded),
        amount('outstanding', d.outstanding),
        amount('expected', account.expected),
        amount('variance', account.variance),
        amount('owed', account.owed),
        amount('excess', account.excess),
        amount('undistributed', account.undistributed),
        amount('unfunded', account.unfunded),
        ['variance_balanced', String(account.balanced), ''],
    ]
}

/**
 * The report as CSV (RFC 4180 quoting, `\n` line ends), in two blocks separated by an empty line.
 *
 * First the distribution's context, columns `field,value,value_decimal` (value_decimal: amounts in the payment
 * token's units, empty for other fields and when its decimals are unknown): distribution, status, token,
 * token_symbol, token_decimals, payment_token, payment_token_symbol, payment_token_decimals, record_block,
 * record_block_time (ISO 8601), claim_expiry, merkle_root, computed_root, root_matches,
 * total_amount, funded, paid, reclaimed, refunded, outstanding, then the variance and what explains it (see
 * VarianceAccount): expected, variance, owed, excess, undistributed, unfunded, variance_balanced.
 *
 * Then one line per holder, amounts in the payment token's smallest units:
 *   holder        the wallet (lower-case)
 *   status        PAID | UNPAID | UNDERPAID | OVERPAID | PAID_TO_NON_HOLDER
 *   expected      the indexer's entitlement
 *   paid          all payments to the wallet (proven + manual)
 *   difference    paid − expected
 *   proven_paid   paid by claim / push with a Merkle proof
 *   manual_paid   paid by agentPay without proof
 *   payments      number of PaymentMade events
 *   tx_hashes     their transaction hashes, `;`-separated, in chain order
 *   expected_decimal, paid_decimal, difference_decimal   the same in the payment token's units (empty when unknown)
 * The last line is `TOTAL` with an empty status, Σ expected, Σ paid, the variance
 * (paid − expected), Σ proven, Σ manual, the payment count, an empty tx_hashes and the decimal forms.
 */
export const RECONCILIATION_CSV_COLUMNS = [
    'holder', 'status', 'expected', 'paid', 'difference', 'proven_paid', 'manual_paid', 'payments', 'tx_hashes',
    'expected_decimal', 'paid_decimal', 'difference_decimal',
] as const

export function reconciliationCsv(report: ReconciliationReport, d: DistributionContext): string {
    const units = (v: bigint) => formatUnits(v, d.paymentToken.decimals) ?? ''
    const rows: (string | number | bigint)[][] = report.lines.map(l => [
        l.holder, l.status, l.expected, l.paid, l.difference, l.provenPaid, l.manualPaid, l.payments.length,
        l.payments.map(p => p.txHash).join(';'), units(l.expected), units(l.paid), units(l.difference),
    ])
    const t = report.totals
    rows.push(['TOTAL', '', t.expected, t.paid, t.variance, t.provenPaid, t.manualPaid, t.paymentCount, '', units(t.expected), units(t.paid), units(t.variance)])
    const csv = (records: unknown[][], columns: readonly string[]) => stringify(records.map(r => r.map(String)), {header: true, columns: [...columns]})
    return csv(contextRows(d, report), ['field', 'value', 'value_decimal']) + '\n' + csv(rows, RECONCILIATION_CSV_COLUMNS)
}
