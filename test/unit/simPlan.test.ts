import {describe, expect, it} from 'vitest'
import {planSimulation, SimStep} from '../harness/simPlan'

const opts = {steps: 40, finality: 20, faultRate: 0.05}
const seeds = Array.from({length: 200}, (_, i) => i + 1)
const depths = seeds.flatMap(s => planSimulation(s, opts).steps.flatMap(step => step.kind === 'reorg' ? [step.depth] : []))

describe('planSimulation()', () => {
    describe('when given the same seed twice', () => {
        it('should plan the same steps and the same fault seed', () => {
            expect(planSimulation(7, opts)).toEqual(planSimulation(7, opts))
        })
    })

    describe('when given two different seeds', () => {
        it('should plan different steps and fault seeds', () => {
            const [a, b] = [planSimulation(7, opts), planSimulation(8, opts)]
            expect(a.steps).not.toEqual(b.steps)
            expect(a.faultSeed).not.toBe(b.faultSeed)
        })
    })

    describe('when the finality is 20 blocks', () => {
        it('should keep every reorg 1 to 19 blocks deep, about one in four deeper than 5', () => {
            expect(Math.min(...depths)).toBe(1)
            expect(Math.max(...depths)).toBe(19)
            const deep = depths.filter(d => d > 5).length / depths.length
            expect(deep).toBeGreaterThan(0.18)
            expect(deep).toBeLessThan(0.32)
        })
    })

    describe('when the finality is 5 blocks', () => {
        it('should plan no reorg deeper than 4', () => {
            const shallow = seeds.flatMap(s => planSimulation(s, {...opts, finality: 5}).steps)
                .filter((step): step is Extract<SimStep, {kind: 'reorg'}> => step.kind === 'reorg')
            expect(Math.max(...shallow.map(s => s.depth))).toBe(4)
        })
    })
})
