import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {ReadTx} from '../../api/requestDb'
import {closestToCap, countryRules, maxBalanceOf, ModuleSettingRow} from '../../analytics/compliance'
import {jurisdictions} from '../../analytics/concentration'
import {factsAt, FreezeValue, tokenInfoAt, validAt} from '../../analytics/factsAt'
import {registrationsAt, SqlQuery} from '../../analytics/ownershipAt'
import {answer, holdersAsOf, sqlOf} from '../../api/asOf'

@ObjectType()
export class FrozenWalletView {
    @Field() wallet!: string
    @Field() balance!: string
    @Field({description: 'the whole wallet is frozen (setAddressFrozen)'}) isFrozen!: boolean
    @Field({description: 'tokens frozen by partial freezes (getFrozenTokens)'}) frozenTokens!: string
}

@ObjectType()
export class ModuleSettingView {
    @Field({description: 'e.g. allowedCountry:250, restrictedCountry:840, maxBalance, supplyLimit, allowedUser:0x…, timeTransferLimit:<secs>, transferFee'}) key!: string
    @Field() value!: string
    @Field(() => Int) changedAtBlock!: number
}

@ObjectType()
export class ComplianceModuleView {
    @Field() module!: string
    @Field() active!: boolean
    @Field(() => Int) addedAtBlock!: number
    @Field(() => Int, {nullable: true}) removedAtBlock!: number | null
    @Field(() => [ModuleSettingView]) settings!: ModuleSettingView[]
}

@ObjectType()
export class CountryStatusView {
    @Field(() => Int, {nullable: true, description: 'ISO 3166-1 numeric; null for wallets with no registered identity'}) country!: number | null
    @Field(() => String, {nullable: true}) countryCode!: string | null
    @Field(() => Int) holders!: number
    @Field() balance!: string
    @Field() share!: string
    @Field(() => Boolean, {
        nullable: true,
        description: 'whether the active modules let this country hold the token (allow-list and restricted countries); null when the compliance has no country rule',
    }) allowed!: boolean | null
}

@ObjectType()
export class CapHeadroomView {
    @Field({description: 'the investor identity when known (MaxBalanceModule caps per identity), else the wallet'}) holder!: string
    @Field(() => String, {nullable: true}) investor!: string | null
    @Field(() => [String]) wallets!: string[]
    @Field() balance!: string
    @Field() cap!: string
    @Field({description: 'cap − balance; negative when over the cap'}) headroom!: string
}

@ObjectType()
export class ComplianceStatusView {
    @Field() token!: string
    @Field(() => Int, {description: 'the block the answer is as of (its end)'}) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field(() => String, {nullable: true}) compliance!: string | null
    @Field() paused!: boolean
    @Field(() => [FrozenWalletView], {description: 'wallets frozen as a whole or holding partially frozen tokens'}) frozenWallets!: FrozenWalletView[]
    @Field() frozenTokensTotal!: string
    @Field(() => [ComplianceModuleView], {description: 'modules bound to the compliance up to the block; active: bound at the block'}) modules!: ComplianceModuleView[]
    @Field(() => [Int], {nullable: true, description: 'countries set allowed by the active modules\' allow-list; null without an allow-list'}) allowedCountries!: number[] | null
    @Field(() => [Int], {description: 'countries restricted by the active modules'}) restrictedCountries!: number[]
    @Field(() => [CountryStatusView], {description: 'holders and balance per country, largest first'}) countries!: CountryStatusView[]
    @Field(() => [CountryStatusView], {description: 'the countries that hold the token but are not allowed to'}) disallowedCountries!: CountryStatusView[]
    @Field(() => String, {nullable: true, description: 'MaxBalanceModule per-identity cap in the smallest unit; null when not set'}) maxBalance!: string | null
    @Field(() => [CapHeadroomView], {description: 'the 10 holders closest to maxBalance (empty when no cap)'}) closestToCap!: CapHeadroomView[]
}

