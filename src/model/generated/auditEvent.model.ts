import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"
import {AuditEventKind} from "./_auditEventKind"
import {Token} from "./token.model"
import {ContractKind} from "./_contractKind"
import {ClassificationSource} from "./_classificationSource"

/**
 * One row for every state-changing event of every watched contract (append-only), with its provenance.
 * Subject is the wallet the event is about; investor is the ONCHAINID identity behind it at that moment.
 */
@Index_(["token", "blockNumber", "logIndex"], {unique: false})
@Index_(["subject", "blockNumber"], {unique: false})
@Index_(["counterparty", "blockNumber"], {unique: false})
@Index_(["investor", "blockNumber"], {unique: false})
@Index_(["actor", "blockNumber"], {unique: false})
@Index_(["kind", "blockNumber"], {unique: false})
@Entity_()
export class AuditEvent {
    constructor(props?: Partial<AuditEvent>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<log index, 6 digits>[-<suffix> for derived facts]
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Column_("varchar", {length: 34, nullable: false})
    kind!: AuditEventKind

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token | undefined | null

    @Index_()
    @StringColumn_({nullable: false})
    contract!: string

    @Column_("varchar", {length: 25, nullable: false})
    contractKind!: ContractKind

    @StringColumn_({nullable: true})
    subject!: string | undefined | null

    @StringColumn_({nullable: true})
    investor!: string | undefined | null

    @StringColumn_({nullable: true})
    counterparty!: string | undefined | null

    @StringColumn_({nullable: true})
    counterpartyInvestor!: string | undefined | null

    @BigIntColumn_({nullable: true})
    amount!: bigint | undefined | null

    /**
     * amount as an exact decimal string in the token's units; null without amount, for a DVD trade (its amounts are in each leg's token), for a payout (its amount is in the payment token's units: see Payment.amountDecimal) or while the token's decimals are unknown
     */
    @StringColumn_({nullable: true})
    amountDecimal!: string | undefined | null

    /**
     * transfers: how the kind was decided; IDENTITY_MODIFIED and IDENTITY_UPDATED: how the subject wallet was found; null otherwise
     */
    @Column_("varchar", {length: 12, nullable: true})
    classifiedBy!: ClassificationSource | undefined | null

    /**
     * transaction sender
     */
    @StringColumn_({nullable: false})
    actor!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @Index_()
    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    /**
     * decoded event parameters (amounts as decimal strings)
     */
    @JSONColumn_({nullable: false})
    params!: unknown
}
