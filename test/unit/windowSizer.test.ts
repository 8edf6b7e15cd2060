import {describe, expect, it} from 'vitest'
import {WindowSizer} from '../../src/ingest/windowSizer'

describe('.WindowSizer', () => {
    describe('when no window has been seen', () => {
        it('should start with one block and double, within the cap', () => {
            const sizes = new WindowSizer(() => 10_000)
            expect([sizes.next(), sizes.next(), sizes.next(), sizes.next()]).toEqual([1, 2, 4, 8])
            const capped = new WindowSizer(() => 3)
            expect([capped.next(), capped.next(), capped.next()]).toEqual([1, 2, 3])
        })
    })

    describe('when windows held logs', () => {
        it('should size the next one for about 5,000 logs at the density seen', () => {
            const sizes = new WindowSizer(() => 10_000)
            sizes.saw(100, 2_500, true)
            expect(sizes.next()).toBe(200)
            sizes.saw(200, 2_500, true)
            expect(sizes.next()).toBe(300)
        })

        it('should keep doubling while the windows seen held no logs', () => {
            const sizes = new WindowSizer(() => 10_000)
            sizes.next()
            sizes.saw(1, 0, true)
            sizes.next()
            sizes.saw(2, 0, true)
            expect(sizes.next()).toBe(4)
        })

        it('should call the density settled only after a window that held logs, revealed no contract and was not cut short', () => {
            const sizes = new WindowSizer(() => 10_000)
            expect(sizes.settled).toBe(false)
            sizes.saw(10, 0, true)
            expect(sizes.settled).toBe(false)
            sizes.saw(10, 50, true)
            expect(sizes.settled).toBe(true)
            sizes.saw(10, 50, false)
            expect(sizes.settled).toBe(false)
        })

        it('should never exceed the cap, nor go below one block', () => {
            const sizes = new WindowSizer(() => 1_000)
            sizes.saw(100, 10, true)
            expect(sizes.next()).toBe(1_000)
            const dense = new WindowSizer(() => 1_000)
            dense.saw(1, 1_000_000, true)
            expect(dense.next()).toBe(1)
        })
    })

    describe('.rampFrom()', () => {
        describe('when the last window was cut short', () => {
            it('should start the next fetch at the blocks that held 2,500 logs at its density', () => {
                const sizes = new WindowSizer(() => 10_000)
                // 410 blocks held 10,000 logs: about 24 a block
                expect(sizes.rampFrom({from: 63, to: 472, logs: new Array(10_000), cut: true})).toBe(102)
            })

            it('should start at one block when a single block held more than that', () => {
                const sizes = new WindowSizer(() => 10_000)
                expect(sizes.rampFrom({from: 5, to: 5, logs: new Array(12_000), cut: true})).toBe(1)
            })
        })

        describe('when the density is not settled', () => {
            it('should start at one block', () => {
                const sizes = new WindowSizer(() => 10_000)
                sizes.saw(10, 50, false)
                expect(sizes.rampFrom({from: 0, to: 9, logs: new Array(50), cut: false})).toBe(1)
            })
        })

        describe('when the density is settled', () => {
            it('should not ramp', () => {
                const sizes = new WindowSizer(() => 10_000)
                sizes.saw(10, 50, true)
                expect(sizes.rampFrom({from: 0, to: 9, logs: new Array(50), cut: false})).toBeNull()
            })
        })
    })
})
