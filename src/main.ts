import {Logger} from '@subsquid/logger'
import {Store} from '@subsquid/typeorm-store'
import {applyContext, applyEvent, storageOf, wantAuditParties, wantRows} from './mapping/apply'
import {SourceLog} from './mapping/backfill'
import {BatchSplit, splitter} from './mapping/batchSplit'
import {saveHead, saveIndexedBlocks} from './mapping/blocks'
import {decodeAll} from './mapping/decode'
import {discoverWithHistory, DiscoveryConfig} from './mapping/discover'
import {discoveriesOf} from './mapping/discovery'
import {loadExpiring, settleDistributionStatuses} from './mapping/distribution'
import {computeEntitlements} from './mapping/entitlements'
import {loadIdentityRowsByContent} from './mapping/identity'
import {ContractRegistry} from './mapping/registry'
import {BatchState} from './mapping/state'
import {NodeLimits, RpcBatchClient} from './rpc/nodeLimits'
import {VerificationTracker} from './mapping/verification'
import {CallTraces, TraceMode} from './mapping/traces'
import {readViews} from './mapping/views'

export interface HandlerConfig extends DiscoveryConfig {
    chainId: number
    traces: TraceMode
    /** what we ask of the node at most in our own requests (backfills, views, verification) */
    nodeLimits: NodeLimits
}

/** Consecutive blocks to index in one transaction, from the Subsquid processor or from the catch-up by address. */
export interface IngestBatch {
    store: Store
    log: Logger
    /** the node, for the reads events do not carry (views, backfills, verification) */
    client: RpcBatchClient
    /** in height order; the last one is the new head, with or without logs */
    blocks: {header: {height: number; hash: string; timestamp: number}; logs: SourceLog[]}[]
}

/** Handles one batch; resolves to the number of contracts it started watching. */
export type Handler = (batch: IngestBatch) => Promise<number>

/** The batch handler: discover contracts, decode every log once, apply in memory, save in bulk. */
export function createHandler(cfg: HandlerConfig): Handler {
    const registry = new ContractRegistry(cfg.chainId)
    const traces = new CallTraces(cfg.traces)
    return batch => handleBatch(batch, registry, traces, cfg)
}

/**
 * The handler for the processor's batches: with BATCH_SPLIT (tests), each is cut smaller and handled
 * part by part in its transaction (the processor's batches hold every log of their blocks, so a part
 * misses nothing a separate batch would have).
 */
export function splitBatches(handler: Handler, split: BatchSplit): Handler {
    const cut = splitter(split)
    return async batch => {
        let discovered = 0
        for (const blocks of cut(batch.blocks)) if (blocks.length > 0) discovered += await handler({...batch, blocks})
        return discovered
    }
}

async function handleBatch({store, log, client, blocks}: IngestBatch, registry: ContractRegistry, traces: CallTraces, cfg: HandlerConfig): Promise<number> {
    const head = blocks.at(-1)!.header
    await registry.refresh(store, blocks[0]!.header.height, head.height)
    const state = await BatchState.load(store, cfg.chainId, t => storageOf(registry, t))

    // decode: the batch's logs with the earlier ones of contracts it reveals, each decoded once
    const logs = await discoverWithHistory(client, blocks.flatMap(b => b.logs), registry, state, cfg, head.height)
    // events made through another contract (an AgentManager, a multisig) are told apart by the call that reached the contract
    const events = await traces.attach(client, decodeAll(logs, registry, state, log), registry, log)

    // load: every row the events touch, in bulk, and the views the events do not carry
    const linkedStorages = [...new Set(events.flatMap(ev => discoveriesOf(ev)).filter(d => d.linkFrom?.field === 'identityStorage').map(d => d.address))]
    for (const ev of events) wantRows(state, registry, linkedStorages, ev)
    await state.loadWanted(store)
    wantAuditParties(state, registry, linkedStorages, events)
    await state.loadWanted(store)
    await loadIdentityRowsByContent(store, state, events)
    await state.loadInvestors(store)
    await loadExpiring(store, state, head.timestamp)
    const reads = await readViews(client, state, events, cfg.nodeLimits)

    // apply: in memory, in chain order
    const verification = new VerificationTracker(registry)
    const apply = applyContext(state, registry, verification, reads, events)
    const created = events.flatMap(ev => applyEvent(apply, ev) ?? [])
    await verification.apply(store, client, state, cfg.nodeLimits)
    settleDistributionStatuses(state, head.timestamp)

    // save: one statement per table
    await state.save(store)
    await saveIndexedBlocks(store, cfg.chainId, events)
    await saveHead(store, cfg.chainId, head)
    await computeEntitlements(store, created, head.height)
    return state.newContracts.length
}
