import {Contract} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {closestToCap, countryRules, maxBalanceOf} from '../../src/analytics/compliance'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt, contractInterface} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {ACCOUNT, connect, devSigner, devWallet, sendChecked} from '../../src/dev/rpc'
import {demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {gql, gqlRaw} from './gql'

const dbUrl = inject('dbUrl')
const lc = (a: string) => a.toLowerCase()
/** The country the test takes off HOT's allow-list: investor 5's (USA), who holds HOT. */
const DISALLOWED = 840
/** MaxBalanceModule has no view of the cap: the one src/dev/deploy.ts sets for HOT (0 decimals). */
const HOT_CAP = 2000n

interface Status {
    token: string
    block: number
    compliance: string | null
    paused: boolean
    frozenWallets: {wallet: string; balance: string; isFrozen: boolean; frozenTokens: string}[]
    frozenTokensTotal: string
    modules: {module: string; active: boolean; settings: {key: string; value: string}[]}[]
    allowedCountries: number[] | null
    restrictedCountries: number[]
    countries: {country: number | null; holders: number; balance: string; allowed: boolean | null}[]
    disallowedCountries: {country: number | null}[]
    maxBalance: string | null
    closestToCap: {holder: string; investor: string | null; wallets: string[]; balance: string; cap: string; headroom: string}[]
}

const FIELDS = `token block compliance paused frozenWallets { wallet balance isFrozen frozenTokens } frozenTokensTotal
    modules { module active settings { key value } } allowedCountries restrictedCountries
    countries { country holders balance allowed } disallowedCountries { country }
    maxBalance closestToCap { holder investor wallets balance cap headroom }`

describe('the complianceStatus query', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let hot: Contract
    let riv: Contract
    let wallets: string[]
    let recoveryWallet: string

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        const provider = await connect(chain.url)
        const agent = devSigner(ACCOUNT.agent, provider)
        const owner = devSigner(ACCOUNT.deployer, provider)
        const equity = d.tokens[0]!
        // A holder's country leaves the allow-list, a wallet is frozen whole, and HOT ends paused.
        await sendChecked(`HOT disallows country ${DISALLOWED}`, contractAt('ModularCompliance', equity.compliance, owner), 'callModuleFunction',
            [contractInterface('CountryAllowModule').encodeFunctionData('removeAllowedCountry', [DISALLOWED]), equity.modules.CountryAllowModule])
        await sendChecked('HOT freeze wallet 5', contractAt('Token', equity.address, agent), 'setAddressFrozen', [d.investors[5]!.wallet, true])
        await sendChecked('HOT pause', contractAt('Token', equity.address, agent), 'pause', [])
        hot = contractAt('Token', equity.address, provider)
        riv = contractAt('Token', d.tokens[1]!.address, provider)
        recoveryWallet = lc(devWallet(ACCOUNT.recoveryWallet, provider).address)
        wallets = [...d.investors.map(i => lc(i.wallet)), recoveryWallet]
        run = await startIndexer(demoEnv(chain, db, d), true)
        await waitForHead(chain.url, db.url)
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    const status = async (token: string) => (await gql<{complianceStatus: Status}>(run.gqlUrl, `{ complianceStatus(token: "${token}") { ${FIELDS} } }`)).complianceStatus

    it('should give the paused state of the chain', async () => {
        const h = await status(d.tokens[0]!.address)
        const r = await status(d.tokens[1]!.address)
        expect(h.paused).toBe(await hot.paused())
        expect(h.paused).toBe(true)
        expect(r.paused).toBe(await riv.paused()) // paused, then unpaused by the demo
        expect(r.paused).toBe(false)
        expect(h.compliance).toBe(lc(d.tokens[0]!.compliance))
    })

    it('should list the frozen wallets and frozen tokens as the chain has them', async () => {
        for (const token of [hot, riv]) {
            const s = await status(await token.getAddress())
            const expected = []
            for (const w of wallets) {
                const [isFrozen, frozenTokens, balance] = await Promise.all([token.isFrozen(w), token.getFrozenTokens(w), token.balanceOf(w)]) as [boolean, bigint, bigint]
                if (isFrozen || frozenTokens > 0n) expected.push({wallet: w, balance: String(balance), isFrozen, frozenTokens: String(frozenTokens)})
            }
            expect(s.frozenWallets).toEqual(expected.sort((a, b) => (a.wallet < b.wallet ? -1 : 1)))
            expect(s.frozenTokensTotal).toBe(String(expected.reduce((t, e) => t + BigInt(e.frozenTokens), 0n)))
        }
        const h = await status(d.tokens[0]!.address)
        // Investor 1: 300 frozen, 100 unfrozen; investor 5: the whole wallet; investor 3: frozen and unfrozen, so not listed.
        expect(h.frozenWallets.find(w => w.wallet === lc(d.investors[1]!.wallet))).toMatchObject({frozenTokens: '200', isFrozen: false})
        expect(h.frozenWallets.find(w => w.wallet === lc(d.investors[5]!.wallet))).toMatchObject({isFrozen: true})
        expect(h.frozenWallets.some(w => w.wallet === lc(d.investors[3]!.wallet))).toBe(false)
    })

    it('should list the bound modules with settings that match the modules\' views', async () => {
        const provider = await connect(chain.url)
        for (const token of d.tokens) {
            const s = await status(token.address)
            const onChain = (await contractAt('ModularCompliance', token.compliance, provider).getModules() as string[]).map(lc)
            expect(s.modules.map(m => m.module).sort()).toEqual([...onChain].sort())
            expect(s.modules.every(m => m.active)).toBe(true)
            const countryModule = lc(token.modules.CountryAllowModule!)
            const allow = contractAt('CountryAllowModule', countryModule, provider)
            const settings = s.modules.find(m => m.module === countryModule)!.settings
            expect(settings.length).toBeGreaterThan(0)
            for (const {key, value} of settings) {
                const country = Number(/^allowedCountry:(\d+)$/.exec(key)![1])
                expect([key, value]).toEqual([key, String(await allow.isCountryAllowed(token.compliance, country))])
            }
            // Settings in force: a country taken off the allow-list has no setting any more.
            const investorCountries = [...new Set(d.investors.map(i => i.country))]
            const allowed = []
            for (const c of investorCountries) if (await allow.isCountryAllowed(token.compliance, c)) allowed.push(c)
            expect(settings.map(x => x.key).sort()).toEqual(allowed.map(c => `allowedCountry:${c}`).sort())
            expect(s.allowedCountries).toEqual(allowed.sort((a, b) => a - b))
            expect(s.restrictedCountries).toEqual([])
        }
        const h = await status(d.tokens[0]!.address)
        const maxModule = h.modules.find(m => m.module === lc(d.tokens[0]!.modules.MaxBalanceModule!))!
        expect(maxModule.settings).toEqual([{key: 'maxBalance', value: String(HOT_CAP)}])
        expect(h.maxBalance).toBe(String(HOT_CAP))
        expect(h.allowedCountries).not.toContain(DISALLOWED)
        const r = await status(d.tokens[1]!.address)
        expect(r.maxBalance).toBeNull()
        expect(r.closestToCap).toEqual([])
    })

    it('should count holders per country and flag the holding countries the allow-list leaves out', async () => {
        const provider = await connect(chain.url)
        for (const token of d.tokens) {
            const s = await status(token.address)
            const t = contractAt('Token', token.address, provider)
            const ir = contractAt('IdentityRegistry', token.identityRegistry, provider)
            const allow = contractAt('CountryAllowModule', token.modules.CountryAllowModule!, provider)
            const expected = new Map<number, {holders: number; balance: bigint; allowed: boolean}>()
            for (const w of wallets) {
                const b: bigint = await t.balanceOf(w)
                if (b === 0n) continue
                const country = Number(await ir.investorCountry(w))
                const e = expected.get(country) ?? {holders: 0, balance: 0n, allowed: await allow.isCountryAllowed(token.compliance, country) as boolean}
                expected.set(country, {...e, holders: e.holders + 1, balance: e.balance + b})
            }
            expect(new Map(s.countries.map(c => [c.country!, {holders: c.holders, balance: BigInt(c.balance), allowed: c.allowed}]))).toEqual(expected)
            expect(s.disallowedCountries.map(c => c.country)).toEqual(s.countries.filter(c => c.allowed === false).map(c => c.country))
        }
        const h = await status(d.tokens[0]!.address)
        expect(h.disallowedCountries.map(c => c.country)).toEqual([DISALLOWED])
        expect((await status(d.tokens[1]!.address)).disallowedCountries).toEqual([])
    })

    it('should rank the investors closest to the max balance by their balances on the chain', async () => {
        const h = await status(d.tokens[0]!.address)
        const provider = await connect(chain.url)
        const maxModule = contractAt('MaxBalanceModule', d.tokens[0]!.modules.MaxBalanceModule!, provider)
        const byInvestor = []
        for (const [i, inv] of d.investors.entries()) {
            // Investor 4's tokens moved to the recovery wallet, still under its identity.
            const balance = (await hot.balanceOf(inv.wallet) as bigint) + (i === 4 ? await hot.balanceOf(recoveryWallet) as bigint : 0n)
            if (balance === 0n) continue
            expect(balance).toBe(await maxModule.getIDBalance(d.tokens[0]!.compliance, inv.identity))
            byInvestor.push({holder: lc(inv.identity), balance})
        }
        byInvestor.sort((a, b) => (a.balance === b.balance ? (a.holder < b.holder ? -1 : 1) : a.balance > b.balance ? -1 : 1))
        const largest = byInvestor[0]!
        expect(h.closestToCap[0]).toMatchObject({holder: largest.holder, investor: largest.holder, balance: String(largest.balance), cap: '2000', headroom: String(HOT_CAP - largest.balance)})
        expect(h.closestToCap.map(r => [r.holder, r.balance, r.headroom])).toEqual(
            byInvestor.slice(0, 10).map(r => [r.holder, String(r.balance), String(HOT_CAP - r.balance)]))
        const recovered = h.closestToCap.find(r => r.holder === lc(d.investors[4]!.identity))!
        expect(recovered.wallets).toEqual([recoveryWallet])
    })

    it('should say what is wrong with the token argument', async () => {
        const error = async (q: string) => (await gqlRaw(run.gqlUrl, q)).body.errors?.[0]?.message
        expect(await error('{ complianceStatus(token: "0x12") { paused } }')).toBe('token "0x12" is not a 0x-prefixed 20-byte hex address')
        expect(await error('{ complianceStatus(token: "0x0000000000000000000000000000000000000001") { paused } }')).toMatch(/token 0x0{39}1 is not indexed/)
    })
})

