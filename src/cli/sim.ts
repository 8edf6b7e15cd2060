// npm run test:sim -- --seed N | --seeds A-B [--steps N] [--verbose]: the seeded all-at-once simulation
// (src/dev/sim.ts), one summary line per seed; exit 0 when every seed's index equals the clean one.
import fs from 'fs'
import os from 'os'
import path from 'path'
import {runSimulation, summaryLine} from '../dev/sim'
import {startTestDatabase} from '../dev/testStack'

const USAGE = 'usage: npm run test:sim -- --seed N | --seeds A-B [--steps N] [--verbose]'

interface Args {
    seeds: number[]
    steps?: number
    verbose: boolean
}

function parseArgs(argv: string[]): Args {
    const args: Args = {seeds: [], verbose: false}
    for (let i = 0; i < argv.length; i++) {
        const [flag, value] = [argv[i], argv[i + 1] ?? '']
        if (flag === '--verbose') {
            args.verbose = true
            continue
        }
        i++
        if (flag === '--seed' && /^\d+$/.test(value)) args.seeds.push(Number(value))
        else if (flag === '--seeds' && /^\d+-\d+$/.test(value)) {
            const [from, to] = value.split('-').map(Number) as [number, number]
            for (let s = from; s <= to; s++) args.seeds.push(s)
        } else if (flag === '--steps' && /^\d+$/.test(value)) args.steps = Number(value)
        else throw new Error(`${flag} ${value}: not understood\n${USAGE}`)
    }
    if (args.seeds.length === 0) throw new Error(USAGE)
    return args
}

async function main(): Promise<number> {
    let args: Args
    try {
        args = parseArgs(process.argv.slice(2))
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
