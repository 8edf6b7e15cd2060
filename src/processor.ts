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

const fields = {
    log: {transactionHash: true, topics: true, data: true},
    transaction: {from: true, hash: true, sighash: true, input: true},
} as const

/**
 * Logs are requested by topic from every address: registries, identities, modules and tokens are
 * only known once discovered (from a factory, a token, a registry), and the handler drops the logs
 * of addresses it does not watch.
 */
export function createProcessor(cfg: IndexerConfig) {
    const processor = new EvmBatchProcessor()
        // the SDK's batches obey RPC_MAX_BATCH too: a node capping batches caps them all
        .setRpcEndpoint({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: cfg.nodeLimits.maxBatch, rateLimit: undefined, requestTimeout: cfg.rpcRequestTimeoutMs})
        .setRpcDataIngestionSettings({headPollInterval: 1000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.startBlock})
        .setFields(fields)
    if (cfg.portalUrl) processor.setGateway(cfg.portalUrl)
    processor.addLog({topic0: ALL_TOPICS, transaction: true})
    return processor
}

export type Fields = EvmBatchProcessorFields<ReturnType<typeof createProcessor>>
export type Block = BlockHeader<Fields>
export type Log = _Log<Fields>
export type Transaction = _Transaction<Fields>
export type ProcessorContext = DataHandlerContext<Store, Fields>
