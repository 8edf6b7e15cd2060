import {parseArgs} from 'util'

export const SIM_USAGE = 'usage: npm run test:sim -- --seed N | --seeds A-B [--steps N] [--verbose]'

export interface SimArgs {
    seeds: number[]
    steps?: number
    verbose: boolean
}

/** The arguments of `npm run test:sim` (util.parseArgs); throws a message naming what was not understood. */
export function parseSimArgs(argv: string[]): SimArgs {
    let values
    try {
        values = parseArgs({
            args: argv,
            strict: true,
            options: {
                seed: {type: 'string', multiple: true, default: []},
                seeds: {type: 'string', multiple: true, default: []},
                steps: {type: 'string'},
                verbose: {type: 'boolean', default: false},
            },
        }).values
    } catch (e) {
        throw new Error(`${e instanceof Error ? e.message : String(e)}\n${SIM_USAGE}`)
    }
    const seeds: number[] = []
    for (const s of values.seed) {
        if (!/^\d+$/.test(s)) throw new Error(`--seed ${s}: not a seed (a whole number)\n${SIM_USAGE}`)
        seeds.push(Number(s))
    }
    for (const range of values.seeds) {
        const m = /^(\d+)-(\d+)$/.exec(range)
        if (m == null || Number(m[1]) > Number(m[2])) throw new Error(`--seeds ${range}: not a range A-B with A ≤ B\n${SIM_USAGE}`)
        for (let s = Number(m[1]); s <= Number(m[2]); s++) seeds.push(s)
    }
    if (values.steps != null && !/^\d+$/.test(values.steps)) throw new Error(`--steps ${values.steps}: not a whole number\n${SIM_USAGE}`)
    if (seeds.length === 0) throw new Error(`give --seed or --seeds\n${SIM_USAGE}`)
    return {seeds, steps: values.steps == null ? undefined : Number(values.steps), verbose: values.verbose}
}
