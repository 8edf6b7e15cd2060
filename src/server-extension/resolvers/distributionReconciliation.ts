import {userInputError} from '../../api/publicErrors'
import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {ReadTx} from '../../api/requestDb'
import {UnknownDistributionError, loadReconciliation} from '../../api/reconciliationData'
import {accountForVariance} from '../../analytics/reconciliation'
import {amountsIn} from './amounts'

// Amounts are decimal strings of on-chain units: exact, like every BigInt of the generated API; each has a
// `…Decimal` twin in the payment token's units (null when its decimals are unknown).

@ObjectType({description: 'A token as the reconciliation names it; symbol and decimals null when its views reverted'})
export class ReconciliationAsset {
    @Field() address!: string
    @Field(() => String, {nullable: true}) symbol!: string | null
    @Field(() => Int, {nullable: true}) decimals!: number | null
}

@ObjectType()
export class ReconciliationPayment {
    @Field() amount!: string
    @Field(() => String, {nullable: true}) amountDecimal!: string | null
    @Field() manual!: boolean
    @Field() txHash!: string
    @Field(() => Int) blockNumber!: number
    @Field(() => Int) logIndex!: number
}

@ObjectType()
export class ReconciliationLineView {
    @Field() holder!: string
    @Field({description: 'PAID, UNPAID, UNDERPAID, OVERPAID or PAID_TO_NON_HOLDER'}) status!: string
    @Field() expected!: string
    @Field(() => String, {nullable: true}) expectedDecimal!: string | null
    @Field() paid!: string
    @Field(() => String, {nullable: true}) paidDecimal!: string | null
    @Field({description: 'paid - expected'}) difference!: string
    @Field(() => String, {nullable: true}) differenceDecimal!: string | null
    @Field({description: 'paid through claims and pushes with a Merkle proof'}) provenPaid!: string
    @Field({description: 'paid by an agent without proof'}) manualPaid!: string
    @Field(() => [ReconciliationPayment]) payments!: ReconciliationPayment[]
}

@ObjectType()
export class ReconciliationStatusTotal {
    @Field() status!: string
    @Field(() => Int) count!: number
    @Field() expected!: string
    @Field(() => String, {nullable: true}) expectedDecimal!: string | null
    @Field() paid!: string
    @Field(() => String, {nullable: true}) paidDecimal!: string | null
}

@ObjectType()
export class DistributionReconciliation {
    @Field() id!: string
    @Field() status!: string
    @Field(() => ReconciliationAsset, {description: 'the security token whose holders of record are paid'}) token!: ReconciliationAsset
    @Field(() => ReconciliationAsset, {description: 'the ERC-20 it pays in: every amount here is in its units'}) paymentToken!: ReconciliationAsset
    @Field(() => Int) recordBlock!: number
    @Field(() => Date, {nullable: true, description: 'the record block\'s time, from its header'}) recordBlockTime!: Date | null
    @Field(() => Date) claimExpiry!: Date
    @Field() totalAmount!: string
    @Field(() => String, {nullable: true}) totalAmountDecimal!: string | null
    @Field() funded!: string
    @Field(() => String, {nullable: true}) fundedDecimal!: string | null
    @Field() paid!: string
    @Field(() => String, {nullable: true}) paidDecimal!: string | null
    @Field() reclaimed!: string
    @Field(() => String, {nullable: true}) reclaimedDecimal!: string | null
    @Field() refunded!: string
    @Field(() => String, {nullable: true}) refundedDecimal!: string | null
    @Field({description: 'funded - paid - reclaimed - refunded'}) outstanding!: string
    @Field(() => String, {nullable: true}) outstandingDecimal!: string | null
    @Field() expected!: string
    @Field(() => String, {nullable: true}) expectedDecimal!: string | null
    @Field({description: 'paid - expected over all holders = excess - owed = undistributed - unfunded - outstanding - reclaimed - refunded'}) variance!: string
    @Field(() => String, {nullable: true}) varianceDecimal!: string | null
    @Field({description: 'still owed to holders: sum of expected - paid over UNPAID and UNDERPAID lines'}) owed!: string
    @Field(() => String, {nullable: true}) owedDecimal!: string | null
    @Field({description: 'paid beyond entitlements: sum of paid - expected over OVERPAID and PAID_TO_NON_HOLDER lines'}) excess!: string
    @Field(() => String, {nullable: true}) excessDecimal!: string | null
    @Field({description: 'totalAmount - expected: the rest rounding leaves undistributed (all of it when no entitlement could be computed)'}) undistributed!: string
    @Field(() => String, {nullable: true}) undistributedDecimal!: string | null
    @Field({description: 'totalAmount - funded'}) unfunded!: string
    @Field(() => String, {nullable: true}) unfundedDecimal!: string | null
    @Field({description: 'whether undistributed - unfunded - outstanding - reclaimed - refunded equals the variance (it does unless the index is inconsistent)'}) varianceBalanced!: boolean
    @Field() onChainRoot!: string
    @Field() computedRoot!: string
    @Field() rootMatches!: boolean
    @Field(() => [String], {description: 'holders whose proven payment differs from our entitlement: the on-chain tree disagrees there'}) rootDifferences!: string[]
    @Field(() => [String], {description: 'holders owed something who have not claimed, when the roots differ'}) unconfirmedHolders!: string[]
    @Field(() => String, {nullable: true}) entitlementError!: string | null
    @Field(() => [ReconciliationStatusTotal]) byStatus!: ReconciliationStatusTotal[]
    @Field(() => [ReconciliationLineView]) lines!: ReconciliationLineView[]
}

@Resolver()
export class DistributionReconciliationResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => DistributionReconciliation, {description: 'Entitlements computed by the indexer vs payments made, per holder, to the smallest unit, opened by the distribution\'s context and what explains the variance.'})
    async distributionReconciliation(@Arg('id') id: string): Promise<DistributionReconciliation> {
        const em = await this.tx()
        try {
            const {distribution: d, report: r} = await loadReconciliation((sql, params) => em.query(sql, params), id)
            const dec = d.paymentToken.decimals
            const account = accountForVariance(d, r.totals)
            return {
                id: d.id, status: d.status, token: d.token, paymentToken: d.paymentToken,
                recordBlock: d.recordBlock, recordBlockTime: d.recordBlockTime, claimExpiry: d.claimExpiry,
                ...amountsIn(d, ['totalAmount', 'funded', 'paid', 'reclaimed', 'refunded', 'outstanding'], dec),
                ...amountsIn(account, ['expected', 'variance', 'owed', 'excess', 'undistributed', 'unfunded'], dec),
                varianceBalanced: account.balanced,
                onChainRoot: r.onChainRoot, computedRoot: r.computedRoot, rootMatches: r.rootMatches,
                rootDifferences: r.rootDifferences.map(x => x.holder), unconfirmedHolders: r.unconfirmedHolders,
                entitlementError: d.entitlementError,
                byStatus: Object.entries(r.totals.byStatus).map(([status, t]) => ({status, count: t.count, ...amountsIn(t, ['expected', 'paid'], dec)})),
                lines: r.lines.map(l => ({
                    holder: l.holder, status: l.status, ...amountsIn(l, ['expected', 'paid', 'difference'], dec),
                    provenPaid: String(l.provenPaid), manualPaid: String(l.manualPaid),
                    payments: l.payments.map(p => ({...amountsIn(p, ['amount'], dec), manual: p.manual, txHash: p.txHash, blockNumber: p.block, logIndex: p.logIndex})),
                })),
            }
        } catch (err) {
            if (err instanceof UnknownDistributionError) throw userInputError(err.message)
            throw err
        }
    }
}
