import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Distribution} from "./distribution.model"

/**
 * An ERC-20 a DistributionManager pays in (a stablecoin): its symbol and decimals, read at the block it was first seen.
 */
@Index_(["chainId", "address"], {unique: true})
@Entity_()
export class PaymentToken {
    constructor(props?: Partial<PaymentToken>) {
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
     * null when name() reverted or did not return a string
     */
    @StringColumn_({nullable: true})
    name!: string | undefined | null

    /**
     * null when symbol() reverted or did not return a string (a non-standard ERC-20)
     */
    @StringColumn_({nullable: true})
    symbol!: string | undefined | null

    /**
     * null when decimals() reverted or did not return a uint8: the amounts paid in it then have no decimal form
     */
    @IntColumn_({nullable: true})
    decimals!: number | undefined | null

    /**
     * the block name, symbol and decimals were read at: that of the first distribution paying in it
     */
    @IntColumn_({nullable: false})
    discoveredAtBlock!: number

    @OneToMany_(() => Distribution, e => e.paymentTokenInfo)
    distributions!: Distribution[]
}
