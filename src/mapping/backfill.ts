import {batchCall, getLogsUpTo, LogsWanted, NodeLimits, RpcBatchClient, RpcLog, toQuantity} from '../rpc/nodeLimits'

/** A log as the mapping needs it; the processor's logs and backfilled ones both fit. */
export interface SourceLog {
    id: string
    address: string
    topics: string[]
    data: string
    logIndex: number
    transactionHash: string
    block: {height: number; hash: string; timestamp: number}
    transaction?: {from: string; to?: string; sighash?: string; input?: string}
}

/** One eth_getLogs filter: by contract addresses, or by topics from any address (each position: a value, any of several, or null for any). */
export interface LogFilter {
    address?: string[]
    topics?: (string | string[] | null)[]
}

/**
 * The logs `filters` match from `fromBlock` to `toBlock`, with their blocks and senders: the earlier
 * logs of contracts discovered in a batch (an identity gets its KYC claim before it is registered; a
 * module is set up before it is bound), and the catch-up's windows. A log two filters match comes once.
 */
export async function backfillLogs(client: RpcBatchClient, filters: LogFilter[], fromBlock: number, toBlock: number, limits: NodeLimits): Promise<SourceLog[]> {
    return withSenders(client, await matchLogs(client, filters, fromBlock, toBlock, limits), limits)
}

/** The logs `filters` match from `fromBlock` to `toBlock`, each once, in chain order. */
export async function matchLogs(client: RpcBatchClient, filters: LogFilter[], fromBlock: number, toBlock: number, limits: NodeLimits): Promise<RpcLog[]> {
    return (await matchLogsUpTo(client, filters, fromBlock, toBlock, limits, {enough: Infinity, rampFrom: null})).logs
}

/**
 * `matchLogs`, each filter read as far as `wanted` says (see getLogsUpTo): the logs from `fromBlock` to
 * the returned `to`, the lowest block every filter reached, complete over those blocks.
 */
export async function matchLogsUpTo(client: RpcBatchClient, filters: LogFilter[], fromBlock: number, toBlock: number, limits: NodeLimits, wanted: LogsWanted): Promise<{logs: RpcLog[]; to: number}> {
    const matched = await Promise.all(filters.map(f => getLogsUpTo(client, {addresses: f.address ?? null, topics: f.topics, fromBlock, toBlock}, limits, wanted)))
    const to = Math.min(toBlock, ...matched.map(m => m.to))
    const unique = new Map<string, RpcLog>()
    for (const m of matched) for (const l of m.logs) if (l.blockNumber <= to) unique.set(`${l.blockNumber}:${l.logIndex}`, l)
    return {logs: [...unique.values()].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex), to}
}

/**
 * The logs with their blocks' times and their transactions' senders and calls. A block whose
 * transactions are mostly ours comes whole (header and transactions in one call, as the SDK fetches
 * blocks); of the others, the header alone and our transactions one by one.
 */
export async function withSenders(client: RpcBatchClient, found: RpcLog[], limits: NodeLimits): Promise<SourceLog[]> {
    if (found.length === 0) return []
    const whole = wholeBlocks(found)
    const headerOnly = [...new Set(found.map(l => l.blockNumber))].filter(b => !whole.has(b))
    const txs = [...new Set(found.filter(l => !whole.has(l.blockNumber)).map(l => l.transactionHash))]
    const [full, headers, transactions] = await Promise.all([
        fullBlocks(client, whole, limits),
        batchCall<{timestamp: string} | null>(client, headerOnly.map(b => ({method: 'eth_getBlockByNumber', params: [toQuantity(b), false]})), limits),
        batchCall<RpcTransaction | null>(client, txs.map(h => ({method: 'eth_getTransactionByHash', params: [h]})), limits),
    ])
    const timestamp = new Map(headerOnly.map((b, i) => [b, Number(known(headers[i], `block ${b}`).timestamp) * 1000]))
    const sender = new Map(txs.map((h, i) => [h, known(transactions[i], `transaction ${h}`)]))
    for (const [b, block] of full) {
        timestamp.set(b, Number(block.timestamp) * 1000)
        for (const tx of block.transactions) sender.set(tx.hash, tx)
    }
    return found.map(l => {
        const tx = known(sender.get(l.transactionHash), `transaction ${l.transactionHash}`)
        return {
            id: `backfill-${l.blockNumber}-${l.logIndex}`,
            address: l.address,
            topics: l.topics,
            data: l.data,
            logIndex: l.logIndex,
            transactionHash: l.transactionHash,
            block: {height: l.blockNumber, hash: l.blockHash, timestamp: timestamp.get(l.blockNumber)!},
            transaction: {from: tx.from.toLowerCase(), to: tx.to?.toLowerCase(), sighash: tx.input.length >= 10 ? tx.input.slice(0, 10) : undefined, input: tx.input},
        }
    })
}

