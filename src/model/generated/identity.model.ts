import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {IdentityWallet} from "./identityWallet.model"
import {Claim} from "./claim.model"

/**
 * An investor's ONCHAINID identity contract.
 */
@Entity_()
export class Identity {
    constructor(props?: Partial<Identity>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<address>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    address!: string

    @OneToMany_(() => IdentityWallet, e => e.identity)
    wallets!: IdentityWallet[]

    @OneToMany_(() => Claim, e => e.identity)
    claims!: Claim[]
}
