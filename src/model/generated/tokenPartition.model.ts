import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"

/**
 * A partition of an ERC-1400 token, current figures (their past: FactVersion PARTITION_SUPPLY).
 */
@Index_(["token", "partition"], {unique: true})
@Entity_()
export class TokenPartition {
    constructor(props?: Partial<TokenPartition>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<token>-<partition>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    /**
     * bytes32 hex
     */
    @StringColumn_({nullable: false})
    partition!: string

    /**
     * the bytes32 as text when it is printable ASCII padded with zeros ("senior"), else null
     */
    @StringColumn_({nullable: true})
    name!: string | undefined | null

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    /**
     * totalSupply as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    totalSupplyDecimal!: string | undefined | null

    @IntColumn_({nullable: false})
    holderCount!: number

    @IntColumn_({nullable: false})
    firstBlock!: number
}
