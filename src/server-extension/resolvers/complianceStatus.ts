import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {closestToCap, countryRules, maxBalanceOf, ModuleSettingRow} from '../../analytics/compliance'
import {jurisdictions} from '../../analytics/concentration'
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
    @Field(() => Int, {description: 'the indexed head the answer is as of'}) block!: number
    @Field(() => String, {nullable: true}) compliance!: string | null
    @Field() paused!: boolean
    @Field(() => [FrozenWalletView], {description: 'wallets frozen as a whole or holding partially frozen tokens'}) frozenWallets!: FrozenWalletView[]
    @Field() frozenTokensTotal!: string
    @Field(() => [ComplianceModuleView], {description: 'modules ever bound to the compliance, active or not'}) modules!: ComplianceModuleView[]
    @Field(() => [Int], {nullable: true, description: 'countries set allowed by the active modules\' allow-list; null without an allow-list'}) allowedCountries!: number[] | null
    @Field(() => [Int], {description: 'countries restricted by the active modules'}) restrictedCountries!: number[]
    @Field(() => [CountryStatusView], {description: 'holders and balance per country, largest first'}) countries!: CountryStatusView[]
    @Field(() => [CountryStatusView], {description: 'the countries that hold the token but are not allowed to'}) disallowedCountries!: CountryStatusView[]
    @Field(() => String, {nullable: true, description: 'MaxBalanceModule per-identity cap in the smallest unit; null when not set'}) maxBalance!: string | null
    @Field(() => [CapHeadroomView], {description: 'the 10 holders closest to maxBalance (empty when no cap)'}) closestToCap!: CapHeadroomView[]
}

@Resolver()
export class ComplianceStatusResolver {
    constructor(private readonly tx: () => Promise<EntityManager>) {}

    @Query(() => ComplianceStatusView, {description: 'Paused state, frozen wallets, bound modules with settings, holders per country vs the country rules, and holders closest to the max balance, at the indexed head.'})
    async complianceStatus(@Arg('token') token: string): Promise<ComplianceStatusView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const own = await holdersAsOf(query, {token})
            const t = own.token
            const [row] = await query('SELECT paused, compliance FROM token WHERE id = $1', [t.id])
            const paused = row?.paused === true
            const compliance = row?.compliance == null ? null : String(row.compliance)

            const frozen = await query(
                `SELECT wallet, balance::text AS balance, frozen_amount::text AS frozen, is_frozen
                   FROM holding WHERE token_id = $1 AND (is_frozen OR frozen_amount > 0) ORDER BY wallet`,
                [t.id],
            )
            const frozenWallets = frozen.map(r => ({wallet: String(r.wallet), balance: String(r.balance), isFrozen: r.is_frozen === true, frozenTokens: String(r.frozen)}))
            const frozenTokensTotal = frozenWallets.reduce((s, w) => s + BigInt(w.frozenTokens), 0n)

            const moduleRows = compliance == null ? [] : await query(
                `SELECT module, active, added_at_block, removed_at_block FROM compliance_module
                  WHERE chain_id = $1 AND compliance = $2 ORDER BY added_at_block, module`,
                [t.chainId, compliance],
            )
            const settingRows = compliance == null ? [] : await query(
                'SELECT module, key, value, changed_at_block FROM module_setting WHERE chain_id = $1 AND compliance = $2 ORDER BY module, key',
                [t.chainId, compliance],
            )
            const settingsOf = new Map<string, ModuleSettingView[]>()
            for (const s of settingRows) {
                const m = String(s.module)
                const list = settingsOf.get(m) ?? []
                list.push({key: String(s.key), value: String(s.value), changedAtBlock: Number(s.changed_at_block)})
                settingsOf.set(m, list)
            }
            const modules = moduleRows.map(m => ({
                module: String(m.module), active: m.active === true, addedAtBlock: Number(m.added_at_block),
                removedAtBlock: m.removed_at_block == null ? null : Number(m.removed_at_block), settings: settingsOf.get(String(m.module)) ?? [],
            }))
            // Only the settings of the modules bound now decide what is allowed.
            const active: ModuleSettingRow[] = modules.filter(m => m.active).flatMap(m => m.settings.map(s => ({module: m.module, key: s.key, value: s.value})))
            const rules = countryRules(active)
            const cap = maxBalanceOf(active)

            const investors = [...new Set(own.holders.map(h => h.investor).filter((i): i is string => i != null))]
            const country = new Map((await query('SELECT address, country FROM identity WHERE chain_id = $1 AND address = ANY($2)', [t.chainId, investors]))
                .map(r => [String(r.address), r.country == null ? null : Number(r.country)]))
            const countries = jurisdictions(own.holders.map(h => ({country: h.investor ? country.get(h.investor) ?? null : null, balance: h.balance})), own.totalSupply)
                .map(r => ({...r, balance: String(r.balance), allowed: rules.isAllowed(r.country)}))

            return {
                token: t.address, block: own.block, compliance, paused,
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
