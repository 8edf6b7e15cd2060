import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Distribution} from "./distribution.model"

/**
 * What a holder of record is owed, computed by the indexer from its own ledger at the record block.
 */
@Entity_()
export class Entitlement {
    constructor(props?: Partial<Entitlement>) {
        Object.assign(this, props)
    }

    /**
     * <distribution id>-<holder>
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

    @StringColumn_({nullable: true})
    investor!: string | undefined | null

    /**
     * the security-token balance the share was computed from
     */
    @BigIntColumn_({nullable: false})
    eligibleBalance!: bigint

    /**
     * eligibleBalance as an exact decimal string in the security token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    eligibleBalanceDecimal!: string | undefined | null

    /**
     * in the payment token's raw units
     */
    @BigIntColumn_({nullable: false})
    expected!: bigint

    /**
     * expected as an exact decimal string in the payment token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    expectedDecimal!: string | undefined | null
}
