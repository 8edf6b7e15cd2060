import {
    BlockHeader,
    DataHandlerContext,
    EvmBatchProcessor,
    EvmBatchProcessorFields,
    Log as _Log,
    Transaction as _Transaction,
} from '@subsquid/evm-processor'
import {Store} from '@subsquid/typeorm-store'
import {IndexerConfig} from './config'
import {ALL_TOPICS} from './mapping/catalog'
import {selfDiscoveryFilters} from './mapping/discovery'

const fields = {
    log: {transactionHash: true, topics: true, data: true},
    transaction: {from: true, to: true, hash: true, sighash: true, input: true},
} as const

/** The contracts watched when the processor starts, for a portal's address filter. */
export interface WatchedSet {
    addresses: string[]
    tokens: string[]
    factories: string[]
}

/**
 * Over RPC, logs are requested by topic from every address (the SDK fetches whole blocks whatever
 * the filter; history is read by address beforehand, see ingest/catchUp.ts) and the handler drops
 * the logs of addresses it does not watch. Through a portal, which filters on its side, logs are
 * requested from the watched addresses and by the events that reveal new contracts; the indexer
 * restarts with a longer list when discovery finds more.
 */
export function createProcessor(cfg: IndexerConfig, watched?: WatchedSet) {
    const processor = new EvmBatchProcessor()
        // the SDK's batches obey RPC_MAX_BATCH too: a node capping batches caps them all
        .setRpcEndpoint({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: cfg.nodeLimits.maxBatch, rateLimit: undefined, requestTimeout: cfg.rpcRequestTimeoutMs})
        .setRpcDataIngestionSettings({headPollInterval: 1000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.startBlock})
        .setFields(fields)
    if (cfg.portalUrl && watched) {
        processor.setGateway(cfg.portalUrl)
        processor.addLog({address: watched.addresses, transaction: true})
        for (const {topics} of selfDiscoveryFilters(watched.tokens, watched.factories)) processor.addLog({...topicFilter(topics), transaction: true})
    } else {
        processor.addLog({topic0: ALL_TOPICS, transaction: true})
    }
    return processor
}

export type Fields = EvmBatchProcessorFields<ReturnType<typeof createProcessor>>
export type Block = BlockHeader<Fields>
export type Log = _Log<Fields>
export type Transaction = _Transaction<Fields>
export type ProcessorContext = DataHandlerContext<Store, Fields>

/** An eth_getLogs topic list as the processor's topic0…topic3 options (null: any). */
function topicFilter(topics: (string | string[] | null)[]): {topic0?: string[]; topic1?: string[]; topic2?: string[]; topic3?: string[]} {
    const at = (i: number) => {
        const t = topics[i]
        return t == null ? undefined : Array.isArray(t) ? t : [t]
    }
    return {topic0: at(0), topic1: at(1), topic2: at(2), topic3: at(3)}
}
