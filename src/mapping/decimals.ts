import {formatOptionalUnits} from '../analytics/units'

// Every raw amount column has a `<name>Decimal` column beside it: the same amount as an exact decimal string in
// its token's units (analytics/units.ts). They are written with the row, from the decimals the indexer keeps for
// the token (read at discovery: T-REX fixes them at init), so the API serves them without a per-request lookup.

/** Names of a row's raw-amount fields that have a decimal twin. */
type AmountField<E> = {[K in keyof E & string]: E[K] extends bigint | null | undefined ? (`${K}Decimal` extends keyof E ? K : never) : never}[keyof E & string]

/**
 * Sets `<field>Decimal` of each row to `<field>` in units of `decimalsOf(row)` decimals: null when the amount is
 * null or the decimals are unknown (null/undefined).
 */
export function fillDecimals<E extends object>(rows: Iterable<E>, fields: readonly AmountField<E>[], decimalsOf: (row: E) => number | null | undefined): void {
    for (const row of rows) {
        const decimals = decimalsOf(row)
        const values = row as Record<string, unknown>
        for (const f of fields) values[`${f}Decimal`] = formatOptionalUnits(values[f] as bigint | null | undefined, decimals)
    }
}

/** The decimals of a row's security token, by the token id the row links (rows read back carry only a stub). */
export const byTokenId = (decimals: ReadonlyMap<string, number | null>) =>
    (row: {token?: {id: string} | null}): number | null | undefined => row.token == null ? null : decimals.get(row.token.id)