interface RpcTransaction {
    hash: string
    from: string
    to: string | null
    input: string
}

/**
 * The blocks worth fetching whole, each with its transactions up to our last one (its transaction
 * index + 1): those where our logs' transactions are at least half of these, so that a whole block
 * costs the node about what asking for our transactions one by one would, in one call instead of many.
 * A block's transactions after our last one are not known from the logs and are not counted.
 */
export function wholeBlocks(logs: readonly Pick<RpcLog, 'blockNumber' | 'transactionHash' | 'transactionIndex'>[]): Map<number, number> {
    const ours = new Map<number, {txs: Set<string>; span: number}>()
    for (const l of logs) {
        const b = ours.get(l.blockNumber) ?? {txs: new Set<string>(), span: 0}
        b.txs.add(l.transactionHash)
        b.span = Math.max(b.span, l.transactionIndex + 1)
        ours.set(l.blockNumber, b)
    }
    return new Map([...ours].filter(([, b]) => b.txs.size > 1 && 2 * b.txs.size >= b.span).map(([n, b]) => [n, b.span]))
}

/** Blocks with their transactions, by number, fetched in the batches `wholeBlockBatches` forms, one group after another. */
async function fullBlocks(client: RpcBatchClient, whole: ReadonlyMap<number, number>, limits: NodeLimits): Promise<Map<number, FullBlock>> {
    const out = new Map<number, FullBlock>()
    for (const g of wholeBlockBatches(whole, limits.maxBatch)) {
        const got = await batchCall<FullBlock | null>(client,
            g.blocks.map(b => ({method: 'eth_getBlockByNumber', params: [toQuantity(b), true]})), {...limits, maxBatch: g.perBatch})
        g.blocks.forEach((b, i) => out.set(b, known(got[i], `block ${b}`)))
    }
    return out
}

interface FullBlock {
    timestamp: string
    transactions: RpcTransaction[]
}

/**
 * Whole blocks (number → transactions up to our last, `wholeBlocks`' spans) in groups of spans within a
 * power of two of each other, each with the blocks per JSON-RPC batch (at most `maxBatch`, one at least)
 * that keep a batch of its largest block within TXS_PER_BATCH transactions: an answer stays small whatever
 * the blocks hold, and a large block does not make the small ones go a few at a time. A node works through
 * a batch as one request: 100 blocks of 25 transactions kept one of anvil's cores busy for a second, and the
 * calls of the window being handled meanwhile (views at past blocks) waited 1.9 s behind four such batches.
 */
export function wholeBlockBatches(whole: ReadonlyMap<number, number>, maxBatch: number): {blocks: number[]; perBatch: number}[] {
    const classes = new Map<number, {blocks: number[]; largest: number}>()
    for (const [block, span] of whole) {
        const key = Math.ceil(Math.log2(Math.max(1, span)))
        const c = classes.get(key) ?? {blocks: [], largest: 0}
        c.blocks.push(block)
        c.largest = Math.max(c.largest, span)
        classes.set(key, c)
    }
    return [...classes].sort(([a], [b]) => a - b)
        .map(([, c]) => ({blocks: c.blocks, perBatch: Math.max(1, Math.min(maxBatch, Math.floor(TXS_PER_BATCH / c.largest)))}))
}

/** Transactions one batch of whole blocks carries at most, unless one block holds more (see wholeBlockBatches). */
const TXS_PER_BATCH = 250

/** A block or transaction a log pointed to; the node answering null means it lost it (a reorg): fail the batch, it is retried. */
function known<T>(value: T | null | undefined, what: string): T {
    if (value == null) throw new Error(`the node no longer knows ${what}, which a log it just returned came from (a reorg?)`)
    return value
}
