import 'reflect-metadata' // type-graphql's decorators (the resolvers the floor calls) read the parameter types through it
import autocannon from 'autocannon'
import fs from 'fs'
import os from 'os'
import path from 'path'
import http from 'http'
import {AddressInfo} from 'net'
import {Client, Pool} from 'pg'
import type {ReadTx} from '../../src/api/requestDb'
import {CapTableGroupBy, CapTableResolver} from '../../src/server-extension/resolvers/capTable'
import {ComplianceStatusResolver} from '../../src/server-extension/resolvers/complianceStatus'
import {ConcentrationResolver} from '../../src/server-extension/resolvers/concentration'
import {JurisdictionsResolver} from '../../src/server-extension/resolvers/jurisdictions'
import {OwnershipHistoryResolver} from '../../src/server-extension/resolvers/ownershipHistory'
import {TimeSeriesInterval, TokenTimeSeriesResolver} from '../../src/server-extension/resolvers/tokenTimeSeries'
import {startIndexer, startTestDatabase, waitForHead} from '../../test/harness/testStack'
import {startBenchChain} from './chain'
import {percentile, REPORT_DIR, round1, rssMb} from './common'

// `node lib-harness/bench/src/load.js` (also run by `npm run bench`): the API under load (issue 13's targets), each
// figure beside a floor measured in the same run.
//
// The chain is the ingest benchmark's (the demo deployment and story plus BENCH_TXS random token
// transactions, cached under .data/bench), indexed by the real indexer into a throwaway database; the
// real API (lib/cli/serve.js, reading as its read-only login) answers autocannon, BENCH_LOAD_CONNECTIONS
// connections each sending its next request as soon as the last is answered:
// - a page of 100 holdings of the token with the most holders (OpenReader), BENCH_LOAD_SHORT_SECONDS;
// - capTable of that token at the head (100 rows), BENCH_LOAD_SHORT_SECONDS;
// - the mix, BENCH_LOAD_SECONDS: per token the analytics queries (capTable at the head and at a past
//   block, concentration, jurisdictions, ownershipHistory of its largest holder, tokenTimeSeries by day,
//   complianceStatus) and OpenReader pages of holdings, transfers and audit events.
// The floor: a minimal node http server with node-postgres, no GraphQL, no cache, no limits, running the
// same SQL for each operation (the resolvers' own functions for the analytics; for OpenReader pages the
// equivalent SELECT), under the same load. An error is a failed connection, a timeout, a status other
// than 2xx, or a 200 whose body is not JSON with data and no GraphQL errors.
// Writes bench/reports/load.{md,json}; exits 1 when any request failed.

const TXS = Number(process.env.BENCH_TXS ?? '30000')
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? '60')
const SHORT_SECONDS = Number(process.env.BENCH_LOAD_SHORT_SECONDS ?? '15')
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? '16')
const say = (m: string) => console.log(`[bench:load] ${m}`)

interface Operation {
    kind: string
    query: string
    /** the same reads without GraphQL: the floor server runs this */
    direct: (tx: ReadTx) => Promise<unknown>
}

interface Facts {
    /** the token with the most holders first */
    tokens: {address: string; symbol: string; topHolder: string}[]
    firstBlock: number
    head: number
    from: string
    to: string
    holdings: number
    transfers: number
    auditEvents: number
}

async function readFacts(dbUrl: string): Promise<Facts> {
    const c = new Client({connectionString: dbUrl})
    await c.connect()
    try {
        const tokens = (await c.query(`SELECT t.address, t.symbol,
                (SELECT h.wallet FROM holding h WHERE h.token_id = t.id ORDER BY h.balance DESC, h.wallet LIMIT 1) AS "topHolder"
            FROM token t ORDER BY (SELECT count(*) FROM holding h WHERE h.token_id = t.id AND h.balance > 0) DESC, t.address`)).rows as Facts['tokens']
        const [range] = (await c.query(`SELECT min(block_number)::int AS first, max(block_number)::int AS last,
                to_char(min("timestamp") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "from",
                to_char(max("timestamp") AT TIME ZONE 'UTC' + interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "to",
                (SELECT count(*)::int FROM holding) AS holdings, (SELECT count(*)::int FROM audit_event) AS "auditEvents", count(*)::int AS transfers
            FROM transfer`)).rows as {first: number; last: number; from: string; to: string; holdings: number; transfers: number; auditEvents: number}[]
        return {tokens, firstBlock: range!.first, head: range!.last, from: range!.from, to: range!.to, holdings: range!.holdings, transfers: range!.transfers, auditEvents: range!.auditEvents}
    } finally {
        await c.end()
    }
}

