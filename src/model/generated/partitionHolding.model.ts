import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"

/**
 * Current position of one wallet in one partition of an ERC-1400 token; derived state, rebuildable from PartitionBalanceChange.
 */
@Index_(["token", "partition", "balance"], {unique: false})
@Entity_()
export class PartitionHolding {
    constructor(props?: Partial<PartitionHolding>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<token>-<partition>-<wallet>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    @StringColumn_({nullable: false})
    partition!: string

    @Index_()
    @StringColumn_({nullable: false})
    wallet!: string

    @BigIntColumn_({nullable: false})
    balance!: bigint

    /**
     * balance as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    balanceDecimal!: string | undefined | null

    @IntColumn_({nullable: true})
    firstAcquiredBlock!: number | undefined | null

    @IntColumn_({nullable: false})
    lastChangedBlock!: number
}
