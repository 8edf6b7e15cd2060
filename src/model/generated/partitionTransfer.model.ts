import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"
import {TransferKind} from "./_transferKind"
import {ClassificationSource} from "./_classificationSource"
import {Transfer} from "./transfer.model"

/**
 * One movement of an ERC-1400 token between partitions and holders: a TransferByPartition, IssuedByPartition or
 * RedeemedByPartition log, with the ERC-20 Transfer log of the same movement (the two logs are one movement: the
 * Transfer row is its whole-token side, this row its partition side).
 */
@Index_(["token", "blockNumber", "logIndex"], {unique: false})
@Entity_()
export class PartitionTransfer {
    constructor(props?: Partial<PartitionTransfer>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<log index, 6 digits> of the partition event
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    /**
     * the partition the tokens left (transfer, redemption) or entered (issuance), bytes32 hex
     */
    @Index_()
    @StringColumn_({nullable: false})
    partition!: string

    /**
     * the partition the tokens entered: differs from partition when a ChangedPartition followed; null for a redemption
     */
    @StringColumn_({nullable: true})
    toPartition!: string | undefined | null

    /**
     * zero address for an issuance
     */
    @Index_()
    @StringColumn_({nullable: false})
    from!: string

    /**
     * zero address for a redemption
     */
    @Index_()
    @StringColumn_({nullable: false})
    to!: string

    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * amount as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    amountDecimal!: string | undefined | null

    /**
     * MINT, BURN, TRANSFER, or FORCED for a controller transfer or redemption (ERC-1644)
     */
    @Column_("varchar", {length: 8, nullable: false})
    kind!: TransferKind

    @Column_("varchar", {length: 12, nullable: false})
    classifiedBy!: ClassificationSource

    /**
     * the operator the event names; null where its signature has none (Polymath's IssuedByPartition)
     */
    @StringColumn_({nullable: true})
    operator!: string | undefined | null

    @StringColumn_({nullable: true})
    data!: string | undefined | null

    @StringColumn_({nullable: true})
    operatorData!: string | undefined | null

    /**
     * the ERC-20 Transfer of the same movement; null when the token emitted none
     */
    @Index_()
    @ManyToOne_(() => Transfer, {nullable: true})
    transfer!: Transfer | undefined | null

    /**
     * transaction sender
     */
    @StringColumn_({nullable: false})
    actor!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number
}
