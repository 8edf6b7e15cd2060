import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {jurisdictions} from '../../analytics/concentration'
import {answer, holdersAsOf, sqlOf} from '../../api/asOf'

@ObjectType()
export class JurisdictionView {
    @Field(() => Int, {nullable: true, description: 'ISO 3166-1 numeric; null for wallets with no registered identity'}) country!: number | null
    @Field(() => String, {nullable: true}) countryCode!: string | null
    @Field(() => Int) holders!: number
    @Field() balance!: string
    @Field() share!: string
}

@ObjectType()
export class JurisdictionsView {
    @Field() token!: string
    @Field(() => Int) block!: number
    @Field() supply!: string
    @Field(() => [JurisdictionView]) countries!: JurisdictionView[]
}

@Resolver()
export class JurisdictionsResolver {
    constructor(private readonly tx: () => Promise<EntityManager>) {}

    @Query(() => JurisdictionsView, {description: 'Holders, balance and share per country of the investors behind them, as of a block or time.'})
    async jurisdictions(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
    ): Promise<JurisdictionsView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const own = await holdersAsOf(query, {token, atBlock, atTimestamp})
            const investors = own.holders.map(h => h.investor).filter((i): i is string => i != null)
            // The country an investor is registered with now (a past block's country is in the audit trail).
            const country = new Map((await query('SELECT address, country FROM identity WHERE chain_id = $1 AND address = ANY($2)', [own.token.chainId, investors]))
                .map(r => [String(r.address), r.country == null ? null : Number(r.country)]))
            const rows = jurisdictions(own.holders.map(h => ({country: h.investor ? country.get(h.investor) ?? null : null, balance: h.balance})), own.totalSupply)
            return {
                token: own.token.address, block: own.block, supply: String(own.totalSupply),
                countries: rows.map(r => ({...r, balance: String(r.balance)})),
            }
        })
    }
}
