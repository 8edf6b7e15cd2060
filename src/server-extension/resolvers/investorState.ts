import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {investorStateAt} from '../../analytics/stateAt'
import {answer, parseAddress, resolveAsOf, sqlOf} from '../../api/asOf'
import {walletView, WalletStateView} from './walletState'

@ObjectType()
export class InvestorStateView {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field({description: 'the investor\'s ONCHAINID identity'}) investor!: string
    @Field(() => Int, {description: 'the block the answer is as of (its end)'}) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field(() => String, {nullable: true, description: 'the token\'s identity registry storage at the block, where the wallets were registered'}) identityStorage!: string | null
    @Field(() => [WalletStateView], {description: 'the wallets registered to the identity at the block, by address'}) wallets!: WalletStateView[]
    @Field({description: 'Σ balances of those wallets, smallest unit'}) balance!: string
    @Field(() => String, {nullable: true, description: 'balance in the token\'s units; null when its decimals are unknown'}) balanceDecimal!: string | null
    @Field({description: 'Σ partially frozen tokens of those wallets'}) frozenTokens!: string
    @Field(() => String, {nullable: true, description: 'frozenTokens in the token\'s units; null when its decimals are unknown'}) frozenTokensDecimal!: string | null
    @Field(() => [String], {description: 'those wallets frozen as a whole'}) frozenWallets!: string[]
}

@Resolver()
export class InvestorStateResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => InvestorStateView, {description: 'An investor identity in a token as of a block or time (default: the indexed head): its registered wallets with balances and freezes, and their total.'})
    async investorState(
        @Arg('token') token: string,
        @Arg('investor', {description: 'ONCHAINID identity address'}) investor: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
    ): Promise<InvestorStateView> {
        return answer(async () => {
            const identity = parseAddress('investor', investor)
            const query = sqlOf(await this.tx())
            const at = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const state = await investorStateAt(query, at.token, identity, at.block)
            return {
                token: at.token.address, symbol: at.token.symbol, decimals: at.token.decimals, investor: identity, block: at.block, timestamp: at.timestamp?.toISOString() ?? null,
                identityStorage: state.identityStorage,
                wallets: state.wallets.map(w => walletView(w, at.token.decimals)),
                ...amountsIn({
                    balance: state.wallets.reduce((sum, w) => sum + w.balance, 0n),
                    frozenTokens: state.wallets.reduce((sum, w) => sum + w.frozenTokens, 0n),
                }, ['balance', 'frozenTokens'], at.token.decimals),
                frozenWallets: state.wallets.filter(w => w.isFrozen).map(w => w.wallet),
            }
        })
    }
}
