/**
 * An amount in raw on-chain units (a token's smallest unit) as an exact decimal string in the token's
 * units: 2000000000n with 6 decimals is "2000", 1n is "0.000001", -1500n with 3 decimals is "-1.5".
 * Trailing zeros of the fraction are dropped, so equal amounts read the same. Pure bigint arithmetic,
 * no floats. `decimals` null (the token's `decimals()` reverted or is unknown) gives null: the raw
 * integer is then the only figure there is. Throws RangeError on a negative or non-integer decimals.
 */
export function formatUnits(raw: bigint, decimals: number | null | undefined): string | null {
    if (decimals == null) return null
    if (!Number.isSafeInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`)
    const sign = raw < 0n ? '-' : ''
    const digits = (raw < 0n ? -raw : raw).toString().padStart(decimals + 1, '0')
    const whole = digits.slice(0, digits.length - decimals)
    const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '')
    return sign + whole + (fraction === '' ? '' : '.' + fraction)
}

/** `formatUnits` of a raw amount that may be absent (a nullable column): null stays null. */
export const formatOptionalUnits = (raw: bigint | null | undefined, decimals: number | null | undefined): string | null =>
    raw == null ? null : formatUnits(raw, decimals)
