import 'dotenv/config'
import {ChildProcess, spawn} from 'child_process'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {indexerConfig} from '../config'
import {EXIT, exitWithError} from '../errors'
import {heapFlags} from '../heapFlags'
import {locateDatabase, useDevChain} from '../localStack'

// The indexer under a supervisor: a crash (a node answering garbage, a database restart) restarts it
// from its last committed batch — batches commit atomically, so nothing is half-written. A refusal
// the operator must fix (exit code 2: bad configuration, another chain, a reorg deeper than finality)
// is not retried.

const log = createLogger('abst:supervisor')
const MAX_QUICK_CRASHES = 20
const QUICK_MS = 60_000

let child: ChildProcess | undefined
let stopping = false

function run(heapMb: number): Promise<{code: number | null; signal: NodeJS.Signals | null; ms: number}> {
    const started = Date.now()
    child = spawn(process.execPath, [...heapFlags(heapMb), path.join(__dirname, 'indexer.js')], {stdio: 'inherit', env: process.env})
    return new Promise(resolve => child!.once('exit', (code, signal) => resolve({code, signal, ms: Date.now() - started})))
}

async function main(): Promise<void> {
    // Bad configuration is refused here, once, before any child starts (the child checks it again when run alone).
    if (useDevChain()) log.info(`indexing npm start's dev chain at ${process.env.RPC_ETH_HTTP} (from its connection file)`)
    locateDatabase()
    const {heapMb} = indexerConfig()
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
            stopping = true
            child?.kill(signal)
        })
    }
    let quickCrashes = 0
    for (;;) {
        const {code, signal, ms} = await run(heapMb)
        if (stopping || code === 0) process.exit(0)
        if (code === EXIT.operatorError) process.exit(EXIT.operatorError)
        if (code === EXIT.restart) continue
        quickCrashes = ms < QUICK_MS ? quickCrashes + 1 : 1
        if (quickCrashes > MAX_QUICK_CRASHES) {
            log.fatal(`the indexer crashed ${quickCrashes - 1} times in a row within a minute each; giving up`)
            process.exit(1)
        }
        const delay = Math.min(1000 * 2 ** (quickCrashes - 1), 30_000)
        // V8 aborts when the heap is full: say which setting bounds it
        const why = signal === 'SIGABRT' ? `aborted (SIGABRT; V8 does so when the heap limit is reached: INDEXER_HEAP_MB=${heapMb || 'V8 default'} MiB, raise it if the log above says "heap out of memory")` : signal ? `killed by ${signal}` : `exit ${code}`
        log.warn(`the indexer stopped (${why}); restarting from its last committed block in ${delay / 1000}s (crash ${quickCrashes})`)
        await new Promise(r => setTimeout(r, delay))
        if (stopping) process.exit(0)
    }
}

main().catch(err => exitWithError(log, err))
