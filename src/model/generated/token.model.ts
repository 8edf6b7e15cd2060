import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {TokenStandard} from "./_tokenStandard"
import {Holding} from "./holding.model"
import {Transfer} from "./transfer.model"

/**
 * A security token: ERC-3643 (T-REX) or ERC-1400 (standard says which).
 */
@Index_(["chainId", "address"], {unique: true})
@Entity_()
export class Token {
    constructor(props?: Partial<Token>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<address>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    address!: string

    /**
     * the standard the token follows
     */
    @Column_("varchar", {length: 7, nullable: false})
    standard!: TokenStandard

    @StringColumn_({nullable: true})
    name!: string | undefined | null

    @StringColumn_({nullable: true})
    symbol!: string | undefined | null

    @IntColumn_({nullable: true})
    decimals!: number | undefined | null

    @StringColumn_({nullable: true})
    version!: string | undefined | null

    @StringColumn_({nullable: true})
    onchainID!: string | undefined | null

    @StringColumn_({nullable: true})
    identityRegistry!: string | undefined | null

    @StringColumn_({nullable: true})
    compliance!: string | undefined | null

    /**
     * TREXFactory that deployed it; null for tokens listed in TOKENS
     */
    @StringColumn_({nullable: true})
    factory!: string | undefined | null

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    /**
     * totalSupply as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    totalSupplyDecimal!: string | undefined | null

    /**
     * wallets with a balance above zero (frozen tokens count)
     */
    @IntColumn_({nullable: false})
    holderCount!: number

    /**
     * distinct investors (ONCHAINID identities) behind the wallets with a balance above zero
     */
    @IntColumn_({nullable: false})
    investorCount!: number

    @BooleanColumn_({nullable: false})
    paused!: boolean

    @IntColumn_({nullable: false})
    transferCount!: number

    /**
     * rows in its balance-change ledger: what an as-of query weighs its index paths by
     */
    @IntColumn_({nullable: false})
    balanceChangeCount!: number

    @IntColumn_({nullable: false})
    createdAtBlock!: number

    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    @StringColumn_({nullable: true})
    createdTxHash!: string | undefined | null

    @OneToMany_(() => Holding, e => e.token)
    holdings!: Holding[]

    @OneToMany_(() => Transfer, e => e.token)
    transfers!: Transfer[]
}
