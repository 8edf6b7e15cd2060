import fs from 'fs'
import path from 'path'
import {Pool} from 'pg'
import {Child, PROJECT_DIR, runCompiled} from '../../src/dev/children'
import {freePort, TestDatabase, waitForHttp} from '../../test/harness/testStack'

// What every benchmark shares: timing with percentiles, the API's memory, waiting for the API.

export const REPORT_DIR = path.join(PROJECT_DIR, 'bench', 'reports')

export interface Stats {
    name: string
    runs: number
    p50Ms: number
    p95Ms: number
    maxMs: number
    minMs: number
    bytes?: number
}

/** Nearest-rank percentile of ascending numbers. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
export const round1 = (x: number): number => Math.round(x * 10) / 10

export function statsOf(name: string, times: number[], bytes?: number): Stats {
    const sorted = [...times].sort((a, b) => a - b)
    return {
        name, runs: sorted.length, p50Ms: round1(percentile(sorted, 0.5)), p95Ms: round1(percentile(sorted, 0.95)),
        maxMs: round1(sorted[sorted.length - 1]!), minMs: round1(sorted[0]!), bytes,
    }
}

export const statsLine = (s: Stats): string =>
    `${s.name.padEnd(52)} p50 ${s.p50Ms.toFixed(1).padStart(7)} ms  p95 ${s.p95Ms.toFixed(1).padStart(7)} ms  max ${s.maxMs.toFixed(1).padStart(7)} ms`

/**
 * Runs `fn` `warmup` times, then `runs` times timed, one after the other, as a client sees it;
 * `check` looks at the first and the last answer.
 */
export async function measure<T>(name: string, warmup: number, runs: number, fn: (run: number) => Promise<T>, check?: (result: T) => void, bytes?: (result: T) => number): Promise<Stats> {
    let last: T | undefined
    for (let i = 0; i < warmup; i++) {
        last = await fn(i)
        if (i === 0) check?.(last)
    }
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
        const start = performance.now()
        last = await fn(warmup + i)
        times.push(performance.now() - start)
    }
    if (last !== undefined) check?.(last)
    return statsOf(name, times, last === undefined ? undefined : bytes?.(last))
}

/** A process's resident memory in MiB: now (VmRSS) or its peak so far (VmHWM); 0 once it is gone. */
export function rssMb(pid: number | undefined, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
    try {
        const kb = Number(new RegExp(`${which}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
        return Math.round(kb / 1024)
    } catch {
        return 0
    }
}

/** A process and its descendants' pids (children listed per thread in /proc); those gone meanwhile are left out. */
export function processTree(pid: number): number[] {
    const pids: number[] = []
    const visit = (p: number) => {
        try {
            for (const t of fs.readdirSync(`/proc/${p}/task`)) {
                for (const c of fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(s => s !== '')) visit(Number(c))
            }
            pids.push(p)
        } catch {
            // the process ended between two reads
        }
    }
    visit(pid)
    return pids
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS = 100

/**
 * CPU seconds (user + system) a process has used, with those of its children it has waited for: a
 * Postgres server's ended backends count in its postmaster's. 0 once it is gone.
 */
export function cpuSeconds(pid: number): number {
    try {
        // the fields after the command's closing parenthesis; utime, stime, cutime, cstime are the 14th to 17th of the line
        const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS
    } catch {
        return 0
    }
}

/** CPU seconds the whole machine has spent busy since boot (user, nice, system, irq, softirq: all cores). */
export function machineCpuSeconds(): number {
    const [user, nice, system, , , irq, softirq] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    return (user! + nice! + system! + irq! + softirq!) / TICKS
}

/** The real API (lib/cli/serve.js) on `dbUrl`, once it answers; `base` is its HTTP root. */
export async function startBenchApi(dbUrl: string): Promise<{api: Child; base: string}> {
    const port = await freePort()
    const output: string[] = []
    const api = runCompiled('cli/serve', {...process.env, DB_URL: dbUrl, GQL_PORT: String(port)}, l => output.push(l))
    const base = `http://127.0.0.1:${port}`
    await waitForHttp(`${base}/graphql`, 60000, output, () => api.proc.exitCode != null)
    return {api, base}
}

export function writeReports(name: string, json: unknown, markdown: string[]): void {
    fs.mkdirSync(REPORT_DIR, {recursive: true})
    fs.writeFileSync(path.join(REPORT_DIR, `${name}.json`), JSON.stringify(json, null, 2) + '\n')
    fs.writeFileSync(path.join(REPORT_DIR, `${name}.md`), markdown.join('\n') + '\n')
}

/** Stops the API (when still running), then the pool and the throwaway database. */
export async function shutDown(api: Child | undefined, pool: Pool, db: TestDatabase): Promise<void> {
    if (api != null && api.proc.exitCode == null) {
        api.proc.kill('SIGTERM')
        await api.exited
    }
    await pool.end()
    await db.stop()
}
