import fs from 'fs'
import {createClient} from 'graphql-ws'
import os from 'os'
import path from 'path'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import WebSocket from 'ws'
import {RunningAnvil} from '../../src/dev/anvil'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {digestDifferences, IndexDigest, indexDigest} from '../harness/digest'
import {KillMoment, killRepeatedly} from '../harness/killLoop'
import {RunningPostgres, startEmbeddedPostgres} from '../../src/dev/postgres'
import {runDemoScenario, runRandomTransfers} from '../../src/dev/scenario'
import {readIndexStatus, rpc, waitForIndex} from '../../src/dev/status'
import {createDatabaseOn, demoEnv, freePort, IndexerRun, runToExit, startApi, startIndexer, startTestChain, TestDatabase, waitForHead} from '../harness/testStack'
import {tokenAt} from './chain'

const dbUrl = inject('dbUrl')

// `npm run test:soak` sets CRASH_SOAK=1: a bigger history and many more kills and restarts.
// Few transactions a block spread the history over many blocks: the processor's batches (~40 blocks) are
// then many, and most kills land before the head.
const SOAK = process.env.CRASH_SOAK === '1'
const PLAN = SOAK
    ? {transfers: 12_000, perBlock: 1, kills: 120, maxDelayMs: 300, dbRestarts: 10, timeoutMs: 1_800_000}
    : {transfers: 3_000, perBlock: 4, kills: 20, maxDelayMs: 300, dbRestarts: 2, timeoutMs: 240_000}

