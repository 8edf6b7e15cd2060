// Amounts arrive from the API as decimal strings of a token's smallest unit (raw bigint); they are
// shown in the token's own units, exactly: BigInt arithmetic on the digits, never a float.

const GROUP = /\B(?=(\d{3})+(?!\d))/g

/**
 * `raw` (an integer string in the smallest unit) in human units with `decimals` places, thousands
 * grouped with commas and trailing fractional zeros dropped: formatUnits('2000000000', 6) = '2,000',
 * formatUnits('-1500001', 6) = '-1.500001'. With decimals null (unknown) the raw integer is grouped.
 * Throws on a string that is not an integer.
 */
export function formatUnits(raw: string, decimals: number | null): string {
    if (!/^-?\d+$/.test(raw)) throw new Error(`"${raw}" is not an integer amount`)
    const value = BigInt(raw)
    const negative = value < 0n
    const abs = negative ? -value : value
    const places = decimals ?? 0
    const unit = 10n ** BigInt(places)
    const whole = (abs / unit).toString().replace(GROUP, ',')
    const fraction = places === 0 ? '' : (abs % unit).toString().padStart(places, '0').replace(/0+$/, '')
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

/** An exact decimal string from the API ('2000.5') with its thousands grouped ('2,000.5'). */
export function groupDecimal(decimal: string): string {
    const m = /^(-?)(\d+)(\.\d+)?$/.exec(decimal)
    if (m == null) throw new Error(`"${decimal}" is not a decimal amount`)
    return `${m[1]}${m[2]!.replace(GROUP, ',')}${m[3] ?? ''}`
}

/**
 * A share (a decimal string from the API, e.g. '0.1234567890' = 12.3456789 %) as a percentage
 * truncated to `places` decimals: sharePercent('0.1234567890') = '12.34 %'.
 */
export function sharePercent(share: string, places = 2): string {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(share)
    if (m == null) throw new Error(`"${share}" is not a share`)
    const digits = (m[2] ?? '').padEnd(places + 2, '0').slice(0, places + 2)
    const scaled = BigInt(`${m[1]}${digits}`)
    const unit = 10n ** BigInt(places)
    return `${scaled / unit}${places > 0 ? `.${(scaled % unit).toString().padStart(places, '0')}` : ''} %`
}

/** `part / whole` as a float for drawing a chart slice only (labels use formatUnits); 0 when whole is 0. */
export function ratioForChart(part: bigint, whole: bigint): number {
    return whole === 0n ? 0 : Number((part * 1_000_000n) / whole) / 1_000_000
}