const HOLDINGS_PAGE_SQL = `SELECT h.wallet, h.balance::text AS balance, h.frozen_amount::text AS "frozenAmount", h.last_changed_block AS "lastChangedBlock"
    FROM holding h JOIN token t ON t.id = h.token_id WHERE t.address = $1 AND h.balance > 0 ORDER BY h.balance DESC LIMIT $2`

function holdingsPage(address: string, limit: number): Operation {
    return {
        kind: `holdings (OpenReader, ${limit} rows)`,
        query: `{ holdings(where: {token: {address_eq: ${JSON.stringify(address)}}, balance_gt: "0"}, orderBy: balance_DESC, limit: ${limit}) { wallet balance frozenAmount lastChangedBlock } }`,
        direct: tx => tx.query(HOLDINGS_PAGE_SQL, [address, limit]),
    }
}

function capTableAtHead(address: string, limit: number): Operation {
    return {
        kind: 'capTable (head)',
        query: `{ capTable(token: ${JSON.stringify(address)}, limit: ${limit}) { block supply rowCount rows { holder investor balance frozenTokens share countryCode } } }`,
        direct: tx => new CapTableResolver(async () => tx).capTable(address, null, null, CapTableGroupBy.WALLET, limit, 0, null, null),
    }
}

function mix(f: Facts): Operation[] {
    const ops: Operation[] = []
    const past = Math.round((f.firstBlock + f.head) / 2)
    for (const t of f.tokens) {
        const token = JSON.stringify(t.address)
        const a = t.address
        ops.push(
            capTableAtHead(a, 100),
            {kind: 'capTable (past block)', query: `{ capTable(token: ${token}, atBlock: ${past}, limit: 100) { block supply rowCount rows { holder balance share } } }`,
                direct: tx => new CapTableResolver(async () => tx).capTable(a, past, null, CapTableGroupBy.WALLET, 100, 0, null, null)},
            {kind: 'concentration', query: `{ concentration(token: ${token}) { holderCount hhi gini } }`,
                direct: tx => new ConcentrationResolver(async () => tx).concentration(a, null, null, null)},
            {kind: 'jurisdictions', query: `{ jurisdictions(token: ${token}) { supply countries { country balance } } }`,
                direct: tx => new JurisdictionsResolver(async () => tx).jurisdictions(a, null, null, null)},
            {kind: 'ownershipHistory', query: `{ ownershipHistory(token: ${token}, account: ${JSON.stringify(t.topHolder)}, limit: 100) { changeCount changes { wallet delta } } }`,
                direct: tx => new OwnershipHistoryResolver(async () => tx).ownershipHistory(a, t.topHolder, 100, 0, null)},
            {kind: 'tokenTimeSeries (day)', query: `{ tokenTimeSeries(token: ${token}, interval: DAY, from: ${JSON.stringify(f.from)}, to: ${JSON.stringify(f.to)}) { start volume } }`,
                direct: tx => new TokenTimeSeriesResolver(async () => tx).tokenTimeSeries(a, TimeSeriesInterval.DAY, f.from, f.to)},
            {kind: 'complianceStatus', query: `{ complianceStatus(token: ${token}) { paused frozenTokensTotal countries { country } } }`,
                direct: tx => new ComplianceStatusResolver(async () => tx).complianceStatus(a, null, null)},
            {...holdingsPage(a, 50), kind: 'holdings (OpenReader)'},
            {kind: 'transfers (OpenReader)', query: `{ transfers(where: {token: {address_eq: ${token}}}, orderBy: blockNumber_DESC, limit: 50) { from to amount kind blockNumber txHash } }`,
                direct: tx => tx.query(`SELECT x."from", x."to", x.amount::text AS amount, x.kind, x.block_number AS "blockNumber", x.tx_hash AS "txHash"
                    FROM transfer x JOIN token t ON t.id = x.token_id WHERE t.address = $1 ORDER BY x.block_number DESC LIMIT 50`, [a])},
            {kind: 'auditEvents (OpenReader)', query: `{ auditEvents(where: {token: {address_eq: ${token}}}, orderBy: blockNumber_DESC, limit: 50) { id kind subject counterparty amount actor blockNumber txHash } }`,
                direct: tx => tx.query(`SELECT e.id, e.kind, e.subject, e.counterparty, e.amount::text AS amount, e.actor, e.block_number AS "blockNumber", e.tx_hash AS "txHash"
                    FROM audit_event e JOIN token t ON t.id = e.token_id WHERE t.address = $1 ORDER BY e.block_number DESC LIMIT 50`, [a])},
        )
    }
    return ops
}

