import {Logger} from '@subsquid/logger'
import {RpcClient} from '@subsquid/rpc-client'
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {withDataSource} from '../db'
import {Handler, IngestBatch} from '../main'
import {backfillLogs, LogFilter, matchLogsUpTo, SourceLog, withSenders} from '../mapping/backfill'
import {mergeLogs} from '../mapping/discover'
import {selfDiscoveryFilters} from '../mapping/discovery'
import {ContractKind} from '../model'
import {WatchedSet} from '../processor'
import {entityManagerOf} from '../mapping/bulkWrite'
import {batchCall, NodeLimits, toQuantity} from '../rpc/nodeLimits'
import {deferIndexes} from './deferredIndexes'
import {MAX_WINDOW_LOGS, WindowSizer} from './windowSizer'

// Over RPC, @subsquid/evm-processor 1.27 fetches every block of a range with every log and
// transaction, whatever it was asked for: indexing T-REX tokens on a public chain would cost the
// whole chain's traffic. History is therefore read here by address — only the logs of the contracts
// we watch, then the headers and transactions of the blocks that hold them — and fed to the same
// handler through the same transactional store; the processor takes over near the head.

export interface CatchUpOptions {
    db: TypeormDatabase
    handler: Handler
    client: RpcClient
    log: Logger
    chainId: number
    startBlock: number
    /** blocks behind the head that may still reorganise: catch-up stops before them */
    finality: number
    /** the contracts the configuration names */
    configured: {factories: readonly string[]; tokens: readonly string[]; distributionManagers: readonly string[]}
    limits: NodeLimits
    /** the next window's length in blocks, one transaction each (the node's log limits are the fetcher's business) */
    windowBlocks: () => number
}

/** Fewer blocks than this behind the head: the processor reads them itself. */
const MIN_GAP = 50

/**
 * Indexes the final blocks from the database's height up to head − finality, one window of
 * `windowBlocks` per transaction; returns the height reached. Skipped when hot blocks are pending
 * (the processor resumes them) or the gap is small. On a database that has indexed nothing yet, the
 * history tables' secondary indexes are dropped first (see deferredIndexes.ts; the caller builds them).
 */
export async function catchUp(o: CatchUpOptions): Promise<number> {
    const state = await o.db.connect()
    try {
        if (state.top.length > 0) return state.height
        const [head] = await batchCall<string>(o.client, [{method: 'eth_blockNumber', params: []}], o.limits)
        const target = Number(head) - o.finality
        let prev = {height: state.height, hash: state.hash}
        const from = Math.max(prev.height + 1, o.startBlock)
        if (target - from < MIN_GAP) return prev.height
        o.log.info(`catching up by address after block ${prev.height}: blocks ${from} to ${target}`)
        let watched = await withDataSource(async ds => {
            // a first catch-up fills empty history tables: their query indexes are built once at the head
            if (prev.height < o.startBlock) o.log.info(`deferred ${await deferIndexes(ds)} secondary indexes and foreign keys of the history tables until the head`)
            return watchedSet((sql, p) => ds.query(sql, p), o.chainId, o.configured)
        })
        // the next window is fetched while this one is handled; its size follows the logs per block seen so far
        const sizes = new WindowSizer(o.windowBlocks)
        const fetchFrom = (start: number, w: WatchedSet, rampFrom: number | null) => fetchWindow(o, w, start, Math.min(target, start + sizes.next() - 1), rampFrom)
        let next: Promise<Window> | undefined = fetchFrom(from, watched, 1)
        while (next) {
            const w = await withLogsOf(o, await next, watched)
            next = w.to < target ? fetchFrom(w.to + 1, watched, sizes.rampFrom(w)) : undefined
            // a prefetch failing while this window is handled is reported when awaited, not as an unhandled rejection
            next?.catch(() => undefined)
            await o.db.transact({prevHead: prev, nextHead: w.last}, async store => {
                await o.handler({store, log: o.log, client: o.client, blocks: byBlock(w.logs, w.last)})
                // contracts discovered in this window are fetched from the next one on (their logs here were backfilled)
                watched = await watchedSet((sql, p) => entityManagerOf(store).query(sql, p), o.chainId, o.configured)
            })
            // a window that found contracts held more logs than it fetched (the handler backfilled theirs): the
            // density is low there, and the next fetch ramps and stops at MAX_WINDOW_LOGS all the same
            sizes.saw(w.to - w.from + 1, w.logs.length, !w.cut && watched.addresses.length === w.watched.addresses.length)
            o.log.info(`caught up to block ${w.to}: ${w.logs.length} logs of ${watched.addresses.length} watched contracts`)
            prev = w.last
        }
        return prev.height
    } finally {
        await o.db.disconnect()
    }
}

