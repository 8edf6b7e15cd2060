import {Arg, Field, Int, ObjectType, Query, registerEnumType, Resolver} from 'type-graphql'
import type {ReadTx} from '../../api/requestDb'
import {PartitionArg} from './partitionArg'
import {CapTable, capTable, walletRow, withFreezes} from '../../analytics/capTable'
import {countHoldersAt, holdersPage, PageOptions, totalsAt} from '../../analytics/ledgerAt'
import {frozenAt, frozenPart, IndexedToken, investorBalancesAt, investorsAt, registrationsAt, scopedTo, SqlQuery, verifiedAt} from '../../analytics/ownershipAt'
import {countryAlpha2} from '../../mapping/rules'
import {answer, checkPage, parseAmount, resolveAsOf, sqlOf} from '../../api/asOf'
import {amountsIn} from './amounts'

export enum CapTableGroupBy {
    WALLET = 'WALLET',
    INVESTOR = 'INVESTOR',
}
registerEnumType(CapTableGroupBy, {name: 'CapTableGroupBy', description: 'one row per wallet, or per investor identity (its wallets merged, recovered ones included)'})

@ObjectType()
export class CapTableRowView {
    @Field({description: 'the wallet, or the investor identity when grouped by investor'}) holder!: string
    @Field(() => String, {nullable: true}) investor!: string | null
    @Field(() => [String]) wallets!: string[]
    @Field() balance!: string
    @Field(() => String, {nullable: true, description: 'balance in the token\'s units; null when its decimals are unknown'}) balanceDecimal!: string | null
    @Field({description: 'tokens frozen by partial freezes'}) frozenTokens!: string
    @Field(() => String, {nullable: true, description: 'frozenTokens in the token\'s units; null when its decimals are unknown'}) frozenTokensDecimal!: string | null
    @Field(() => [String], {description: 'wallets frozen as a whole'}) frozenWallets!: string[]
    @Field({description: 'balance / supply, exact to 10 places (truncated)'}) share!: string
    @Field({description: 'isVerified in the token\'s identity registry at the block (when grouped by investor: every wallet)'}) verified!: boolean
    @Field(() => Int, {nullable: true}) country!: number | null
    @Field(() => String, {nullable: true}) countryCode!: string | null
    @Field(() => Int, {nullable: true, description: 'first block any of its wallets held the token'}) firstAcquiredBlock!: number | null
}

@ObjectType()
export class CapTableView {
    @Field() token!: string
    @Field(() => String, {nullable: true, description: 'the token\'s symbol'}) symbol!: string | null
    @Field(() => Int, {nullable: true, description: 'the token\'s decimals: every …Decimal amount is the raw one divided by 10^decimals'}) decimals!: number | null
    @Field(() => Int) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field() supply!: string
    @Field(() => String, {nullable: true, description: 'supply in the token\'s units; null when its decimals are unknown'}) supplyDecimal!: string | null
    @Field(() => Int) holderCount!: number
    @Field(() => Int) investorCount!: number
    @Field(() => Int, {description: 'rows matching minBalance, before limit/offset'}) rowCount!: number
    @Field(() => [CapTableRowView]) rows!: CapTableRowView[]
}

