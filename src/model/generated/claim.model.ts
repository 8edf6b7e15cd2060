import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Identity} from "./identity.model"
import {ClaimStatus} from "./_claimStatus"

/**
 * A claim on an investor's identity (KYC, accreditation, …) and what became of it.
 */
@Entity_()
export class Claim {
    constructor(props?: Partial<Claim>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<identity>-<claim id>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => Identity, {nullable: true})
    identity!: Identity

    @StringColumn_({nullable: false})
    claimId!: string

    @Index_()
    @BigIntColumn_({nullable: false})
    topic!: bigint

    @BigIntColumn_({nullable: false})
    scheme!: bigint

    @Index_()
    @StringColumn_({nullable: false})
    issuer!: string

    /**
     * keccak256 of the signature: what a ClaimIssuer's ClaimRevoked names
     */
    @Index_()
    @StringColumn_({nullable: false})
    signatureHash!: string

    @StringColumn_({nullable: false})
    data!: string

    @StringColumn_({nullable: false})
    uri!: string

    @Column_("varchar", {length: 7, nullable: false})
    status!: ClaimStatus

    @IntColumn_({nullable: false})
    addedAtBlock!: number

    @DateTimeColumn_({nullable: false})
    addedAt!: Date

    @IntColumn_({nullable: true})
    changedAtBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    removedAtBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    revokedAtBlock!: number | undefined | null
}
