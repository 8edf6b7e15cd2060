import {runAgentActions} from './agentActions'
import {RunningAnvil} from '../../src/dev/anvil'
import {buildCleanIndex} from './cleanIndex'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {digestDifferences, indexDigest, rowDifferences} from './digest'
import {Fault, FaultProxy, startFaultProxy} from './faultProxy'
import {PayoutDeployment} from '../../src/dev/payouts'
import {chainHead, mineTo, rollBack} from './reorg'
import {runDemoScenario, runRandomTransfers} from '../../src/dev/scenario'
import {planSimulation, SimPlan, SimStep} from './simPlan'
import {deploySimPayouts, runSeededDistribution} from './simPayouts'
import {readIndexStatus, rpc} from '../../src/dev/status'
import {createDatabaseOn, freePort, IndexerRun, startIndexer, startTestChain, TestDatabase} from './testStack'

// One seed, everything at once: a generated history on a fresh anvil, the indexer behind a faulty RPC
// proxy, reorgs within finality while it follows, kill -9 and restarts; then its index must equal a
// clean index of the canonical chain. The chain (contents, timestamps, hashes), the fault sequence and
// the reorg and kill schedules follow from the seed; how they interleave with the indexer's own
// polling and batches depends on timing.

export interface SimOptions {
    seed: number
    /** a Postgres server on which the run's two databases are created (and dropped) */
    serverUrl: string
    steps?: number
    finality?: number
    faultRate?: number
    signal?: AbortSignal
    /** progress lines */
    log?: (line: string) => void
}

export interface SimResult {
    seed: number
    /** blocks from the deployment to the final head */
    blocks: number
    /** logs in those blocks, on the canonical chain */
    logs: number
    head: {height: number; hash: string}
    /** rows per table of the simulated index */
    indexed: Record<string, number>
    faults: Record<Fault, number>
    /** depth of every reorg performed, in order */
    reorgs: number[]
    kills: number
    /** restarts by the supervisor after the indexer crashed by itself (e.g. on truncated JSON) */
    crashes: number
    /** tables whose contents differ from the clean index (empty: equal) */
    differences: string[]
    /** a few differing rows of those tables */
    rows: string[]
    seconds: number
    /** every line the simulated indexer printed, for a post-mortem */
    output: string[]
}

/** 12 s blocks from a fixed genesis: the same seed mines byte-identical blocks. */
const GENESIS_TIMESTAMP = 1_700_000_000
const BLOCK_SECONDS = 12
const WAIT_MS = 180_000
/** every kind the proxy can inject; a held request is abandoned after RPC_TIMEOUT_MS */
const SIM_FAULTS: Fault[] = ['status500', 'status429', 'truncated', 'reset', 'timeout', 'refused']
const RPC_TIMEOUT_MS = 1000

