import {ChildProcess, spawn} from 'child_process'
import fs from 'fs'
import path from 'path'

export interface RunningAnvil {
    url: string
    /** the anvil process (the benchmark reads its CPU time and memory) */
    pid: number
    stop(): Promise<void>
}

export interface AnvilOptions {
    port: number
    /** anvil keeps the chain in this file (dumped periodically and on exit) and reloads it on start */
    stateFile?: string
    /** start from this saved chain without writing it back (each dump of a large chain costs seconds of CPU) */
    loadState?: string
    /** save the chain here on exit only */
    dumpState?: string
    /** blocks whose state stays queryable by eth_call at past blocks */
    pruneHistory?: number
    /** with dumpState: keep every block's state in the file, so eth_call at past blocks works after a reload */
    preserveHistory?: boolean
    /** block gas limit (anvil's default is 30M) */
    gasLimit?: number
    /** genesis block timestamp (seconds); two chains started in the same second share a genesis otherwise */
    genesisTimestamp?: number
}

/** The anvil binary shipped in the npm package, else one on PATH. */
export function anvilBinary(): string {
    try {
        const pkg = require.resolve('@foundry-rs/anvil-linux-amd64/package.json')
        const bin = path.join(path.dirname(pkg), 'bin', 'anvil')
        if (process.platform === 'linux' && process.arch === 'x64' && fs.existsSync(bin)) return bin
    } catch {
        // not installed on this platform: fall back to PATH below
    }
    return 'anvil'
}

export async function startAnvil(opts: AnvilOptions): Promise<RunningAnvil> {
    const args = ['--port', String(opts.port), '--host', '127.0.0.1', '--silent']
    if (opts.stateFile) args.push('--state', opts.stateFile, '--state-interval', '5')
    if (opts.loadState) args.push('--load-state', opts.loadState)
    if (opts.dumpState) args.push('--dump-state', opts.dumpState)
    if (opts.preserveHistory) args.push('--preserve-historical-states')
    if (opts.gasLimit) args.push('--gas-limit', String(opts.gasLimit))
    if (opts.pruneHistory) args.push('--prune-history', String(opts.pruneHistory))
    if (opts.genesisTimestamp) args.push('--timestamp', String(opts.genesisTimestamp))
    const bin = anvilBinary()
    const child = spawn(bin, args, {stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr?.on('data', d => { stderr += String(d) })
    const url = `http://127.0.0.1:${opts.port}`
    const exited = new Promise<never>((_, reject) => {
        child.once('error', err => reject(new Error(
            bin === 'anvil'
                ? `anvil not found: install the npm package @foundry-rs/anvil-linux-amd64 (Linux x64) or put foundry's anvil on PATH (${err.message})`
                : `anvil failed to start: ${err.message}`,
        )))
        child.once('exit', code => reject(new Error(`anvil exited with code ${code} before answering on ${url} (is port ${opts.port} taken?) ${stderr.trim()}`)))
    })
    // reading a saved chain with its history takes about 10 s per GB
    await Promise.race([waitForRpc(url, opts.loadState ? 600_000 : 10_000), exited]).catch(async (err: unknown) => {
        await stopChild(child)
        throw err
    })
    // dumping a large chain on exit takes longer than stopChild's default grace before SIGKILL
    return {url, pid: child.pid!, stop: () => stopChild(child, 'SIGTERM', opts.dumpState ? 30 * 60_000 : undefined)}
}

async function waitForRpc(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
        try {
            const res = await fetch(url, {
                method: 'POST',
                headers: {'content-type': 'application/json'},
                body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: []}),
            })
            if (res.ok) return
        } catch {
            // not listening yet
        }
        await new Promise(r => setTimeout(r, 50))
    }
    throw new Error(`anvil did not answer on ${url} within ${timeoutMs / 1000} s`)
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10000): Promise<void> {
    if (child.exitCode != null || child.signalCode != null) return Promise.resolve()
    return new Promise(resolve => {
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
        child.once('exit', () => {
            clearTimeout(timer)
            resolve()
        })
        child.kill(signal)
    })
}
