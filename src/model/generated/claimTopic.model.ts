import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"

/**
 * A claim topic required by a claim topics registry.
 */
@Entity_()
export class ClaimTopic {
    constructor(props?: Partial<ClaimTopic>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<registry>-<topic>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    registry!: string

    @BigIntColumn_({nullable: false})
    topic!: bigint

    @BooleanColumn_({nullable: false})
    active!: boolean

    @IntColumn_({nullable: false})
    addedAtBlock!: number

    @IntColumn_({nullable: true})
    removedAtBlock!: number | undefined | null
}