export async function runSimulation(o: SimOptions): Promise<SimResult> {
    const started = Date.now()
    const plan = planSimulation(o.seed, {steps: o.steps ?? 40, finality: o.finality ?? 20, faultRate: o.faultRate ?? 0.05})
    const chain = await startTestChain(GENESIS_TIMESTAMP)
    const cleanup: (() => Promise<void>)[] = [() => chain.stop()]
    try {
        await rpc(chain.url, 'anvil_setBlockTimestampInterval', [BLOCK_SECONDS])
        const d = await deployDemo(chain.url)
        await runDemoScenario(chain.url, d)
        const payouts = await deploySimPayouts(chain.url, d)
        const env = {
            TREX_FACTORIES: d.trexFactory, DISTRIBUTION_MANAGERS: payouts.manager, START_BLOCK: String(d.deployBlock),
            FINALITY_CONFIRMATION: String(plan.finality), STARTUP_RETRIES: '10', RPC_REQUEST_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
        }
        const db = await createDatabaseOn(o.serverUrl)
        cleanup.push(() => db.stop())
        const proxy = await startFaultProxy(chain.url, await freePort(), plan.faultRate, plan.faultSeed, SIM_FAULTS, {holdMs: 2 * RPC_TIMEOUT_MS, refuseMs: 1000})
        cleanup.push(() => proxy.close())

        const indexer = new SimIndexer({...env, DB_URL: db.url, RPC_ETH_HTTP: proxy.url}, db, o.signal)
        cleanup.push(() => indexer.stop())
        const history = await runPlan(plan, chain, d, payouts, indexer, o)
        await indexer.ensureRunning()
        // Polling only looks at a head that grew: end above every head the chain ever had.
        const head = await mineTo(chain.url, history.highest + 1)
        await indexer.caughtUp(head)
        await indexer.stop()

        const clean = await buildCleanIndex(o.serverUrl, chain.url, env)
        cleanup.push(() => clean.stop())
        const digest = await indexDigest(db.url)
        const differences = digestDifferences(digest, await indexDigest(clean.url))
        const rows: string[] = []
        for (const table of differences.map(t => t.slice(0, t.indexOf(':')))) rows.push(...await rowDifferences(db.url, clean.url, table, 3))
        const block = await rpc<{hash: string}>(chain.url, 'eth_getBlockByNumber', ['0x' + head.toString(16), false])
        const logs = await rpc<unknown[]>(chain.url, 'eth_getLogs', [{fromBlock: '0x' + d.deployBlock.toString(16), toBlock: '0x' + head.toString(16)}])
        return {
            seed: o.seed,
            blocks: head - d.deployBlock,
            logs: logs.length,
            indexed: Object.fromEntries(Object.entries(digest.tables).map(([table, t]) => [table, t.rows])),
            head: {height: head, hash: block.hash},
            faults: faultCounts(proxy),
            reorgs: history.reorgs,
            kills: history.kills,
            crashes: indexer.output.filter(l => l.includes('restarting from its last committed block')).length,
            differences,
            rows,
            seconds: (Date.now() - started) / 1000,
            output: indexer.output,
        }
    } finally {
        for (const stop of cleanup.reverse()) await stop().catch(() => undefined)
    }
}

function faultCounts(proxy: FaultProxy): Record<Fault, number> {
    const {status500, status429, reset, truncated, timeout, refused} = proxy.counts
    return {status500, status429, reset, truncated, timeout, refused}
}

/** Runs the plan's steps; returns the reorgs and kills done and the highest head the chain ever had. */
async function runPlan(plan: SimPlan, chain: RunningAnvil, d: Deployment, payouts: PayoutDeployment, indexer: SimIndexer, o: SimOptions) {
    // Never roll back the deployment and the demo story: the plan's transactions need them.
    const floor = await chainHead(chain.url)
    let highest = floor
    let downSteps = 0
    const reorgs: number[] = []
    let kills = 0
    for (const [i, step] of plan.steps.entries()) {
        o.signal?.throwIfAborted()
        if (downSteps-- === 0) await indexer.ensureRunning()
        const head = await chainHead(chain.url)
        o.log?.(`seed ${plan.seed} step ${i + 1}/${plan.steps.length} at head ${head}: ${describeStep(step)}`)
        switch (step.kind) {
            case 'trade':
                for (let b = 0; b < step.blocks; b++) await runRandomTransfers(chain.url, d, step.perBlock, step.seed + b)
                break
            case 'enforce':
                await runAgentActions(chain.url, d, step.count, step.seed)
                break
            case 'distribute':
                await runSeededDistribution(chain.url, d, payouts, step.seed)
                break
            case 'mine':
                await mineTo(chain.url, head + step.blocks)
                break
            case 'reorg': {
                if (step.settle && indexer.running) await indexer.caughtUp(head)
                // Every replaced block must be above the lowest height the indexer may hold as final:
                // (highest head it can have seen) - finality, plus one block of margin.
                const depth = Math.min(step.depth, head - floor, head - (highest - plan.finality + 1))
                if (depth < 1) break
                await rollBack(chain.url, depth)
                reorgs.push(depth)
                break
            }
            case 'kill':
                if (!indexer.running) break
                await new Promise(r => setTimeout(r, step.afterMs))
                await indexer.kill()
                kills++
                downSteps = step.downSteps
                break
        }
        highest = Math.max(highest, await chainHead(chain.url))
    }
    return {reorgs, kills, highest}
}