/**
 * The floor: node http and node-postgres, nothing else. POST {"op": i} runs operation i's reads on
 * pooled connections and answers {"data": …}.
 */
async function startFloor(dbUrl: string, ops: Operation[]): Promise<{url: string; stop(): Promise<void>}> {
    const pool = new Pool({connectionString: dbUrl, max: 8})
    const tx: ReadTx = {query: async (sql, params) => (await pool.query(sql, params)).rows}
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c as Buffer))
        req.on('end', () => {
            const {op} = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {op: number}
            ops[op]!.direct(tx).then(data => {
                res.writeHead(200, {'content-type': 'application/json'})
                res.end(JSON.stringify({data}))
            }, (err: Error) => {
                res.writeHead(500, {'content-type': 'application/json'})
                res.end(JSON.stringify({errors: [{message: err.message}]}))
            })
        })
    })
    server.keepAliveTimeout = 65_000
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    return {
        url: `http://127.0.0.1:${port}/`,
        stop: async () => {
            server.closeAllConnections()
            await new Promise(resolve => server.close(resolve))
            await pool.end()
        },
    }
}

/** Why an answer does not count as a success, or null. */
function failureOf(status: number, body: string): string | null {
    if (status < 200 || status > 299) return `HTTP ${status} ${body.slice(0, 300)}`
    try {
        const json = JSON.parse(body) as {data?: unknown; errors?: {message: string}[]}
        if (json.errors?.length) return json.errors[0]!.message
        if (json.data == null) return 'no data'
        return null
    } catch {
        return 'not JSON'
    }
}

interface KindStats {
    kind: string
    requests: number
    failures: number
    p50Ms: number
    p95Ms: number
    p99Ms: number
    maxMs: number
}

function kindStats(kind: string, latencies: number[], failures: number): KindStats {
    const sorted = [...latencies].sort((a, b) => a - b)
    return {
        kind, requests: sorted.length, failures,
        p50Ms: round1(percentile(sorted, 0.5)), p95Ms: round1(percentile(sorted, 0.95)), p99Ms: round1(percentile(sorted, 0.99)), maxMs: round1(sorted[sorted.length - 1] ?? 0),
    }
}

interface Scenario {
    name: string
    ops: Operation[]
    seconds: number
    target: {rps: number; p99Ms?: number}
}

interface LoadResult {
    requests: number
    requestsPerSecond: number
    latency: KindStats
    connectionErrors: number
    timeouts: number
    non2xx: number
    graphqlFailures: number
    failureSamples: string[]
    byKind: KindStats[]
}

/** autocannon on `url` for `seconds`, cycling through `requests` (a kind and a body each). */
async function load(url: string, requests: {kind: string; body: string}[], seconds: number): Promise<LoadResult> {
    const latencies = new Map<string, number[]>(requests.map(r => [r.kind, []]))
    const failures = new Map<string, number>()
    const samples: string[] = []
    // autocannon calls a request's onResponse and then emits 'response' for it, synchronously.
    let answered = ''
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({
            url,
            connections: CONNECTIONS,
            duration: seconds,
            timeout: 10,
            requests: requests.map(r => ({
                method: 'POST' as const,
                headers: {'content-type': 'application/json'},
                body: r.body,
                onResponse: (status: number, body: string) => {
                    answered = r.kind
                    const failure = failureOf(status, body)
                    if (failure == null) return
                    failures.set(r.kind, (failures.get(r.kind) ?? 0) + 1)
                    if (samples.length < 5) samples.push(`${r.kind}: ${failure}`)
                },
            })),
        }, (err, res) => err ? reject(err) : resolve(res))
        instance.on('response', (_client, _status, _bytes, ms) => latencies.get(answered)?.push(ms))
    })
    const graphqlFailures = [...failures.values()].reduce((a, b) => a + b, 0)
    return {
        requests: result.requests.total,
        requestsPerSecond: round1(result.requests.total / result.duration),
        latency: kindStats('all', [...latencies.values()].flat(), graphqlFailures),
        connectionErrors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        graphqlFailures,
        failureSamples: samples,
        byKind: [...latencies.entries()].map(([kind, l]) => kindStats(kind, l, failures.get(kind) ?? 0)),
    }
}

