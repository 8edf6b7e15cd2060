// The indexer itself (run by cli/process.ts, its supervisor): checks, migrations, then the processor.
import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {ConfigError, indexerConfig, redactUrl} from '../config'
import {applyMigrations, describeDatabase, guardChain, guardFinalized} from '../db'
import {exitWithError} from '../errors'
import {createHandler} from '../main'
import {IndexerStore} from '../indexerStore'
import {createProcessor} from '../processor'
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
    processor.run(
        new IndexerStore(log),
        createHandler({chainId: chain.chainId, startBlock: cfg.startBlock, factories: new Set(cfg.factories), listedTokens: new Set(cfg.tokens), distributionManagers: new Set(cfg.distributionManagers), batchSplit: cfg.batchSplit, nodeLimits: cfg.nodeLimits}),
    )
}

main().catch(err => exitWithError(log, err))
