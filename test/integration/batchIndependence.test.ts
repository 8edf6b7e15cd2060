import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {runComplianceScenario} from '../../src/dev/complianceScenario'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {digestDifferences, indexDigest, rowDifferences} from '../harness/digest'
import {chainHead, mineTo} from '../harness/reorg'
import {runPayoutDemo} from '../../src/dev/payoutDemo'
import {runDemoScenario} from '../../src/dev/scenario'
import {createDatabaseOn, demoEnv, queryDb, startIndexer, startTestChain, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')
const FINALITY = 5

/**
 * The property: where batches end never changes what the index holds. The same chain — the demo
 * story, the compliance scenario and the demo payouts, every T-REX, ONCHAINID and DistributionManager
 * event (a payment's holder often in a batch of its own) — is indexed five ways (the
 * processor following the head; catch-up by address in one window, in one-block windows and in
 * random windows; the processor alone in random splits) and every table must come out equal.
 */
describe('batch independence', () => {
    let chain: RunningAnvil
    let d: Deployment
    const dbs: Record<string, TestDatabase> = {}

    const output: Record<string, string> = {}

    /** Indexes the whole chain with `env` into `db` and stops. */
    const indexOnce = async (name: string, env: NodeJS.ProcessEnv): Promise<void> => {
        const run = await startIndexer({...demoEnv(chain, dbs[name]!, d, FINALITY), ...env}, false)
        try {
            await waitForHead(chain.url, dbs[name]!.url, 180_000)
        } finally {
            await run.stop()
            output[name] = run.output.join('\n')
        }
    }

    beforeAll(async () => {
        chain = await startTestChain()
        for (const name of ['live', 'delivered', 'block', 'random', 'processor']) dbs[name] = await createDatabaseOn(dbUrl)
        d = await deployDemo(chain.url)
        // One index follows the head while the stories are told: hot blocks, one or a few blocks per batch.
        const live = await startIndexer(demoEnv(chain, dbs.live!, d, FINALITY), false)
        try {
            await runDemoScenario(chain.url, d)
            await runComplianceScenario(chain.url, d)
            // the payouts' entitlements come from the live index, as `npm start` computes them
            const indexed = await waitForHead(chain.url, dbs.live!.url, 180_000)
            await runPayoutDemo(chain.url, d, (sql, params) => queryDb(dbs.live!.url, sql, params), indexed)
            await mineTo(chain.url, (await chainHead(chain.url)) + FINALITY + 1)
            await waitForHead(chain.url, dbs.live!.url, 180_000)
        } finally {
            await live.stop()
        }
        await indexOnce('delivered', {})
        await indexOnce('block', {BATCH_SPLIT: 'block'})
        await indexOnce('random', {BATCH_SPLIT: 'random:20261129'})
        // the processor alone (no catch-up by address), its batches cut at random
        await indexOnce('processor', {CATCHUP_WINDOW: '0', BATCH_SPLIT: 'random:7'})
    })

    afterAll(async () => {
        for (const db of Object.values(dbs)) await db.stop()
        await chain?.stop()
    })

    describe('when the same chain is indexed following the head, in one window, one block per window, in random windows and by the processor in random splits', () => {
        it('should give identical digests of every table', async () => {
            expect(output.block).toContain('BATCH_SPLIT=block')
            expect(output.random).toContain('BATCH_SPLIT=random')
            const reference = await indexDigest(dbs.delivered!.url)
            expect(reference.tables.fact_version!.rows).toBeGreaterThan(100)
            for (const name of ['live', 'block', 'random', 'processor']) {
                const differences = digestDifferences(reference, await indexDigest(dbs[name]!.url))
                const rows = await Promise.all(differences.map(t => rowDifferences(dbs.delivered!.url, dbs[name]!.url, t.split(':')[0]!)))
                expect({name, differences, rows}).toEqual({name, differences: [], rows: []})
            }
        })
    })
})
