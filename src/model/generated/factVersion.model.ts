import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, JSONColumn as JSONColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {FactKind} from "./_factKind"
import {Token} from "./token.model"

/**
 * One version of one fact: its value held from the end of fromBlock up to (excluding) validUntilBlock;
 * null while current. When a fact ends (a registration deleted, a role revoked, a module unbound) its
 * last version is closed and none follows. Every as-of answer about state reads these rows.
 */
@Index_(["chainId", "kind", "contract", "key", "fromBlock"], {unique: false})
@Index_(["kind", "key"], {unique: false})
@Entity_()
export class FactVersion {
    constructor(props?: Partial<FactVersion>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<kind>-<contract>-<key>-<block, 10 digits>-<log index, 6 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Column_("varchar", {length: 24, nullable: false})
    kind!: FactKind

    /**
     * the contract the fact belongs to (token, registry, storage, compliance)
     */
    @StringColumn_({nullable: false})
    contract!: string

    /**
     * which fact of that contract (wallet, role:account, module, setting, issuer, topic); empty for the contract's own
     */
    @StringColumn_({nullable: false})
    key!: string

    @Index_()
    @ManyToOne_(() => Token, {nullable: true})
    token!: Token | undefined | null

    /**
     * the fact's value, e.g. {identity, country} for a registration; amounts as decimal strings
     */
    @JSONColumn_({nullable: false})
    value!: unknown

    @IntColumn_({nullable: false})
    fromBlock!: number

    @IntColumn_({nullable: true})
    validUntilBlock!: number | undefined | null

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    /**
     * transaction sender
     */
    @StringColumn_({nullable: false})
    actor!: string
}
