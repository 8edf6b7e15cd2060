import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {documentsAt, operatorsAt, partitionBalancesAt, partitionsAt} from '../../analytics/partitionsAt'
import {balancesOfAt} from '../../analytics/stateAt'
import {partitionName} from '../../mapping/erc1400/state'
import {answer, InputError, parseAddress, resolveAsOf, sqlOf} from '../../api/asOf'

@ObjectType()
export class PartitionView {
    @Field({description: 'bytes32 hex'}) partition!: string
    @Field(() => String, {nullable: true, description: 'the bytes32 as text when printable ("senior")'}) name!: string | null
    @Field({description: 'totalSupplyByPartition, smallest unit'}) totalSupply!: string
    @Field(() => String, {nullable: true, description: 'totalSupply in the token\'s units; null when its decimals are unknown'}) totalSupplyDecimal!: string | null
    @Field(() => Int) holderCount!: number
}

@ObjectType()
export class DocumentView {
    @Field({description: 'bytes32 hex'}) name!: string
    @Field(() => String, {nullable: true}) nameText!: string | null
    @Field() uri!: string
    @Field() documentHash!: string
    @Field(() => Int, {description: 'the block whose DocumentUpdated set this version'}) setAtBlock!: number
    @Field() txHash!: string
    @Field({description: 'transaction sender'}) setBy!: string
}

@ObjectType()
export class OperatorView {
    @Field() holder!: string
    @Field() operator!: string
    @Field(() => String, {nullable: true, description: 'null: an operator for all the holder\'s partitions (isOperator)'}) partition!: string | null
    @Field(() => Int) sinceBlock!: number
    @Field() txHash!: string
}

@ObjectType()
export class PartitionBalanceView {
    @Field() partition!: string
    @Field(() => String, {nullable: true}) name!: string | null
    @Field() balance!: string
    @Field(() => String, {nullable: true, description: 'balance in the token\'s units; null when its decimals are unknown'}) balanceDecimal!: string | null
}

@ObjectType()
export class Erc1400WalletView {
    @Field() wallet!: string
    @Field({description: 'balanceOf'}) balance!: string
    @Field(() => String, {nullable: true, description: 'balance in the token\'s units; null when its decimals are unknown'}) balanceDecimal!: string | null
    @Field(() => [PartitionBalanceView], {description: 'balanceOfByPartition for each partition the wallet holds (partitionsOf)'}) partitions!: PartitionBalanceView[]
}

@ObjectType()
export class Erc1400StateView {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field(() => Int) block!: number
    @Field(() => String, {nullable: true}) timestamp!: string | null
    @Field(() => [PartitionView]) partitions!: PartitionView[]
    @Field(() => [DocumentView], {description: 'getAllDocuments / getDocument: the documents in force'}) documents!: DocumentView[]
    @Field(() => [OperatorView]) operators!: OperatorView[]
    @Field(() => [Erc1400WalletView]) wallets!: Erc1400WalletView[]
}

@Resolver()
export class Erc1400StateResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => Erc1400StateView, {description: 'An ERC-1400 token as of a block or time (default: the indexed head): partitions, documents, operators, and the given wallets by partition.'})
    async erc1400State(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
        @Arg('wallets', () => [String], {defaultValue: []}) wallets: string[],
    ): Promise<Erc1400StateView> {
        return answer(async () => {
            if (wallets.length > 1000) throw new InputError(`wallets has ${wallets.length} entries: give at most 1000`)
            const addresses = wallets.map(w => parseAddress('wallet', w))
            const query = sqlOf(await this.tx())
            const {token: t, block, timestamp} = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const [partitions, documents, operators, balances, byPartition] = await Promise.all([
                partitionsAt(query, t, block), documentsAt(query, t, block), operatorsAt(query, t, block),
                balancesOfAt(query, t, addresses, block), partitionBalancesAt(query, t, addresses, block),
            ])
            return {
                token: t.address, symbol: t.symbol, decimals: t.decimals, block, timestamp: timestamp?.toISOString() ?? null,
                partitions: partitions.map(p => ({partition: p.partition, name: partitionName(p.partition), ...amountsIn(p, ['totalSupply'], t.decimals), holderCount: p.holderCount})),
                documents: documents.map(d => ({...d.value, setAtBlock: d.fromBlock, txHash: d.txHash, setBy: d.actor})),
                operators: operators.map(o => ({holder: o.value.holder, operator: o.value.operator, partition: o.value.partition ?? null, sinceBlock: o.fromBlock, txHash: o.txHash})),
                wallets: addresses.map(w => ({
                    wallet: w,
                    ...amountsIn({balance: balances.get(w) ?? 0n}, ['balance'], t.decimals),
                    partitions: [...byPartition.get(w) ?? []].map(([partition, balance]) => ({partition, name: partitionName(partition), ...amountsIn({balance}, ['balance'], t.decimals)})),
                })),
            }
        })
    }
}
