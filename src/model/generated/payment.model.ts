import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Distribution} from "./distribution.model"

/**
 * One payment of a distribution (a claim, a pushed payment, or an agent's manual payment).
 */
@Entity_()
export class Payment {
    constructor(props?: Partial<Payment>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<log index, 6 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => Distribution, {nullable: true})
    distribution!: Distribution

    @Index_()
    @StringColumn_({nullable: false})
    holder!: string

    /**
     * in the payment token's raw units
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * amount as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    amountDecimal!: string | undefined | null

    @BooleanColumn_({nullable: false})
    manual!: boolean

    @StringColumn_({nullable: true})
    memo!: string | undefined | null

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
