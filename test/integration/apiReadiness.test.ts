import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {getIntrospectionQuery} from 'graphql'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {connect, devSigner, waitMined} from '../../src/dev/rpc'
import {rpc} from '../../src/dev/status'
import {ApiRun, demoEnv, IndexerRun, runToExit, startApi, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {ReadinessReport} from '../../src/api/health'
import {gqlRaw} from './gql'

const dbUrl = inject('dbUrl')

async function readyz(gqlUrl: string): Promise<{status: number; body: ReadinessReport}> {
    const res = await fetch(gqlUrl.replace(/\/graphql$/, '/readyz'))
    return {status: res.status, body: await res.json() as ReadinessReport}
}

/** Polls /readyz until `until` holds (the indexer's presence and the chain move on their own time). */
async function readyzUntil(gqlUrl: string, until: (r: {status: number; body: ReadinessReport}) => boolean): Promise<{status: number; body: ReadinessReport}> {
    const deadline = Date.now() + 30_000
    for (;;) {
        const r = await readyz(gqlUrl)
        if (until(r) || Date.now() > deadline) return r
        await new Promise(res => setTimeout(res, 250))
    }
}

describe('the API\'s health and readiness', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let d: Deployment
    let indexer: IndexerRun | undefined
    let api: ApiRun

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        indexer = await startIndexer(demoEnv(chain, db, d, 10), false)
        await waitForHead(chain.url, db.url)
        api = await startApi(demoEnv(chain, db, d, 10))
    })

    afterAll(async () => {
        await indexer?.stop()
        await api?.stop()
        await db?.stop()
        await chain?.stop()
    })

    it('should say the process is up at /healthz', async () => {
        const res = await fetch(api.gqlUrl.replace(/\/graphql$/, '/healthz'))
        expect([res.status, await res.json()]).toEqual([200, {status: 'up'}])
    })

    it('should be ready with the indexed height, the chain head and the lag when the index follows the chain', async () => {
        const head = Number(await rpc<string>(chain.url, 'eth_blockNumber'))
        const r = await readyzUntil(api.gqlUrl, x => x.status === 200)
        expect(r).toEqual({status: 200, body: {ready: true, reasons: [], indexedHeight: head, chainHead: head, lag: 0, indexerRunning: true}})
    })

    describe('when the indexer stops', () => {
        it('should not be ready, saying so, and be ready again once it runs', async () => {
            await indexer!.stop()
            indexer = undefined
            const stopped = await readyzUntil(api.gqlUrl, x => x.status === 503)
            expect(stopped.status).toBe(503)
            expect(stopped.body).toMatchObject({ready: false, indexerRunning: false, reasons: ['the indexer is not running: the index no longer follows the chain']})
            indexer = await startIndexer(demoEnv(chain, db, d, 10), false)
            expect((await readyzUntil(api.gqlUrl, x => x.status === 200)).body.ready).toBe(true)
        })
    })

    describe('when the chain reorganises deeper than finality', () => {
        it('should not be ready, naming the abandoned block, while the API still answers', async () => {
            const provider = await connect(chain.url)
            const token = contractAt('Token', d.tokens[1]!.address, devSigner(d.investors[0]!.privateKeyIndex, provider))
            const snapshot = await rpc<string>(chain.url, 'evm_snapshot')
            await waitMined(await token.getFunction('transfer')(d.investors[1]!.wallet, 1n), 'transfer')
            await rpc(chain.url, 'anvil_mine', ['0x14'])
            await waitForHead(chain.url, db.url)
            await rpc(chain.url, 'evm_revert', [snapshot])
            await rpc(chain.url, 'anvil_mine', ['0x1e'])
            // the indexer stops on the reorg (or refuses to start again): the index stays on the abandoned branch
            await indexer!.stop()
            indexer = undefined
            expect((await runToExit('cli/process', demoEnv(chain, db, d, 10))).code).toBe(2)
            const r = await readyzUntil(api.gqlUrl, x => x.body.reasons.some(m => m.includes('deeper than finality')))
            expect(r.status).toBe(503)
            expect(r.body.indexerRunning).toBe(false)
            expect(r.body.reasons).toContainEqual(expect.stringMatching(/^the chain reorganised deeper than finality: block \d+ was indexed as final with hash 0x[0-9a-f]{64}, the chain now has 0x[0-9a-f]{64}; the index serves an abandoned branch/))
            const answer = await gqlRaw<{tokens: unknown[]}>(api.gqlUrl, '{ tokens(limit: 10) { id } }')
            expect(answer.body.data?.tokens).toHaveLength(d.tokens.length)
        })
    })

    describe('when NODE_ENV=production', () => {
        it('should start, answer queries, and hide GraphiQL and introspection', async () => {
            const prod = await startApi({...demoEnv(chain, db, d, 10), NODE_ENV: 'production'})
            try {
                const ok = await gqlRaw<{tokens: unknown[]}>(prod.gqlUrl, '{ tokens(limit: 10) { id } }')
                expect(ok.body.data?.tokens).toHaveLength(d.tokens.length)
                const page = await fetch(prod.gqlUrl, {headers: {accept: 'text/html'}})
                expect(await page.text()).not.toMatch(/graphiql/i)
                const introspection = await gqlRaw(prod.gqlUrl, getIntrospectionQuery())
                expect(introspection.body.data).toBeUndefined()
                expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i)
                const suggestion = await gqlRaw(prod.gqlUrl, '{ tokenz(limit: 1) { id } }')
                expect(JSON.stringify(suggestion.body)).not.toMatch(/Did you mean/)
            } finally {
                await prod.stop()
            }
        })
    })
})
