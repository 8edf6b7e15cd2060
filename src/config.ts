// Environment configuration, validated once; a bad value stops the start with the variable's name.

import {OperatorError} from './errors'
import {BatchSplit} from './mapping/batchSplit'
import {TraceMode} from './mapping/traces'
import {DEFAULT_NODE_LIMITS, NodeLimits} from './rpc/nodeLimits'

export class ConfigError extends OperatorError {}

export interface IndexerConfig {
    rpcUrl: string
    portalUrl?: string
    chainId?: number
    startBlock: number
    factories: string[]
    tokens: string[]
    /** ERC-1400 tokens to index (ERC1400_TOKENS) */
    erc1400Tokens: string[]
    distributionManagers: string[]
    finalityConfirmation: number
    /** an RPC request unanswered this long is abandoned and retried */
    rpcRequestTimeoutMs: number
    /** blocks per transaction when catching up by address (CATCHUP_WINDOW); 0: the processor reads everything */
    catchUpWindow: number
    /** tests only: cut the processor's batches smaller (BATCH_SPLIT) */
    batchSplit: BatchSplit
    /** which call-trace methods to ask the node for (RPC_TRACES) */
    traces: TraceMode
    /** what our own requests ask of the node at most (RPC_MAX_LOG_RANGE, RPC_MAX_ADDRESSES, RPC_MAX_BATCH, RPC_RETRY_BUDGET_MS) */
    nodeLimits: NodeLimits
}

type Env = Record<string, string | undefined>

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

export function parseAddressList(name: string, value: string | undefined): string[] {
    if (value == null || value.trim() === '') return []
    return value.split(',').map(s => s.trim()).filter(s => s !== '').map(a => {
        if (!ADDRESS.test(a)) {
            throw new ConfigError(`${name} contains "${a}", which is not a 0x-prefixed 20-byte hex address`)
        }
        return a.toLowerCase()
    })
}

export function parseNat(name: string, value: string | undefined, fallback: number): number {
    if (value == null || value.trim() === '') return fallback
    if (!/^\d+$/.test(value.trim())) {
        throw new ConfigError(`${name}="${value}" is not a non-negative integer`)
    }
    const n = Number(value.trim())
    if (!Number.isSafeInteger(n)) throw new ConfigError(`${name}="${value}" is too large`)
    return n
}

export function parseUrl(name: string, value: string | undefined): string | undefined {
    if (value == null || value.trim() === '') return undefined
    let url: URL
    try {
        url = new URL(value.trim())
    } catch {
        throw new ConfigError(`${name}="${value}" is not a URL`)
    }
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
        throw new ConfigError(`${name}="${value}" must be an http(s) or ws(s) URL`)
    }
    return value.trim()
}

export function indexerConfig(env: Env = process.env): IndexerConfig {
    const rpcUrl = parseUrl('RPC_ETH_HTTP', env.RPC_ETH_HTTP)
    if (rpcUrl == null) throw new ConfigError('RPC_ETH_HTTP is not set: give the chain RPC URL (npm start sets it for the local dev chain)')
    const factories = parseAddressList('TREX_FACTORIES', env.TREX_FACTORIES)
    const tokens = parseAddressList('TOKENS', env.TOKENS)
    const erc1400Tokens = parseAddressList('ERC1400_TOKENS', env.ERC1400_TOKENS)
    if (factories.length === 0 && tokens.length === 0 && erc1400Tokens.length === 0) {
        throw new ConfigError('Neither TREX_FACTORIES nor TOKENS nor ERC1400_TOKENS is set: nothing to index')
    }
    const both = erc1400Tokens.find(a => tokens.includes(a))
    if (both) throw new ConfigError(`${both} is in both TOKENS and ERC1400_TOKENS: list each token under the one standard it follows`)
    const chainId = env.CHAIN_ID?.trim() ? parseNat('CHAIN_ID', env.CHAIN_ID, 0) : undefined
    return {
        rpcUrl,
        portalUrl: parseUrl('PORTAL_URL', env.PORTAL_URL),
        chainId,
        startBlock: parseNat('START_BLOCK', env.START_BLOCK, 0),
        factories,
        tokens,
        erc1400Tokens,
        distributionManagers: parseAddressList('DISTRIBUTION_MANAGERS', env.DISTRIBUTION_MANAGERS),
        finalityConfirmation: parseNat('FINALITY_CONFIRMATION', env.FINALITY_CONFIRMATION, 10),
        rpcRequestTimeoutMs: parseTimeout('RPC_REQUEST_TIMEOUT_MS', env.RPC_REQUEST_TIMEOUT_MS, 30_000),
        catchUpWindow: parseNat('CATCHUP_WINDOW', env.CATCHUP_WINDOW, 10_000),
        batchSplit: parseBatchSplit(env.BATCH_SPLIT),
        traces: parseTraceMode(env.RPC_TRACES),
        nodeLimits: parseNodeLimits(env),
    }
}

