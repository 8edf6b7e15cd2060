import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ContractKind} from "./_contractKind"
import {Token} from "./token.model"
import {Role} from "./_role"

/**
 * An agent or owner of a watched contract, and since/until when.
 */
@Entity_()
export class RoleAssignment {
    constructor(props?: Partial<RoleAssignment>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<contract>-<role>-<account>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    contract!: string

    @Column_("varchar", {length: 25, nullable: false})
    contractKind!: ContractKind

    @Index_()
    @ManyToOne_(() => Token, {nullable: true})
    token!: Token | undefined | null

    @Column_("varchar", {length: 5, nullable: false})
    role!: Role

    @Index_()
    @StringColumn_({nullable: false})
    account!: string

    @BooleanColumn_({nullable: false})
    active!: boolean

    @IntColumn_({nullable: false})
    grantedAtBlock!: number

    @DateTimeColumn_({nullable: false})
    grantedAt!: Date

    @IntColumn_({nullable: true})
    revokedAtBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    revokedAt!: Date | undefined | null
}
