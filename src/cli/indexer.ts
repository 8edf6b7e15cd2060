// The indexer itself (run by cli/process.ts, its supervisor): checks, migrations, then the processor.
import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {ConfigError, indexerConfig, redactUrl} from '../config'
import {applyMigrations, describeDatabase, guardChain, guardFinalized} from '../db'
import {exitWithError} from '../errors'
import {createHandler, splitBatches} from '../main'
import {windowSizes} from '../mapping/batchSplit'
import {IndexerStore} from '../indexerStore'
import {createProcessor} from '../processor'
import {catchUp} from '../ingest/catchUp'
import {RpcClient} from '@subsquid/rpc-client'
import {startupRetries, withRetry} from '../retry'
import {blockHashAt, readChainIdentity} from '../rpc'

const log = createLogger('abst:indexer')

async function main(): Promise<void> {
    const cfg = indexerConfig()
    const attempts = startupRetries()
    const chain = await withRetry({attempts, what: `RPC ${redactUrl(cfg.rpcUrl)}`, log: m => log.warn(m)}, () => readChainIdentity(cfg.rpcUrl))
    if (cfg.chainId != null && cfg.chainId !== chain.chainId) {
        throw new ConfigError(`CHAIN_ID=${cfg.chainId} but ${redactUrl(cfg.rpcUrl)} serves chain ${chain.chainId}`)
    }
    const applied = await withRetry({attempts, what: `database ${describeDatabase()}`, log: m => log.warn(m)}, applyMigrations)
    if (applied > 0) log.info(`applied ${applied} migration(s)`)
    await guardChain(chain.chainId, chain.genesisHash, cfg.startBlock)
    await guardFinalized(height => blockHashAt(cfg.rpcUrl, height))
    log.info(`indexing chain ${chain.chainId} (head ${chain.head}) from block ${cfg.startBlock}: ` +
        `${cfg.factories.length} factory(ies), ${cfg.tokens.length} listed token(s), database ${describeDatabase()}`)

    if (cfg.batchSplit.mode !== 'none') log.warn(`BATCH_SPLIT=${cfg.batchSplit.mode}: every batch is cut into smaller ones (a test setting)`)
    const processor = createProcessor(cfg)
    const handler = createHandler({chainId: chain.chainId, startBlock: cfg.startBlock, factories: new Set(cfg.factories), listedTokens: new Set(cfg.tokens), distributionManagers: new Set(cfg.distributionManagers)})
    // Over RPC the processor would fetch every block of the chain: history is read by address first. A portal filters by itself.
    if (cfg.portalUrl == null && cfg.catchUpWindow > 0) {
        const client = new RpcClient({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: 100, requestTimeout: cfg.rpcRequestTimeoutMs, retryAttempts: 10, log})
        try {
            await catchUp({
                db: new IndexerStore(log), handler, client, log, chainId: chain.chainId, startBlock: cfg.startBlock, finality: cfg.finalityConfirmation,
                configured: cfg, windowBlocks: windowSizes(cfg.batchSplit, cfg.catchUpWindow),
            })
        } finally {
            client.close()
        }
    }
    const handleSplit = splitBatches(handler, cfg.batchSplit)
    processor.run(new IndexerStore(log), ctx => handleSplit({store: ctx.store, log: ctx.log, client: ctx._chain.client, blocks: ctx.blocks}))
}

main().catch(err => exitWithError(log, err))