describe('crash recovery', () => {
    let chain: RunningAnvil
    let d: Deployment
    let head: number
    let clean: IndexDigest
    const dbs: TestDatabase[] = []

    beforeAll(async () => {
        chain = await startTestChain()
        d = await deployDemo(chain.url)
        await runDemoScenario(chain.url, d)
        const started = Date.now()
        const sent = await runRandomTransfers(chain.url, d, PLAN.transfers, 2026, PLAN.perBlock)
        head = Number(await rpc<string>(chain.url, 'eth_blockNumber'))
        console.log(`[crash] ${sent} random transactions in ${((Date.now() - started) / 1000).toFixed(1)} s, head ${head}`)
        const db = await createDatabaseOn(dbUrl)
        dbs.push(db)
        const run = await startIndexer(demoEnv(chain, db, d), false)
        const indexing = Date.now()
        try {
            await waitForHead(chain.url, db.url, PLAN.timeoutMs)
        } finally {
            await run.stop()
        }
        console.log(`[crash] clean run indexed to ${head} in ${((Date.now() - indexing) / 1000).toFixed(1)} s`)
        clean = await indexDigest(db.url)
    }, PLAN.timeoutMs)

    afterAll(async () => {
        for (const db of dbs) await db.stop()
        await chain?.stop()
    })

    describe('when the indexer is killed -9 at random moments during a large ingest', () => {
        it('should resume each time from its last committed block and end with exactly the clean index', async () => {
            const db = await createDatabaseOn(dbUrl)
            dbs.push(db)
            // small catch-up windows: many commits for the kills to land between
            const env = {...process.env, ...demoEnv(chain, db, d), CATCHUP_WINDOW: '20'}
            const started = Date.now()
            const records = await killRepeatedly({env, dbUrl: db.url, head, kills: PLAN.kills, seed: 99, maxDelayMs: PLAN.maxDelayMs}, (r, i) => {
                if (SOAK && i % 10 === 9) console.log(`[crash] ${i + 1} kills, committed ${r.after.top} / ${head}`)
            })
            const run = await startIndexer(env, false)
            try {
                await waitForHead(chain.url, db.url, PLAN.timeoutMs)
            } finally {
                await run.stop()
            }
            const digest = await indexDigest(db.url)
            const rows = Object.values(digest.tables).reduce((n, t) => n + t.rows, 0)
            const midIngest = records.filter(r => r.after.top < head).length
            const resumed = records.filter(r => r.resumedFrom != null)
            const by = (m: KillMoment) => records.filter(r => r.moment === m).length
            console.log(`[crash] ${records.length} kills (${by('startup')} during start-up, ${by('batch')} in a batch, ${by('afterCommit')} after a commit; ` +
                `${records.filter(r => r.inTransaction).length} with a transaction open), ${midIngest} before the head, ` +
                `${resumed.length} restarts reached the processor; ${rows} rows; ${((Date.now() - started) / 1000).toFixed(1)} s`)

            for (const [i, r] of records.entries()) {
                expect(r.after.final, `kill ${i}`).toBeGreaterThanOrEqual(r.before.final)
                expect(r.after.top, `kill ${i}`).toBeGreaterThanOrEqual(r.before.top)
                if (r.resumedFrom != null) expect(r.resumedFrom, `kill ${i}`).toBe(r.before.final)
            }
            expect(digestDifferences(digest, clean)).toEqual([])
            expect(records).toHaveLength(PLAN.kills)
            expect(midIngest).toBeGreaterThanOrEqual(Math.ceil(PLAN.kills * 0.8))
            expect(resumed.length).toBeGreaterThanOrEqual(Math.ceil(PLAN.kills / 2))
        }, PLAN.timeoutMs)
    })

    describe(`when its database restarts ${PLAN.dbRestarts} times mid-ingest`, () => {
        // long enough that the indexer, restarted by its supervisor after 1 s and loading its modules for
        // about as long again on a busy machine, still meets the outage and logs a start-up retry
        const OUTAGE_MS = 4000
        let dir: string | undefined
        let pg: RunningPostgres | undefined
        let port: number
        const startPg = async () => {
            pg = await startEmbeddedPostgres(path.join(dir!, 'data'), port, 'squid', () => undefined)
            return pg
        }

        afterAll(async () => {
            await pg?.stop()
            if (dir) fs.rmSync(dir, {recursive: true, force: true})
        })

        it('should bring the indexer and the API back by themselves, say so in one line per attempt, and end with the clean index', async () => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-pg-restart-'))
            fs.chmodSync(dir, 0o755)
            port = await freePort()
            const db = await startPg()
            const env = {...demoEnv(chain, db, d), STARTUP_RETRIES: '10', CATCHUP_WINDOW: '20'}
            // The API first, over the migrated schema, so that both outages find it serving.
            expect((await runToExit('cli/reindex', env, ['--yes'])).code).toBe(0)
            const api = await startApi(env)
            const pushes: string[] = []
            const subscription = createClient({url: api.gqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0})
            subscription.subscribe({query: 'subscription { tokens(limit: 1000) { totalSupply } }'},
                {next: () => void pushes.push('data'), error: e => void pushes.push(`error: ${errorMessage(e)}`), complete: () => void pushes.push('complete')})
            let indexer: IndexerRun | undefined
            try {
                indexer = await startIndexer(env, false)
                // Each outage once the indexer has committed something since the previous one.
                const outages: {committed: number; graphql: Probe; csv: Probe}[] = []
                for (let i = 0; i < PLAN.dbRestarts; i++) {
                    await waitForIndex(db.url, (outages.at(-1)?.committed ?? -1) + 1, 60_000)
                    await pg!.stop()
                    const [graphql, csv] = await Promise.all([
                        probe(api.gqlUrl, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"query":"{ tokens(limit: 1000) { symbol } }"}'}),
                        probe(api.gqlUrl.replace('/graphql', '/export/audit-trail.csv')),
                        new Promise(r => setTimeout(r, OUTAGE_MS)),
                    ])
                    const committed = (await readIndexStatus((await startPg()).url))?.height ?? -1
                    outages.push({committed, graphql, csv})
                }
                await waitForHead(chain.url, db.url, 120_000)
                const served = await probe(api.gqlUrl, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"query":"{ tokens(limit: 1000, orderBy: address_ASC) { address totalSupply } squidStatus { height } }"}'})
                const processor = indexer.output
                // A crash is one line from the indexer and one from its supervisor; an outage between two batches may cause none.
                const crashes = processor.filter(l => l.includes('connection lost (')).length
                const first = outages[0]!
                console.log(`[crash] ${outages.length} database restarts with blocks ${outages.map(o => o.committed).join(', ')} of ${head} committed; ${crashes} indexer crashes, ` +
                    `${processor.filter(l => l.includes('is unreachable (')).length} start-up retries; during an outage GraphQL answered ${first.graphql.status} in ${first.graphql.ms} ms ` +
                    `and an export ${first.csv.status} in ${first.csv.ms} ms ("${first.csv.text}"); subscription: ${pushes.join(', ')}`)

                for (const o of outages) {
                    expect(o.committed).toBeLessThan(head)
                    // said as such, without the driver's words
                    expect(o.graphql.status).toBe(503)
                    expect(o.graphql.text).toContain('"message":"the database is unavailable; retry shortly"')
                    expect(o.csv.text).toMatch(/^export failed: the database is unavailable; retry shortly/)
                    expect(o.graphql.ms + o.csv.ms).toBeLessThan(5000)
                }
                const {data} = JSON.parse(served.text) as {data: {tokens: {address: string; totalSupply: string}[]; squidStatus: {height: number}}}
                expect(data.squidStatus.height).toBe(head)
                const onChain = await Promise.all(d.tokens.map(async t => ({address: t.address.toLowerCase(), totalSupply: String(await (await tokenAt(chain.url, t.address)).token.getFunction('totalSupply')())})))
                expect(data.tokens).toEqual(onChain.sort((a, b) => a.address.localeCompare(b.address)))
                expect(api.api.proc.exitCode).toBeNull()
                // A subscription whose poll fails ends by closing the socket with the reason: the client resubscribes.
                expect(pushes[0]).toBe('data')
                expect(pushes.at(-1)).toMatch(/^error: .*the database is unavailable; retry shortly/)
                expect(crashes).toBeGreaterThanOrEqual(1)
                expect(processor.filter(l => l.includes('"stack"') || l.includes('"level":5'))).toEqual([])
                expect(processor.filter(l => l.includes('restarting from its last committed block')).length).toBe(crashes)
                expect(processor.some(l => l.includes('is unreachable (connect ECONNREFUSED'))).toBe(true)
                expect(digestDifferences(await indexDigest(db.url), clean)).toEqual([])
            } finally {
                await subscription.dispose()
                await indexer?.stop()
                await api.stop()
            }
        }, PLAN.timeoutMs)
    })
})

interface Probe {
    status: number | string
    ms: number
    text: string
}

/** A subscription ends with GraphQL errors, an Error, or the socket's close event. */
function errorMessage(e: unknown): string {
    if (Array.isArray(e)) return e.map(errorMessage).join('; ')
    if (e == null || typeof e !== 'object') return String(e)
    if ('message' in e) return String(e.message)
    return 'code' in e && 'reason' in e ? `socket closed ${String(e.code)} ${String(e.reason)}` : String(e)
}

/** One request to the API; a hang shows up as an abort after 5 s. */
async function probe(url: string, init: RequestInit = {}): Promise<Probe> {
    const started = Date.now()
    try {
        const res = await fetch(url, {...init, signal: AbortSignal.timeout(5000)})
        return {status: res.status, ms: Date.now() - started, text: (await res.text()).trim()}
    } catch (err) {
        return {status: err instanceof Error ? err.name : 'error', ms: Date.now() - started, text: String(err)}
    }
}
