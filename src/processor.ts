import {
    BlockHeader,
    DataHandlerContext,
    EvmBatchProcessor,
    EvmBatchProcessorFields,
    Log as _Log,
    Transaction as _Transaction,
} from '@subsquid/evm-processor'
import {Store} from '@subsquid/typeorm-store'
import * as factoryAbi from './abi/TREXFactory'
import {IndexerConfig} from './config'
import {TOKEN_TOPICS} from './mapping/token'

const fields = {
    log: {transactionHash: true, topics: true, data: true},
    transaction: {from: true, hash: true, sighash: true},
} as const

/**
 * With factories configured, token logs are requested by topic from every address: tokens are
 * only known once discovered, and the handler drops logs of addresses it does not know.
 */
export function createProcessor(cfg: IndexerConfig) {
    const processor = new EvmBatchProcessor()
        .setRpcEndpoint({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: 100, rateLimit: undefined})
        .setRpcDataIngestionSettings({headPollInterval: 1000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.startBlock})
        .setFields(fields)
    if (cfg.portalUrl) processor.setGateway(cfg.portalUrl)
    if (cfg.factories.length > 0) {
        processor.addLog({address: cfg.factories, topic0: [factoryAbi.events.TREXSuiteDeployed.topic]})
        processor.addLog({topic0: TOKEN_TOPICS, transaction: true})
    } else {
        processor.addLog({address: cfg.tokens, topic0: TOKEN_TOPICS, transaction: true})
    }
    return processor
}

export type Fields = EvmBatchProcessorFields<ReturnType<typeof createProcessor>>
export type Block = BlockHeader<Fields>
export type Log = _Log<Fields>
export type Transaction = _Transaction<Fields>
export type ProcessorContext = DataHandlerContext<Store, Fields>
