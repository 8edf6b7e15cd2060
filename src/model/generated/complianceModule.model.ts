import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"

/**
 * A compliance module bound to a ModularCompliance.
 */
@Entity_()
export class ComplianceModule {
    constructor(props?: Partial<ComplianceModule>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<compliance>-<module>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    compliance!: string

    @StringColumn_({nullable: false})
    module!: string

    @Index_()
    @ManyToOne_(() => Token, {nullable: true})
    token!: Token | undefined | null

    @BooleanColumn_({nullable: false})
    active!: boolean

    @IntColumn_({nullable: false})
    addedAtBlock!: number

    @IntColumn_({nullable: true})
    removedAtBlock!: number | undefined | null
}
