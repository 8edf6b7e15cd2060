import {formatUnits} from '../../analytics/units'

/**
 * The raw amounts `fields` of `values` as decimal strings of on-chain units (exact, like every BigInt of the
 * generated API), each with its `<field>Decimal` twin in units of `decimals` decimals (null when unknown).
 */
export function amountsIn<K extends string>(values: Record<K, bigint>, fields: readonly K[], decimals: number | null): Record<K, string> & Record<`${K}Decimal`, string | null> {
    const out: Record<string, string | null> = {}
    for (const f of fields) {
        out[f] = String(values[f])
        out[`${f}Decimal`] = formatUnits(values[f], decimals)
    }
    return out as Record<K, string> & Record<`${K}Decimal`, string | null>
}
