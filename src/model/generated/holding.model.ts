import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"

/**
 * Current position of one wallet in one token; derived state, rebuildable from BalanceChange.
 */
@Index_(["token", "balance"], {unique: false})
@Entity_()
export class Holding {
    constructor(props?: Partial<Holding>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<token>-<wallet>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

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

    /**
     * tokens frozen by an agent (part of balance)
     */
    @BigIntColumn_({nullable: false})
    frozenAmount!: bigint

    /**
     * frozenAmount as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    frozenAmountDecimal!: string | undefined | null

    /**
     * the whole wallet is frozen by an agent
     */
    @BooleanColumn_({nullable: false})
    isFrozen!: boolean

    @IntColumn_({nullable: true})
    firstAcquiredBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    firstAcquiredAt!: Date | undefined | null

    @IntColumn_({nullable: false})
    lastChangedBlock!: number

    @DateTimeColumn_({nullable: false})
    lastChangedAt!: Date
}
