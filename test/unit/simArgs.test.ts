import {describe, expect, it} from 'vitest'
import {parseSimArgs} from '../harness/cli/simArgs'

describe('parseSimArgs()', () => {
    describe('when given seeds, ranges, steps and --verbose', () => {
        it('should list every seed in order', () => {
            expect(parseSimArgs(['--seed', '6', '--seeds', '1-3', '--steps', '40', '--verbose'])).toEqual({seeds: [6, 1, 2, 3], steps: 40, verbose: true})
        })
    })

    describe('when an argument is unknown or malformed', () => {
        it('should say which, with the usage', () => {
            expect(() => parseSimArgs(['--seed', 'x'])).toThrow('--seed x: not a seed')
            expect(() => parseSimArgs(['--seeds', '5-1'])).toThrow('--seeds 5-1: not a range A-B with A ≤ B')
            expect(() => parseSimArgs(['--speed', '1'])).toThrow("Unknown option '--speed'")
            expect(() => parseSimArgs([])).toThrow('give --seed or --seeds')
        })
    })
})
