// npm run test:sim -- --seed N | --seeds A-B [--steps N] [--verbose]: the seeded all-at-once simulation
// (test/harness/sim.ts), one summary line per seed; exit 0 when every seed's index equals the clean one.
import fs from 'fs'
import os from 'os'
import path from 'path'
import {runSimulation, summaryLine} from '../sim'
import {startTestDatabase} from '../testStack'
import {parseSimArgs, SimArgs} from './simArgs'

async function main(): Promise<number> {
    let args: SimArgs
    try {
        args = parseSimArgs(process.argv.slice(2))
    } catch (e) {
        console.error(e instanceof Error ? e.message : String(e))
        return 2
    }
    const abort = new AbortController()
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort(new Error(`stopped by ${signal}`)))
    const pg = await startTestDatabase(() => undefined)
    let passed = 0
    try {
        for (const seed of args.seeds) {
            if (abort.signal.aborted) break
            try {
                const r = await runSimulation({seed, serverUrl: pg.url, steps: args.steps, signal: abort.signal, log: args.verbose ? l => console.log(l) : undefined})
                console.log(summaryLine(r))
                for (const row of r.rows) console.log(row)
                if (r.differences.length > 0 || args.verbose) console.log(`  indexer output: ${writeTranscript(seed, r.output)}`)
                if (r.differences.length === 0) passed++
            } catch (e) {
                console.log(`seed ${seed}: ERROR ${e instanceof Error ? e.message : String(e)}`)
            }
        }
    } finally {
        await pg.stop()
    }
    console.log(`${passed} of ${args.seeds.length} seed(s) passed`)
    return passed === args.seeds.length ? 0 : 1
}

function writeTranscript(seed: number, lines: string[]): string {
    const file = path.join(os.tmpdir(), `abst-sim-seed-${seed}.log`)
    fs.writeFileSync(file, lines.join('\n') + '\n')
    return file
}

main().then(code => process.exit(code), e => {
    console.error(e)
    process.exit(1)
})
