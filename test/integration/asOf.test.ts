import {formatUnits, JsonRpcProvider} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {ownerAt, snapshotAt, TokenSnapshot} from '../harness/chainOracle'
import {Deployment} from '../../src/dev/deploy'
import {HistoryScenarioResult, runHistoryScenario} from '../harness/historyScenario'
import {mulberry32} from '../../src/dev/random'
import {ComplianceScenarioResult, runComplianceScenario} from '../../src/dev/complianceScenario'
import {connect} from '../../src/dev/rpc'
import {rpc} from '../../src/dev/status'
import {demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {gql, gqlRaw} from './gql'

/**
 * The as-of oracle: the API's state queries at seeded past blocks against the chain itself, read
 * with eth_call at those blocks (test/harness/chainOracle.ts), after a history (test/harness/historyScenario.ts)
 * in which nearly every block changes some fact.
 */

const dbUrl = inject('dbUrl')
const SEED = 20261130
/** past blocks compared with the chain */
const SAMPLES = 28
/** the API's cap on root fields per request */
const ROOT_FIELDS = 20

interface TokenStateAnswer {
    token: string
    block: number
    timestamp: string | null
    name: string | null
    symbol: string | null
    decimals: number | null
    paused: boolean
    totalSupply: string
    identityRegistry: string | null
    identityStorage: string | null
    compliance: string | null
    holderCount: number
    investorCount: number
}
interface WalletAnswer {
    wallet: string
    balance: string
    frozenTokens: string
    isFrozen: boolean
    registered: boolean
    investor: string | null
    country: number | null
    countryCode: string | null
    verified: boolean
    registeredSinceBlock: number | null
}
interface WalletStateAnswer extends WalletAnswer {
    block: number
    identityRegistry: string | null
}
interface InvestorStateAnswer {
    investor: string
    wallets: WalletAnswer[]
    balance: string
    frozenTokens: string
    frozenWallets: string[]
}
interface RoleHolderAnswer {
    account: string
    sinceBlock: number
    txHash: string
}
interface RolesAnswer {
    block: number
    contracts: {contract: string; kind: string; agents: RoleHolderAnswer[]; owners: RoleHolderAnswer[]}[]
}
interface ComplianceAnswer {
    block: number
    paused: boolean
    frozenWallets: {wallet: string; balance: string; isFrozen: boolean; frozenTokens: string}[]
    modules: {module: string; active: boolean; settings: {key: string; value: string}[]}[]
}
interface CapTableAnswer {
    block: number
    symbol: string | null
    decimals: number | null
    supplyDecimal: string | null
    rows: {holder: string; balance: string; balanceDecimal: string | null; country: number | null; verified: boolean}[]
}

const TOKEN_FIELDS = 'token block timestamp name symbol decimals paused totalSupply identityRegistry identityStorage compliance holderCount investorCount'
const WALLET_FIELDS = 'wallet balance frozenTokens isFrozen registered investor country countryCode verified registeredSinceBlock'
const ROLE_FIELDS = 'block contracts { contract kind agents { account sinceBlock txHash } owners { account sinceBlock txHash } }'
const COMPLIANCE_FIELDS = 'block paused frozenWallets { wallet balance isFrozen frozenTokens } modules { module active settings { key value } }'

/** What the API and the chain say about one token at one block. */
interface Sample {
    block: number
    token: string
    chain: TokenSnapshot
    /** owner() of the token, its registry and its compliance at the block */
    owners: Record<string, string>
    tokenState: TokenStateAnswer
    wallets: Record<string, WalletStateAnswer>
    investors: Record<string, InvestorStateAnswer>
    roles: RolesAnswer
    compliance: ComplianceAnswer
    capTable: CapTableAnswer
}

/** Several root fields, sent ROOT_FIELDS at a time; the answers by alias. */
async function ask<T>(url: string, fields: Record<string, string>): Promise<Record<string, T>> {
    const entries = Object.entries(fields)
    const out: Record<string, T> = {}
    for (let i = 0; i < entries.length; i += ROOT_FIELDS) {
        const body = entries.slice(i, i + ROOT_FIELDS).map(([alias, field]) => `${alias}: ${field}`).join('\n')
        Object.assign(out, await gql<Record<string, T>>(url, `{ ${body} }`))
    }
    return out
}

/** Runs `fn` over `items`, `width` at a time (the chain and the API answer while the other waits). */
async function inPool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0
    await Promise.all(Array.from({length: width}, async () => {
        while (next < items.length) await fn(items[next++]!)
    }))
}

