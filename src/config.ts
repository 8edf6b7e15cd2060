// Environment configuration, validated as a whole before anything starts: every malformed variable is
// reported at once, each naming the variable, its value and what is expected. Unset (or empty) means
// the documented default; a malformed value never falls back to it.

import {z} from 'zod'
import {OperatorError} from './errors'
import {BatchSplit} from './mapping/batchSplit'
import {TraceMode} from './mapping/traces'
import type {MetricsSettings} from './metrics'
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
    /** where the processor's Prometheus metrics listen (METRICS_HOST, PROCESSOR_PROMETHEUS_PORT) */
    metrics: MetricsSettings
    /** the indexer process's JavaScript heap limit, MiB (INDEXER_HEAP_MB); 0: V8's own, sized from the machine's memory */
    heapMb: number
}

type Env = Record<string, string | undefined>

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const TRACE_MODES: readonly TraceMode[] = ['auto', 'debug', 'parity', 'off']

/** One variable's raw text: unset or blank → undefined, else trimmed. */
const raw = z.string().optional().transform(v => v == null || v.trim() === '' ? undefined : v.trim())

/** A whole number ≥ `min`; `expected` completes "NAME="value" is not …". */
function natural(name: string, min = 0, zeroMessage?: string) {
    return raw.transform((v, ctx): number | undefined => {
        if (v == null) return undefined
        if (!/^\d+$/.test(v)) {
            ctx.addIssue({code: 'custom', message: `${name}="${v}" is not a non-negative integer`})
            return z.NEVER
        }
        const n = Number(v)
        if (!Number.isSafeInteger(n)) {
            ctx.addIssue({code: 'custom', message: `${name}="${v}" is too large (at most ${Number.MAX_SAFE_INTEGER})`})
            return z.NEVER
        }
        if (n < min) {
            ctx.addIssue({code: 'custom', message: zeroMessage ?? `${name}="${v}" is below ${min}: give a whole number of at least ${min}`})
            return z.NEVER
        }
        return n
    })
}

function port(name: string) {
    return natural(name, 1).transform((n, ctx): number | undefined => {
        if (n != null && n > 65535) {
            ctx.addIssue({code: 'custom', message: `${name}="${n}" is not a TCP port (1–65535)`})
            return z.NEVER
        }
        return n
    })
}

/** An interface to listen on: a host name or an IP address. */
function host(name: string) {
    return raw.transform((v, ctx): string | undefined => {
        if (v != null && !/^[A-Za-z0-9.:\-[\]]+$/.test(v)) {
            ctx.addIssue({code: 'custom', message: `${name}="${v}" is not a host name or IP address`})
            return z.NEVER
        }
        return v
    })
}

function boolean(name: string) {
    return raw.transform((v, ctx): boolean | undefined => {
        if (v == null) return undefined
        const lower = v.toLowerCase()
        if (['1', 'true', 'yes', 'on'].includes(lower)) return true
        if (['0', 'false', 'no', 'off'].includes(lower)) return false
        ctx.addIssue({code: 'custom', message: `${name}="${v}" is not a boolean (true/false, 1/0, yes/no, on/off)`})
        return z.NEVER
    })
}

/** Comma-separated origins (scheme://host[:port]), or * for any. */
function origins(name: string) {
    return raw.transform((v, ctx): string[] => {
        if (v == null) return []
        const items = v.split(',').map(s => s.trim()).filter(s => s !== '')
        for (const o of items) {
            if (o === '*') continue
            let origin: string
            try {
                origin = new URL(o).origin
            } catch {
                ctx.addIssue({code: 'custom', message: `${name} contains "${o}", which is not an origin such as https://dashboard.example.com`})
                continue
            }
            if (origin !== o) ctx.addIssue({code: 'custom', message: `${name} contains "${o}", which is not an origin (scheme://host[:port], no path): did you mean ${origin}?`})
        }
        return items
    })
}

