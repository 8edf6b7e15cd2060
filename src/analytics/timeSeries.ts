// Buckets of a token's hourly snapshots: hours, days or weeks (UTC, weeks from Monday); pure.

export type Interval = 'HOUR' | 'DAY' | 'WEEK'

export interface HourlyPoint {
    hour: Date
    totalSupply: bigint
    holderCount: number
    investorCount: number
    transferCount: number
    volume: bigint
}

export interface Bucket {
    start: Date
    /** as of the end of the bucket (carried over from earlier buckets without transfers) */
    totalSupply: bigint
    holderCount: number
    investorCount: number
    /** within the bucket */
    transferCount: number
    volume: bigint
}

const HOUR = 3600_000
export const MAX_BUCKETS = 1000

export function bucketStart(t: Date, interval: Interval): Date {
    const hour = Math.floor(t.getTime() / HOUR) * HOUR
    if (interval === 'HOUR') return new Date(hour)
    const day = Math.floor(t.getTime() / (24 * HOUR)) * 24 * HOUR
    if (interval === 'DAY') return new Date(day)
    const weekday = (new Date(day).getUTCDay() + 6) % 7 // Monday = 0
    return new Date(day - weekday * 24 * HOUR)
}

function next(t: Date, interval: Interval): Date {
    if (interval === 'HOUR') return new Date(t.getTime() + HOUR)
    return new Date(t.getTime() + (interval === 'DAY' ? 24 : 7 * 24) * HOUR)
}

/**
 * Every bucket from the one holding `from` to the one holding `to`, in order. `before` is the last
 * snapshot before `from` (what the first buckets carry over when they have no transfers).
 */
export function timeSeries(points: readonly HourlyPoint[], interval: Interval, from: Date, to: Date, before?: HourlyPoint): Bucket[] {
    const buckets: Bucket[] = []
    let carry = {totalSupply: before?.totalSupply ?? 0n, holderCount: before?.holderCount ?? 0, investorCount: before?.investorCount ?? 0}
    const sorted = [...points].sort((a, b) => a.hour.getTime() - b.hour.getTime())
    let i = 0
    for (let start = bucketStart(from, interval); start.getTime() <= to.getTime(); start = next(start, interval)) {
        if (buckets.length === MAX_BUCKETS) throw new RangeError(`more than ${MAX_BUCKETS} ${interval.toLowerCase()} buckets: narrow from/to or use a longer interval`)
        const end = next(start, interval).getTime()
        const b: Bucket = {start, ...carry, transferCount: 0, volume: 0n}
        for (; i < sorted.length && sorted[i]!.hour.getTime() < end; i++) {
            const p = sorted[i]!
            if (p.hour.getTime() < start.getTime()) continue
            b.transferCount += p.transferCount
            b.volume += p.volume
            Object.assign(b, {totalSupply: p.totalSupply, holderCount: p.holderCount, investorCount: p.investorCount})
        }
        carry = {totalSupply: b.totalSupply, holderCount: b.holderCount, investorCount: b.investorCount}
        buckets.push(b)
    }
    return buckets
}
