import fs from 'fs'
import os from 'os'
import path from 'path'
import {Client} from 'pg'
import {freePort} from '../../src/ports'
import {startAnvil, RunningAnvil} from '../../src/dev/anvil'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {runDemoScenario} from '../../src/dev/scenario'
import {Child, runCompiled} from '../../src/dev/children'
import {startEmbeddedPostgres} from '../../src/dev/postgres'
import {rpc, waitForIndex} from '../../src/dev/status'

/** A throwaway database: a fresh one on DB_URL's server when set, else an embedded server in a temp dir. */
export async function startTestDatabase(log: (m: string) => void): Promise<TestDatabase> {
    if (process.env.DB_URL) return createDatabaseOn(process.env.DB_URL)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-pg-'))
    fs.chmodSync(dir, 0o755)
    const pg = await startEmbeddedPostgres(path.join(dir, 'data'), await freePort(), 'squid', log)
    return {
        url: pg.url,
        stop: async () => {
            await pg.stop()
            fs.rmSync(dir, {recursive: true, force: true})
        },
    }
}

export {freePort}

export interface TestDatabase {
    url: string
    stop(): Promise<void>
}

let databaseCount = 0

/** A new empty database on the server of `serverUrl`, dropped by stop(). */
export async function createDatabaseOn(serverUrl: string): Promise<TestDatabase> {
    const name = `abst_test_${process.pid}_${Date.now()}_${databaseCount++}`
    const admin = async (sql: string) => {
        const c = new Client({connectionString: serverUrl})
        await c.connect()
        try {
            await c.query(sql)
        } finally {
            await c.end()
        }
    }
    await admin(`CREATE DATABASE ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    return {url: url.toString(), stop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)}
}

/** One query on its own connection: what a test reads from an index. */
export async function queryDb<T>(dbUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({connectionString: dbUrl})
    await c.connect()
    try {
        return (await c.query(sql, params)).rows as T[]
    } finally {
        await c.end()
    }
}

export async function startTestChain(genesisTimestamp?: number): Promise<RunningAnvil> {
    return startAnvil({port: await freePort(), pruneHistory: 10000, genesisTimestamp})
}

/** Runs one of our compiled CLIs until it exits by itself; its output as a person would read it. */
export async function runToExit(script: string, env: NodeJS.ProcessEnv, args: readonly string[] = [], timeoutMs = 60000): Promise<{code: number | string; output: string}> {
    const output: string[] = []
    const child = runCompiled(script, {...process.env, ...env}, l => output.push(l), args)
    const timer = setTimeout(() => child.proc.kill('SIGKILL'), timeoutMs)
    const code = await child.exited
    clearTimeout(timer)
    return {code, output: output.map(logMessage).join('\n')}
}

/** The message of a JSON log line (what a person reads in a pretty terminal), else the line itself. */
function logMessage(line: string): string {
    const json = line.slice(line.indexOf(' ') + 1)
    try {
        const parsed: unknown = JSON.parse(json)
        if (parsed && typeof parsed === 'object' && 'msg' in parsed) return String(parsed.msg)
    } catch {
        // not JSON
    }
    return line.slice(line.indexOf(' ') + 1)
}

export interface IndexerRun {
    processor: Child
    api?: Child
    gqlUrl: string
    output: string[]
    stop(): Promise<void>
}

/** Starts our real indexer (and API) as child processes against the given chain and database. */
export async function startIndexer(env: NodeJS.ProcessEnv, withApi: boolean): Promise<IndexerRun> {
    const gqlPort = await freePort()
    const output: string[] = []
    const fullEnv = {...process.env, ...env, GQL_PORT: String(gqlPort), PROCESSOR_PROMETHEUS_PORT: String(await freePort())}
    const processor = runCompiled('cli/process', fullEnv, l => output.push(l))
    const api = withApi ? runCompiled('cli/serve', fullEnv, l => output.push(l)) : undefined
    const gqlUrl = `http://127.0.0.1:${gqlPort}/graphql`
    if (api) await waitForHttp(gqlUrl, 60000, output)
    return {
        processor,
        api,
        gqlUrl,
        output,
        stop: async () => {
            for (const c of [processor, api]) {
                if (c == null) continue
                c.proc.kill('SIGTERM')
                await c.exited
            }
        },
    }
}

export interface ApiRun {
    api: Child
    gqlUrl: string
    output: string[]
    stop(): Promise<void>
}

/** Starts our API alone (over a database the indexer has migrated) and waits until it answers. */
export async function startApi(env: NodeJS.ProcessEnv): Promise<ApiRun> {
    const gqlPort = await freePort()
    const output: string[] = []
    const api = runCompiled('cli/serve', {...process.env, ...env, GQL_PORT: String(gqlPort)}, l => output.push(l))
    const gqlUrl = `http://127.0.0.1:${gqlPort}/graphql`
    try {
        await waitForHttp(gqlUrl, 60000, output)
    } catch (err) {
        // the caller gets no handle to stop it: an API that never answered must not outlive the test
        api.proc.kill('SIGKILL')
        await api.exited
        throw err
    }
    return {
        api,
        gqlUrl,
        output,
        stop: async () => {
            api.proc.kill('SIGTERM')
            await api.exited
        },
    }
}

/** Waits until the GraphQL API at `url` answers; else (or when it has `exited`) fails with the last lines of `output`. */
export async function waitForHttp(url: string, timeoutMs: number, output: string[], exited: () => boolean = () => false): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
        if (exited()) throw new Error(`the API exited:\n${output.slice(-30).join('\n')}`)
        try {
            const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"query":"{__typename}"}'})
            if (res.ok) return
        } catch {
            // not up yet
        }
        await new Promise(r => setTimeout(r, 200))
    }
    throw new Error(`${url} did not come up:\n${output.slice(-30).join('\n')}`)
}

export async function waitForHead(rpcUrl: string, dbUrl: string, timeoutMs = 120000): Promise<number> {
    const head = Number(await rpc<string>(rpcUrl, 'eth_blockNumber'))
    await waitForIndex(dbUrl, head, timeoutMs)
    return head
}

/** The shared shape of the integration tests: a chain of their own with the demo deployment and story, and an empty database. */
export async function startDemoChain(serverUrl: string): Promise<{chain: RunningAnvil; db: TestDatabase; d: Deployment}> {
    const chain = await startTestChain()
    const db = await createDatabaseOn(serverUrl)
    const d = await deployDemo(chain.url)
    await runDemoScenario(chain.url, d)
    return {chain, db, d}
}

/** The indexer's environment for a demo chain. */
export function demoEnv(chain: RunningAnvil, db: TestDatabase, d: Deployment, finality = 5): NodeJS.ProcessEnv {
    return {DB_URL: db.url, RPC_ETH_HTTP: chain.url, TREX_FACTORIES: d.trexFactory, START_BLOCK: String(d.deployBlock), FINALITY_CONFIRMATION: String(finality)}
}
