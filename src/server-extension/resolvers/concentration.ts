import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {PartitionArg} from './partitionArg'
import {concentration} from '../../analytics/concentration'
import {balancesAt} from '../../analytics/ledgerAt'
import {answer, resolveAsOf, sqlOf} from '../../api/asOf'
import {scopedTo} from '../../analytics/ownershipAt'

@ObjectType()
export class ConcentrationView {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field(() => Int) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field() supply!: string
    @Field(() => String, {nullable: true, description: 'supply in the token\'s units; null when its decimals are unknown'}) supplyDecimal!: string | null
    @Field(() => Int) holderCount!: number
    @Field({description: 'share of the largest holder, exact to 10 places'}) top1!: string
    @Field() top5!: string
    @Field() top10!: string
    @Field({description: 'Herfindahl-Hirschman index on the 0–10,000 scale'}) hhi!: string
    @Field({description: 'Gini coefficient of wallet balances, 0 (equal) to 1'}) gini!: string
    @Field(() => Int, {description: 'the fewest holders that together hold more than half of the supply'}) holdersToMajority!: number
}

@Resolver()
export class ConcentrationResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => ConcentrationView, {description: 'How concentrated ownership is, as of a block or time (default: the indexed head).'})
    async concentration(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
        @PartitionArg() partition: string | null,
    ): Promise<ConcentrationView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const {token: t, block, timestamp} = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const c = concentration(await balancesAt(query, await scopedTo(query, t, partition), block))
            return {token: t.address, block, timestamp: timestamp?.toISOString() ?? null, ...c, symbol: t.symbol, decimals: t.decimals, ...amountsIn(c, ['supply'], t.decimals)}
        })
    }
}