/** One catch-up window as fetched, and the contracts it was fetched for. */
interface Window {
    from: number
    to: number
    logs: SourceLog[]
    last: {height: number; hash: string; timestamp: number}
    /** ended before the block it was sized for: denser than expected */
    cut: boolean
    watched: WatchedSet
}

/**
 * The logs of `watched` from `from`, up to `upTo` or earlier where they pass MAX_WINDOW_LOGS (the window then
 * ends at whole blocks, so that its transactions and rows stay bounded in memory). `rampFrom` (blocks): the
 * ranges asked start there and double, so that where the density jumps (a token just found, a quiet token
 * starting to trade) no eth_getLogs answer is large, even from a node without a result cap (see WindowSizer.rampFrom).
 */
async function fetchWindow(o: CatchUpOptions, watched: WatchedSet, from: number, upTo: number, rampFrom: number | null): Promise<Window> {
    let {logs: found, to} = await matchLogsUpTo(o.client, filtersOf(watched), from, upTo, o.limits, {enough: MAX_WINDOW_LOGS + 1, rampFrom})
    const cut = to < upTo || found.length > MAX_WINDOW_LOGS
    if (found.length > MAX_WINDOW_LOGS) {
        const first = found[MAX_WINDOW_LOGS]!.blockNumber
        to = first > from ? first - 1 : from
        found = found.filter(l => l.blockNumber <= to)
    }
    const [logs, last] = await Promise.all([withSenders(o.client, found, o.limits), blockHeader(o.client, to, o.limits)])
    return {from, to, logs, last, watched, cut}
}

/** The window with the logs of the contracts watched since it was fetched (found by the window before it). */
async function withLogsOf(o: CatchUpOptions, w: Window, watched: WatchedSet): Promise<Window> {
    const added = (all: string[], before: string[]) => {
        const had = new Set(before)
        return all.filter(a => !had.has(a))
    }
    const more = {addresses: added(watched.addresses, w.watched.addresses), tokens: added(watched.tokens, w.watched.tokens), factories: added(watched.factories, w.watched.factories)}
    if (more.addresses.length === 0) return w
    return {...w, logs: mergeLogs(w.logs, await backfillLogs(o.client, filtersOf(more), w.from, w.to, o.limits)), watched}
}

/** The window's logs grouped into blocks, ending with the window's last block (the new head) even without logs. */
export function byBlock(logs: readonly SourceLog[], last: {height: number; hash: string; timestamp: number}): IngestBatch['blocks'] {
    const blocks: IngestBatch['blocks'] = []
    for (const log of logs) {
        const current = blocks.at(-1)
        if (current?.header.height === log.block.height) current.logs.push(log)
        else blocks.push({header: log.block, logs: [log]})
    }
    if (blocks.at(-1)?.header.height !== last.height) blocks.push({header: last, logs: []})
    return blocks
}

async function blockHeader(client: RpcClient, height: number, limits: NodeLimits): Promise<{height: number; hash: string; timestamp: number}> {
    const [block] = await batchCall<{hash: string; timestamp: string} | null>(client, [{method: 'eth_getBlockByNumber', params: [toQuantity(height), false]}], limits)
    if (block == null) throw new Error(`the node has no block ${height} although its head is past it`)
    return {height, hash: block.hash, timestamp: Number(block.timestamp) * 1000}
}

type Query = (sql: string, params: unknown[]) => Promise<{address: string; kind: string}[]>

/** The contracts watched or configured: what the catch-up and a portal ask for. */
export async function watchedSet(query: Query, chainId: number, configured: CatchUpOptions['configured']): Promise<WatchedSet> {
    const rows = await query('SELECT address, kind FROM watched_contract WHERE chain_id = $1', [chainId])
    const ofKind = (kind: ContractKind, more: readonly string[]) => [...new Set([...more, ...rows.filter(r => r.kind === kind).map(r => r.address)])]
    const tokens = ofKind(ContractKind.TOKEN, configured.tokens)
    const factories = ofKind(ContractKind.FACTORY, configured.factories)
    const addresses = [...new Set([...tokens, ...factories, ...configured.distributionManagers, ...rows.map(r => r.address)])]
    return {addresses, tokens, factories}
}

/** What a window asks the node for: the logs of every contract watched, and the events that reveal new ones. */
function filtersOf(w: WatchedSet): LogFilter[] {
    return [{address: w.addresses}, ...selfDiscoveryFilters(w.tokens, w.factories)]
}
