import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"

/**
 * A claim issuer trusted by a trusted issuers registry, for some claim topics.
 */
@Entity_()
export class TrustedIssuer {
    constructor(props?: Partial<TrustedIssuer>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<registry>-<issuer>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    registry!: string

    @StringColumn_({nullable: false})
    issuer!: string

    /**
     * topic numbers as decimal strings
     */
    @StringColumn_({array: true, nullable: false})
    claimTopics!: (string)[]

    @BooleanColumn_({nullable: false})
    active!: boolean

    @IntColumn_({nullable: false})
    addedAtBlock!: number

    @IntColumn_({nullable: true})
    removedAtBlock!: number | undefined | null
}