const errorsOf = (r: LoadResult) => r.connectionErrors + r.non2xx + r.graphqlFailures

async function main(): Promise<void> {
    const chain = await startBenchChain(TXS, say)
    const db = await startTestDatabase(say)
    const run = await startIndexer({
        DB_URL: db.url, RPC_ETH_HTTP: chain.anvil.url, TREX_FACTORIES: chain.d.trexFactory, START_BLOCK: String(chain.d.deployBlock), FINALITY_CONFIRMATION: '10',
    }, true).catch(async err => {
        await db.stop()
        await chain.anvil.stop()
        throw err
    })
    let floor: Awaited<ReturnType<typeof startFloor>> | undefined
    try {
        await waitForHead(chain.anvil.url, db.url, 600_000)
        const facts = await readFacts(db.url)
        const top = facts.tokens[0]!
        const scenarios: Scenario[] = [
            {name: 'holdings page (100 rows)', ops: [holdingsPage(top.address, 100)], seconds: SHORT_SECONDS, target: {rps: 1000}},
            {name: 'capTable at head (100 rows)', ops: [capTableAtHead(top.address, 100)], seconds: SHORT_SECONDS, target: {rps: 500}},
            {name: 'mixed', ops: mix(facts), seconds: SECONDS, target: {rps: 300, p99Ms: 250}},
        ]
        const all = scenarios.flatMap(sc => sc.ops)
        say(`indexed to block ${chain.head}: ${facts.tokens.length} tokens, ${facts.holdings} holdings, ${facts.transfers} transfers, ${facts.auditEvents} audit events; ` +
            `${scenarios[2]!.ops.length} operations in the mix`)
        floor = await startFloor(db.url, all)

        // Every operation once on each server, checked, before the clock starts.
        for (const [i, op] of all.entries()) {
            for (const [url, body] of [[run.gqlUrl, JSON.stringify({query: op.query})], [floor.url, JSON.stringify({op: i})]] as const) {
                const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body})
                const failure = failureOf(res.status, await res.text())
                if (failure) throw new Error(`${op.kind} fails on ${url} before the load: ${failure}\n${op.query}`)
            }
        }

        const loadBefore = os.loadavg()
        const results: ScenarioResult[] = []
        for (const sc of scenarios) {
            const api = await load(run.gqlUrl, sc.ops.map(op => ({kind: op.kind, body: JSON.stringify({query: op.query})})), sc.seconds)
            const base = await load(floor.url, sc.ops.map(op => ({kind: op.kind, body: JSON.stringify({op: all.indexOf(op)})})), sc.seconds)
            const met = errorsOf(api) === 0 && api.requestsPerSecond >= sc.target.rps && (sc.target.p99Ms == null || api.latency.p99Ms < sc.target.p99Ms)
            results.push({name: sc.name, seconds: sc.seconds, operations: sc.ops.length, target: sc.target, met, api, floor: base, apiToFloor: round2(api.requestsPerSecond / base.requestsPerSecond)})
            say(`${sc.name}: API ${api.requestsPerSecond} req/s (p99 ${api.latency.p99Ms} ms, ${errorsOf(api)} errors), floor ${base.requestsPerSecond} req/s; ` +
                `target ${sc.target.rps} req/s${sc.target.p99Ms ? ` p99 < ${sc.target.p99Ms} ms` : ''}: ${met ? 'met' : 'NOT met'}`)
        }
        const loadAfter = os.loadavg()
        const report: Report = {
            date: new Date().toISOString(),
            machine: {cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageBefore: loadBefore.map(round1), loadAverageAfter: loadAfter.map(round1)},
            data: {head: chain.head, tokens: facts.tokens.length, holdings: facts.holdings, transfers: facts.transfers, auditEvents: facts.auditEvents},
            connections: CONNECTIONS,
            scenarios: results,
            apiPeakRssMb: rssMb(run.api?.proc.pid, 'VmHWM'),
        }
        writeReport(report)
        const failed = results.filter(r => errorsOf(r.api) > 0)
        if (failed.length > 0) throw new Error(`requests failed under load, e.g. ${failed.flatMap(r => r.api.failureSamples).join('; ')}`)
    } finally {
        await floor?.stop()
        await run.stop()
        await db.stop()
        await chain.anvil.stop()
    }
}

