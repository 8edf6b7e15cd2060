import {RpcError} from '@subsquid/rpc-client'
import {fetchInWindows, fetchUntil, Prefix, WindowSize} from './adaptiveWindows'
import {classifyRpc, RpcErrorInfo} from './nodeErrors'

// Every request we make to the node outside the Subsquid SDK goes through here, within what hosted
// nodes accept: eth_getLogs in block ranges and address lists they serve, batches of a size they take,
// rate limits waited out. A node's limit is weather, never a crash.
//
// Our requests are sent with the RPC client's own retries off (retryAttempts: 0): it would retry a
// timeout or a 429 forever, hiding the timeout we split on and ignoring Retry-After. The client still
// pauses all its requests after a connection error, ours and the SDK's alike.

/** What we ask of a node at most; every field comes from the environment (src/config.ts). */
export interface NodeLimits {
    /** blocks per eth_getLogs request, at most (RPC_MAX_LOG_RANGE); fewer while the node refuses */
    maxLogRange: number
    /** addresses per eth_getLogs request, at most (RPC_MAX_ADDRESSES) */
    maxAddresses: number
    /** calls per JSON-RPC batch, at most (RPC_MAX_BATCH); fewer while the node refuses */
    maxBatch: number
    /** ms one request may spend waiting out rate limits and outages before failing (RPC_RETRY_BUDGET_MS) */
    retryBudgetMs: number
}

export const DEFAULT_NODE_LIMITS: NodeLimits = {maxLogRange: 2000, maxAddresses: 500, maxBatch: 100, retryBudgetMs: 180_000}

export interface RpcCall {
    method: string
    params?: unknown[]
}

/** The part of Subsquid's RpcClient (`ctx._chain.client`) we use. */
export interface RpcBatchClient {
    batchCall<T>(calls: RpcCall[], options?: {retryAttempts?: number; validateError?: (info: RpcErrorInfo) => T}): Promise<T[]>
}

/** An eth_getLogs filter over a block range (inclusive), by address. */
export interface LogQuery {
    /** null: from any address, for a query narrowed by its topics (the node filters on an indexed value of ours) */
    addresses: readonly string[] | null
    /** eth_getLogs topic filter: per position a topic, any of several, or null for any */
    topics?: readonly (string | readonly string[] | null)[]
    fromBlock: number
    toBlock: number
}

/** A log as eth_getLogs returns it, quantities as numbers and the address lower-cased. */
export interface RpcLog {
    address: string
    topics: string[]
    data: string
    blockNumber: number
    blockHash: string
    logIndex: number
    transactionHash: string
    transactionIndex: number
}

/**
 * The logs of `addresses` (optionally filtered by topics) from `fromBlock` to `toBlock` inclusive, sorted by
 * (blockNumber, logIndex), each once. Ranges start at `limits.maxLogRange` blocks, halve when the node
 * refuses a range or a result count as too large (or times out), never below one block, and grow back after
 * answers; a range answered with more than LOGS_PER_REQUEST logs (a node without a result cap) narrows the
 * next ones to about that many. The address list goes in chunks of `limits.maxAddresses`. No addresses: no
 * logs (we never read a whole chain's logs); addresses null: any address, only with topics that narrow the query.
 */
export async function getLogs(client: RpcBatchClient, query: LogQuery, limits: NodeLimits): Promise<RpcLog[]> {
    return (await getLogsUpTo(client, query, limits, {enough: Infinity, rampFrom: null})).logs
}

/** How far `getLogsUpTo` reads. */
export interface LogsWanted {
    /** no further range is asked for once this many logs have come back */
    enough: number
    /**
     * blocks the first range asks for, doubling while answers are small, so that no answer is large where
     * the density jumps; null: ranges start at `limits.maxLogRange`
     */
    rampFrom: number | null
}

/**
 * `getLogs`, read as far as `wanted` says: the logs from `fromBlock` to the returned `to` (every block
 * up to `toBlock` when fewer matched), complete over those blocks.
 */
