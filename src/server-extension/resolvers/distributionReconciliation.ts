import {userInputError} from '../../api/publicErrors'
import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {ReadTx} from '../../api/requestDb'
import {UnknownDistributionError, loadReconciliation} from '../../api/reconciliationData'

// Amounts are decimal strings of on-chain units: exact, like every BigInt of the generated API.

@ObjectType()
export class ReconciliationPayment {
    @Field() amount!: string
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
    @Field() paid!: string
    @Field({description: 'paid - expected'}) difference!: string
    @Field({description: 'paid through claims and pushes with a Merkle proof'}) provenPaid!: string
    @Field({description: 'paid by an agent without proof'}) manualPaid!: string
    @Field(() => [ReconciliationPayment]) payments!: ReconciliationPayment[]
}

@ObjectType()
export class ReconciliationStatusTotal {
    @Field() status!: string
    @Field(() => Int) count!: number
    @Field() expected!: string
    @Field() paid!: string
}

@ObjectType()
export class DistributionReconciliation {
    @Field() id!: string
    @Field() status!: string
    @Field() totalAmount!: string
    @Field() funded!: string
    @Field() paid!: string
    @Field() reclaimed!: string
    @Field() refunded!: string
    @Field({description: 'funded - paid - reclaimed - refunded'}) outstanding!: string
    @Field() expected!: string
    @Field({description: 'paid - expected over all holders'}) variance!: string
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

    @Query(() => DistributionReconciliation, {description: 'Entitlements computed by the indexer vs payments made, per holder, to the smallest unit.'})
    async distributionReconciliation(@Arg('id') id: string): Promise<DistributionReconciliation> {
        const em = await this.tx()
        try {
            const {distribution: d, report: r} = await loadReconciliation((sql, params) => em.query(sql, params), id)
            return {
                id: d.id, status: d.status, totalAmount: String(d.totalAmount), funded: String(d.funded), paid: String(d.paid),
                reclaimed: String(d.reclaimed), refunded: String(d.refunded), outstanding: String(d.outstanding),
                expected: String(r.totals.expected), variance: String(r.totals.variance),
                onChainRoot: r.onChainRoot, computedRoot: r.computedRoot, rootMatches: r.rootMatches,
                rootDifferences: r.rootDifferences.map(x => x.holder), unconfirmedHolders: r.unconfirmedHolders,
                entitlementError: d.entitlementError,
                byStatus: Object.entries(r.totals.byStatus).map(([status, t]) => ({status, count: t.count, expected: String(t.expected), paid: String(t.paid)})),
                lines: r.lines.map(l => ({
                    holder: l.holder, status: l.status, expected: String(l.expected), paid: String(l.paid), difference: String(l.difference),
                    provenPaid: String(l.provenPaid), manualPaid: String(l.manualPaid),
                    payments: l.payments.map(p => ({amount: String(p.amount), manual: p.manual, txHash: p.txHash, blockNumber: p.block, logIndex: p.logIndex})),
                })),
            }
        } catch (err) {
            if (err instanceof UnknownDistributionError) throw userInputError(err.message)
            throw err
        }
    }
}
