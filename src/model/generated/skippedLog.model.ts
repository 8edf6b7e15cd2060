import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_} from "@subsquid/typeorm-store"

/**
 * A watched log that could not be decoded; kept with its coordinates so nothing is lost silently.
 */
@Entity_()
export class SkippedLog {
    constructor(props?: Partial<SkippedLog>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<log index, 6 digits>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    address!: string

    @StringColumn_({nullable: true})
    topic0!: string | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    @StringColumn_({nullable: false})
    reason!: string
}
