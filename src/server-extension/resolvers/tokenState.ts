import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {tokenStateAt} from '../../analytics/stateAt'
import {answer, resolveAsOf, sqlOf} from '../../api/asOf'

@ObjectType()
export class TokenStateView {
    @Field() token!: string
    @Field(() => Int, {description: 'the block the answer is as of (its end)'}) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field(() => String, {nullable: true}) name!: string | null
    @Field(() => String, {nullable: true}) symbol!: string | null
    @Field(() => Int, {nullable: true}) decimals!: number | null
    @Field(() => String, {nullable: true}) version!: string | null
    @Field(() => String, {nullable: true, description: 'the token\'s own ONCHAINID'}) onchainID!: string | null
    @Field(() => String, {nullable: true}) identityRegistry!: string | null
    @Field(() => String, {nullable: true, description: 'the storage of that identity registry at the block'}) identityStorage!: string | null
    @Field(() => String, {nullable: true}) compliance!: string | null
    @Field(() => String, {nullable: true, description: 'the implementation authority its proxy used at the block (getImplementationAuthority)'}) implementationAuthority!: string | null
    @Field(() => String, {nullable: true, description: 'the T-REX version (major.minor.patch) that authority was at: getCurrentVersion(), the implementations the token ran'}) trexVersion!: string | null
    @Field() paused!: boolean
    @Field({description: 'smallest unit'}) totalSupply!: string
    @Field(() => String, {nullable: true, description: 'totalSupply in the token\'s units; null when its decimals are unknown'}) totalSupplyDecimal!: string | null
    @Field(() => Int, {description: 'wallets with a balance above 0'}) holderCount!: number
    @Field(() => Int, {description: 'distinct investor identities behind those wallets'}) investorCount!: number
}

@Resolver()
export class TokenStateResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => TokenStateView, {description: 'A token\'s information, registry, compliance, implementation authority and T-REX version, pause and totals as of a block or time (default: the indexed head).'})
    async tokenState(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
    ): Promise<TokenStateView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const at = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const {info, identityStorage, totals, implementationAuthority, trexVersion} = await tokenStateAt(query, at.token, at.block)
            return {
                token: at.token.address, block: at.block, timestamp: at.timestamp?.toISOString() ?? null,
                name: info?.name ?? null, symbol: info?.symbol ?? null, decimals: info?.decimals ?? null, version: info?.version ?? null,
                onchainID: info?.onchainID ?? null, identityRegistry: info?.identityRegistry ?? null, identityStorage,
                compliance: info?.compliance ?? null, implementationAuthority, trexVersion, paused: info?.paused ?? false,
                ...amountsIn({totalSupply: totals.supply}, ['totalSupply'], info?.decimals ?? at.token.decimals), holderCount: totals.holderCount, investorCount: totals.investorCount,
            }
        })
    }
}
