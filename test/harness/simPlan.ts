import {mulberry32} from '../../src/dev/random'

// What one simulation seed does, decided before anything runs: the same seed gives the same plan.

export type SimStep =
    /** `blocks` blocks of up to `perBlock` seeded mints, burns and transfers each (runRandomTransfers) */
    | {kind: 'trade'; blocks: number; perBlock: number; seed: number}
    /** seeded agent actions: freezes, partial freezes, country changes, forced transfers; one block each */
    | {kind: 'enforce'; count: number; seed: number}
    /** a seeded distribution with its record block a few blocks back, funded, with one manual payment; four blocks */
    | {kind: 'distribute'; seed: number}
    | {kind: 'mine'; blocks: number}
    /** drop the newest `depth` blocks; the following steps mine the other branch. `settle`: let the indexer reach the head first */
    | {kind: 'reorg'; depth: number; settle: boolean}
    /** kill -9 the indexer `afterMs` after the previous step, and leave it down for `downSteps` steps */
    | {kind: 'kill'; afterMs: number; downSteps: number}

export interface SimPlan {
    seed: number
    finality: number
    faultRate: number
    faultSeed: number
    steps: SimStep[]
}

export interface PlanOptions {
    steps: number
    finality: number
    faultRate: number
}

/** Most reorgs are shallow; one in four goes deeper, up to one block short of finality. */
const SHALLOW_MAX = 5
const DEEP_SHARE = 0.25

export function planSimulation(seed: number, opts: PlanOptions): SimPlan {
    const rand = mulberry32(seed)
    const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
    const subSeed = () => int(1, 2 ** 31 - 1)
    const faultSeed = subSeed()
    const steps: SimStep[] = []
    for (let i = 0; i < opts.steps; i++) {
        const roll = rand()
        if (roll < 0.35) steps.push({kind: 'trade', blocks: int(1, 6), perBlock: int(2, 12), seed: subSeed()})
        else if (roll < 0.5) steps.push({kind: 'enforce', count: int(1, 4), seed: subSeed()})
        else if (roll < 0.55) steps.push({kind: 'distribute', seed: subSeed()})
        else if (roll < 0.65) steps.push({kind: 'mine', blocks: int(1, 8)})
        else if (roll < 0.87) {
            const deepest = opts.finality - 1
            const deep = rand() < DEEP_SHARE && deepest > SHALLOW_MAX
            steps.push({kind: 'reorg', depth: deep ? int(SHALLOW_MAX + 1, deepest) : int(1, Math.min(SHALLOW_MAX, deepest)), settle: rand() < 0.75})
        } else steps.push({kind: 'kill', afterMs: int(0, 1500), downSteps: int(0, 2)})
    }
    return {seed, finality: opts.finality, faultRate: opts.faultRate, faultSeed, steps}
}
