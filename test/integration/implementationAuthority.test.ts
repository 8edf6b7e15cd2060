import {Interface, JsonRpcProvider} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractInterface} from '../../src/dev/artifacts'
import {implementationAuthorityAt, trexVersionAt} from '../harness/chainOracle'
import {Deployment} from '../../src/dev/deploy'
import {connect} from '../../src/dev/rpc'
import {rpc} from '../../src/dev/status'
import {createDatabaseOn, demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {runVersionScenario, VersionScenarioResult} from '../harness/versionScenario'
import {auditKindOf} from '../../src/mapping/catalog'
import {gql} from './gql'

/**
 * Which T-REX implementation each token runs, as of any block: the demo chain, then an upgrade of the
 * reference implementation authority to 4.2.0, HOT moved to an authority of its own, and the reference
 * back to 4.1.6 (test/harness/versionScenario.ts); indexed one block per batch, checked against eth_call at each block.
 */

const dbUrl = inject('dbUrl')
/** the API's cap on root fields per request */
const ROOT_FIELDS = 20

interface Implementation {
    implementationAuthority: string | null
    trexVersion: string | null
}

interface AuditRow {
    contract: string
    contractKind: string
    kind: string
    blockNumber: number
    logIndex: number
    params: Record<string, unknown>
    token: {address: string} | null
}

interface RpcLog {
    address: string
    topics: string[]
    blockNumber: string
    logIndex: string
}

describe('implementation authorities and T-REX versions', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let d: Deployment
    let v: VersionScenarioResult
    let run: IndexerRun
    let provider: JsonRpcProvider
    let head: number
    const timings: string[] = []
    const tokens = () => d.tokens.map(t => t.address.toLowerCase())
    const stepBlock = (what: string): number => {
        const step = v.steps.find(s => s.what === what)
        if (step == null) throw new Error(`no step "${what}"`)
        return step.block
    }

    beforeAll(async () => {
        const t0 = Date.now()
        ;({chain, db, d} = await startDemoChain(dbUrl))
        v = await runVersionScenario(chain.url, d)
        const t1 = Date.now()
        // One block per batch: an authority found in one batch has its versions from earlier batches' blocks backfilled.
        run = await startIndexer({...demoEnv(chain, db, d), BATCH_SPLIT: 'block'}, true)
        head = await waitForHead(chain.url, db.url)
        timings.push(`chain ${t1 - t0} ms`, `indexer to head ${Date.now() - t1} ms (${head - d.deployBlock} blocks)`)
        provider = await connect(chain.url, d.chainId)
    })

    afterAll(async () => {
        console.log(`[implementationAuthority] ${timings.join(', ')}`)
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    /** tokenState's implementation at each block, per token (alias `t<token position>_<block>`), from the API at `url`. */
    async function answersAt(blocks: readonly number[], url = run.gqlUrl): Promise<Map<string, Implementation>> {
        const fields = blocks.flatMap(block => tokens().map((token, i) => [`t${i}_${block}`, `tokenState(token: "${token}", atBlock: ${block}) { block implementationAuthority trexVersion }`] as const))
        const out = new Map<string, Implementation>()
        for (let i = 0; i < fields.length; i += ROOT_FIELDS) {
            const page = fields.slice(i, i + ROOT_FIELDS)
            const data = await gql<Record<string, Implementation & {block: number}>>(url, `{ ${page.map(([alias, f]) => `${alias}: ${f}`).join('\n')} }`)
            for (const [alias] of page) {
                const {block, ...answer} = data[alias]!
                out.set(alias, answer)
                expect(block).toBe(Number(alias.split('_')[1]))
            }
        }
        return out
    }

    describe('.tokenState', () => {
        it('should give implementationAuthority and trexVersion as the chain answers them at every block since the tokens exist', async () => {
            const t0 = Date.now()
            const created = (await gql<{tokens: {createdAtBlock: number}[]}>(run.gqlUrl, '{ tokens(limit: 10) { createdAtBlock } }')).tokens
            const from = Math.max(...created.map(t => t.createdAtBlock))
            const blocks = Array.from({length: head - from + 1}, (_, i) => from + i)
            const answers = await answersAt(blocks)
            for (const block of blocks) {
                for (const [i, token] of tokens().entries()) {
                    const authority = await implementationAuthorityAt(provider, token, block)
                    const chainSays = {block, token, implementationAuthority: authority, trexVersion: await trexVersionAt(provider, authority, block)}
                    expect({block, token, ...answers.get(`t${i}_${block}`)}).toEqual(chainSays)
                }
            }
            timings.push(`${blocks.length} blocks × ${tokens().length} tokens against the chain ${Date.now() - t0} ms`)
        })

        it('should change where the reference switched version, where HOT moved to its own authority, and where the reference switched back', async () => {
            const upgraded = stepBlock('use version 4.2.0')
            const moved = stepBlock('HOT to an authority of its own')
            const back = stepBlock('reference back to 4.1.6')
            const answers = await answersAt([upgraded - 1, upgraded, moved - 1, moved, back])
            const at = (block: number) => tokens().map((_, i) => answers.get(`t${i}_${block}`))
            const ref = v.reference
            expect(at(upgraded - 1)).toEqual([{implementationAuthority: ref, trexVersion: '4.1.6'}, {implementationAuthority: ref, trexVersion: '4.1.6'}])
            expect(at(upgraded)).toEqual([{implementationAuthority: ref, trexVersion: '4.2.0'}, {implementationAuthority: ref, trexVersion: '4.2.0'}])
            expect(at(moved - 1)).toEqual(at(upgraded))
            expect(at(moved)).toEqual([{implementationAuthority: v.hotAuthority, trexVersion: '4.2.0'}, {implementationAuthority: ref, trexVersion: '4.2.0'}])
            expect(at(back)).toEqual([{implementationAuthority: v.hotAuthority, trexVersion: '4.2.0'}, {implementationAuthority: ref, trexVersion: '4.1.6'}])
        })
    })

    describe('the IMPLEMENTATION_AUTHORITY facts', () => {
        it('should hold the authority of every proxy of both suites, and of the factory, as the chain answers at the head', async () => {
            const proxies = [d.trexFactory, ...d.tokens.flatMap(t => [t.address, t.identityRegistry, t.identityRegistryStorage, t.trustedIssuersRegistry, t.claimTopicsRegistry, t.compliance])]
                .map(a => a.toLowerCase())
            const {factVersions} = await gql<{factVersions: {contract: string; value: {implementationAuthority: string}}[]}>(run.gqlUrl, `
                { factVersions(limit: 100, where: {kind_eq: IMPLEMENTATION_AUTHORITY, validUntilBlock_isNull: true}) { contract value } }`)
            const indexed = new Map(factVersions.map(f => [f.contract, f.value.implementationAuthority]))
            const chainSays = await Promise.all(proxies.map(async p => [p, await implementationAuthorityAt(provider, p, head)] as const))
            expect(proxies.map(p => [p, indexed.get(p)])).toEqual(chainSays)
            // HOT's six proxies moved together; RIV30's stayed with the reference.
            expect(new Set(chainSays.slice(1, 7).map(([, a]) => a))).toEqual(new Set([v.hotAuthority]))
            expect(new Set(chainSays.slice(7).map(([, a]) => a))).toEqual(new Set([v.reference]))
        })
    })

    describe('.auditEvents', () => {
        let rows: AuditRow[]
        beforeAll(async () => {
            rows = (await gql<{auditEvents: AuditRow[]}>(run.gqlUrl, `query($contracts: [String!]) {
                auditEvents(limit: 1000, orderBy: id_ASC, where: {contract_in: $contracts}) { contract contractKind kind blockNumber logIndex params token { address } } }`,
            {contracts: [v.reference, v.hotAuthority, d.idFactory.toLowerCase()]})).auditEvents
        })

        it('should have one row per log of the authorities and the IdFactory, of the kind its event names', async () => {
            const interfaces: Record<string, [Interface, string]> = {
                [v.reference]: [contractInterface('TREXImplementationAuthority'), 'IMPLEMENTATION_AUTHORITY'],
                [v.hotAuthority]: [contractInterface('TREXImplementationAuthority'), 'IMPLEMENTATION_AUTHORITY'],
                [d.idFactory.toLowerCase()]: [contractInterface('Factory'), 'ID_FACTORY'],
            }
            const logs = await rpc<RpcLog[]>(chain.url, 'eth_getLogs', [{fromBlock: '0x0', toBlock: 'latest', address: Object.keys(interfaces)}])
            const expected = logs.map(l => {
                const [iface, contractKind] = interfaces[l.address.toLowerCase()]!
                return {contract: l.address.toLowerCase(), contractKind, kind: auditKindOf(iface.getEvent(l.topics[0]!)!.name), blockNumber: Number(l.blockNumber), logIndex: Number(l.logIndex)}
            })
            expect(rows.map(({contract, contractKind, kind, blockNumber, logIndex}) => ({contract, contractKind, kind, blockNumber, logIndex}))).toEqual(expected)
            expect(new Set(expected.map(e => e.kind))).toEqual(new Set([
                'OWNERSHIP_TRANSFERRED', 'IMPLEMENTATION_AUTHORITY_SET', 'IA_FACTORY_SET', 'TREX_VERSION_ADDED', 'VERSION_UPDATED', 'TREX_FACTORY_SET',
                'IMPLEMENTATION_AUTHORITY_CHANGED', 'TREX_VERSION_FETCHED', 'TOKEN_FACTORY_ADDED', 'DEPLOYED', 'WALLET_LINKED', 'TOKEN_LINKED',
            ]))
        })

        it('should name the version each VERSION_UPDATED set, which the event only hashes', () => {
            const updates = (contract: string) => rows.filter(r => r.contract === contract && r.kind === 'VERSION_UPDATED').map(r => r.params.version)
            expect(updates(v.reference)).toEqual(['4.1.6', '4.2.0', '4.1.6'])
            expect(updates(v.hotAuthority)).toEqual(['4.2.0'])
            expect(rows.filter(r => r.kind === 'VERSION_UPDATED').every(r => /^0x[0-9a-f]{64}$/.test(String(r.params.versionHash)))).toBe(true)
        })

        it('should tie the authority change to its token', () => {
            const changed = rows.filter(r => r.kind === 'IMPLEMENTATION_AUTHORITY_CHANGED')
            expect(changed.map(r => [r.token?.address, r.params.newImplementationAuthority])).toEqual([[tokens()[0], v.hotAuthority]])
        })
    })

    describe('when START_BLOCK is after the reference\'s version was set', () => {
        let late: IndexerRun
        let lateDb: TestDatabase
        let start: number
        beforeAll(async () => {
            // The factory's deployment: its constructor's ImplementationAuthoritySet reveals the reference, whose VersionUpdated came before.
            const [idFactorySet] = await rpc<RpcLog[]>(chain.url, 'eth_getLogs', [{fromBlock: '0x0', toBlock: 'latest', address: d.trexFactory, topics: [contractInterface('TREXFactory').getEvent('IdFactorySet')!.topicHash]}])
            start = Number(idFactorySet!.blockNumber)
            lateDb = await createDatabaseOn(dbUrl)
            late = await startIndexer({...demoEnv(chain, lateDb, d), START_BLOCK: String(start)}, true)
            await waitForHead(chain.url, lateDb.url)
        })

        afterAll(async () => {
            await late?.stop()
            await lateDb?.stop()
        })

        it('should take the version in force where the authority was found, then follow its updates', async () => {
            const versions = async (url: string) => (await gql<{factVersions: {fromBlock: number; value: {version: string}}[]}>(url, `query($c: String!) {
                factVersions(limit: 10, where: {kind_eq: TREX_VERSION, contract_eq: $c}, orderBy: fromBlock_ASC) { fromBlock value } }`, {c: v.reference})).factVersions
            const full = await versions(run.gqlUrl)
            expect(full.map(f => f.value.version)).toEqual(['4.1.6', '4.2.0', '4.1.6'])
            expect(full[0]!.fromBlock).toBeLessThan(start)
            expect(await versions(late.gqlUrl)).toEqual([{fromBlock: start, value: {version: '4.1.6'}}, ...full.slice(1)])
            const blocks = [stepBlock('use version 4.2.0') - 1, stepBlock('use version 4.2.0'), head]
            expect(await answersAt(blocks, late.gqlUrl)).toEqual(await answersAt(blocks))
        })
    })

    describe('.watchedContracts', () => {
        it('should watch the IdFactory, found by the factory\'s IdFactorySet, and both authorities, found by the proxies', async () => {
            const {watchedContracts} = await gql<{watchedContracts: {address: string; kind: string; discoveredBy: string}[]}>(run.gqlUrl, `query($a: [String!]) {
                watchedContracts(limit: 10, where: {address_in: $a}, orderBy: address_ASC) { address kind discoveredBy } }`,
            {a: [d.idFactory.toLowerCase(), v.reference, v.hotAuthority]})
            expect(watchedContracts).toEqual([
                {address: d.idFactory.toLowerCase(), kind: 'ID_FACTORY', discoveredBy: 'FACTORY.IdFactorySet'},
                {address: v.reference, kind: 'IMPLEMENTATION_AUTHORITY', discoveredBy: 'FACTORY.ImplementationAuthoritySet'},
                {address: v.hotAuthority, kind: 'IMPLEMENTATION_AUTHORITY', discoveredBy: 'TOKEN.ImplementationAuthoritySet'},
            ].sort((a, b) => (a.address < b.address ? -1 : 1)))
        })
    })
})
