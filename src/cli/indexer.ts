// The indexer itself (run by cli/process.ts, its supervisor): checks, migrations, then the processor.
import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {ConfigError, IndexerConfig, indexerConfig, redactUrl} from '../config'
import {applyMigrations, describeDatabase, guardChain, guardFinalized, poolConfig, withDataSource} from '../db'
import {holdIndexerPresence} from '../indexerPresence'
import {EXIT, exitWithError} from '../errors'
import {locateDatabase, useDevChain} from '../localStack'
import {createHandler, Handler, splitBatches} from '../main'
import {windowSizes} from '../mapping/batchSplit'
import {IndexerStore} from '../indexerStore'
import {createProcessor} from '../processor'
import {serveProcessorMetrics} from '../metrics'
import {catchUp, watchedSet} from '../ingest/catchUp'
import {buildDeferredIndexes} from '../ingest/deferredIndexes'
import {RpcClient} from '@subsquid/rpc-client'
import {startupRetries, withRetry} from '../retry'
import {blockHashAt, readChainIdentity} from '../rpc'

const log = createLogger('abst:indexer')

async function main(): Promise<void> {
    useDevChain()
    locateDatabase()
    const cfg = indexerConfig()
    const attempts = startupRetries()
    const chain = await withRetry({attempts, what: `RPC ${redactUrl(cfg.rpcUrl)}`, log: m => log.warn(m)}, () => readChainIdentity(cfg.rpcUrl))
    if (cfg.chainId != null && cfg.chainId !== chain.chainId) {
        throw new ConfigError(`CHAIN_ID=${cfg.chainId} but ${redactUrl(cfg.rpcUrl)} serves chain ${chain.chainId}`)
    }
    const applied = await withRetry({attempts, what: `database ${describeDatabase()}`, log: m => log.warn(m)}, applyMigrations)
    if (applied > 0) log.info(`applied ${applied} migration(s)`)
    // the API's readiness sees a running indexer by this lock (src/indexerPresence.ts)
    if (!await holdIndexerPresence(poolConfig(), m => log.warn(m))) log.warn('another indexer of this database holds the presence lock')
    await guardChain(chain.chainId, chain.genesisHash, cfg.startBlock)
    await guardFinalized(height => blockHashAt(cfg.rpcUrl, height))
    log.info(`indexing chain ${chain.chainId} (head ${chain.head}) from block ${cfg.startBlock}: ` +
        `${cfg.factories.length} factory(ies), ${cfg.tokens.length} listed token(s), database ${describeDatabase()}`)

    if (cfg.batchSplit.mode !== 'none') log.warn(`BATCH_SPLIT=${cfg.batchSplit.mode}: every batch is cut into smaller ones (a test setting)`)
    if (cfg.traces === 'off') log.warn('RPC_TRACES=off: transfers made through contracts are classified by the transaction\'s selector and events (classifiedBy TX_SELECTOR / TX_EVENTS), and identity changes by the storage read at their block (STORAGE_READ)')
    const handler = createHandler({chainId: chain.chainId, startBlock: cfg.startBlock, factories: new Set(cfg.factories), listedTokens: new Set(cfg.tokens), erc1400Tokens: new Set(cfg.erc1400Tokens), distributionManagers: new Set(cfg.distributionManagers), traces: cfg.traces, nodeLimits: cfg.nodeLimits})
    // Over RPC the processor would fetch every block of the chain: history is read by address first. A portal filters by itself.
    if (cfg.portalUrl == null && cfg.catchUpWindow > 0) await catchUpByAddress(cfg, chain.chainId, handler)
    // before any hot block: the indexes a first catch-up deferred, or those a crash left unbuilt
    const built = await withDataSource(ds => buildDeferredIndexes(ds, log))
    if (built > 0) log.info(`built ${built} deferred indexes and foreign keys: the index is at the head`)
    const watched = cfg.portalUrl ? await withDataSource(ds => watchedSet((sql, p) => ds.query(sql, p), chain.chainId, configuredContracts(cfg))) : undefined
    const handle = splitBatches(handler, cfg.batchSplit)
    serveProcessorMetrics(cfg.metrics)
    let restart = false
    createProcessor(cfg, watched).run(new IndexerStore(log), async ctx => {
        if (restart) {
            // the previous batch committed; this one would miss the logs of the contracts it found
            log.info('discovery found contracts the portal is not asked for yet: restarting with them')
            process.exit(EXIT.restart)
        }
        const found = await handle({store: ctx.store, log: ctx.log, client: ctx._chain.client, blocks: ctx.blocks})
        restart = watched != null && found > 0
    })
}

async function catchUpByAddress(cfg: IndexerConfig, chainId: number, handler: Handler): Promise<void> {
    const client = new RpcClient({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: cfg.nodeLimits.maxBatch, requestTimeout: cfg.rpcRequestTimeoutMs, retryAttempts: 10, log})
    try {
        await catchUp({
            db: new IndexerStore(log), handler, client, log, chainId, startBlock: cfg.startBlock, finality: cfg.finalityConfirmation,
            configured: configuredContracts(cfg), limits: cfg.nodeLimits, windowBlocks: windowSizes(cfg.batchSplit, cfg.catchUpWindow),
        })
    } finally {
        client.close()
    }
}

/** The configured contracts to watch: ERC-1400 tokens are asked for, and reveal distributions, like listed T-REX tokens. */
function configuredContracts(cfg: IndexerConfig): IndexerConfig {
    return {...cfg, tokens: [...cfg.tokens, ...cfg.erc1400Tokens]}
}

main().catch(err => exitWithError(log, err))