describe('the pure compliance rules', () => {
    it('should judge countries by the allow-list and the restricted list, or not at all', () => {
        expect(countryRules([]).isAllowed(250)).toBeNull()
        expect(countryRules([{module: 'm', key: 'maxBalance', value: '5'}]).hasRules).toBe(false)
        const allow = countryRules([{module: 'a', key: 'allowedCountry:250', value: 'true'}, {module: 'a', key: 'allowedCountry:840', value: 'false'}])
        expect([allow.isAllowed(250), allow.isAllowed(840), allow.isAllowed(276), allow.isAllowed(null)]).toEqual([true, false, false, false])
        expect(allow.allowList).toEqual([250])
        const restrict = countryRules([{module: 'r', key: 'restrictedCountry:840', value: 'true'}, {module: 'r', key: 'restrictedCountry:276', value: 'false'}])
        expect([restrict.isAllowed(840), restrict.isAllowed(276), restrict.isAllowed(null)]).toEqual([false, true, true])
        expect(restrict.allowList).toBeNull()
        expect(restrict.restricted).toEqual([840])
    })

    it('should take the smallest cap and group wallets by investor', () => {
        expect(maxBalanceOf([])).toBeNull()
        expect(maxBalanceOf([{module: 'a', key: 'maxBalance', value: '30'}, {module: 'b', key: 'maxBalance', value: '20'}])).toBe(20n)
        const rows = closestToCap([
            {wallet: '0x1', investor: 'I', balance: 15n}, {wallet: '0x2', investor: 'I', balance: 10n},
            {wallet: '0x3', investor: null, balance: 20n}, {wallet: '0x4', investor: 'J', balance: 0n},
        ], 20n, 10)
        expect(rows.map(r => [r.holder, r.wallets, r.balance, r.headroom])).toEqual([['I', ['0x1', '0x2'], 25n, -5n], ['0x3', ['0x3'], 20n, 0n]])
        expect(closestToCap([{wallet: '0x1', investor: null, balance: 1n}, {wallet: '0x2', investor: null, balance: 2n}], 5n, 1)).toHaveLength(1)
    })
})