function addressList(name: string) {
    return raw.transform((v, ctx): string[] => {
        if (v == null) return []
        const items = v.split(',').map(s => s.trim()).filter(s => s !== '')
        const bad = items.filter(a => !ADDRESS.test(a))
        for (const a of bad) ctx.addIssue({code: 'custom', message: `${name} contains "${a}", which is not a 0x-prefixed 20-byte hex address`})
        return bad.length > 0 ? z.NEVER : items.map(a => a.toLowerCase())
    })
}

function url(name: string, protocols: readonly string[], what: string) {
    return raw.transform((v, ctx): string | undefined => {
        if (v == null) return undefined
        let parsed: URL
        try {
            parsed = new URL(v)
        } catch {
            ctx.addIssue({code: 'custom', message: `${name}="${redactUrl(v)}" is not a URL: expected ${what}`})
            return z.NEVER
        }
        if (!protocols.includes(parsed.protocol)) {
            ctx.addIssue({code: 'custom', message: `${name}="${redactUrl(v)}" must be ${what}`})
            return z.NEVER
        }
        return v
    })
}

const rpcUrl = (name: string) => url(name, ['http:', 'https:', 'ws:', 'wss:'], 'an http(s) or ws(s) URL')
const dbUrl = (name: string) => url(name, ['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)')

const traceMode = raw.transform((v, ctx): TraceMode => {
    if (v == null) return 'auto'
    const mode = TRACE_MODES.find(m => m === v.toLowerCase())
    if (mode != null) return mode
    ctx.addIssue({code: 'custom', message: `RPC_TRACES="${v}" must be one of ${TRACE_MODES.join(', ')}`})
    return z.NEVER
})

const batchSplit = raw.transform((v, ctx): BatchSplit => {
    if (v == null) return {mode: 'none'}
    if (v === 'block') return {mode: 'block'}
    const m = /^random:(\d{1,9})$/.exec(v)
    if (m) return {mode: 'random', seed: Number(m[1])}
    ctx.addIssue({code: 'custom', message: `BATCH_SPLIT="${v}" must be "block" or "random:<seed>" (a test setting; leave it unset in production)`})
    return z.NEVER
})

/** Every variable any command reads (README's configuration table, .env.example). */
const ENVIRONMENT = z.object({
    RPC_ETH_HTTP: rpcUrl('RPC_ETH_HTTP'),
    PORTAL_URL: rpcUrl('PORTAL_URL'),
    CHAIN_ID: natural('CHAIN_ID', 1),
    START_BLOCK: natural('START_BLOCK'),
    TREX_FACTORIES: addressList('TREX_FACTORIES'),
    TOKENS: addressList('TOKENS'),
    ERC1400_TOKENS: addressList('ERC1400_TOKENS'),
    DISTRIBUTION_MANAGERS: addressList('DISTRIBUTION_MANAGERS'),
    FINALITY_CONFIRMATION: natural('FINALITY_CONFIRMATION'),
    // the RPC client reads 0 as "wait forever", which would let a silent node stall the indexer
    RPC_REQUEST_TIMEOUT_MS: natural('RPC_REQUEST_TIMEOUT_MS', 1, 'RPC_REQUEST_TIMEOUT_MS=0 would wait forever for an unanswered request; give a number of milliseconds'),
    CATCHUP_WINDOW: natural('CATCHUP_WINDOW'),
    BATCH_SPLIT: batchSplit,
    RPC_TRACES: traceMode,
    // a range, list or batch of 0 asks for nothing
    RPC_MAX_LOG_RANGE: natural('RPC_MAX_LOG_RANGE', 1, 'RPC_MAX_LOG_RANGE=0: give at least 1'),
    RPC_MAX_ADDRESSES: natural('RPC_MAX_ADDRESSES', 1, 'RPC_MAX_ADDRESSES=0: give at least 1'),
    RPC_MAX_BATCH: natural('RPC_MAX_BATCH', 1, 'RPC_MAX_BATCH=0: give at least 1'),
    RPC_RETRY_BUDGET_MS: natural('RPC_RETRY_BUDGET_MS'),
    DB_URL: dbUrl('DB_URL'),
    DB_HOST: raw,
    DB_PORT: port('DB_PORT'),
    DB_NAME: raw,
    DB_USER: raw,
    DB_PASS: raw,
    DB_API_URL: dbUrl('DB_API_URL'),
    DB_API_PASS: raw,
    GQL_PORT: port('GQL_PORT'),
    // production turns GraphiQL and introspection off by default
    NODE_ENV: raw,
    API_HOST: host('API_HOST'),
    API_GRAPHIQL: boolean('API_GRAPHIQL'),
    API_INTROSPECTION: boolean('API_INTROSPECTION'),
    API_CORS_ORIGINS: origins('API_CORS_ORIGINS'),
    API_MAX_CONCURRENT_REQUESTS: natural('API_MAX_CONCURRENT_REQUESTS', 1),
    API_REQUEST_TIMEOUT_MS: natural('API_REQUEST_TIMEOUT_MS', 1),
    API_DB_POOL_SIZE: natural('API_DB_POOL_SIZE', 1),
    API_MAX_SUBSCRIPTIONS_PER_CONNECTION: natural('API_MAX_SUBSCRIPTIONS_PER_CONNECTION', 1),
    API_SUBSCRIPTION_POLL_MS: natural('API_SUBSCRIPTION_POLL_MS', 1),
    API_CACHE_MB: natural('API_CACHE_MB'),
    API_READY_MAX_LAG: natural('API_READY_MAX_LAG'),
    METRICS_HOST: host('METRICS_HOST'),
    PROCESSOR_PROMETHEUS_PORT: natural('PROCESSOR_PROMETHEUS_PORT').refine(n => n == null || n <= 65535, {message: 'PROCESSOR_PROMETHEUS_PORT is not a TCP port (0 for a free one, else 1–65535)'}),
    INDEXER_HEAP_MB: natural('INDEXER_HEAP_MB').refine(n => n == null || n === 0 || n >= 128, {message: 'INDEXER_HEAP_MB is below 128: give at least 128 MiB, or 0 for V8\'s default'}),
    STARTUP_RETRIES: natural('STARTUP_RETRIES', 1),
    EXPORT_WRITE_TIMEOUT_MS: natural('EXPORT_WRITE_TIMEOUT_MS', 1),
    EXPORT_QUEUE_TIMEOUT_MS: natural('EXPORT_QUEUE_TIMEOUT_MS', 1),
    DATA_DIR: raw,
    ANVIL_PORT: port('ANVIL_PORT'),
    EMBEDDED_PG_PORT: port('EMBEDDED_PG_PORT'),
})

export type Environment = z.output<typeof ENVIRONMENT>

/** The names of every variable read: .env.example documents each. */
export const VARIABLES: readonly string[] = Object.keys(ENVIRONMENT.shape)

/**
 * Every configuration variable, validated together: a ConfigError lists each malformed one (name,
 * value, what is expected). Call it before starting anything.
 */
export function readEnvironment(env: Env = process.env): Environment {
    const r = ENVIRONMENT.safeParse(Object.fromEntries(VARIABLES.map(k => [k, env[k]])))
    if (!r.success) throw new ConfigError(r.error.issues.map(i => i.message).join('\n'))
    return r.data
}

export function indexerConfig(env: Env = process.env): IndexerConfig {
    const e = readEnvironment(env)
    if (e.RPC_ETH_HTTP == null) throw new ConfigError('RPC_ETH_HTTP is not set: give the chain RPC URL (npm start sets it for the local dev chain)')
    if (e.TREX_FACTORIES.length === 0 && e.TOKENS.length === 0 && e.ERC1400_TOKENS.length === 0) {
        throw new ConfigError('Neither TREX_FACTORIES nor TOKENS nor ERC1400_TOKENS is set: nothing to index')
    }
    const both = e.ERC1400_TOKENS.find(a => e.TOKENS.includes(a))
    if (both) throw new ConfigError(`${both} is in both TOKENS and ERC1400_TOKENS: list each token under the one standard it follows`)
    return {
        rpcUrl: e.RPC_ETH_HTTP,
        portalUrl: e.PORTAL_URL,
        chainId: e.CHAIN_ID,
        startBlock: e.START_BLOCK ?? 0,
        factories: e.TREX_FACTORIES,
        tokens: e.TOKENS,
        erc1400Tokens: e.ERC1400_TOKENS,
        distributionManagers: e.DISTRIBUTION_MANAGERS,
        finalityConfirmation: e.FINALITY_CONFIRMATION ?? 10,
        rpcRequestTimeoutMs: e.RPC_REQUEST_TIMEOUT_MS ?? 30_000,
        catchUpWindow: e.CATCHUP_WINDOW ?? 10_000,
        batchSplit: e.BATCH_SPLIT,
        traces: e.RPC_TRACES,
        nodeLimits: {
            maxLogRange: e.RPC_MAX_LOG_RANGE ?? DEFAULT_NODE_LIMITS.maxLogRange,
            maxAddresses: e.RPC_MAX_ADDRESSES ?? DEFAULT_NODE_LIMITS.maxAddresses,
            maxBatch: e.RPC_MAX_BATCH ?? DEFAULT_NODE_LIMITS.maxBatch,
            retryBudgetMs: e.RPC_RETRY_BUDGET_MS ?? DEFAULT_NODE_LIMITS.retryBudgetMs,
        },
        metrics: {host: e.METRICS_HOST ?? '127.0.0.1', port: e.PROCESSOR_PROMETHEUS_PORT ?? 0},
        heapMb: e.INDEXER_HEAP_MB ?? 1024,
    }
}

/** The exports' limits: how long a client may take nothing, and how long an export waits for a connection. */
export function exportLimits(env: Env = process.env): {writeTimeoutMs: number; queueTimeoutMs: number} {
    const e = readEnvironment(env)
    return {writeTimeoutMs: e.EXPORT_WRITE_TIMEOUT_MS ?? 30_000, queueTimeoutMs: e.EXPORT_QUEUE_TIMEOUT_MS ?? 5_000}
}

/** One comma-separated address variable (lower-cased); throws naming the variable and the bad item. */
export function parseAddressList(name: string, value: string | undefined): string[] {
    return parseWith(addressList(name), value)
}

/** One whole-number variable, `fallback` when unset; throws naming the variable and the value. */
export function parseNat(name: string, value: string | undefined, fallback: number): number {
    return parseWith(natural(name), value) ?? fallback
}

/** BATCH_SPLIT: unset (batches as delivered), `block` (one block per batch) or `random:<seed>`. */
export function parseBatchSplit(value: string | undefined): BatchSplit {
    return parseWith(batchSplit, value)
}

/** RPC_TRACES: unset or `auto` (debug_traceTransaction, else trace_transaction), `debug`, `parity` or `off`. */
export function parseTraceMode(value: string | undefined): TraceMode {
    return parseWith(traceMode, value)
}

/** One whole-number variable of at least 1, `fallback` when unset. */
export function parsePositive(name: string, value: string | undefined, fallback: number): number {
    return parseWith(natural(name, 1), value) ?? fallback
}

function parseWith<T>(schema: z.ZodType<T, string | undefined>, value: string | undefined): T {
    const r = schema.safeParse(value)
    if (!r.success) throw new ConfigError(r.error.issues.map(i => i.message).join('\n'))
    return r.data
}

/** A URL with any password masked, for log lines. */
export function redactUrl(url: string): string {
    try {
        const u = new URL(url)
        if (!u.password) return url
        u.password = '***'
        return u.toString()
    } catch {
        return url
    }
}
