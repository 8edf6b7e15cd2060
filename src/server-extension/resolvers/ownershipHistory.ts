import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {PartitionArg} from './partitionArg'
import {findToken, isAddress, scopedTo} from '../../analytics/ownershipAt'
import {walletsEverOfIdentity} from '../../analytics/factsAt'
import {answer, checkPage, InputError, sqlOf} from '../../api/asOf'

@ObjectType()
export class OwnershipChange {
    @Field() wallet!: string
    @Field() delta!: string
    @Field(() => String, {nullable: true, description: 'delta in the token\'s units; null when its decimals are unknown'}) deltaDecimal!: string | null
    @Field({description: 'the wallet\'s balance after this change'}) balanceAfter!: string
    @Field(() => String, {nullable: true, description: 'balanceAfter in the token\'s units; null when its decimals are unknown'}) balanceAfterDecimal!: string | null
    @Field({description: 'the account\'s balance after this change: the wallet\'s, or the sum of the investor\'s wallets'}) accountBalanceAfter!: string
    @Field(() => String, {nullable: true, description: 'accountBalanceAfter in the token\'s units; null when its decimals are unknown'}) accountBalanceAfterDecimal!: string | null
    @Field(() => String, {nullable: true, description: 'ERC-1400: the partition of this change; null for the whole token\'s ledger'}) partition!: string | null
    @Field({description: 'MINT, BURN, TRANSFER, FORCED, RECOVERY or DVD'}) kind!: string
    @Field() from!: string
    @Field() to!: string
    @Field() actor!: string
    @Field(() => Int) blockNumber!: number
    @Field() timestamp!: string
    @Field() txHash!: string
    @Field(() => Int) logIndex!: number
}

@ObjectType()
export class OwnershipHistory {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field() account!: string
    @Field({description: 'WALLET, or INVESTOR when the account is an ONCHAINID identity'}) accountKind!: string
    @Field(() => [String]) wallets!: string[]
    @Field(() => Int) changeCount!: number
    @Field(() => [OwnershipChange]) changes!: OwnershipChange[]
}

@Resolver()
export class OwnershipHistoryResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => OwnershipHistory, {description: 'Every balance change of a wallet, or of all wallets of an investor identity, with provenance.'})
    async ownershipHistory(
        @Arg('token') token: string,
        @Arg('account') account: string,
        @Arg('limit', () => Int, {defaultValue: 100}) limit: number,
        @Arg('offset', () => Int, {defaultValue: 0}) offset: number,
        @PartitionArg() partition: string | null,
    ): Promise<OwnershipHistory> {
        return answer(async () => {
            checkPage(limit, offset)
            if (!isAddress(account)) throw new InputError(`account "${account}" is not a 0x-prefixed 20-byte hex address`)
            const query = sqlOf(await this.tx())
            const t = await scopedTo(query, await findToken(query, token), partition)
            const who = account.toLowerCase()
            // an investor's wallets are all those ever registered to it, not only its current ones
            const owned = await walletsEverOfIdentity(query, t.chainId, t.address, who)
            const wallets = owned.length > 0 ? owned : [who]
            const rows = await query(
                `SELECT * FROM (
                    SELECT bc.wallet, bc.delta::text AS delta, bc.balance_after::text AS balance_after,
                           (sum(bc.delta) OVER (ORDER BY bc.block_number, bc.log_index, bc.id))::text AS account_after,
                           ${t.partition == null ? 'NULL' : 'bc.partition'} AS partition,
                           tr.kind, tr."from", tr."to", tr.actor, bc.block_number, bc.timestamp, bc.tx_hash, bc.log_index, bc.id,
                           count(*) OVER () AS total
                      FROM ${t.partition == null ? 'balance_change bc JOIN transfer tr ON tr.id = bc.transfer_id' : 'partition_balance_change bc JOIN partition_transfer tr ON tr.id = bc.movement_id'}
                     WHERE bc.token_id = $1 AND bc.wallet = ANY($2) AND ${t.partition == null ? '$5::text IS NULL' : 'bc.partition = $5'}) h
                 ORDER BY block_number, log_index, id LIMIT $3 OFFSET $4`,
                [t.id, wallets, limit, offset, t.partition ?? null])
            return {
                token: t.address, symbol: t.symbol, decimals: t.decimals, account: who, accountKind: owned.length > 0 ? 'INVESTOR' : 'WALLET', wallets,
                changeCount: rows.length > 0 ? Number(rows[0]!.total) : 0,
                changes: rows.map(r => ({
                    wallet: String(r.wallet), partition: r.partition == null ? null : String(r.partition), ...amountsIn({delta: BigInt(String(r.delta)), balanceAfter: BigInt(String(r.balance_after)), accountBalanceAfter: BigInt(String(r.account_after))}, ['delta', 'balanceAfter', 'accountBalanceAfter'], t.decimals),
                    kind: String(r.kind), from: String(r.from), to: String(r.to), actor: String(r.actor), blockNumber: Number(r.block_number),
                    timestamp: new Date(r.timestamp as string).toISOString(), txHash: String(r.tx_hash), logIndex: Number(r.log_index),
                })),
            }
        })
    }
}
