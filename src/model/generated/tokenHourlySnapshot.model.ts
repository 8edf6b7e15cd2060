import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"

/**
 * A token's figures at the end of each hour with transfers; tokenTimeSeries aggregates them into hours, days and weeks.
 */
@Index_(["token", "hour"], {unique: true})
@Entity_()
export class TokenHourlySnapshot {
    constructor(props?: Partial<TokenHourlySnapshot>) {
        Object.assign(this, props)
    }

    /**
     * <token id>-<hour as unix seconds, 10 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    @DateTimeColumn_({nullable: false})
    hour!: Date

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    /**
     * totalSupply as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    totalSupplyDecimal!: string | undefined | null

    @IntColumn_({nullable: false})
    holderCount!: number

    /**
     * as of the hour's last transfer
     */
    @IntColumn_({nullable: false})
    investorCount!: number

    /**
     * transfers (mints and burns included) in this hour
     */
    @IntColumn_({nullable: false})
    transferCount!: number

    /**
     * sum of their amounts
     */
    @BigIntColumn_({nullable: false})
    volume!: bigint

    /**
     * volume as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    volumeDecimal!: string | undefined | null

    @IntColumn_({nullable: false})
    lastBlock!: number
}
