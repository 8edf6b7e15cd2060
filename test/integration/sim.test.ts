import {describe, expect, inject, it} from 'vitest'
import {runSimulation, SimResult, summaryLine} from '../harness/sim'

const dbUrl = inject('dbUrl')
/** Shorter than `npm run test:sim` (40 steps) to keep CI quick; both seeds plan deep reorgs, kills and distributions. */
const STEPS = 30

describe('the seeded simulation (RPC faults, reorgs within finality, kill -9 restarts)', () => {
    const results = new Map<number, SimResult>()
    const simulate = async (seed: number) => {
        const r = await runSimulation({seed, serverUrl: dbUrl, steps: STEPS})
        console.log(`[sim] ${summaryLine(r)}`)
        for (const row of r.rows) console.log(row)
        return r
    }

    for (const seed of [1, 6]) {
        describe(`when seed ${seed} throws everything at the indexer over one generated history`, () => {
            it('should end with an index equal to a clean index of the canonical chain', async () => {
                const r = await simulate(seed)
                results.set(seed, r)
                expect(r.differences).toEqual([])
                expect(r.reorgs.some(depth => depth > 5)).toBe(true)
                expect(r.kills).toBeGreaterThan(0)
                expect(Object.values(r.faults).reduce((a, b) => a + b)).toBeGreaterThan(0)
                expect(r.indexed.distribution).toBeGreaterThan(0)
            })
        })
    }

    describe('when seed 6 is replayed', () => {
        it('should mine the same chain, block for block, with the same reorgs and kills', async () => {
            const first = results.get(6)
            expect(first).toBeDefined()
            const again = await simulate(6)
            const chainOf = (r: SimResult) => ({head: r.head, blocks: r.blocks, logs: r.logs, reorgs: r.reorgs, kills: r.kills})
            expect(chainOf(again)).toEqual(chainOf(first!))
            expect(again.differences).toEqual([])
        })
    })
})
