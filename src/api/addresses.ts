import type {Plugin} from 'graphql-yoga'

/** A 20-byte hex address anywhere in a string, not part of a longer hex run (a 32-byte hash stays as it is). */
const ADDRESS = /(?<![0-9a-fA-F])0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g

/** `s` with every address in it lowercase, as the index stores addresses and the ids made of them. */
export function lowercaseAddressesIn(s: string): string {
    return /[A-F]/.test(s) ? s.replace(ADDRESS, a => a.toLowerCase()) : s
}

function lowercaseDeep(v: unknown): unknown {
    if (typeof v === 'string') return lowercaseAddressesIn(v)
    if (Array.isArray(v)) return v.map(lowercaseDeep)
    if (v != null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lowercaseDeep(x)]))
    return v
}

/**
 * Addresses in any case in the query text and variables, so that a checksummed address finds the
 * lowercase one stored (`where: {address_eq: "0xAbC…"}`, `holdingById(id: "31337-0xAbC…")`).
 */
export function lowercaseAddresses(): Plugin {
    return {
        onParams({params, setParams}) {
            setParams({
                ...params,
                query: params.query == null ? params.query : lowercaseAddressesIn(params.query),
                variables: params.variables == null ? params.variables : lowercaseDeep(params.variables) as Record<string, unknown>,
            })
        },
    }
}
