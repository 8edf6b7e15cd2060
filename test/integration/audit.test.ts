import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {ComplianceScenarioResult, INDEXED_FAMILIES, runComplianceScenario} from '../../src/dev/complianceScenario'
import {Deployment} from '../../src/dev/deploy'
import {connect} from '../../src/dev/rpc'
import {demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {auditKindOf} from '../../src/mapping/catalog'
import {mulberry32} from '../../src/dev/random'
import {gql} from './gql'

const dbUrl = inject('dbUrl')
const lc = (a: string) => a.toLowerCase()

interface AuditRow {
    id: string
    kind: string
    contract: string
    contractKind: string
    subject: string | null
    investor: string | null
    counterparty: string | null
    amount: string | null
    actor: string
    blockNumber: number
    txHash: string
    logIndex: number
    params: Record<string, unknown>
    token: {symbol: string} | null
}

const AUDIT_FIELDS = 'id kind contract contractKind subject investor counterparty amount actor blockNumber txHash logIndex params token { symbol }'
const TRANSFER_KINDS = ['MINT', 'BURN', 'TRANSFER', 'FORCED_TRANSFER', 'RECOVERY_TRANSFER', 'DVD_TRANSFER']

/** The whole ERC-3643 surface: every event kind of the real T-REX and ONCHAINID contracts, on its own chain. */
describe('the audit trail', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let r: ComplianceScenarioResult
    let head: number
    let audit: AuditRow[]

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        r = await runComplianceScenario(chain.url, d)
        run = await startIndexer(demoEnv(chain, db, d), true)
        head = await waitForHead(chain.url, db.url)
        audit = (await gql<{auditEvents: AuditRow[]}>(run.gqlUrl, `{ auditEvents(orderBy: id_ASC, limit: 20000) { ${AUDIT_FIELDS} } }`)).auditEvents
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    describe('when the scenario has made every contract family emit every event', () => {
        it('should hold one audit row per log, at its block and log index, with its kind, contract, tx and actor', () => {
            const byCoordinates = new Map(audit.filter(a => a.kind !== 'VERIFICATION_CHANGED').map(a => [`${a.blockNumber}-${a.logIndex}`, a]))
            const missing: string[] = []
            let checked = 0
            for (const step of r.steps) {
                for (const log of step.logs.filter(l => (INDEXED_FAMILIES as readonly string[]).includes(l.contract))) {
                    const row = byCoordinates.get(`${step.block}-${log.logIndex}`)
                    if (row == null) {
                        missing.push(`${step.name}: ${log.contract}.${log.event} at ${step.block}/${log.logIndex}`)
                        continue
                    }
                    checked++
                    const kind = log.event === 'Transfer' ? expect.stringMatching(new RegExp(`^(${TRANSFER_KINDS.join('|')})$`)) : auditKindOf(log.event)
                    expect({kind: row.kind, contract: row.contract, txHash: row.txHash, actor: row.actor})
                        .toEqual({kind, contract: lc(log.address), txHash: step.txHash, actor: lc(step.from)})
                }
            }
            expect(missing).toEqual([])
            expect(checked).toBeGreaterThan(400)
        })

        it('should cover every event kind the scenario emitted', () => {
            const emitted = new Set(r.steps.flatMap(s => s.logs.filter(l => (INDEXED_FAMILIES as readonly string[]).includes(l.contract)).map(l => l.event)))
            const indexed = new Set(audit.map(a => a.kind))
            for (const event of emitted) {
                if (event === 'Transfer') continue
                expect([event, indexed.has(auditKindOf(event))]).toEqual([event, true])
            }
            for (const kind of TRANSFER_KINDS) expect([kind, indexed.has(kind)]).toEqual([kind, true])
        })
    })

    describe('when a ClaimIssuer revokes an investor\'s KYC claim', () => {
        it('should mark the claim revoked and the wallet unverified on every token, naming the cause', async () => {
            const wallet = lc(r.revokedInvestor.wallet)
            const res = await gql<{claims: {status: string; revokedAtBlock: number}[]; walletVerifications: {identityRegistry: string; verified: boolean}[]}>(run.gqlUrl, `{
                claims(limit: 1000, where: {identity: {address_eq: "${lc(r.revokedInvestor.identity)}"}, claimId_eq: "${r.revokedInvestor.claimId}"}) { status revokedAtBlock }
                walletVerifications(limit: 1000, where: {wallet_eq: "${wallet}"}) { identityRegistry verified } }`)
            expect(res.claims.map(c => c.status)).toEqual(['REVOKED'])
            const registries = [d.tokens[0]!, d.tokens[1]!, r.lumen].map(t => lc(t.identityRegistry)).sort()
            expect(res.walletVerifications.filter(v => registries.includes(v.identityRegistry)).map(v => v.verified)).toEqual([false, false, false])
            const changes = audit.filter(a => a.kind === 'VERIFICATION_CHANGED' && a.subject === wallet && a.blockNumber === res.claims[0]!.revokedAtBlock)
            expect(changes.map(c => c.params)).toEqual(registries.map(ir => ({verified: false, cause: 'CLAIM_ISSUER.ClaimRevoked', causeContract: lc(r.revokedInvestor.issuer)})).map(() => expect.objectContaining({verified: false, cause: 'CLAIM_ISSUER.ClaimRevoked'})))
        })
    })

    describe('when an agent recovers a lost wallet', () => {
        it('should link the lost and the new wallet to the same investor, with the history continuous', async () => {
            const res = await gql<{identityWallets: {wallet: string; investor: string; active: boolean}[]}>(run.gqlUrl, `{
                identityWallets(limit: 1000, where: {investor_eq: "${lc(r.recovery.identity)}", storage_eq: "${lc(r.meridian.identityRegistryStorage)}"}, orderBy: registeredAtBlock_ASC) { wallet investor active } }`)
            expect(res.identityWallets).toEqual([
                {wallet: lc(r.recovery.lostWallet), investor: lc(r.recovery.identity), active: false},
                {wallet: lc(r.recovery.newWallet), investor: lc(r.recovery.identity), active: true},
            ])
            const history = audit.filter(a => a.investor === lc(r.recovery.identity) && a.token?.symbol === 'MSN')
            expect(history.map(a => a.subject)).toEqual(expect.arrayContaining([lc(r.recovery.lostWallet), lc(r.recovery.newWallet)]))
            expect(history.some(a => a.kind === 'RECOVERY_TRANSFER' && a.subject === lc(r.recovery.lostWallet) && a.counterparty === lc(r.recovery.newWallet))).toBe(true)
        })
    })

    describe('oracles at the head', () => {
        it('should equal the chain: balances, freezes, pause, identity, country and isVerified of every wallet', async () => {
            const provider = await connect(chain.url)
            const res = await gql<{tokens: {address: string; paused: boolean; totalSupply: string; investorCount: number; identityRegistry: string; holdings: {wallet: string; balance: string; frozenAmount: string; isFrozen: boolean}[]}[]}>(run.gqlUrl,
                `{ tokens(limit: 10) { address paused totalSupply investorCount identityRegistry holdings(limit: 1000) { wallet balance frozenAmount isFrozen } } }`)
            expect(res.tokens).toHaveLength(4)
            const iw = await gql<{identityWallets: {storage: string; wallet: string; investor: string; country: number; active: boolean}[]; walletVerifications: {identityRegistry: string; wallet: string; verified: boolean}[]; watchedContracts: {address: string; identityStorage: string | null}[]}>(run.gqlUrl,
                `{ identityWallets(limit: 10000) { storage wallet investor country active } walletVerifications(limit: 10000) { identityRegistry wallet verified }
                   watchedContracts(limit: 1000, where: {kind_eq: IDENTITY_REGISTRY}) { address identityStorage } }`)
            const verified = new Map(iw.walletVerifications.map(v => [`${v.identityRegistry}-${v.wallet}`, v.verified]))
            for (const t of res.tokens) {
                const token = contractAt('Token', t.address, provider)
                const tag = {blockTag: head}
                expect([t.address, t.paused, BigInt(t.totalSupply)]).toEqual([t.address, await token.paused(tag), await token.totalSupply(tag)])
                for (const h of t.holdings) {
                    expect([h.wallet, BigInt(h.balance), BigInt(h.frozenAmount), h.isFrozen])
                        .toEqual([h.wallet, await token.balanceOf(h.wallet, tag), await token.getFrozenTokens(h.wallet, tag), await token.isFrozen(h.wallet, tag)])
                }
                const ir = contractAt('IdentityRegistry', t.identityRegistry, provider)
                const investors = new Set<string>()
                for (const h of t.holdings.filter(h => BigInt(h.balance) > 0n)) {
                    const identity = lc(await ir.identity(h.wallet, tag))
                    if (identity !== '0x0000000000000000000000000000000000000000') investors.add(identity)
                }
                expect([t.address, t.investorCount]).toEqual([t.address, investors.size])
                const storage = iw.watchedContracts.find(c => c.address === t.identityRegistry)!.identityStorage
                for (const w of iw.identityWallets.filter(w => w.storage === storage)) {
                    const identity = lc(await ir.identity(w.wallet, tag))
                    expect([w.wallet, w.active ? w.investor : '0x0000000000000000000000000000000000000000'])
                        .toEqual([w.wallet, identity])
                    if (w.active) expect([w.wallet, w.country]).toEqual([w.wallet, Number(await ir.investorCountry(w.wallet, tag))])
                    const v = verified.get(`${t.identityRegistry}-${w.wallet}`)
                    if (v != null) expect([t.address, w.wallet, v]).toEqual([t.address, w.wallet, await ir.isVerified(w.wallet, tag)])
                }
            }
        })

        it('should equal the module settings read from the chain', async () => {
            const provider = await connect(chain.url)
            const res = await gql<{moduleSettings: {module: string; compliance: string; key: string; value: string}[]}>(run.gqlUrl, `{ moduleSettings(limit: 1000) { module compliance key value } }`)
            const supply = res.moduleSettings.filter(s => s.key === 'supplyLimit')
            expect(supply.length).toBeGreaterThan(0)
            for (const s of supply) {
                const m = contractAt('SupplyLimitModule', s.module, provider)
                expect([s.compliance, BigInt(s.value)]).toEqual([s.compliance, await m.getSupplyLimit(s.compliance, {blockTag: head})])
            }
            const countries = res.moduleSettings.filter(s => s.key.startsWith('allowedCountry:'))
            expect(countries.length).toBeGreaterThan(0)
            for (const s of countries) {
                const m = contractAt('CountryAllowModule', s.module, provider)
                const country = Number(s.key.split(':')[1])
                expect([s.compliance, country, s.value === 'true']).toEqual([s.compliance, country, await m.isCountryAllowed(s.compliance, country, {blockTag: head})])
            }
        })
    })

    describe('time travel', () => {
        it('should give, at 20 random past blocks, the balance balanceOf gives at that block tag, for every wallet', async () => {
            const provider = await connect(chain.url)
            const res = await gql<{balanceChanges: {id: string; wallet: string; balanceAfter: string; blockNumber: number; token: {address: string; createdAtBlock: number}}[]}>(run.gqlUrl,
                `{ balanceChanges(orderBy: id_ASC, limit: 100000) { id wallet balanceAfter blockNumber token { address createdAtBlock } } }`)
            const createdAt = new Map(res.balanceChanges.map(c => [c.token.address, c.token.createdAtBlock]))
            const wallets = [...new Set(res.balanceChanges.map(c => `${c.token.address} ${c.wallet}`))]
            let seed = 20261124
            const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
            const blocks = Array.from({length: 20}, () => d.deployBlock + 1 + Math.floor(rand() * (head - d.deployBlock)))
            for (const block of blocks) {
                for (const key of wallets) {
                    const [token, wallet] = key.split(' ') as [string, string]
                    const last = res.balanceChanges.filter(c => c.token.address === token && c.wallet === wallet && c.blockNumber <= block).at(-1)
                    // Before its deployment a token has no code to ask: nobody held any.
                    const expected = block < createdAt.get(token)! ? 0n : await contractAt('Token', token, provider).balanceOf(wallet, {blockTag: block})
                    expect([block, token, wallet, BigInt(last?.balanceAfter ?? 0)]).toEqual([block, token, wallet, expected])
                }
            }
        })
    })

    describe('capTable() as of past blocks', () => {
        it('should give the supply, holders, investors and investor groups the chain gives at that block tag, where investors moved and at random blocks', async () => {
            const provider = await connect(chain.url)
            const res = await gql<{tokenCheckpoints: {blockNumber: number; investorCount: number; token: {address: string}}[]; balanceChanges: {wallet: string; token: {address: string}}[]}>(run.gqlUrl,
                `{ tokenCheckpoints(orderBy: [blockNumber_ASC], limit: 100000) { blockNumber investorCount token { address } }
                   balanceChanges(limit: 100000) { wallet token { address } } }`)
            // Blocks where a token's investor count moved (registrations as well as transfers), and 15 seeded ones.
            const moved: {token: string; block: number}[] = []
            const last = new Map<string, number>()
            for (const c of res.tokenCheckpoints) {
                if (last.has(c.token.address) && last.get(c.token.address) !== c.investorCount) moved.push({token: c.token.address, block: c.blockNumber})
                last.set(c.token.address, c.investorCount)
            }
            expect(moved.length).toBeGreaterThan(3)
            const rand = mulberry32(20261124)
            const tokens = [...new Set(res.balanceChanges.map(c => c.token.address))]
            const cases = [...moved, ...Array.from({length: 15}, () => ({token: tokens[Math.floor(rand() * tokens.length)]!, block: d.deployBlock + 1 + Math.floor(rand() * (head - d.deployBlock))}))]
            for (const {token, block} of cases) {
                const t = contractAt('Token', token, provider)
                const tag = {blockTag: block}
                const created = Number((await gql<{tokens: {createdAtBlock: number}[]}>(run.gqlUrl, `{ tokens(limit: 1000, where: {address_eq: "${token}"}) { createdAtBlock } }`)).tokens[0]!.createdAtBlock)
                if (block < created) continue
                const ir = contractAt('IdentityRegistry', await t.identityRegistry(tag), provider)
                const holders = new Map<string, bigint>()
                const investors = new Set<string>()
                // Grouped by investor: an identity's wallets merged, a wallet without identity alone.
                const grouped = new Map<string, bigint>()
                for (const w of new Set(res.balanceChanges.filter(c => c.token.address === token).map(c => c.wallet))) {
                    const balance: bigint = await t.balanceOf(w, tag)
                    if (balance === 0n) continue
                    holders.set(w, balance)
                    const identity = lc(await ir.identity(w, tag))
                    if (identity !== '0x0000000000000000000000000000000000000000') investors.add(identity)
                    const key = identity === '0x0000000000000000000000000000000000000000' ? w : identity
                    grouped.set(key, (grouped.get(key) ?? 0n) + balance)
                }
                const table = (await gql<{capTable: {supply: string; holderCount: number; investorCount: number; rows: {holder: string; balance: string}[]}}>(run.gqlUrl,
                    `{ capTable(token: "${token}", atBlock: ${block}, limit: 1000) { supply holderCount investorCount rows { holder balance } } }`)).capTable
                expect([token, block, BigInt(table.supply), table.holderCount, table.investorCount])
                    .toEqual([token, block, await t.totalSupply(tag), holders.size, investors.size])
                expect(new Map(table.rows.map(r => [r.holder, BigInt(r.balance)]))).toEqual(holders)
                const byInvestor = (await gql<{capTable: {rows: {holder: string; balance: string}[]}}>(run.gqlUrl,
                    `{ capTable(token: "${token}", atBlock: ${block}, limit: 1000, groupBy: INVESTOR) { rows { holder balance } } }`)).capTable
                expect([token, block, new Map(byInvestor.rows.map(r => [r.holder, BigInt(r.balance)]))]).toEqual([token, block, grouped])
            }
        })
    })

    describe('for a regulator', () => {
        it('should list every forced transfer of a token in a time range, with the agent', async () => {
            const res = await gql<{auditEvents: AuditRow[]}>(run.gqlUrl, `{ auditEvents(limit: 1000, where: {kind_eq: FORCED_TRANSFER, token: {symbol_eq: "RIV30"}, timestamp_gte: "1970-01-01T00:00:00Z"}, orderBy: id_ASC) { ${AUDIT_FIELDS} } }`)
            expect(res.auditEvents.length).toBeGreaterThanOrEqual(2)
            for (const a of res.auditEvents) expect(a.actor).toBe(lc(d.agent))
        })

        it('should list every action of one agent, as the transaction sender', async () => {
            const res = await gql<{auditEvents: {actor: string; kind: string}[]}>(run.gqlUrl, `{ auditEvents(where: {actor_eq: "${lc(d.agent)}"}, limit: 5000) { actor kind } }`)
            expect(res.auditEvents.length).toBe(audit.filter(a => a.actor === lc(d.agent)).length)
            expect(res.auditEvents.map(a => a.kind)).toEqual(expect.arrayContaining(['MINT', 'FORCED_TRANSFER', 'ADDRESS_FROZEN', 'IDENTITY_REGISTERED']))
        })

        it('should list who froze, force-moved or recovered whose tokens', async () => {
            const res = await gql<{auditEvents: {kind: string}[]}>(run.gqlUrl, `{ auditEvents(where: {kind_in: [ADDRESS_FROZEN, TOKENS_FROZEN, FORCED_TRANSFER, RECOVERY_TRANSFER]}, limit: 5000) { kind } }`)
            const expected = audit.filter(a => ['ADDRESS_FROZEN', 'TOKENS_FROZEN', 'FORCED_TRANSFER', 'RECOVERY_TRANSFER'].includes(a.kind))
            expect(res.auditEvents).toHaveLength(expected.length)
            expect(new Set(res.auditEvents.map(a => a.kind))).toEqual(new Set(['ADDRESS_FROZEN', 'TOKENS_FROZEN', 'FORCED_TRANSFER', 'RECOVERY_TRANSFER']))
        })

        it('should give the full history of one investor across wallets and tokens', async () => {
            const identity = lc(r.revokedInvestor.identity)
            const res = await gql<{auditEvents: AuditRow[]}>(run.gqlUrl, `{ auditEvents(where: {OR: [{investor_eq: "${identity}"}, {counterpartyInvestor_eq: "${identity}"}]}, orderBy: id_ASC, limit: 1000) { ${AUDIT_FIELDS} } }`)
            const kinds = new Set(res.auditEvents.map(a => a.kind))
            for (const k of ['IDENTITY_STORED', 'CLAIM_ADDED', 'MINT']) expect([k, kinds.has(k)]).toEqual([k, true])
        })
    })
})