@Resolver()
export class CapTableResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => CapTableView, {description: 'Holders as of a block or time (default: the indexed head), largest first, with totals.'})
    async capTable(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
        @Arg('groupBy', () => CapTableGroupBy, {defaultValue: CapTableGroupBy.WALLET}) groupBy: CapTableGroupBy,
        @Arg('limit', () => Int, {defaultValue: 100}) limit: number,
        @Arg('offset', () => Int, {defaultValue: 0}) offset: number,
        @Arg('minBalance', () => String, {nullable: true}) minBalance: string | null,
        @PartitionArg() partition: string | null,
    ): Promise<CapTableView> {
        return answer(async () => {
            checkPage(limit, offset)
            const min = parseAmount('minBalance', minBalance)
            const query = sqlOf(await this.tx())
            const at = await resolveAsOf(query, {token, atBlock, atTimestamp})
            const {block, timestamp} = at
            const t = await scopedTo(query, at.token, partition)
            const table = groupBy === CapTableGroupBy.WALLET
                ? await walletPage(query, t, block, {limit, offset, minBalance: min})
                : await investorPage(query, t, block, {limit, offset, minBalance: min})
            const wallets = table.rows.flatMap(r => r.wallets)
            const first = new Map((await query(t.partition == null
                ? 'SELECT wallet, first_acquired_block FROM holding WHERE token_id = $1 AND wallet = ANY($2) AND $3::text IS NULL'
                : 'SELECT wallet, first_acquired_block FROM partition_holding WHERE token_id = $1 AND wallet = ANY($2) AND partition = $3', [t.id, wallets, t.partition ?? null]))
                .map(r => [String(r.wallet), r.first_acquired_block == null ? null : Number(r.first_acquired_block)]))
            // Each wallet's country is the one it was registered with at the block, in the token's storage then.
            const [registrations, verified] = await Promise.all([registrationsAt(query, t, block, wallets), verifiedAt(query, t, block, wallets)])
            return {
                token: t.address, symbol: t.symbol, decimals: t.decimals, block, timestamp: timestamp?.toISOString() ?? null,
                ...amountsIn(table, ['supply'], t.decimals), holderCount: table.holderCount,
                investorCount: table.investorCount, rowCount: table.rowCount,
                rows: table.rows.map(r => {
                    const blocks = r.wallets.map(w => first.get(w)).filter((b): b is number => b != null)
                    const country = r.wallets.map(w => registrations.get(w)?.country).find(c => c != null) ?? null
                    return {
                        holder: r.holder, investor: r.investor, wallets: r.wallets, ...amountsIn(r, ['balance', 'frozenTokens'], t.decimals),
                        frozenWallets: r.frozenWallets, share: r.share, verified: r.wallets.every(w => verified.has(w)), country, countryCode: country == null ? null : countryAlpha2(country),
                        firstAcquiredBlock: blocks.length ? Math.min(...blocks) : null,
                    }
                }),
            }
        })
    }
}

/** Grouped by wallet: totals from the checkpoints and one page from the ledger, without reading every holder. */
async function walletPage(query: SqlQuery, token: IndexedToken, block: number, page: PageOptions): Promise<CapTable> {
    const totals = await totalsAt(query, token, block)
    const rows = await holdersPage(query, token, block, totals.holderCount, page)
    const wallets = rows.map(r => r.wallet)
    const [frozen, investors] = await Promise.all([frozenAt(query, token, block, wallets), investorsAt(query, token, block, wallets)])
    return {
        supply: totals.supply,
        holderCount: totals.holderCount,
        investorCount: totals.investorCount,
        rowCount: page.minBalance > 0n ? await countHoldersAt(query, token, block, page.minBalance) : totals.holderCount,
        rows: rows.map(r => walletRow({...r, investor: investors.get(r.wallet) ?? null, ...frozenPart(frozen, r.wallet, r.balance, block)}, totals.supply)),
    }
}

/** Grouped by investor: every holder at the block with its investor, grouped; freezes read for the page only. */
async function investorPage(query: SqlQuery, token: IndexedToken, block: number, page: PageOptions): Promise<CapTable> {
    const holders = await investorBalancesAt(query, token, block)
    const table = capTable(holders.map(h => ({...h, frozen: 0n, frozenTokens: 0n, addressFrozen: false})), {groupBy: 'INVESTOR', ...page})
    const frozen = await frozenAt(query, token, block, table.rows.flatMap(r => r.wallets))
    return {...table, rows: withFreezes(table.rows, w => frozenPart(frozen, w, 0n, block).frozenTokens, w => frozen.addresses.has(w))}
}
