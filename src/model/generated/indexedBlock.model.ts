import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A block in which something the indexer watches happened, with its time: times resolve to blocks
 * through these (the last such block at or before the time), never through one kind of event.
 */
@Index_(["chainId", "timestamp", "height"], {unique: false})
@Entity_()
export class IndexedBlock {
    constructor(props?: Partial<IndexedBlock>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<height, 10 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @IntColumn_({nullable: false})
    height!: number

    @StringColumn_({nullable: false})
    hash!: string

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