const sorted = <T>(xs: Iterable<T>): T[] => [...xs].sort()
const countriesSet = (settings: {key: string; value: string}[], prefix: string, probed: readonly number[]): number[] =>
    settings.filter(s => s.key.startsWith(prefix) && s.value === 'true').map(s => Number(s.key.slice(prefix.length)))
        .filter(c => probed.includes(c)).sort((a, b) => a - b)

describe('as-of state queries', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let c: ComplianceScenarioResult
    let r: HistoryScenarioResult
    /** accounts whose agent roles are compared: the ones the scenarios toggle, and the demo agent */
    let candidates: string[]
    let provider: JsonRpcProvider
    let head: number
    let identities: string[]
    let modules: string[]
    const samples: Sample[] = []
    const timings: string[] = []

    const stepBlock = (prefix: string): {block: number; txHash: string} => {
        const step = r.steps.find(s => s.what.startsWith(prefix))
        if (step == null) throw new Error(`no step "${prefix}"`)
        return step
    }

    beforeAll(async () => {
        const t0 = Date.now()
        ;({chain, db, d} = await startDemoChain(dbUrl))
        // Every event kind first (claims revoked at the issuer, RIV30's compliance switched and back, agents and owners moved)...
        c = await runComplianceScenario(chain.url, d)
        // ...then the history. The earlier blocks share seconds (automine within one second); the story's get one second each.
        await rpc(chain.url, 'anvil_setBlockTimestampInterval', [1])
        r = await runHistoryScenario(chain.url, d, SEED)
        expect(r.skipped).toEqual([])
        candidates = [...r.agentCandidates, c.accounts.extraAgent.toLowerCase(), c.accounts.interimOwner.toLowerCase()]
        const t1 = Date.now()
        // Batches cut at seeded random blocks: facts are closed and opened across batch boundaries.
        run = await startIndexer({...demoEnv(chain, db, d), BATCH_SPLIT: `random:${SEED}`}, true)
        head = await waitForHead(chain.url, db.url)
        const t2 = Date.now()
        provider = await connect(chain.url, d.chainId)
        identities = sorted(new Set([...d.investors.map(i => i.identity.toLowerCase()), ...Object.values(r.identities)]))
        modules = sorted(new Set([...r.modules.map(m => m.module), ...[...Object.values(c.modules), ...d.tokens.flatMap(t => Object.values(t.modules))].map(m => m.toLowerCase())]))
        timings.push(`chain and history ${t1 - t0} ms (${r.lastBlock - r.firstBlock + 1} blocks, ${r.steps.length} steps)`, `indexer to head ${t2 - t1} ms`)
    })

    afterAll(async () => {
        console.log(`[asOf] ${timings.join(', ')}`)
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    describe('when asked at seeded past blocks', () => {
        beforeAll(async () => {
            const t0 = Date.now()
            const created = (await gql<{tokens: {address: string; createdAtBlock: number}[]}>(run.gqlUrl, '{ tokens(limit: 100) { address createdAtBlock } }')).tokens
            const firstBlock = Math.max(...created.filter(t => r.tokens.includes(t.address)).map(t => t.createdAtBlock))
            const rand = mulberry32(SEED)
            const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
            const stepBlocks = r.steps.map(s => s.block)
            const blocks = new Set<number>([firstBlock, r.firstBlock - 1, head])
            // the story's own blocks, the block before some of them, the story's range, and the demo before it
            while (blocks.size < 13) blocks.add(stepBlocks[between(0, stepBlocks.length - 1)]!)
            while (blocks.size < 16) blocks.add(stepBlocks[between(0, stepBlocks.length - 1)]! - 1)
            while (blocks.size < 20) blocks.add(between(r.firstBlock, r.lastBlock))
            while (blocks.size < SAMPLES) blocks.add(between(firstBlock, r.firstBlock - 1))
            const subject = {tokens: r.tokens, wallets: r.wallets, agentCandidates: candidates, modules, countries: r.countries}
            await inPool([...blocks], 3, async block => {
                const chainState = await snapshotAt(provider, subject, block)
                for (const snap of chainState) {
                    const token = snap.token
                    const at = `token: "${token}", atBlock: ${block}`
                    const fields: Record<string, string> = {
                        tokenState: `tokenState(${at}) { ${TOKEN_FIELDS} }`,
                        roles: `roles(contract: "${token}", atBlock: ${block}) { ${ROLE_FIELDS} }`,
                        compliance: `complianceStatus(${at}) { ${COMPLIANCE_FIELDS} }`,
                        capTable: `capTable(${at}, limit: 1000) { block symbol decimals supplyDecimal rows { holder balance balanceDecimal country verified } }`,
                    }
                    r.wallets.forEach((w, i) => { fields[`w${i}`] = `walletState(${at}, wallet: "${w}") { block identityRegistry ${WALLET_FIELDS} }` })
                    identities.forEach((id, i) => {
                        fields[`i${i}`] = `investorState(${at}, investor: "${id}") { investor balance frozenTokens frozenWallets wallets { ${WALLET_FIELDS} } }`
                    })
                    const answers = await ask<unknown>(run.gqlUrl, fields)
                    const ir = snap.facts.identityRegistry
                    const [tokenOwner, registryOwner, complianceOwner] = await Promise.all([token, ir, snap.facts.compliance].map(c => ownerAt(provider, c, block)))
                    samples.push({
                        block, token, chain: snap,
                        owners: {[token]: tokenOwner!, [ir]: registryOwner!, [snap.facts.compliance]: complianceOwner!},
                        tokenState: answers.tokenState as TokenStateAnswer,
                        roles: answers.roles as RolesAnswer,
                        compliance: answers.compliance as ComplianceAnswer,
                        capTable: answers.capTable as CapTableAnswer,
                        wallets: Object.fromEntries(r.wallets.map((w, i) => [w, answers[`w${i}`] as WalletStateAnswer])),
                        investors: Object.fromEntries(identities.map((id, i) => [id, answers[`i${i}`] as InvestorStateAnswer])),
                    })
                }
            })
            samples.sort((a, b) => a.block - b.block)
            timings.push(`${blocks.size} blocks × ${r.tokens.length} tokens, chain and API, ${Date.now() - t0} ms`)
        })

        it('should sample at least 25 blocks, in the story and before it, each answer stating its block', () => {
            const blocks = new Set(samples.map(s => s.block))
            expect(blocks.size).toBeGreaterThanOrEqual(25)
            expect([...blocks].filter(b => b >= r.firstBlock).length).toBeGreaterThanOrEqual(15)
            expect([...blocks].filter(b => b < r.firstBlock).length).toBeGreaterThanOrEqual(3)
            for (const s of samples) {
                expect([s.tokenState.block, s.roles.block, s.compliance.block, s.capTable.block, ...Object.values(s.wallets).map(w => w.block)])
                    .toEqual(Array(4 + r.wallets.length).fill(s.block))
            }
        })

        it('should give tokenState as name, symbol, decimals, paused, totalSupply, identityRegistry and compliance at that block', () => {
            for (const s of samples) {
                const f = s.chain.facts
                expect({block: s.block, ...s.tokenState}).toMatchObject({
                    block: s.block, token: s.token, name: f.name, symbol: f.symbol, decimals: f.decimals, paused: f.paused,
                    totalSupply: String(f.totalSupply), identityRegistry: f.identityRegistry, compliance: f.compliance,
                })
                const holders = Object.values(s.chain.wallets).filter(w => w.balance > 0n)
                expect({block: s.block, holders: s.tokenState.holderCount}).toEqual({block: s.block, holders: holders.length})
                const investors = new Set(holders.filter(w => w.identity != null).map(w => w.identity))
                expect({block: s.block, investors: s.tokenState.investorCount}).toEqual({block: s.block, investors: investors.size})
            }
        })

        it('should give walletState as balanceOf, getFrozenTokens, isFrozen, contains, identity, investorCountry and isVerified for every wallet that ever held', () => {
            let checked = 0
            for (const s of samples) {
                for (const [wallet, f] of Object.entries(s.chain.wallets)) {
                    const w = s.wallets[wallet]!
                    expect({block: s.block, token: s.token, ...w}).toMatchObject({
                        block: s.block, token: s.token, wallet, identityRegistry: f.identityRegistry,
                        balance: String(f.balance), frozenTokens: String(f.frozenTokens), isFrozen: f.isFrozen,
                        registered: f.registered, investor: f.identity, country: f.country, verified: f.verified,
                    })
                    expect(w.registeredSinceBlock == null).toBe(!f.registered)
                    if (w.registeredSinceBlock != null) expect(w.registeredSinceBlock).toBeLessThanOrEqual(s.block)
                    checked++
                }
            }
            expect(checked).toBe(samples.length * r.wallets.length)
            // a KYC claim revoked at the issuer (no registry event) left its wallet registered but unverified
            const revoked = c.revokedInvestor.wallet.toLowerCase()
            for (const s of samples.filter(x => x.block === head)) expect(s.wallets[revoked]).toMatchObject({registered: true, verified: false})
            // the story's hard cases are in the samples: a frozen wallet holding nothing, an unverified registered one
            expect(samples.some(s => Object.values(s.chain.wallets).some(w => w.isFrozen && w.balance === 0n))).toBe(true)
            expect(samples.some(s => Object.values(s.chain.wallets).some(w => w.registered && !w.verified))).toBe(true)
        })

        it('should give investorState the wallets registered to the identity at that block, with their total', () => {
            for (const s of samples) {
                for (const id of identities) {
                    const expected = Object.entries(s.chain.wallets).filter(([, f]) => f.registered && f.identity === id)
                    const answer = s.investors[id]!
                    expect({block: s.block, token: s.token, id, wallets: answer.wallets.map(w => w.wallet)})
                        .toEqual({block: s.block, token: s.token, id, wallets: expected.map(([w]) => w).sort()})
                    expect({block: s.block, id, balance: answer.balance, frozenTokens: answer.frozenTokens, frozenWallets: answer.frozenWallets}).toEqual({
                        block: s.block, id,
                        balance: String(expected.reduce((sum, [, f]) => sum + f.balance, 0n)),
                        frozenTokens: String(expected.reduce((sum, [, f]) => sum + f.frozenTokens, 0n)),
                        frozenWallets: expected.filter(([, f]) => f.isFrozen).map(([w]) => w).sort(),
                    })
                }
            }
        })

        it('should give roles: the agents (isAgent) and owner of the token, its registry and compliance at that block', () => {
            for (const s of samples) {
                const byKind = Object.fromEntries(s.roles.contracts.map(c => [c.kind, c]))
                expect(s.roles.contracts.map(c => c.contract)).toEqual([s.token, s.chain.facts.identityRegistry, s.chain.facts.compliance])
                const agents = (kind: string) => byKind[kind]!.agents.map(a => a.account).filter(a => candidates.includes(a))
                expect({block: s.block, token: agents('TOKEN'), registry: agents('IDENTITY_REGISTRY')})
                    .toEqual({block: s.block, token: sorted(s.chain.tokenAgents), registry: sorted(s.chain.registryAgents)})
                for (const c of s.roles.contracts) {
                    expect({block: s.block, contract: c.contract, owners: c.owners.map(o => o.account)}).toEqual({block: s.block, contract: c.contract, owners: [s.owners[c.contract]]})
                    for (const h of [...c.agents, ...c.owners]) expect(h.sinceBlock).toBeLessThanOrEqual(s.block)
                }
            }
        })

        it('should give complianceStatus the modules bound at that block (getModules), with their settings as the modules\' views say', () => {
            for (const s of samples) {
                const active = s.compliance.modules.filter(m => m.active)
                expect({block: s.block, token: s.token, modules: sorted(active.map(m => m.module))}).toEqual({block: s.block, token: s.token, modules: sorted(s.chain.modules)})
                expect(s.compliance.paused).toBe(s.chain.facts.paused)
                for (const m of s.chain.moduleSettings.filter(x => x.bound)) {
                    const settings = active.find(x => x.module === m.module)!.settings
                    const at = {block: s.block, module: m.name}
                    if (m.allowedCountries) expect({...at, allowed: countriesSet(settings, 'allowedCountry:', r.countries)}).toEqual({...at, allowed: m.allowedCountries})
                    if (m.restrictedCountries) expect({...at, restricted: countriesSet(settings, 'restrictedCountry:', r.countries)}).toEqual({...at, restricted: m.restrictedCountries})
                    if (m.supplyLimit != null) expect({...at, limit: settings.find(x => x.key === 'supplyLimit')?.value ?? '0'}).toEqual({...at, limit: String(m.supplyLimit)})
                }
                const frozen = Object.entries(s.chain.wallets).filter(([, f]) => f.isFrozen || f.frozenTokens > 0n)
                    .map(([wallet, f]) => ({wallet, balance: String(f.balance), isFrozen: f.isFrozen, frozenTokens: String(f.frozenTokens)}))
                expect({block: s.block, frozen: s.compliance.frozenWallets}).toEqual({block: s.block, frozen: frozen.sort((a, b) => (a.wallet < b.wallet ? -1 : 1))})
            }
            // the samples saw modules bound and unbound, and settings that changed
            const boundSets = new Set(samples.map(s => `${s.token}:${sorted(s.chain.modules).join(',')}`))
            expect(boundSets.size).toBeGreaterThan(r.tokens.length)
        })

        it('should give capTable each holder with its balance, the country it was registered with and whether it was verified at that block', () => {
            for (const s of samples) {
                const holders = Object.entries(s.chain.wallets).filter(([, f]) => f.balance > 0n)
                const rows = [...s.capTable.rows].sort((a, b) => (a.holder < b.holder ? -1 : 1))
                // ethers' formatting as an independent oracle of the decimal forms: its "1.0" is "1" here
                const units = (raw: bigint) => formatUnits(raw, s.chain.facts.decimals).replace(/\.0$/, '')
                expect({block: s.block, token: s.token, symbol: s.capTable.symbol, decimals: s.capTable.decimals, supplyDecimal: s.capTable.supplyDecimal, rows}).toEqual({
                    block: s.block, token: s.token, symbol: s.chain.facts.symbol, decimals: s.chain.facts.decimals, supplyDecimal: units(s.chain.facts.totalSupply),
                    rows: holders.map(([holder, f]) => ({holder, balance: String(f.balance), balanceDecimal: units(f.balance), country: f.country, verified: f.verified}))
                        .sort((a, b) => (a.holder < b.holder ? -1 : 1)),
                })
            }
        })
    })

    describe('when the story broke and resumed a registration or a role', () => {
        const hot = () => r.tokens[0]!
        const riv = () => r.tokens[1]!
        const wallet = async (token: string, w: string, block: number) =>
            (await gql<{walletState: WalletStateAnswer}>(run.gqlUrl, `{ walletState(token: "${token}", wallet: "${w}", atBlock: ${block}) { block ${WALLET_FIELDS} } }`)).walletState

        it('should date a registration from its first block, through country and identity changes, and anew after a deletion', async () => {
            const multi = await wallet(hot(), r.accounts.multiTokenInvestor, head)
            expect(multi).toMatchObject({country: 276, countryCode: 'DE', registeredSinceBlock: stepBlock('HOT IR: register the multi-token investor').block})
            const replaced = await wallet(riv(), r.accounts.replacedInvestor, head)
            expect(replaced).toMatchObject({investor: r.identities.replacedSecond, registeredSinceBlock: stepBlock('RIV30 IR: register the replaced investor').block})
            const deleted = stepBlock(`HOT IR: delete investor`).block
            const again = stepBlock(`HOT IR: register investor`).block
            expect(await wallet(hot(), r.accounts.reRegisteredInvestor, deleted)).toMatchObject({registered: false, investor: null, country: null, registeredSinceBlock: null})
            expect(await wallet(hot(), r.accounts.reRegisteredInvestor, again)).toMatchObject({registered: true, country: 380, registeredSinceBlock: again})
            expect((await wallet(hot(), r.accounts.reRegisteredInvestor, deleted - 1)).registeredSinceBlock).toBeLessThan(r.firstBlock)
        })

        it('should keep a wallet in its first investor\'s ownership history after its identity was replaced', async () => {
            type H = {ownershipHistory: {accountKind: string; wallets: string[]}}
            const history = async (investor: string) =>
                (await gql<H>(run.gqlUrl, `{ ownershipHistory(token: "${riv()}", account: "${investor}", limit: 1) { accountKind wallets } }`)).ownershipHistory
            // the wallet is registered to the second identity now; the first one's history still holds its movements
            expect((await history(r.identities.replacedFirst)).wallets).toContain(r.accounts.replacedInvestor)
            expect((await history(r.identities.replacedSecond)).wallets).toContain(r.accounts.replacedInvestor)
        })

        it('should date an agent from the grant in force, with its transaction', async () => {
            const roles = async (block: number) => (await gql<{roles: RolesAnswer}>(run.gqlUrl, `{ roles(contract: "${hot()}", atBlock: ${block}) { ${ROLE_FIELDS} } }`)).roles
            const agent22 = (a: RolesAnswer) => a.contracts[0]!.agents.find(x => x.account === r.accounts.extraAgent)
            const first = stepBlock('HOT: add agent 22')
            const removed = stepBlock('HOT: remove agent 22')
            const again = stepBlock('HOT: add agent 22 again')
            expect(agent22(await roles(first.block))).toEqual({account: r.accounts.extraAgent, sinceBlock: first.block, txHash: first.txHash})
            expect(agent22(await roles(removed.block))).toBeUndefined()
            expect(agent22(await roles(head))).toEqual({account: r.accounts.extraAgent, sinceBlock: again.block, txHash: again.txHash})
            // the registry of a token is asked about by its own address too
            const registry = (await gql<{roles: RolesAnswer}>(run.gqlUrl, `{ roles(contract: "${r.identityRegistries[0]}") { ${ROLE_FIELDS} } }`)).roles
            expect(registry.contracts.map(c => [c.contract, c.kind])).toEqual([[r.identityRegistries[0], 'IDENTITY_REGISTRY']])
            expect(registry.contracts[0]!.agents.map(a => a.account)).toContain(r.accounts.extraAgent)
        })
    })

    describe('when asked at a time', () => {
        const TIME_WALLETS = () => Object.values(r.accounts)
        /** Both tokens' state through tokenState, roles and walletState, minus the block and time each answer states. */
        const stateQuery = (at: string): Record<string, string> => {
            const fields: Record<string, string> = {}
            r.tokens.forEach((token, t) => {
                fields[`t${t}`] = `tokenState(token: "${token}", ${at}) { ${TOKEN_FIELDS} }`
                fields[`r${t}`] = `roles(contract: "${token}", ${at}) { ${ROLE_FIELDS} }`
                TIME_WALLETS().forEach((w, i) => { fields[`w${t}_${i}`] = `walletState(token: "${token}", wallet: "${w}", ${at}) { block ${WALLET_FIELDS} }` })
            })
            return fields
        }
        type Stated = {block: number; timestamp?: string | null}
        const withoutBlock = (answers: Record<string, Stated>) =>
            Object.fromEntries(Object.entries(answers).map(([k, {block: _b, timestamp: _t, ...rest}]) => [k, rest]))

        it('should answer at a block\'s time as at the last block with that time, for every block of the demo and the story', async () => {
            const started = Date.now()
            const tokensFrom = Math.max(...(await gql<{tokens: {address: string; createdAtBlock: number}[]}>(run.gqlUrl, '{ tokens(limit: 100) { address createdAtBlock } }'))
                .tokens.filter(t => r.tokens.includes(t.address)).map(t => t.createdAtBlock))
            const times = new Map<number, number>()
            for (let b = tokensFrom; b <= head; b++) times.set(b, (await provider.getBlock(b))!.timestamp)
            // anvil blocks can share a second: a time names the last of them
            const lastWithTime = new Map<number, number>()
            for (const [b, t] of times) lastWithTime.set(t, Math.max(b, lastWithTime.get(t) ?? b))
            // both cases occur: seconds shared by several blocks (the demo), a second per block (the story)
            expect(lastWithTime.size).toBeLessThan(times.size)
            expect(lastWithTime.size).toBeGreaterThan(head - r.firstBlock)
            await inPool([...lastWithTime], 3, async ([t, last]) => {
                const iso = new Date(t * 1000).toISOString()
                const [byTime, byBlock] = await Promise.all([
                    ask<Stated>(run.gqlUrl, stateQuery(`atTimestamp: "${iso}"`)),
                    ask<Stated>(run.gqlUrl, stateQuery(`atBlock: ${last}`)),
                ])
                expect({time: iso, answer: withoutBlock(byTime)}).toEqual({time: iso, answer: withoutBlock(byBlock)})
                for (const a of Object.values(byTime)) {
                    // the last indexed block at or before the time: at most that block, never after the time
                    expect(a.block).toBeLessThanOrEqual(last)
                    if (a.timestamp !== undefined) expect(Date.parse(a.timestamp!)).toBeLessThanOrEqual(t * 1000)
                }
                expect((byBlock.t0 as Stated).timestamp ?? iso).toBe(iso)
            })
            timings.push(`${lastWithTime.size} times over ${times.size} blocks ${Date.now() - started} ms`)
        })

        it('should refuse a time before the first indexed block or after the head, naming it', async () => {
            const error = async (q: string) => (await gqlRaw(run.gqlUrl, q)).body.errors?.[0]?.message
            const before = await error(`{ tokenState(token: "${r.tokens[0]}", atTimestamp: "2001-01-01T00:00:00Z") { block } }`)
            const m = /^atTimestamp 2001-01-01T00:00:00.000Z is before the first indexed block \(block (\d+) at ([^)]+)\)/.exec(before ?? '')
            expect(m, before).not.toBeNull()
            const first = Number(m![1])
            expect(first).toBeGreaterThanOrEqual(d.deployBlock)
            expect(m![2]).toBe(new Date((await provider.getBlock(first))!.timestamp * 1000).toISOString())
            const headTime = (await provider.getBlock(head))!.timestamp * 1000
            const late = new Date(headTime + 3_600_000).toISOString()
            expect(await error(`{ walletState(token: "${r.tokens[1]}", wallet: "${r.wallets[0]}", atTimestamp: "${late}") { block } }`))
                .toBe(`atTimestamp ${late} is after the indexed head (block ${head} at ${new Date(headTime).toISOString()}): that time is not indexed yet`)
            const atHead = await gql<{tokenState: {block: number}}>(run.gqlUrl, `{ tokenState(token: "${r.tokens[1]}", atTimestamp: "${new Date(headTime).toISOString()}") { block } }`)
            expect(atHead.tokenState.block).toBeLessThanOrEqual(head)
        })
    })

    describe('when the arguments are wrong', () => {
        it('should say what is wrong, naming the argument', async () => {
            const error = async (q: string) => (await gqlRaw(run.gqlUrl, q)).body.errors?.[0]?.message
            const token = r.tokens[0]!
            const unknown = `0x${'ab'.repeat(20)}`
            expect(await error(`{ tokenState(token: "${unknown}") { block } }`)).toMatch(new RegExp(`^token ${unknown} is not indexed`))
            expect(await error(`{ tokenState(token: "0x12") { block } }`)).toBe('token "0x12" is not a 0x-prefixed 20-byte hex address')
            expect(await error(`{ walletState(token: "${token}", wallet: "nope") { block } }`)).toBe('wallet "nope" is not a 0x-prefixed 20-byte hex address')
            expect(await error(`{ investorState(token: "${token}", investor: "0x1") { block } }`)).toBe('investor "0x1" is not a 0x-prefixed 20-byte hex address')
            expect(await error(`{ roles(contract: "${unknown}") { block } }`)).toMatch(new RegExp(`^contract ${unknown} is not watched by the indexer`))
            expect(await error(`{ tokenState(token: "${token}", atBlock: ${head}, atTimestamp: "2026-01-01T00:00:00Z") { block } }`)).toBe('give atBlock or atTimestamp, not both')
            expect(await error(`{ roles(contract: "${r.identityRegistries[0]}", atBlock: ${head}, atTimestamp: "2026-01-01") { block } }`)).toBe('give atBlock or atTimestamp, not both')
            expect(await error(`{ walletState(token: "${token}", wallet: "${r.wallets[0]}", atBlock: -1) { block } }`)).toBe('atBlock -1 is not a block number')
            expect(await error(`{ investorState(token: "${token}", investor: "${identities[0]}", atBlock: ${head + 1}) { block } }`)).toMatch(`atBlock ${head + 1} is beyond the indexed head ${head}`)
            expect(await error(`{ roles(contract: "${r.compliances[0]}", atBlock: ${head + 1}) { block } }`)).toMatch(`atBlock ${head + 1} is beyond the indexed head ${head}`)
            expect(await error(`{ tokenState(token: "${token}", atBlock: 1) { block } }`)).toMatch(/before token .* was deployed/)
            expect(await error(`{ tokenState(token: "${token}", atTimestamp: "30 June") { block } }`)).toBe('atTimestamp "30 June" is not an ISO 8601 date or date-time')
        })
    })
})
