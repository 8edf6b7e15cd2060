import {Logger} from '@subsquid/logger'
import {RpcClient} from '@subsquid/rpc-client'
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {withDataSource} from '../db'
import {Handler, IngestBatch} from '../main'
import {backfillLogs, LogFilter, SourceLog} from '../mapping/backfill'
import {selfDiscoveryFilters} from '../mapping/discovery'
import {ContractKind} from '../model'
import {WatchedSet} from '../processor'
import {entityManagerOf} from '../mapping/bulkWrite'
import {batchCall, NodeLimits, toQuantity} from '../rpc/nodeLimits'

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
 * (the processor resumes them) or the gap is small.
 */
export async function catchUp(o: CatchUpOptions): Promise<number> {
    const state = await o.db.connect()
    try {
        if (state.top.length > 0) return state.height
        const [head] = await batchCall<string>(o.client, [{method: 'eth_blockNumber', params: []}], o.limits)
        const target = Number(head) - o.finality
        let prev = {height: state.height, hash: state.hash}
        let from = Math.max(prev.height + 1, o.startBlock)
        if (target - from < MIN_GAP) return prev.height
        o.log.info(`catching up by address after block ${prev.height}: blocks ${from} to ${target}`)
        let watched = await withDataSource(ds => watchedSet((sql, p) => ds.query(sql, p), o.chainId, o.configured))
        while (from <= target) {
            const to = Math.min(target, from + o.windowBlocks() - 1)
            const [logs, last] = await Promise.all([backfillLogs(o.client, filtersOf(watched), from, to, o.limits), blockHeader(o.client, to, o.limits)])
            await o.db.transact({prevHead: prev, nextHead: last}, async store => {
                await o.handler({store, log: o.log, client: o.client, blocks: byBlock(logs, last)})
                // contracts discovered in this window are fetched from the next one on (their logs here were backfilled)
                watched = await watchedSet((sql, p) => entityManagerOf(store).query(sql, p), o.chainId, o.configured)
            })
            o.log.info(`caught up to block ${to}: ${logs.length} logs of ${watched.addresses.length} watched contracts`)
            prev = last
            from = to + 1
        }
        return prev.height
    } finally {
        await o.db.disconnect()
    }
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
