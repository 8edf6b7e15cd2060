import autocannon from 'autocannon'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {Client} from 'pg'
import {startIndexer, startTestDatabase, waitForHead} from '../dev/testStack'
import {startBenchChain} from './chain'
import {percentile, REPORT_DIR, round1, rssMb} from './common'

// `node lib/bench/load.js` (also run by `npm run bench`): the API under a steady load of dashboard and
// regulator queries (issue 6: 60 s at a steady concurrency with zero errors).
//
// The chain is the ingest benchmark's (the demo deployment and story plus BENCH_TXS random token
// transactions, cached under .data/bench), indexed by the real indexer into a throwaway database; the
// real API (lib/cli/serve.js: our front and graphql-server, reading as the read-only role) answers
// autocannon, BENCH_LOAD_CONNECTIONS connections each sending its next request as soon as the last
// is answered, for BENCH_LOAD_SECONDS. Every connection cycles through the same mix: per token the
// analytics queries (capTable at the head and at a past block, concentration, jurisdictions,
// ownershipHistory of its largest holder, tokenTimeSeries by day, complianceStatus) and OpenReader
// pages of holdings, transfers and audit events. An error is a failed connection, a timeout, a
// status other than 2xx, or a 200 whose body is not JSON with data and no GraphQL errors.
// Writes bench/reports/load.{md,json}; exits 1 when any request failed.

const TXS = Number(process.env.BENCH_TXS ?? '30000')
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? '60')
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? '10')
const say = (m: string) => console.log(`[bench:load] ${m}`)

interface Operation {
    kind: string
    query: string
}

