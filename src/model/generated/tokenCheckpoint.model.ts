import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"

/**
 * A token's totals at the end of a block where any of them changed: the as-of totals are one index lookup.
 */
@Index_(["token", "blockNumber"], {unique: true})
@Entity_()
export class TokenCheckpoint {
    constructor(props?: Partial<TokenCheckpoint>) {
        Object.assign(this, props)
    }

    /**
     * <token id>-<block, 10 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    @IntColumn_({nullable: false})
    blockNumber!: number

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
     * distinct investors behind the holders at the end of this block (kept exact per block by the mapping)
     */
    @IntColumn_({nullable: false})
    investorCount!: number

    /**
     * rows of the token's balance-change ledger up to this block
     */
    @IntColumn_({nullable: false})
    balanceChangeCount!: number
}