function describeStep(step: SimStep): string {
    switch (step.kind) {
        case 'trade': return `${step.blocks} block(s) of up to ${step.perBlock} random mints, burns and transfers`
        case 'enforce': return `${step.count} agent actions`
        case 'distribute': return 'a distribution, funded, with a manual payment'
        case 'mine': return `${step.blocks} empty blocks`
        case 'reorg': return `reorg ${step.depth} deep${step.settle ? ' once the index has caught up' : ''}`
        case 'kill': return `kill -9 the indexer after ${step.afterMs} ms, down for ${step.downSteps} step(s)`
    }
}

/** The simulated indexer (supervisor and processor), killed and restarted at will. */
class SimIndexer {
    private readonly transcripts: string[][] = []
    private run: IndexerRun | undefined

    constructor(private readonly env: NodeJS.ProcessEnv, private readonly db: TestDatabase, private readonly signal?: AbortSignal) {}

    get running(): boolean {
        return this.run != null
    }

    /** Everything every run printed, in order. */
    get output(): string[] {
        return this.transcripts.flat()
    }

    async ensureRunning(): Promise<void> {
        if (this.run != null) return
        this.run = await startIndexer(this.env, false)
        this.transcripts.push(this.run.output)
    }

    /** kill -9 of the supervisor's process group: the supervisor and the processor die mid-whatever. */
    async kill(): Promise<void> {
        const run = this.run
        if (run == null) return
        this.run = undefined
        process.kill(-run.processor.proc.pid!, 'SIGKILL')
        await run.processor.exited
        run.output.push('[sim] kill -9')
    }

    async stop(): Promise<void> {
        const run = this.run
        this.run = undefined
        await run?.stop()
    }

    /** Waits until the index holds block `height`; fails if the indexer exits or stalls. */
    async caughtUp(height: number): Promise<void> {
        const deadline = Date.now() + WAIT_MS
        for (;;) {
            this.signal?.throwIfAborted()
            const status = await readIndexStatus(this.db.url).catch(() => null)
            if (status && status.height >= height) return
            const exit = this.run?.processor.proc.exitCode
            if (exit != null) throw new Error(`the indexer exited with code ${exit} before reaching block ${height}:\n${this.output.slice(-20).join('\n')}`)
            if (Date.now() > deadline) throw new Error(`the index did not reach block ${height} within ${WAIT_MS / 1000} s (at ${status?.height ?? 'nothing'}):\n${this.output.slice(-20).join('\n')}`)
            await new Promise(r => setTimeout(r, 200))
        }
    }
}

/** One line per seed: what was thrown at the indexer and whether its index came out equal. */
export function summaryLine(r: SimResult): string {
    const f = r.faults
    const faults = f.status500 + f.status429 + f.reset + f.truncated + f.timeout + f.refused
    return `seed ${r.seed}: ${r.blocks} blocks, ${r.logs} logs, ${faults} faults (500×${f.status500} 429×${f.status429} reset×${f.reset} truncated×${f.truncated} ` +
        `timeout×${f.timeout} refused×${f.refused}), ` +
        `${r.reorgs.length} reorgs [${r.reorgs.join(',')}], ${r.kills} kills, ${r.crashes} crash restarts, ` +
        `index of ${r.indexed.transfer} transfers, ${r.indexed.audit_event} audit events, ${r.indexed.distribution} distributions: ` +
        `${r.differences.length === 0 ? 'PASS' : `FAIL (${r.differences.join('; ')})`}, ${r.seconds.toFixed(1)} s, head ${r.head.height} ${r.head.hash.slice(0, 10)}`
}