@Resolver()
export class ComplianceStatusResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => ComplianceStatusView, {description: 'Paused state, frozen wallets, bound modules with settings, holders per country vs the country rules, and holders closest to the max balance, as of a block or time (default: the indexed head).'})
    async complianceStatus(
        @Arg('token') token: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
    ): Promise<ComplianceStatusView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const own = await holdersAsOf(query, {token, atBlock, atTimestamp})
            const t = own.token
            const {block} = own
            const {info} = await tokenInfoAt(query, t.chainId, t.address, block)
            const compliance = info?.compliance ?? null

            const balanceOf = new Map(own.holders.map(h => [h.wallet, h.balance]))
            const freezes = await factsAt<FreezeValue>(query, t.chainId, 'FREEZE', t.address, block)
            const frozenWallets = [...freezes.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map(f => ({
                wallet: f.key, balance: String(balanceOf.get(f.key) ?? 0n), isFrozen: f.value.isFrozen, frozenTokens: f.value.frozenTokens,
            }))
            const frozenTokensTotal = frozenWallets.reduce((s, w) => s + BigInt(w.frozenTokens), 0n)

            const modules = compliance == null ? [] : await modulesAt(query, t.chainId, compliance, block)
            // Only the settings of the modules bound at the block decide what is allowed.
            const active: ModuleSettingRow[] = modules.filter(m => m.active).flatMap(m => m.settings.map(s => ({module: m.module, key: s.key, value: s.value})))
            const rules = countryRules(active)
            const cap = maxBalanceOf(active)

            const registrations = await registrationsAt(query, t, block)
            const countries = jurisdictions(own.holders.map(h => ({country: registrations.get(h.wallet)?.country ?? null, balance: h.balance})), own.totalSupply)
                .map(r => ({...r, balance: String(r.balance), allowed: rules.isAllowed(r.country)}))

            return {
                token: t.address, block, timestamp: own.timestamp?.toISOString() ?? null, compliance, paused: info?.paused ?? false,
                frozenWallets, frozenTokensTotal: String(frozenTokensTotal), modules,
                allowedCountries: rules.allowList, restrictedCountries: rules.restricted,
                countries, disallowedCountries: countries.filter(c => c.allowed === false),
                maxBalance: cap == null ? null : String(cap),
                closestToCap: cap == null ? [] : closestToCap(own.holders, cap, 10).map(r => ({
                    holder: r.holder, investor: r.investor, wallets: r.wallets, balance: String(r.balance), cap: String(r.cap), headroom: String(r.headroom),
                })),
            }
        })
    }
}

/**
 * The modules bound to `compliance` at any time up to `block`, active when bound at the end of it,
 * with the settings valid then (only an active module's settings are read).
 */
export async function modulesAt(query: SqlQuery, chainId: number, compliance: string, block: number): Promise<ComplianceModuleView[]> {
    const bound = await query(
        `SELECT key AS module, bool_or(${validAt('f', '$3')}) AS active, max(from_block) AS added,
                max(valid_until_block) FILTER (WHERE valid_until_block <= $3) AS removed
           FROM fact_version f WHERE chain_id = $1 AND kind = 'MODULE' AND contract = $2 AND from_block <= $3
          GROUP BY key ORDER BY min(from_block), key`,
        [chainId, compliance, block])
    const settings = await factsAt<{module: string; key: string; value: string}>(query, chainId, 'MODULE_SETTING', compliance, block)
    const settingsOf = new Map<string, ModuleSettingView[]>()
    for (const f of [...settings.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
        const list = settingsOf.get(f.value.module) ?? []
        list.push({key: f.value.key, value: f.value.value, changedAtBlock: f.fromBlock})
        settingsOf.set(f.value.module, list)
    }
    return bound.map(m => {
        const active = m.active === true
        return {
            module: String(m.module), active, addedAtBlock: Number(m.added),
            removedAtBlock: active || m.removed == null ? null : Number(m.removed),
            settings: active ? settingsOf.get(String(m.module)) ?? [] : [],
        }
    })
}
