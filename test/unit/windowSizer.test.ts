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
})
