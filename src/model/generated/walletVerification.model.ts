import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * Whether a wallet passes its token's identity registry (the chain's isVerified), as last changed.
 */
@Index_(["identityRegistry", "wallet"], {unique: true})
@Entity_()
export class WalletVerification {
    constructor(props?: Partial<WalletVerification>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<identity registry>-<wallet>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    identityRegistry!: string

    @Index_()
    @StringColumn_({nullable: false})
    wallet!: string

    @BooleanColumn_({nullable: false})
    verified!: boolean

    @IntColumn_({nullable: false})
    changedAtBlock!: number

    @DateTimeColumn_({nullable: false})
    changedAt!: Date
}
