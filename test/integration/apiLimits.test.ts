import {createClient} from 'graphql-ws'
import {Client} from 'pg'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import WebSocket from 'ws'
import {HEIGHT_HEADER} from '../../src/api/server'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {connect, devSigner, waitMined} from '../../src/dev/rpc'
import {ApiRun, demoEnv, IndexerRun, startApi, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {tokenAt} from './chain'

const dbUrl = inject('dbUrl')

const DASHBOARD = 'https://dash.example.com'

/** A budget a real capTable as of a past block cannot meet on the demo data. */
const TIGHT_BUDGET_MS = 1
/** The budget of the limited API: ample for any demo query, unless a statement waits on a lock. */
const LIMITED_BUDGET_MS = 1000

interface GqlError {message: string; extensions?: {code?: string}}
interface Answer {status: number; headers: Headers; body: {data?: Record<string, unknown> | null; errors?: GqlError[]}; text: string}

/** One POST of a GraphQL request with extra headers; the status, headers and JSON body as the client got them. */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify({query, variables}), signal: AbortSignal.timeout(15_000)})
    const text = await res.text()
    return {status: res.status, headers: res.headers, body: JSON.parse(text) as Answer['body'], text}
}

/** The CORS headers of an answer (access-control-*), by name. */
const corsHeaders = (h: Headers) => Object.fromEntries([...h.entries()].filter(([k]) => k.startsWith('access-control-')))

