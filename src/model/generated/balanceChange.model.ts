import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Token} from "./token.model"
import {Transfer} from "./transfer.model"

/**
 * Ledger: one row per balance movement of one wallet, never rewritten except for closing its validity (validUntilBlock).
 */
@Index_(["token", "wallet", "blockNumber", "logIndex"], {unique: false})
@Index_(["token", "blockNumber", "logIndex"], {unique: false})
@Entity_()
export class BalanceChange {
    constructor(props?: Partial<BalanceChange>) {
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
    @ManyToOne_(() => Transfer, {nullable: true})
    transfer!: Transfer

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    /**
     * The block of the wallet's next change in this token: this row is the wallet's balance from the end of
     * blockNumber up to (excluding) validUntilBlock; null while it is the current balance. A hand-written
     * migration indexes int4range(blockNumber, validUntilBlock) so that the holders as of any block are one
     * range lookup, not a scan of the ledger.
     */
    @IntColumn_({nullable: true})
    validUntilBlock!: number | undefined | null
}
