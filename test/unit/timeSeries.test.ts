import {describe, expect, it} from 'vitest'
import {bucketStart, HourlyPoint, timeSeries} from '../../src/analytics/timeSeries'

const p = (iso: string, supply: bigint, transfers: number, volume: bigint): HourlyPoint =>
    ({hour: new Date(iso), totalSupply: supply, holderCount: Number(supply), investorCount: 1, transferCount: transfers, volume})

describe('timeSeries()', () => {
    describe('when hours are grouped into days', () => {
        it('should sum transfers and volume, and keep the last supply of each day', () => {
            const points = [p('2026-03-02T01:00:00Z', 10n, 2, 5n), p('2026-03-02T07:00:00Z', 12n, 1, 2n), p('2026-03-04T00:00:00Z', 9n, 3, 4n)]
            const days = timeSeries(points, 'DAY', new Date('2026-03-02T00:00:00Z'), new Date('2026-03-04T23:00:00Z'))
            expect(days.map(d => [d.start.toISOString().slice(0, 10), d.totalSupply, d.transferCount, d.volume])).toEqual([
                ['2026-03-02', 12n, 3, 7n],
                // No transfers on the 3rd: the supply carries over, nothing moved.
                ['2026-03-03', 12n, 0, 0n],
                ['2026-03-04', 9n, 3, 4n],
            ])
        })
    })

    describe('when the range starts after the last change', () => {
        it('should carry the snapshot before it', () => {
            const hours = timeSeries([], 'HOUR', new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T11:30:00Z'), p('2026-03-01T00:00:00Z', 40n, 1, 1n))
            expect(hours.map(h => [h.start.toISOString(), h.totalSupply, h.transferCount])).toEqual([
                ['2026-03-02T10:00:00.000Z', 40n, 0],
                ['2026-03-02T11:00:00.000Z', 40n, 0],
            ])
        })
    })

    describe('when weeks are asked for', () => {
        it('should start them on Monday (UTC)', () => {
            // 2026-03-05 is a Thursday; its week starts on Monday 2026-03-02.
            expect(bucketStart(new Date('2026-03-05T15:00:00Z'), 'WEEK').toISOString()).toBe('2026-03-02T00:00:00.000Z')
            expect(bucketStart(new Date('2026-03-02T00:00:00Z'), 'WEEK').toISOString()).toBe('2026-03-02T00:00:00.000Z')
        })
    })

    describe('when the range holds too many buckets', () => {
        it('should refuse', () => {
            expect(() => timeSeries([], 'HOUR', new Date('2026-01-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toThrow(/more than 1000 hour buckets/)
        })
    })
})
