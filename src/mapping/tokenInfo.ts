import {functions} from '../abi/Token'
import {batchCall, NodeLimits, RpcBatchClient} from '../rpc/nodeLimits'

export interface TokenInfo {
    name: string | null
    symbol: string | null
    decimals: number | null
    version: string | null
    onchainID: string | null
    identityRegistry: string | null
    compliance: string | null
    paused: boolean | null
}

const lower = (a: string): string => a.toLowerCase()

const DECODERS: {[K in keyof TokenInfo]: {encode: () => string; decode: (hex: string) => NonNullable<TokenInfo[K]>}} = {
    name: {encode: () => functions.name.encode({}), decode: h => functions.name.decodeResult(h)},
    symbol: {encode: () => functions.symbol.encode({}), decode: h => functions.symbol.decodeResult(h)},
    decimals: {encode: () => functions.decimals.encode({}), decode: h => functions.decimals.decodeResult(h)},
    version: {encode: () => functions.version.encode({}), decode: h => functions.version.decodeResult(h)},
    onchainID: {encode: () => functions.onchainID.encode({}), decode: h => lower(functions.onchainID.decodeResult(h))},
    identityRegistry: {encode: () => functions.identityRegistry.encode({}), decode: h => lower(functions.identityRegistry.decodeResult(h))},
    compliance: {encode: () => functions.compliance.encode({}), decode: h => lower(functions.compliance.decodeResult(h))},
    paused: {encode: () => functions.paused.encode({}), decode: h => functions.paused.decodeResult(h)},
}

type Field = keyof TokenInfo

export const NAME_AND_SYMBOL: Field[] = ['name', 'symbol']
export const ALL_FIELDS = Object.keys(DECODERS) as Field[]
/** What an ERC-1400 token has of them: its ERC-20 metadata */
export const ERC20_FIELDS: Field[] = ['name', 'symbol', 'decimals']
/** What a payment token (an ERC-20 a distribution pays in) is read for */
export const PAYMENT_TOKEN_FIELDS: Field[] = ERC20_FIELDS

export interface InfoRequest {
    token: string
    block: number
    fields: Field[]
}

export const infoKey = (token: string, block: number): string => `${token}@${block}`

/**
 * Reads token views at given blocks in JSON-RPC batches the node accepts. A call that reverts (a non-T-REX
 * token without `version()`, say) leaves its field null instead of failing the batch.
 */
export async function fetchTokenInfo(client: RpcBatchClient, requests: InfoRequest[], limits: NodeLimits): Promise<Map<string, Partial<TokenInfo>>> {
    const calls = requests.flatMap(r => r.fields.map(field => ({r, field})))
    const out = new Map<string, Partial<TokenInfo>>()
    if (calls.length === 0) return out
    const results = await batchCall<string | null>(
        client,
        calls.map(({r, field}) => ({
            method: 'eth_call',
            params: [{to: r.token, data: DECODERS[field].encode()}, '0x' + r.block.toString(16)],
        })),
        limits,
        {validateError: () => null},
    )
    calls.forEach(({r, field}, i) => {
        const key = infoKey(r.token, r.block)
        const info = out.get(key) ?? {}
        out.set(key, info)
        setField(info, field, results[i])
    })
    return out
}

/** A reverted call or an output that does not decode means the token has no such view: null. */
function setField<K extends Field>(info: Partial<TokenInfo>, field: K, hex: string | null | undefined): void {
    let value: TokenInfo[K] | null = null
    if (hex != null && hex !== '0x') {
        try {
            value = DECODERS[field].decode(hex)
        } catch {
            value = null
        }
    }
    info[field] = value as TokenInfo[K]
}
