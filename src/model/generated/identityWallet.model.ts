import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Identity} from "./identity.model"

/**
 * A wallet registered in an identity registry storage: the investor behind it, and the country.
 */
@Index_(["storage", "wallet"], {unique: true})
@Entity_()
export class IdentityWallet {
    constructor(props?: Partial<IdentityWallet>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<storage>-<wallet>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    storage!: string

    @Index_()
    @StringColumn_({nullable: false})
    wallet!: string

    @Index_()
    @ManyToOne_(() => Identity, {nullable: true})
    identity!: Identity

    /**
     * the identity's address (the investor), readable without a join
     */
    @Index_()
    @StringColumn_({nullable: false})
    investor!: string

    /**
     * ISO 3166-1 numeric
     */
    @IntColumn_({nullable: false})
    country!: number

    /**
     * ISO 3166-1 alpha-2
     */
    @StringColumn_({nullable: true})
    countryCode!: string | undefined | null

    @BooleanColumn_({nullable: false})
    active!: boolean

    @IntColumn_({nullable: false})
    registeredAtBlock!: number

    @DateTimeColumn_({nullable: false})
    registeredAt!: Date

    @IntColumn_({nullable: true})
    removedAtBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    removedAt!: Date | undefined | null
}
