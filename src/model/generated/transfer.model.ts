import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"
import {TransferKind} from "./_transferKind"
import {ClassificationSource} from "./_classificationSource"

/**
 * One ERC-20 Transfer log of a security token, classified.
 */
@Index_(["token", "blockNumber", "logIndex"], {unique: false})
@Entity_()
export class Transfer {
    constructor(props?: Partial<Transfer>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<log index, 6 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    @Index_()
    @StringColumn_({nullable: false})
    from!: string

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

    @Index_()
    @Column_("varchar", {length: 8, nullable: false})
    kind!: TransferKind

    /**
     * how kind was decided (null on rows indexed before it was recorded)
     */
    @Column_("varchar", {length: 12, nullable: true})
    classifiedBy!: ClassificationSource | undefined | null

    /**
     * transaction sender
     */
    @Index_()
    @StringColumn_({nullable: false})
    actor!: string

    @Index_()
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
}
