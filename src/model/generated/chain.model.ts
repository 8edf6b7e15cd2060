import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The chain a processor indexes; its genesis hash guards the database against mixing two chains.
 */
@Entity_()
export class Chain {
    constructor(props?: Partial<Chain>) {
        Object.assign(this, props)
    }

    /**
     * chain id, as a decimal string
     */
    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    genesisHash!: string

    @IntColumn_({nullable: false})
    firstIndexedBlock!: number

    /**
     * the last block indexed (the head as-of answers may ask about) and its time
     */
    @IntColumn_({nullable: true})
    headBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    headTimestamp!: Date | undefined | null
}