interface ScenarioResult {
    name: string
    seconds: number
    operations: number
    target: Scenario['target']
    met: boolean
    api: LoadResult
    floor: LoadResult
    /** the API's requests per second over the floor's */
    apiToFloor: number
}

interface Report {
    date: string
    machine: {cpus: number; cpuModel: string; node: string; loadAverageBefore: number[]; loadAverageAfter: number[]}
    data: {head: number; tokens: number; holdings: number; transfers: number; auditEvents: number}
    connections: number
    scenarios: ScenarioResult[]
    apiPeakRssMb: number
}

const round2 = (x: number) => Math.round(x * 100) / 100

function writeReport(r: Report): void {
    fs.mkdirSync(REPORT_DIR, {recursive: true})
    fs.writeFileSync(path.join(REPORT_DIR, 'load.json'), JSON.stringify(r, null, 2) + '\n')
    const row = (s: KindStats) => `| ${s.kind} | ${s.requests} | ${s.failures} | ${s.p50Ms.toFixed(1)} | ${s.p95Ms.toFixed(1)} | ${s.p99Ms.toFixed(1)} | ${s.maxMs.toFixed(1)} |`
    const target = (t: Scenario['target']) => `≥ ${t.rps} req/s${t.p99Ms ? `, p99 < ${t.p99Ms} ms` : ''}, 0 errors`
    const mixed = r.scenarios.find(s => s.name === 'mixed')
    const md = [
        '# API load test',
        '',
        `${r.date}; ${r.machine.cpus}-core machine (${r.machine.cpuModel}), Node ${r.machine.node}; load average`,
        `${r.machine.loadAverageBefore.join(' / ')} before, ${r.machine.loadAverageAfter.join(' / ')} after (the machine is shared; the load generator, the API,`,
        'the floor server, the indexer following the head and Postgres all run on it).',
        '',
        `Data: the ingest benchmark's chain indexed to block ${r.data.head}: ${r.data.tokens} tokens, ${r.data.holdings} holdings,`,
        `${r.data.transfers} transfers, ${r.data.auditEvents} audit events. Served by the real API (\`lib/cli/serve.js\`: graphql-yoga,`,
        'reading as its read-only login), with its limits on and its answer cache (keyed by the indexed block) as configured by default.',
        '',
        `autocannon: ${r.connections} connections, each sending its next request as soon as the last is answered. The floor is a`,
        'minimal node http + node-postgres server running the same SQL per operation (the resolvers\' own functions for the analytics,',
        'the equivalent SELECT for OpenReader pages), without GraphQL, cache or limits, under the same load in the same run.',
        'An error is a failed connection, a timeout, a non-2xx status, or a 200 without data or with GraphQL errors.',
        'The chain does not move during the run: after each operation\'s first answer the API answers from its cache (keyed by',
        'the indexed block and the request), which a new block empties; the floor has no cache, so the ratios measure the cache.',
        `A page asks for 100 rows; the benchmark chain's tokens have ${r.data.holdings} holdings in all, so it returns all of a token's holders.`,
        '',
        '| scenario | duration | API req/s | API p50 / p99 ms | API errors | floor req/s | floor p99 ms | API / floor | target | met |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...r.scenarios.map(s => `| ${s.name} | ${s.seconds} s | ${s.api.requestsPerSecond} | ${s.api.latency.p50Ms} / ${s.api.latency.p99Ms} | ${errorsOf(s.api)} | ` +
            `${s.floor.requestsPerSecond} | ${s.floor.latency.p99Ms} | ${s.apiToFloor} | ${target(s.target)} | ${s.met ? 'yes' : 'no'} |`),
        '',
        `Peak RSS of the API process: ${r.apiPeakRssMb} MB.`,
        '',
        ...(mixed ? [
            `Mixed load through the API, ${mixed.operations} operations:`,
            '',
            '| operation | requests | errors | p50 ms | p95 ms | p99 ms | max ms |',
            '| --- | --- | --- | --- | --- | --- | --- |',
            ...mixed.api.byKind.map(row),
            '',
        ] : []),
        ...r.scenarios.flatMap(s => s.api.failureSamples.length > 0 ? [`Failures of ${s.name}, first few:`, '', ...s.api.failureSamples.map(x => `- ${x}`), ''] : []),
    ].join('\n')
    fs.writeFileSync(path.join(REPORT_DIR, 'load.md'), md)
}

main().then(() => process.exit(0), err => {
    console.error(err)
    process.exit(1)
})
