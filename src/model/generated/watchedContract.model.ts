import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, ManyToOne as ManyToOne_} from "@subsquid/typeorm-store"
import {ContractKind} from "./_contractKind"
import {Token} from "./token.model"

/**
 * A contract the indexer watches, and how it was found.
 */
@Entity_()
export class WatchedContract {
    constructor(props?: Partial<WatchedContract>) {
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

    @Column_("varchar", {length: 25, nullable: false})
    kind!: ContractKind

    /**
     * the token it belongs to, for a token's own registry and compliance
     */
    @Index_()
    @ManyToOne_(() => Token, {nullable: true})
    token!: Token | undefined | null

    /**
     * identity registries: the storage, trusted issuers and claim topics registries in use
     */
    @StringColumn_({nullable: true})
    identityStorage!: string | undefined | null

    @StringColumn_({nullable: true})
    trustedIssuersRegistry!: string | undefined | null

    @StringColumn_({nullable: true})
    claimTopicsRegistry!: string | undefined | null

    @StringColumn_({nullable: false})
    discoveredBy!: string

    /**
     * the first event, in chain order, that revealed it
     */
    @IntColumn_({nullable: false})
    discoveredAtBlock!: number

    @IntColumn_({nullable: false})
    discoveredLogIndex!: number

    @StringColumn_({nullable: false})
    discoveredTxHash!: string
}
