/** The time-series bucket for a span: hours up to 3 days, days up to a year, else weeks (the API answers at most 1000 buckets). */
export function seriesInterval(from: Date, to: Date): 'HOUR' | 'DAY' | 'WEEK' {
    const hours = (to.getTime() - from.getTime()) / 3_600_000
    return hours <= 72 ? 'HOUR' : hours <= 365 * 24 ? 'DAY' : 'WEEK'
}
