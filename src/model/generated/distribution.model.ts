import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, BooleanColumn as BooleanColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"
import {PaymentToken} from "./paymentToken.model"
import {DistributionKind} from "./_distributionKind"
import {EntitlementBasis} from "./_entitlementBasis"
import {RoundingRule} from "./_roundingRule"
import {DistributionStatus} from "./_distributionStatus"
import {Payment} from "./payment.model"
import {Entitlement} from "./entitlement.model"

/**
 * A payout (dividend, coupon, redemption) of a DistributionManager, with its policy and where the money stands.
 */
@Index_(["status", "claimExpiry"], {unique: false})
@Entity_()
export class Distribution {
    constructor(props?: Partial<Distribution>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<manager>-<distribution id, 10 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    manager!: string

    @BigIntColumn_({nullable: false})
    distributionId!: bigint

    @Index_()
    @ManyToOne_(() => Token, {nullable: true})
    token!: Token | undefined | null

    @Index_()
    @StringColumn_({nullable: false})
    tokenAddress!: string

    /**
     * address of the ERC-20 it pays in
     */
    @StringColumn_({nullable: false})
    paymentToken!: string

    /**
     * the ERC-20 it pays in, with its symbol and decimals: every amount of the distribution, its payments and entitlements' expected amounts are in its units
     */
    @Index_()
    @ManyToOne_(() => PaymentToken, {nullable: true})
    paymentTokenInfo!: PaymentToken | undefined | null

    @Column_("varchar", {length: 10, nullable: false})
    kind!: DistributionKind

    @BigIntColumn_({nullable: false})
    totalAmount!: bigint

    /**
     * totalAmount as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    totalAmountDecimal!: string | undefined | null

    @IntColumn_({nullable: false})
    recordBlock!: number

    /**
     * the record block's time, read from the node when the distribution was indexed
     */
    @DateTimeColumn_({nullable: true})
    recordBlockTime!: Date | undefined | null

    /**
     * ERC-1400: the partition whose holders it pays (createPartitionDistribution); null: the whole token
     */
    @StringColumn_({nullable: true})
    partition!: string | undefined | null

    @StringColumn_({nullable: false})
    merkleRoot!: string

    @DateTimeColumn_({nullable: false})
    claimStart!: Date

    @DateTimeColumn_({nullable: false})
    claimExpiry!: Date

    @Column_("varchar", {length: 11, nullable: false})
    basis!: EntitlementBasis

    @BooleanColumn_({nullable: false})
    includeFrozen!: boolean

    @Column_("varchar", {length: 17, nullable: false})
    rounding!: RoundingRule

    @StringColumn_({nullable: false})
    policyURI!: string

    @StringColumn_({nullable: false})
    creator!: string

    @Column_("varchar", {length: 9, nullable: false})
    status!: DistributionStatus

    @BigIntColumn_({nullable: false})
    funded!: bigint

    /**
     * funded as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    fundedDecimal!: string | undefined | null

    @BigIntColumn_({nullable: false})
    paid!: bigint

    /**
     * paid as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    paidDecimal!: string | undefined | null

    @BigIntColumn_({nullable: false})
    reclaimed!: bigint

    /**
     * reclaimed as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    reclaimedDecimal!: string | undefined | null

    @BigIntColumn_({nullable: false})
    refunded!: bigint

    /**
     * refunded as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    refundedDecimal!: string | undefined | null

    /**
     * funded - paid - reclaimed - refunded: what the contract still holds for it
     */
    @BigIntColumn_({nullable: false})
    outstanding!: bigint

    /**
     * outstanding as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    outstandingDecimal!: string | undefined | null

    /**
     * the root of the entitlements the indexer computes from its own ledger at the record block
     */
    @StringColumn_({nullable: true})
    computedMerkleRoot!: string | undefined | null

    @BooleanColumn_({nullable: true})
    rootMatches!: boolean | undefined | null

    /**
     * why the indexer could not compute the entitlements (e.g. no eligible holders at the record block)
     */
    @StringColumn_({nullable: true})
    entitlementError!: string | undefined | null

    @IntColumn_({nullable: false})
    createdAtBlock!: number

    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    @StringColumn_({nullable: false})
    createdTxHash!: string

    @OneToMany_(() => Payment, e => e.distribution)
    payments!: Payment[]

    @OneToMany_(() => Entitlement, e => e.distribution)
    entitlements!: Entitlement[]
}
