import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {PartitionArg} from './partitionArg'
import {jurisdictions} from '../../analytics/concentration'
import {countriesAt} from '../../analytics/ledgerAt'
import {answer, resolveAsOf, sqlOf} from '../../api/asOf'
import {scopedTo} from '../../analytics/ownershipAt'

@ObjectType()
export class JurisdictionView {
    @Field(() => Int, {nullable: true, description: 'ISO 3166-1 numeric; null for wallets with no registered identity'}) country!: number | null
    @Field(() => String, {nullable: true}) countryCode!: string | null
    @Field(() => Int) holders!: number
    @Field() balance!: string
    @Field(() => String, {nullable: true, description: 'balance in the token\'s units; null when its decimals are unknown'}) balanceDecimal!: string | null
    @Field() share!: string
}

@ObjectType()
export class JurisdictionsView {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field(() => Int) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field() supply!: string
    @Field(() => String, {nullable: true, description: 'supply in the token\'s units; null when its decimals are unknown'}) supplyDecimal!: string | null
    @Field(() => [JurisdictionView]) countries!: JurisdictionView[]
}

@Resolver()
export class JurisdictionsResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => JurisdictionsView, {description: 'Holders, balance and share per country, as of a block or time; a wallet counts under the country it was registered with at that block.'})
    async jurisdictions(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
        @PartitionArg() partition: string | null,
    ): Promise<JurisdictionsView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const {token: t, block, timestamp} = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const groups = await countriesAt(query, await scopedTo(query, t, partition), block)
            const supply = groups.reduce((sum, g) => sum + g.balance, 0n)
            return {
                token: t.address, block, timestamp: timestamp?.toISOString() ?? null, symbol: t.symbol, decimals: t.decimals, ...amountsIn({supply}, ['supply'], t.decimals),
                countries: jurisdictions(groups, supply).map(r => ({...r, ...amountsIn(r, ['balance'], t.decimals)})),
            }
        })
    }
}
