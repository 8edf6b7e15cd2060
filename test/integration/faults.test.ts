import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {digestDifferences, indexDigest} from '../../src/dev/digest'
import {FaultProxy, startFaultProxy} from '../../src/dev/faultProxy'
import {runDemoScenario, runRandomTransfers} from '../../src/dev/scenario'
import {createDatabaseOn, freePort, startIndexer, startTestChain, TestDatabase, waitForHead} from '../../src/dev/testStack'

const dbUrl = inject('dbUrl')

describe('RPC faults', () => {
    let chain: RunningAnvil
    let d: Deployment
    let clean: TestDatabase
    let faulty: TestDatabase
    let proxy: FaultProxy
    let truncating: FaultProxy
    let truncatedDb: TestDatabase

    beforeAll(async () => {
        chain = await startTestChain()
        d = await deployDemo(chain.url)
        await runDemoScenario(chain.url, d)
        await runRandomTransfers(chain.url, d, 300, 42)
        clean = await createDatabaseOn(dbUrl)
        faulty = await createDatabaseOn(dbUrl)
        proxy = await startFaultProxy(chain.url, await freePort(), 0.3, 7, ['status500', 'status429', 'reset'])
        truncatedDb = await createDatabaseOn(dbUrl)
        truncating = await startFaultProxy(chain.url, await freePort(), 0.1, 11, ['truncated'])
    })

    afterAll(async () => {
        await proxy?.close()
        await truncating?.close()
        await truncatedDb?.stop()
        await clean?.stop()
        await faulty?.stop()
        await chain?.stop()
    })

    const env = {TREX_FACTORIES: '', START_BLOCK: '', FINALITY_CONFIRMATION: '5', STARTUP_RETRIES: '10'}

    describe('when 30 % of RPC calls fail (500, 429, reset connections)', () => {
        it('should back off, retry and end with exactly the index of a clean run', async () => {
            Object.assign(env, {TREX_FACTORIES: d.trexFactory, START_BLOCK: String(d.deployBlock)})
            const a = await startIndexer({...env, DB_URL: clean.url, RPC_ETH_HTTP: chain.url}, false)
            await waitForHead(chain.url, clean.url)
            await a.stop()
            const b = await startIndexer({...env, DB_URL: faulty.url, RPC_ETH_HTTP: proxy.url}, false)
            try {
                await waitForHead(chain.url, faulty.url, 180_000)
            } finally {
                await b.stop()
            }
            const injected = proxy.counts.status500 + proxy.counts.status429 + proxy.counts.truncated + proxy.counts.reset
            console.log('[faults] injected', JSON.stringify(proxy.counts))
            expect(injected).toBeGreaterThanOrEqual(5)
            expect(['status500', 'status429', 'reset'].filter(f => proxy.counts[f as 'reset'] > 0)).toEqual(['status500', 'status429', 'reset'])
            expect(digestDifferences(await indexDigest(faulty.url), await indexDigest(clean.url))).toEqual([])
        })
    })

    describe('when the node answers truncated JSON', () => {
        it('should restart the indexer from its last committed block (the RPC client gives up on garbage) and still equal the clean index', async () => {
            const run = await startIndexer({...env, DB_URL: truncatedDb.url, RPC_ETH_HTTP: truncating.url}, false)
            try {
                await waitForHead(chain.url, truncatedDb.url, 100_000)
            } finally {
                await run.stop()
            }
            console.log('[faults] truncated', truncating.counts.truncated, 'restarts', run.output.filter(l => l.includes('restarting from its last committed block')).length)
            expect(truncating.counts.truncated).toBeGreaterThan(0)
            expect(run.output.some(l => l.includes('restarting from its last committed block'))).toBe(true)
            expect(digestDifferences(await indexDigest(truncatedDb.url), await indexDigest(clean.url))).toEqual([])
        })
    })
})