import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {amountsIn} from './amounts'
import type {ReadTx} from '../../api/requestDb'
import {WalletStateAt, walletsStateAt} from '../../analytics/stateAt'
import {countryAlpha2} from '../../mapping/rules'
import {answer, parseAddress, resolveAsOf, sqlOf} from '../../api/asOf'

@ObjectType()
export class WalletStateView {
    @Field() wallet!: string
    @Field({description: 'balanceOf, smallest unit'}) balance!: string
    @Field(() => String, {nullable: true, description: 'balance in the token\'s units; null when its decimals are unknown'}) balanceDecimal!: string | null
    @Field({description: 'getFrozenTokens: tokens frozen by partial freezes, smallest unit'}) frozenTokens!: string
    @Field(() => String, {nullable: true, description: 'frozenTokens in the token\'s units; null when its decimals are unknown'}) frozenTokensDecimal!: string | null
    @Field({description: 'isFrozen: the whole wallet is frozen'}) isFrozen!: boolean
    @Field({description: 'contains: the wallet has an identity in the token\'s identity registry storage'}) registered!: boolean
    @Field(() => String, {nullable: true, description: 'identity: the investor\'s ONCHAINID; null when not registered'}) investor!: string | null
    @Field(() => Int, {nullable: true, description: 'investorCountry, ISO 3166-1 numeric; null when not registered'}) country!: number | null
    @Field(() => String, {nullable: true}) countryCode!: string | null
    @Field({description: 'isVerified of the token\'s identity registry'}) verified!: boolean
    @Field(() => Int, {nullable: true, description: 'registered without a break since the end of this block (identity or country changes do not break it)'}) registeredSinceBlock!: number | null
}

@ObjectType()
export class WalletStateOfTokenView extends WalletStateView {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field(() => Int, {description: 'the block the answer is as of (its end)'}) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field(() => String, {nullable: true, description: 'the token\'s identity registry at the block: where registration and verification were read'}) identityRegistry!: string | null
}

/** One wallet's state as the API shows it. */
export function walletView(w: WalletStateAt, decimals: number | null): WalletStateView {
    const country = w.registration?.country ?? null
    return {
        wallet: w.wallet, ...amountsIn(w, ['balance', 'frozenTokens'], decimals), isFrozen: w.isFrozen,
        registered: w.registration != null, investor: w.registration?.identity ?? null,
        country, countryCode: country == null ? null : countryAlpha2(country),
        verified: w.verified, registeredSinceBlock: w.registeredSince?.fromBlock ?? null,
    }
}

@Resolver()
export class WalletStateResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => WalletStateOfTokenView, {description: 'A wallet in a token as of a block or time (default: the indexed head): balance, freezes, registration, country, verification.'})
    async walletState(
        @Arg('token') token: string,
        @Arg('wallet') wallet: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
    ): Promise<WalletStateOfTokenView> {
        return answer(async () => {
            const address = parseAddress('wallet', wallet)
            const query = sqlOf(await this.tx())
            const at = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const state = await walletsStateAt(query, at.token, [address], at.block)
            return {
                ...walletView(state.wallets[0]!, at.token.decimals),
                token: at.token.address, symbol: at.token.symbol, decimals: at.token.decimals, block: at.block, timestamp: at.timestamp?.toISOString() ?? null, identityRegistry: state.identityRegistry,
            }
        })
    }
}
