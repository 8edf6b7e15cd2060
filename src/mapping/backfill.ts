import {RpcBatchClient} from './tokenInfo'

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

interface RpcLog {
    address: string
    topics: string[]
    data: string
    logIndex: string
    blockNumber: string
    blockHash: string
    transactionHash: string
}

/** One eth_getLogs filter: by contract addresses, or by topics from any address (each position: a value, any of several, or null for any). */
export interface LogFilter {
    address?: string[]
    topics?: (string | string[] | null)[]
}

/** A log matched by two filters comes once. */
function dedupe(logs: RpcLog[]): RpcLog[] {
    return [...new Map(logs.map(l => [`${l.blockNumber}:${l.logIndex}`, l])).values()]
}

/** Blocks per eth_getLogs: wide ranges with an address filter, within what public nodes accept. */
const RANGE = 50_000

/**
 * The earlier logs of contracts discovered in this batch. A contract often acts before anything we
 * watch points to it (an identity gets its KYC claim before it is registered; a module is set up
 * before it is bound): those logs are read once, at discovery, with their blocks and senders.
 */
export async function backfillLogs(client: RpcBatchClient, filters: LogFilter[], fromBlock: number, toBlock: number): Promise<SourceLog[]> {
    const wanted = filters.filter(f => f.address == null || f.address.length > 0)
    if (wanted.length === 0 || toBlock < fromBlock) return []
    const ranges: [number, number][] = []
    for (let b = fromBlock; b <= toBlock; b += RANGE) ranges.push([b, Math.min(toBlock, b + RANGE - 1)])
    const hex = (n: number) => '0x' + n.toString(16)
    const found = dedupe((await client.batchCall<RpcLog[]>(ranges.flatMap(([from, to]) => wanted.map(f => ({
        method: 'eth_getLogs',
        params: [{...f, fromBlock: hex(from), toBlock: hex(to)}],
    }))))).flat())
    if (found.length === 0) return []

    const blocks = [...new Set(found.map(l => l.blockNumber))]
    const txs = [...new Set(found.map(l => l.transactionHash))]
    const [headers, transactions] = await Promise.all([
        client.batchCall<{timestamp: string}>(blocks.map(b => ({method: 'eth_getBlockByNumber', params: [b, false]}))),
        client.batchCall<{from: string; to: string | null; input: string}>(txs.map(h => ({method: 'eth_getTransactionByHash', params: [h]}))),
    ])
    const timestamp = new Map(blocks.map((b, i) => [b, Number(headers[i]!.timestamp) * 1000]))
    const sender = new Map(txs.map((h, i) => [h, transactions[i]!]))
    return found
        .map(l => {
            const tx = sender.get(l.transactionHash)!
            const height = Number(l.blockNumber)
            return {
                id: `backfill-${height}-${Number(l.logIndex)}`,
                address: l.address.toLowerCase(),
                topics: l.topics,
                data: l.data,
                logIndex: Number(l.logIndex),
                transactionHash: l.transactionHash,
                block: {height, hash: l.blockHash, timestamp: timestamp.get(l.blockNumber)!},
                transaction: {from: tx.from.toLowerCase(), to: tx.to?.toLowerCase(), sighash: tx.input.length >= 10 ? tx.input.slice(0, 10) : undefined, input: tx.input},
            }
        })
        .sort((a, b) => a.block.height - b.block.height || a.logIndex - b.logIndex)
}
