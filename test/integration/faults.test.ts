import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {digestDifferences, IndexDigest, indexDigest} from '../harness/digest'
import {Fault, FaultProxy, FaultTiming, startFaultProxy} from '../harness/faultProxy'
import {runDemoScenario, runRandomTransfers} from '../../src/dev/scenario'
import {createDatabaseOn, freePort, IndexerRun, startIndexer, startTestChain, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')

describe('RPC faults', () => {
    let chain: RunningAnvil
    let d: Deployment
    let clean: IndexDigest
    const dbs: TestDatabase[] = []
    const proxies: FaultProxy[] = []

    // small catch-up windows: the history is read in many requests, for the faults to fall among
    const env = () => ({TREX_FACTORIES: d.trexFactory, START_BLOCK: String(d.deployBlock), FINALITY_CONFIRMATION: '5', STARTUP_RETRIES: '10', CATCHUP_WINDOW: '10'})

    /** Indexes the chain through a fault proxy into a new database, to the head. */
    const indexThrough = async (rate: number, seed: number, faults: readonly Fault[], timing: FaultTiming = {}, extraEnv: NodeJS.ProcessEnv = {}) => {
        const proxy = await startFaultProxy(chain.url, await freePort(), rate, seed, faults, timing)
        proxies.push(proxy)
        const db = await createDatabaseOn(dbUrl)
        dbs.push(db)
        const run = await startIndexer({...env(), ...extraEnv, DB_URL: db.url, RPC_ETH_HTTP: proxy.url}, false)
        try {
            await waitForHead(chain.url, db.url, 180_000)
        } finally {
            await run.stop()
        }
        return {proxy, run, digest: await indexDigest(db.url)}
    }

    beforeAll(async () => {
        chain = await startTestChain()
        d = await deployDemo(chain.url)
        await runDemoScenario(chain.url, d)
        await runRandomTransfers(chain.url, d, 300, 42)
        const db = await createDatabaseOn(dbUrl)
        dbs.push(db)
        const run = await startIndexer({...env(), DB_URL: db.url, RPC_ETH_HTTP: chain.url}, false)
        try {
            await waitForHead(chain.url, db.url)
        } finally {
            await run.stop()
        }
        clean = await indexDigest(db.url)
    })

    afterAll(async () => {
        for (const p of proxies) await p.close()
        for (const db of dbs) await db.stop()
        await chain?.stop()
    })

    const retried = (run: IndexerRun, reason: RegExp) => run.output.filter(l => l.includes('connection failure') && reason.test(l)).length

    describe('when 30 % of RPC calls fail (500, 429, reset connections)', () => {
        it('should back off, retry and end with exactly the index of a clean run', async () => {
            const {proxy, digest} = await indexThrough(0.3, 7, ['status500', 'status429', 'reset'])
            const injected = proxy.counts.status500 + proxy.counts.status429 + proxy.counts.truncated + proxy.counts.reset
            console.log('[faults] injected', JSON.stringify(proxy.counts))
            expect(injected).toBeGreaterThanOrEqual(5)
            expect(['status500', 'status429', 'reset'].filter(f => proxy.counts[f as 'reset'] > 0)).toEqual(['status500', 'status429', 'reset'])
            expect(digestDifferences(digest, clean)).toEqual([])
        })
    })

    describe('when the node answers truncated JSON', () => {
        it('should restart the indexer from its last committed block (the RPC client gives up on garbage) and still equal the clean index', async () => {
            const {proxy, run, digest} = await indexThrough(0.1, 11, ['truncated'], {maxFaults: 4})
            console.log('[faults] truncated', proxy.counts.truncated, 'restarts', run.output.filter(l => l.includes('restarting from its last committed block')).length)
            expect(proxy.counts.truncated).toBe(4)
            expect(run.output.some(l => l.includes('restarting from its last committed block'))).toBe(true)
            expect(digestDifferences(digest, clean)).toEqual([])
        })
    })

    describe('when requests go unanswered past the RPC request timeout', () => {
        it('should abandon each one after RPC_REQUEST_TIMEOUT_MS, retry, and still equal the clean index', async () => {
            const {proxy, run, digest} = await indexThrough(0.1, 5, ['timeout'], {holdMs: 10_000}, {RPC_REQUEST_TIMEOUT_MS: '1000'})
            console.log('[faults] timeouts', proxy.counts.timeout, 'retried', retried(run, /timed? ?out/i), 'of', proxy.counts.forwarded + proxy.counts.timeout, 'requests')
            expect(proxy.counts.timeout).toBeGreaterThan(0)
            expect(retried(run, /timed? ?out/i)).toBeGreaterThan(0)
            expect(run.output.some(l => l.includes('restarting from its last committed block'))).toBe(false)
            expect(digestDifferences(digest, clean)).toEqual([])
        })
    })

    describe('when the node refuses connections for a while', () => {
        it('should back off until it listens again, and still equal the clean index', async () => {
            const {proxy, run, digest} = await indexThrough(0.03, 3, ['refused'], {refuseMs: 1500})
            console.log('[faults] outages', proxy.counts.refused, 'refused connections retried', retried(run, /ECONNREFUSED/), 'of', proxy.counts.forwarded, 'requests')
            expect(proxy.counts.refused).toBeGreaterThan(0)
            expect(retried(run, /ECONNREFUSED/)).toBeGreaterThan(0)
            expect(digestDifferences(digest, clean)).toEqual([])
        })
    })
})