interface Facts {
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
            FROM token t ORDER BY t.address`)).rows as Facts['tokens']
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

function mix(f: Facts): Operation[] {
    const ops: Operation[] = []
    const past = Math.round((f.firstBlock + f.head) / 2)
    for (const t of f.tokens) {
        const token = JSON.stringify(t.address)
        ops.push(
            {kind: 'capTable (head)', query: `{ capTable(token: ${token}, limit: 100) { block supply rowCount rows { holder investor balance frozenTokens share countryCode } } }`},
            {kind: 'capTable (past block)', query: `{ capTable(token: ${token}, atBlock: ${past}, limit: 100) { block supply rowCount rows { holder balance share } } }`},
            {kind: 'concentration', query: `{ concentration(token: ${token}) { holderCount hhi gini } }`},
            {kind: 'jurisdictions', query: `{ jurisdictions(token: ${token}) { supply countries { country balance } } }`},
            {kind: 'ownershipHistory', query: `{ ownershipHistory(token: ${token}, account: ${JSON.stringify(t.topHolder)}, limit: 100) { changeCount changes { wallet delta } } }`},
            {kind: 'tokenTimeSeries (day)', query: `{ tokenTimeSeries(token: ${token}, interval: DAY, from: ${JSON.stringify(f.from)}, to: ${JSON.stringify(f.to)}) { start volume } }`},
            {kind: 'complianceStatus', query: `{ complianceStatus(token: ${token}) { paused frozenTokensTotal countries { country } } }`},
            {kind: 'holdings (OpenReader)', query: `{ holdings(where: {token: {address_eq: ${token}}, balance_gt: "0"}, orderBy: balance_DESC, limit: 50) { wallet balance frozenAmount lastChangedBlock } }`},
            {kind: 'transfers (OpenReader)', query: `{ transfers(where: {token: {address_eq: ${token}}}, orderBy: blockNumber_DESC, limit: 50) { from to amount kind blockNumber txHash } }`},
            {kind: 'auditEvents (OpenReader)', query: `{ auditEvents(where: {token: {address_eq: ${token}}}, orderBy: blockNumber_DESC, limit: 50) { id kind subject counterparty amount actor blockNumber txHash } }`},
        )
    }
    return ops
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
    try {
        await waitForHead(chain.anvil.url, db.url, 600_000)
        const facts = await readFacts(db.url)
        const ops = mix(facts)
        say(`indexed to block ${chain.head}: ${facts.tokens.length} tokens, ${facts.holdings} holdings, ${facts.transfers} transfers, ${facts.auditEvents} audit events; ${ops.length} operations in the mix`)

        // Every operation once, checked, before the clock starts.
        for (const op of ops) {
            const res = await fetch(run.gqlUrl, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: op.query})})
            const failure = failureOf(res.status, await res.text())
            if (failure) throw new Error(`${op.kind} fails before the load: ${failure}\n${op.query}`)
        }

        const latencies = new Map<string, number[]>(ops.map(op => [op.kind, []]))
        const failures = new Map<string, number>()
        const samples: string[] = []
        // autocannon calls a request's onResponse and then emits 'response' for it, synchronously.
        let answered = ''
        const loadBefore = os.loadavg()
        const result = await new Promise<autocannon.Result>((resolve, reject) => {
            const instance = autocannon({
                url: run.gqlUrl,
                connections: CONNECTIONS,
                duration: SECONDS,
                timeout: 10,
                requests: ops.map(op => ({
                    method: 'POST' as const,
                    headers: {'content-type': 'application/json'},
                    body: JSON.stringify({query: op.query}),
                    onResponse: (status: number, body: string) => {
                        answered = op.kind
                        const failure = failureOf(status, body)
                        if (failure == null) return
                        failures.set(op.kind, (failures.get(op.kind) ?? 0) + 1)
                        if (samples.length < 5) samples.push(`${op.kind}: ${failure}`)
                    },
                })),
            }, (err, res) => err ? reject(err) : resolve(res))
            instance.on('response', (_client, _status, _bytes, ms) => latencies.get(answered)?.push(ms))
        })
        const loadAfter = os.loadavg()

        const all = [...latencies.values()].flat()
        const graphqlFailures = [...failures.values()].reduce((a, b) => a + b, 0)
        const report: Report = {
            date: new Date().toISOString(),
            machine: {cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageBefore: loadBefore.map(round1), loadAverageAfter: loadAfter.map(round1)},
            data: {head: chain.head, tokens: facts.tokens.length, holdings: facts.holdings, transfers: facts.transfers, auditEvents: facts.auditEvents},
            connections: CONNECTIONS,
            seconds: result.duration,
            requests: result.requests.total,
            requestsPerSecond: round1(result.requests.total / result.duration),
            latency: kindStats('all', all, graphqlFailures),
            connectionErrors: result.errors,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
            graphqlFailures,
            failureSamples: samples,
            byKind: [...latencies.entries()].map(([kind, l]) => kindStats(kind, l, failures.get(kind) ?? 0)),
            apiPeakRssMb: rssMb(run.api?.proc.pid, 'VmHWM'),
        }
        writeReport(report, ops.length)
        const errors = report.connectionErrors + report.non2xx + report.graphqlFailures
        say(`${report.requests} requests in ${report.seconds} s (${report.requestsPerSecond} req/s) over ${CONNECTIONS} connections; ` +
            `p50 ${report.latency.p50Ms} ms, p95 ${report.latency.p95Ms} ms, p99 ${report.latency.p99Ms} ms, max ${report.latency.maxMs} ms; ${errors} errors; report in bench/reports/load.md`)
        if (errors > 0) throw new Error(`${errors} requests failed under load, e.g. ${samples.join('; ')}`)
    } finally {
        await run.stop()
        await db.stop()
        await chain.anvil.stop()
    }
}

interface Report {
    date: string
    machine: {cpus: number; cpuModel: string; node: string; loadAverageBefore: number[]; loadAverageAfter: number[]}
    data: {head: number; tokens: number; holdings: number; transfers: number; auditEvents: number}
    connections: number
    seconds: number
    requests: number
    requestsPerSecond: number
    latency: KindStats
    connectionErrors: number
    timeouts: number
    non2xx: number
    graphqlFailures: number
    failureSamples: string[]
    byKind: KindStats[]
    apiPeakRssMb: number
}

function writeReport(r: Report, operations: number): void {
    fs.mkdirSync(REPORT_DIR, {recursive: true})
    fs.writeFileSync(path.join(REPORT_DIR, 'load.json'), JSON.stringify(r, null, 2) + '\n')
    const row = (s: KindStats) => `| ${s.kind} | ${s.requests} | ${s.failures} | ${s.p50Ms.toFixed(1)} | ${s.p95Ms.toFixed(1)} | ${s.p99Ms.toFixed(1)} | ${s.maxMs.toFixed(1)} |`
    const md = [
        '# API load test',
        '',
        `${r.date}; ${r.machine.cpus}-core machine (${r.machine.cpuModel}), Node ${r.machine.node}; load average`,
        `${r.machine.loadAverageBefore.join(' / ')} before, ${r.machine.loadAverageAfter.join(' / ')} after (the machine is shared; the load generator, the API,`,
        'the indexer following the head and Postgres all run on it).',
        '',
        `Data: the ingest benchmark's chain indexed to block ${r.data.head}: ${r.data.tokens} tokens, ${r.data.holdings} holdings,`,
        `${r.data.transfers} transfers, ${r.data.auditEvents} audit events. Served by the real API (\`lib/cli/serve.js\`: our front and`,
        'graphql-server, reading as the read-only role), with its limits on.',
        '',
        `autocannon: ${r.connections} connections for ${r.seconds} s, each sending its next request as soon as the last is answered,`,
        `cycling through a mix of ${operations} operations (per token: capTable at the head and at a past block, concentration,`,
        'jurisdictions, ownershipHistory of the largest holder, tokenTimeSeries by day, complianceStatus, and OpenReader',
        'pages of 50 holdings, transfers and audit events). Latency from request sent to whole answer received.',
        'An error is a failed connection, a timeout, a non-2xx status, or a 200 without data or with GraphQL errors.',
        '',
        '| figure | value |',
        '| --- | --- |',
        `| connections | ${r.connections} |`,
        `| duration | ${r.seconds} s |`,
        `| requests answered | ${r.requests} |`,
        `| requests per second | ${r.requestsPerSecond} |`,
        `| latency p50 / p95 / p99 / max | ${r.latency.p50Ms} / ${r.latency.p95Ms} / ${r.latency.p99Ms} / ${r.latency.maxMs} ms |`,
        `| connection errors (timeouts among them) | ${r.connectionErrors} (${r.timeouts}) |`,
        `| non-2xx answers | ${r.non2xx} |`,
        `| 200 with GraphQL errors or no data | ${r.graphqlFailures} |`,
        `| peak RSS of the API process | ${r.apiPeakRssMb} MB |`,
        '',
        '| operation | requests | errors | p50 ms | p95 ms | p99 ms | max ms |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...r.byKind.map(row),
        '',
        ...(r.failureSamples.length > 0 ? ['Failures, first few:', '', ...r.failureSamples.map(s => `- ${s}`), ''] : []),
    ].join('\n')
    fs.writeFileSync(path.join(REPORT_DIR, 'load.md'), md)
}

main().then(() => process.exit(0), err => {
    console.error(err)
    process.exit(1)
})
