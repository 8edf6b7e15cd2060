import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"
import {PartitionTransfer} from "./partitionTransfer.model"

/**
 * Ledger by partition: one row per balance movement of one wallet in one partition, never rewritten except for
 * closing its validity (validUntilBlock), as BalanceChange is for the whole token.
 */
@Index_(["token", "partition", "wallet", "blockNumber", "logIndex"], {unique: false})
@Index_(["token", "partition", "blockNumber"], {unique: false})
@Entity_()
export class PartitionBalanceChange {
    constructor(props?: Partial<PartitionBalanceChange>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<log index, 6 digits>-<from|to>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Token, {nullable: true})
    token!: Token

    @StringColumn_({nullable: false})
    partition!: string

    @StringColumn_({nullable: false})
    wallet!: string

    @BigIntColumn_({nullable: false})
    delta!: bigint

    /**
     * delta as a signed exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    deltaDecimal!: string | undefined | null

    @BigIntColumn_({nullable: false})
    balanceAfter!: bigint

    /**
     * balanceAfter as an exact decimal string in the token's units; null while its decimals are unknown
     */
    @StringColumn_({nullable: true})
    balanceAfterDecimal!: string | undefined | null

    @Index_()
    @ManyToOne_(() => PartitionTransfer, {nullable: true})
    movement!: PartitionTransfer

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    /**
     * the block of the wallet's next change in this partition; null while current
     */
    @IntColumn_({nullable: true})
    validUntilBlock!: number | undefined | null
}
