import {batchCall, getLogs, NodeLimits, RpcBatchClient, toQuantity} from '../rpc/nodeLimits'

/** A log as the mapping needs it; the processor's logs and backfilled ones both fit. */
export interface SourceLog {
    id: string
    address: string
    topics: string[]
    data: string
    logIndex: number
    transactionHash: string
    block: {height: number; hash: string; timestamp: number}
    transaction?: {from: string; sighash?: string; input?: string}
}

/**
 * The earlier logs of contracts discovered in this batch. A contract often acts before anything we
 * watch points to it (an identity gets its KYC claim before it is registered; a module is set up
 * before it is bound): those logs are read once, at discovery, with their blocks and senders.
 */
export async function backfillLogs(client: RpcBatchClient, addresses: string[], fromBlock: number, toBlock: number, limits: NodeLimits): Promise<SourceLog[]> {
    const found = await getLogs(client, {addresses, fromBlock, toBlock}, limits)
    if (found.length === 0) return []

    const blocks = [...new Set(found.map(l => l.blockNumber))]
    const txs = [...new Set(found.map(l => l.transactionHash))]
    const [headers, transactions] = await Promise.all([
        batchCall<{timestamp: string} | null>(client, blocks.map(b => ({method: 'eth_getBlockByNumber', params: [toQuantity(b), false]})), limits),
        batchCall<{from: string; input: string} | null>(client, txs.map(h => ({method: 'eth_getTransactionByHash', params: [h]})), limits),
    ])
    const timestamp = new Map(blocks.map((b, i) => [b, Number(known(headers[i], `block ${b}`).timestamp) * 1000]))
    const sender = new Map(txs.map((h, i) => [h, known(transactions[i], `transaction ${h}`)]))
    return found.map(l => {
        const tx = sender.get(l.transactionHash)!
        return {
            id: `backfill-${l.blockNumber}-${l.logIndex}`,
            address: l.address,
            topics: l.topics,
            data: l.data,
            logIndex: l.logIndex,
            transactionHash: l.transactionHash,
            block: {height: l.blockNumber, hash: l.blockHash, timestamp: timestamp.get(l.blockNumber)!},
            transaction: {from: tx.from.toLowerCase(), sighash: tx.input.length >= 10 ? tx.input.slice(0, 10) : undefined, input: tx.input},
        }
    })
}

/** A block or transaction a log pointed to; the node answering null means it lost it (a reorg): fail the batch, it is retried. */
function known<T>(value: T | null | undefined, what: string): T {
    if (value == null) throw new Error(`the node no longer knows ${what}, which a log it just returned came from (a reorg?)`)
    return value
}