export async function getLogsUpTo(client: RpcBatchClient, query: LogQuery, limits: NodeLimits, wanted: LogsWanted): Promise<{logs: RpcLog[]; to: number}> {
    if (query.addresses == null && !query.topics?.some(t => t != null)) throw new Error('getLogs from any address needs a topic filter')
    const addresses = [...new Set(query.addresses?.map(a => a.toLowerCase()))]
    if ((query.addresses != null && addresses.length === 0) || query.toBlock < query.fromBlock) return {logs: [], to: query.toBlock}
    const size = new WindowSize(limits.maxLogRange, {itemsPerWindow: LOGS_PER_REQUEST, rampFrom: wanted.rampFrom})
    const prefixes: Prefix<RpcLog>[] = []
    // undefined: no address filter (JSON leaves the field out)
    const chunks: (string[] | undefined)[] = query.addresses == null ? [undefined] : []
    for (let i = 0; i < addresses.length; i += limits.maxAddresses) chunks.push(addresses.slice(i, i + limits.maxAddresses))
    // a later chunk needs no block past where an earlier one stopped
    let upTo = query.toBlock
    for (const chunk of chunks) {
        const prefix = await fetchUntil(query.fromBlock, upTo, {
            size,
            retryBudgetMs: limits.retryBudgetMs,
            unit: 'block',
            refusalHint: 'use a node without this limit, or lower RPC_MAX_ADDRESSES if it counts results',
            describe: (from, to) => `eth_getLogs of ${chunk == null ? 'any address by topic' : `${chunk.length} address(es)`} over blocks ${from}-${to}`,
            fetch: async (from, to) => {
                const [logs] = await client.batchCall<unknown>([{
                    method: 'eth_getLogs',
                    params: [{address: chunk, topics: query.topics, fromBlock: toQuantity(from), toBlock: toQuantity(to)}],
                }], {retryAttempts: 0})
                if (!Array.isArray(logs)) throw new Error(`eth_getLogs over blocks ${from}-${to} answered ${JSON.stringify(logs)?.slice(0, 200)}, not a list of logs`)
                return logs.map(parseLog)
            },
        }, wanted.enough)
        prefixes.push(prefix)
        upTo = prefix.to
    }
    // every chunk is complete up to the lowest block all of them reached
    const to = upTo
    const unique = new Map<string, RpcLog>()
    // a node ignoring the address filter repeats logs across chunks
    for (const p of prefixes) for (const l of p.items) if (l.blockNumber <= to && !unique.has(`${l.blockNumber}:${l.logIndex}`)) unique.set(`${l.blockNumber}:${l.logIndex}`, l)
    return {logs: [...unique.values()].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex), to}
}

/** Logs one eth_getLogs answer should hold at most, as the public nodes that cap results (10,000) give them. */
const LOGS_PER_REQUEST = 10_000

/**
 * The results of `calls`, in their order, in JSON-RPC batches of at most `limits.maxBatch` calls, halved
 * while the node refuses a batch as too large ("batch too large", HTTP 413, a batch answered by a single
 * error) or times out. A call's own error goes to `options.validateError` (say `() => null` for a reverted
 * eth_call), else fails the whole; a rate limit or size refusal inside the answer is never handed to it.
 */
export async function batchCall<T>(client: RpcBatchClient, calls: readonly RpcCall[], limits: NodeLimits, options: {validateError?: (info: RpcErrorInfo) => T} = {}): Promise<T[]> {
    if (calls.length === 0) return []
    const validateError = (info: RpcErrorInfo): T => {
        // a limit answered per call is the node's weather, not the call's result: retry or split
        if (options.validateError == null || classifyRpc(info).kind !== 'fatal') throw new RpcError(info)
        return options.validateError(info)
    }
    return fetchInWindows(0, calls.length - 1, {
        size: new WindowSize(limits.maxBatch),
        retryBudgetMs: limits.retryBudgetMs,
        unit: 'call',
        refusalHint: 'use a node without this limit',
        describe: (from, to) => `${[...new Set(calls.slice(from, to + 1).map(c => c.method))].join('/')} batch of ${to - from + 1} call(s)`,
        fetch: (from, to) => client.batchCall<T>(calls.slice(from, to + 1), {retryAttempts: 0, validateError}),
    })
}

export const toQuantity = (n: number): string => '0x' + n.toString(16)

function parseLog(raw: unknown): RpcLog {
    const l = (raw ?? {}) as Partial<Record<keyof RpcLog, unknown>>
    const text = (k: keyof RpcLog): string => {
        const v = l[k]
        if (typeof v !== 'string') throw new Error(`eth_getLogs answered a log without ${k}: ${JSON.stringify(raw)?.slice(0, 300)}`)
        return v
    }
    if (!Array.isArray(l.topics) || !l.topics.every(t => typeof t === 'string')) throw new Error(`eth_getLogs answered a log without topics: ${JSON.stringify(raw)?.slice(0, 300)}`)
    return {
        address: text('address').toLowerCase(),
        topics: l.topics,
        data: text('data'),
        blockNumber: Number(text('blockNumber')),
        blockHash: text('blockHash'),
        logIndex: Number(text('logIndex')),
        transactionHash: text('transactionHash'),
        transactionIndex: Number(text('transactionIndex')),
    }
}