const TRACE_MODES: readonly TraceMode[] = ['auto', 'debug', 'parity', 'off']

/** RPC_TRACES: unset or `auto` (debug_traceTransaction, else trace_transaction), `debug`, `parity` or `off`. */
export function parseTraceMode(value: string | undefined): TraceMode {
    const v = value?.trim().toLowerCase() ?? ''
    if (v === '') return 'auto'
    const mode = TRACE_MODES.find(m => m === v)
    if (mode == null) throw new ConfigError(`RPC_TRACES="${value}" must be one of ${TRACE_MODES.join(', ')}`)
    return mode
}

/** The node limits; each at least 1 (a range, list or batch of 0 asks for nothing), the retry budget at least 0. */
function parseNodeLimits(env: Env): NodeLimits {
    return {
        maxLogRange: parsePositive('RPC_MAX_LOG_RANGE', env.RPC_MAX_LOG_RANGE, DEFAULT_NODE_LIMITS.maxLogRange),
        maxAddresses: parsePositive('RPC_MAX_ADDRESSES', env.RPC_MAX_ADDRESSES, DEFAULT_NODE_LIMITS.maxAddresses),
        maxBatch: parsePositive('RPC_MAX_BATCH', env.RPC_MAX_BATCH, DEFAULT_NODE_LIMITS.maxBatch),
        retryBudgetMs: parseNat('RPC_RETRY_BUDGET_MS', env.RPC_RETRY_BUDGET_MS, DEFAULT_NODE_LIMITS.retryBudgetMs),
    }
}

function parsePositive(name: string, value: string | undefined, fallback: number): number {
    const n = parseNat(name, value, fallback)
    if (n === 0) throw new ConfigError(`${name}=0: give at least 1`)
    return n
}

/** BATCH_SPLIT: unset (batches as delivered), `block` (one block per batch) or `random:<seed>`. */
export function parseBatchSplit(value: string | undefined): BatchSplit {
    const v = value?.trim() ?? ''
    if (v === '') return {mode: 'none'}
    if (v === 'block') return {mode: 'block'}
    const m = /^random:(\d{1,9})$/.exec(v)
    if (m) return {mode: 'random', seed: Number(m[1])}
    throw new ConfigError(`BATCH_SPLIT="${value}" must be "block" or "random:<seed>" (a test setting; leave it unset in production)`)
}

/** Milliseconds, at least 1: the RPC client reads 0 as "wait forever", which would let a silent node stall the indexer. */
function parseTimeout(name: string, value: string | undefined, fallback: number): number {
    const ms = parseNat(name, value, fallback)
    if (ms === 0) throw new ConfigError(`${name}=0 would wait forever for an unanswered request; give a number of milliseconds`)
    return ms
}

/** A URL with any password masked, for log lines. */
export function redactUrl(url: string): string {
    try {
        const u = new URL(url)
        if (u.password) u.password = '***'
        return u.toString()
    } catch {
        return url
    }
}
