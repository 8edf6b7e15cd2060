import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

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
}