/** What no answer may hold: a stack frame, a file path, SQL, or the driver's words. */
const LEAK = /"stack"|\bat [\w.<>]+ \(|\/work\/|node_modules|\.js:\d+|\bSELECT\b|\bFROM\b|\bWHERE\b|"parameters"|statement timeout|canceling statement|pg_/

/** Reads until `done` holds, else fails naming `what` and the last value read. */
async function until<T>(what: string, read: () => T | Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
        const v = await read()
        if (done(v)) return v
        if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${JSON.stringify(v)})`)
        await new Promise(r => setTimeout(r, 100))
    }
}

describe('the API\'s limits, end to end', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let d: Deployment
    let run: IndexerRun
    /** API_MAX_CONCURRENT_REQUESTS=2, API_MAX_SUBSCRIPTIONS_PER_CONNECTION=2, API_CORS_ORIGINS=DASHBOARD, API_REQUEST_TIMEOUT_MS=LIMITED_BUDGET_MS */
    let limited: ApiRun
    /** a database time budget no request of capTable meets */
    let tight: ApiRun
    /** the chain head once the demo story is indexed */
    let storyHead: number

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        // run.gqlUrl: an API with the default settings (no CORS origins, a 10 s budget)
        run = await startIndexer(demoEnv(chain, db, d), true)
        storyHead = await waitForHead(chain.url, db.url)
        const [l, t] = await Promise.allSettled([
            startApi({...demoEnv(chain, db, d), API_MAX_CONCURRENT_REQUESTS: '2', API_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', API_CORS_ORIGINS: DASHBOARD,
                API_REQUEST_TIMEOUT_MS: String(LIMITED_BUDGET_MS)}),
            startApi({...demoEnv(chain, db, d), API_REQUEST_TIMEOUT_MS: String(TIGHT_BUDGET_MS)}),
        ])
        // kept even when the other failed to start, so that afterAll stops it
        if (l.status === 'fulfilled') limited = l.value
        if (t.status === 'fulfilled') tight = t.value
        for (const s of [l, t]) if (s.status === 'rejected') throw s.reason
    })

    afterAll(async () => {
        await limited?.stop()
        await tight?.stop()
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    const token = () => d.tokens[1]!.address.toLowerCase()
    const holdingId = (investor: number) => `${d.chainId}-${token()}-${d.investors[investor]!.wallet.toLowerCase()}`
    const capTable = (limit: number) => `{ capTable(token: "${token()}", limit: ${limit}) { block rowCount rows { holder balance } } }`
    const pastCapTable = () => `{ capTable(token: "${token()}", atBlock: ${storyHead - 1}, limit: 1000) { block rows { holder balance } } }`
    const timedOut = (budgetMs: number) => [{
        message: `the request exceeded its database time budget of ${budgetMs} ms: ask for fewer rows or a narrower filter`,
        locations: [{line: 1, column: 3}],
        path: ['capTable'],
        extensions: {code: 'REQUEST_TIMEOUT'},
    }]

    /** Moves 1 unit of the token from investor 0 to investor 1 and waits until the index has the block; its number. */
    const transferAndIndex = async (): Promise<number> => {
        const provider = await connect(chain.url)
        const t = contractAt('Token', d.tokens[1]!.address, devSigner(d.investors[0]!.privateKeyIndex, provider))
        const receipt = await waitMined(await t.getFunction('transfer')(d.investors[1]!.wallet, 1n), 'transfer')
        await waitForHead(chain.url, db.url)
        return receipt.blockNumber
    }

    /** balanceOf(investor's wallet) by eth_call at `block`: the chain's word the index is checked against. */
    const chainBalance = async (investor: number, block: number): Promise<string> => {
        const {token: t} = await tokenAt(chain.url, d.tokens[1]!.address)
        return String(await t.getFunction('balanceOf')(d.investors[investor]!.wallet, {blockTag: block}))
    }

    describe('when more requests arrive at once than API_MAX_CONCURRENT_REQUESTS', () => {
        it('should refuse the excess with 503, Retry-After: 1 and a JSON GraphQL error, answer the rest, and answer again once the burst is over', async () => {
            // distinct limits: no answer of the burst can come from the answer cache
            const answers = await Promise.all(Array.from({length: 30}, (_, i) => post(limited.gqlUrl, capTable(i + 1))))
            const shed = answers.filter(a => a.status === 503)
            const served = answers.filter(a => a.status === 200)
            console.log(`[apiLimits] a burst of 30 at a limit of 2: ${served.length} answered, ${shed.length} shed`)
            expect(shed.length + served.length).toBe(30)
            expect(shed.length).toBeGreaterThan(0)
            expect(served.length).toBeGreaterThan(0)
            for (const a of shed) {
                expect(a.headers.get('retry-after')).toBe('1')
                expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8')
                expect(a.body).toEqual({errors: [{message: 'the API is answering its limit of 2 requests at once; retry shortly', extensions: {code: 'SERVICE_UNAVAILABLE'}}]})
            }
            const holders = (served[0]!.body.data!.capTable as {rowCount: number}).rowCount
            expect(holders).toBeGreaterThan(1)
            for (const a of served) {
                const limit = answers.indexOf(a) + 1
                expect(a.body.errors).toBeUndefined()
                expect((a.body.data!.capTable as {rows: unknown[]}).rows).toHaveLength(Math.min(limit, holders))
                // the same answer the API without limits gives
                expect(a.body.data).toEqual((await post(run.gqlUrl, capTable(limit))).body.data)
            }
            for (const limit of [31, 32, 33]) {
                const after = await post(limited.gqlUrl, capTable(limit))
                expect(after.status).toBe(200)
                expect((after.body.data!.capTable as {rows: unknown[]}).rows).toHaveLength(Math.min(limit, holders))
            }
        })
    })

    describe('when a request needs more database time than API_REQUEST_TIMEOUT_MS', () => {
        it('should answer REQUEST_TIMEOUT without SQL or a stack, and go on serving', async () => {
            const r = await post(tight.gqlUrl, pastCapTable())
            expect(r.status).toBe(200)
            expect(r.body).toEqual({data: null, errors: timedOut(TIGHT_BUDGET_MS)})
            expect(r.text).not.toMatch(LEAK)
            // a request that needs no database time is still answered, and the process is up
            expect((await post(tight.gqlUrl, '{ __typename }')).body).toEqual({data: {__typename: 'Query'}})
            const health = await fetch(tight.gqlUrl.replace(/\/graphql$/, '/healthz'))
            expect([health.status, await health.json()]).toEqual([200, {status: 'up'}])
            // the same query within the default budget
            const ok = await post(run.gqlUrl, pastCapTable())
            expect(ok.body.errors).toBeUndefined()
            expect((ok.body.data!.capTable as {block: number}).block).toBe(storyHead - 1)
        })

        it('should cut a statement that waits past the budget at the budget, and answer the same query once it can run', async () => {
            // another session holds the tables every capTable reads: the API's statement waits on them
            const locker = new Client({connectionString: db.url})
            await locker.connect()
            let r: Answer
            let tookMs: number
            try {
                await locker.query('BEGIN; LOCK TABLE token_checkpoint, balance_change IN ACCESS EXCLUSIVE MODE')
                const started = Date.now()
                r = await post(limited.gqlUrl, pastCapTable())
                tookMs = Date.now() - started
            } finally {
                await locker.query('ROLLBACK')
                await locker.end()
            }
            expect(r.body).toEqual({data: null, errors: timedOut(LIMITED_BUDGET_MS)})
            expect(r.text).not.toMatch(LEAK)
            expect(tookMs).toBeGreaterThanOrEqual(LIMITED_BUDGET_MS * 3 / 4)
            // the bound leaves room for a loaded machine: without the budget the query waits until the lock goes
            expect(tookMs).toBeLessThan(LIMITED_BUDGET_MS * 3)
            const ok = await post(limited.gqlUrl, pastCapTable())
            expect(ok.body.errors).toBeUndefined()
            expect((ok.body.data!.capTable as {block: number}).block).toBe(storyHead - 1)
        })
    })

    describe('when one websocket starts more subscriptions than API_MAX_SUBSCRIPTIONS_PER_CONNECTION', () => {
        it('should refuse the third, naming the limit, and keep pushing the first two', async () => {
            const client = createClient({url: limited.gqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0})
            const balances: [string[], string[]] = [[], []]
            const failures: unknown[] = []
            const subscription = (investor: number) => `subscription { holdings(limit: 1, where: {id_eq: "${holdingId(investor)}"}) { balance } }`
            try {
                for (const i of [0, 1] as const) {
                    client.subscribe<{holdings: {balance: string}[]}>({query: subscription(i)}, {
                        next: m => void balances[i].push(m.data?.holdings[0]?.balance ?? JSON.stringify(m)),
                        error: err => void failures.push(err),
                        complete: () => undefined,
                    })
                }
                await until('the first answers of two subscriptions', () => balances.map(b => b.length), n => n.every(x => x >= 1))
                const third = await new Promise<unknown>(resolve => client.subscribe({query: `subscription { tokens(limit: 10) { symbol } }`}, {
                    next: m => resolve({next: m}),
                    error: resolve,
                    complete: () => resolve('completed without an answer'),
                }))
                expect(third).toEqual([{
                    message: 'this connection already holds 2 operations, the most one websocket may; complete some or open another connection',
                    extensions: {code: 'BAD_USER_INPUT'},
                }])
                const block = await transferAndIndex()
                await until('a push of each subscription after the transfer', () => balances.map(b => b.length), n => n.every(x => x >= 2))
                expect(balances.map(b => b.at(-1))).toEqual([await chainBalance(0, block), await chainBalance(1, block)])
                expect(BigInt(balances[0].at(-1)!)).toBe(BigInt(balances[0][0]!) - 1n)
                expect(failures).toEqual([])
            } finally {
                await client.dispose()
            }
        })
    })

    describe('when API_CORS_ORIGINS names an origin', () => {
        const preflight = (url: string, origin: string) => fetch(url, {
            method: 'OPTIONS',
            headers: {origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type'},
        })

        it('should allow that origin in a preflight and on a POST, and let it read the indexed height', async () => {
            const pre = await preflight(limited.gqlUrl, DASHBOARD)
            expect(pre.status).toBe(204)
            expect(pre.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
            expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST')
            const r = await post(limited.gqlUrl, '{ tokens(limit: 10, orderBy: symbol_ASC) { symbol } }', {}, {origin: DASHBOARD})
            expect(r.status).toBe(200)
            expect(r.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
            expect(r.headers.get('access-control-expose-headers')).toBe(HEIGHT_HEADER)
            expect(r.headers.get('access-control-allow-credentials')).toBeNull()
            expect(r.headers.get('vary')).toMatch(/\bOrigin\b/)
        })

        it('should send another origin no allow-origin header, even for an answer cached for the allowed one', async () => {
            const pre = await preflight(limited.gqlUrl, 'https://evil.example')
            expect(pre.headers.get('access-control-allow-origin')).toBeNull()
            const q = '{ tokens(limit: 10, orderBy: name_ASC) { name } }'
            expect((await post(limited.gqlUrl, q, {}, {origin: DASHBOARD})).headers.get('access-control-allow-origin')).toBe(DASHBOARD)
            const evil = await post(limited.gqlUrl, q, {}, {origin: 'https://evil.example'})
            expect(evil.status).toBe(200)
            expect(evil.body.data!.tokens).toHaveLength(d.tokens.length)
            expect(corsHeaders(evil.headers)).toEqual({})
            // a shared cache must not hand the allowed origin's answer to another
            expect(evil.headers.get('vary')).toMatch(/\bOrigin\b/)
            expect(corsHeaders((await post(limited.gqlUrl, q)).headers)).toEqual({})
        })
    })

    describe('when API_CORS_ORIGINS is unset', () => {
        it('should send no CORS headers at all, to a preflight or a POST', async () => {
            const pre = await fetch(run.gqlUrl, {method: 'OPTIONS', headers: {origin: DASHBOARD, 'access-control-request-method': 'POST'}})
            expect(corsHeaders(pre.headers)).toEqual({})
            const r = await post(run.gqlUrl, '{ tokens(limit: 10) { symbol } }', {}, {origin: DASHBOARD})
            expect(r.status).toBe(200)
            expect(corsHeaders(r.headers)).toEqual({})
        })
    })

    describe('when the indexer commits a new transfer after an answer was cached', () => {
        it('should answer the same at one height, and the chain\'s new balance at the new height', async () => {
            const q = 'query($id: String!) { holdings(limit: 1, where: {id_eq: $id}) { balance } }'
            const ask = async () => {
                const r = await post(run.gqlUrl, q, {id: holdingId(0)})
                expect(r.status).toBe(200)
                return {height: Number(r.headers.get(HEIGHT_HEADER)), balance: (r.body.data!.holdings as {balance: string}[])[0]!.balance, text: r.text}
            }
            const first = await ask()
            const again = await ask()
            expect(again).toEqual(first)
            expect(first.balance).toBe(await chainBalance(0, first.height))
            const block = await transferAndIndex()
            expect(block).toBeGreaterThan(first.height)
            const fresh = await ask()
            expect(fresh.height).toBe(block)
            expect(fresh.balance).toBe(await chainBalance(0, fresh.height))
            expect(BigInt(fresh.balance)).toBe(BigInt(first.balance) - 1n)
            expect(await ask()).toEqual(fresh)
        })
    })
})
