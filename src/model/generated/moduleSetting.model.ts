import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * One setting of a compliance module for one compliance (allowed country, max balance, fee, …), as last set.
 */
@Entity_()
export class ModuleSetting {
    constructor(props?: Partial<ModuleSetting>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<module>-<compliance>-<key>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    module!: string

    @Index_()
    @StringColumn_({nullable: false})
    compliance!: string

    @StringColumn_({nullable: false})
    key!: string

    @StringColumn_({nullable: false})
    value!: string

    @IntColumn_({nullable: false})
    changedAtBlock!: number

    @DateTimeColumn_({nullable: false})
    changedAt!: Date
}
