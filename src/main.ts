import {functions as irs} from './abi/IdentityRegistryStorage'
import {logId} from './ids'
import {ContractKind, Distribution, FactKind, SkippedLog, Token} from './model'
import {auditEventOf, auditParties} from './mapping/audit'
import {backfillLogs, SourceLog} from './mapping/backfill'
import {decodeEvent} from './mapping/catalog'
import {discoveriesOf, selfDiscovery} from './mapping/discovery'
import {applyDistributionEvent, distributionEntityId, wantDistributionRows} from './mapping/distribution'
import {computeEntitlements} from './mapping/entitlements'
import {ChainEvent} from './mapping/events'
import {applyTokenInfo, newToken} from './mapping/factory'
import {applyGovernanceEvent, wantGovernanceRows} from './mapping/governance'
import {applyIdentityEvent, identityWalletId, investorOf, loadIdentityRowsByContent, wantIdentityRows} from './mapping/identity'
import {ContractRegistry, Provenance} from './mapping/registry'
import {BatchState} from './mapping/state'
import {applyTokenEvent, recordTokenInfo, wantTokenRows} from './mapping/token'
import {ALL_FIELDS, fetchTokenInfo, infoKey, NAME_AND_SYMBOL, TokenInfo} from './mapping/tokenInfo'
import {ZERO_ADDRESS} from './mapping/rules'
import {VerificationTracker} from './mapping/verification'
import {ProcessorContext} from './processor'
import {BatchSplit, splitter} from './mapping/batchSplit'
import {saveHead, saveIndexedBlocks} from './mapping/blocks'
import {batchCall, NodeLimits, RpcBatchClient} from './rpc/nodeLimits'

export interface HandlerConfig {
    chainId: number
    startBlock: number
    factories: ReadonlySet<string>
    listedTokens: ReadonlySet<string>
    distributionManagers: ReadonlySet<string>
    batchSplit: BatchSplit
    /** what we ask of the node at most in our own requests (backfills, views) */
    nodeLimits: NodeLimits
}

/** The batch handler: discover contracts, decode every log once, apply in memory, save in bulk. */
export function createHandler(cfg: HandlerConfig) {
    const registry = new ContractRegistry(cfg.chainId)
    const split = splitter(cfg.batchSplit)
    return async (ctx: ProcessorContext): Promise<void> => {
        for (const blocks of split(ctx.blocks)) if (blocks.length > 0) await handleBatch({...ctx, blocks}, registry, cfg)
    }
}

async function handleBatch(ctx: ProcessorContext, registry: ContractRegistry, cfg: HandlerConfig): Promise<void> {
    const blocks = ctx.blocks
    await registry.refresh(ctx.store, blocks[0]!.header.height, blocks.at(-1)!.header.height)
    const state = await BatchState.load(ctx.store, cfg.chainId, t => storageOf(registry, t))

    const logs = await discoverWithHistory(ctx, blocks.flatMap(b => b.logs), registry, state, cfg)
    const events = decodeAll(logs, registry, state, ctx)

    const linkedStorages = [...new Set(events.flatMap(ev => discoveriesOf(ev)).filter(d => d.linkFrom?.field === 'identityStorage').map(d => d.address))]
    for (const ev of events) wantRows(state, registry, linkedStorages, ev)
    await state.loadWanted(ctx.store)
    await loadIdentityRowsByContent(ctx.store, state, events)
    await state.loadInvestors(ctx.store)
    const reads = await readViews(ctx._chain.client, state, events, cfg.nodeLimits)

    const verification = new VerificationTracker(registry)
    const txEvents = eventsByTx(events)
    const created = events.flatMap(ev => applyEvent(state, registry, verification, reads, txEvents, ev) ?? [])
    await verification.apply(ctx.store, ctx._chain.client, state, cfg.nodeLimits)

    await state.save(ctx.store)
    await saveIndexedBlocks(ctx.store, cfg.chainId, events)
    await saveHead(ctx.store, cfg.chainId, blocks.at(-1)!.header)
    await computeEntitlements(ctx.store, created, blocks.at(-1)!.header.height)
}

/**
 * The batch's logs, preceded by the earlier logs of every contract first watched in this batch,
 * until those reveal nothing more.
 */
async function discoverWithHistory(ctx: ProcessorContext, batch: SourceLog[], registry: ContractRegistry, state: BatchState, cfg: HandlerConfig): Promise<SourceLog[]> {
    const firstBlock = ctx.blocks[0]!.header.height
    let history: SourceLog[] = []
    let backfilled = 0
    for (let round = 0; round < 5; round++) {
        discover([...history, ...batch], registry, state, cfg)
        const fresh = state.newContracts.slice(backfilled).map(c => c.address)
        backfilled = state.newContracts.length
        const earlier = await backfillLogs(ctx._chain.client, fresh, cfg.startBlock, firstBlock - 1, cfg.nodeLimits)
        if (earlier.length === 0) break
        history = [...history, ...earlier].sort((a, b) => a.block.height - b.block.height || a.logIndex - b.logIndex)
    }
    return [...history, ...batch]
}

function provenanceOf(log: SourceLog): Provenance {
    if (log.transaction == null) throw new Error(`log ${log.id} came without its transaction: the processor's log request must set transaction: true`)
    return {
        block: log.block,
        logIndex: log.logIndex,
        txHash: log.transactionHash,
        actor: log.transaction.from,
        sighash: log.transaction.sighash,
        input: log.transaction.input,
    }
}

/**
 * Finds the contracts this batch's logs point to, repeating until nothing new turns up: a
 * contract's initialisation logs precede the event that reveals it (a factory's, a registry's).
 */
function discover(logs: SourceLog[], registry: ContractRegistry, state: BatchState, cfg: HandlerConfig): void {
    for (let round = 0, found = true; found && round < 5; round++) {
        found = false
        for (const log of logs) {
            let kind = registry.get(log.address)?.kind
            if (kind == null && cfg.listedTokens.has(log.address)) {
                found = watchToken(registry, state, log.address, null, 'TOKENS', provenanceOf(log)) || found
                continue
            }
            if (kind == null) {
                const configured = cfg.factories.has(log.address) ? ContractKind.FACTORY
                    : cfg.distributionManagers.has(log.address) ? ContractKind.DISTRIBUTION_MANAGER : undefined
                kind = configured ?? selfDiscovery(log, a => registry.get(a) != null || cfg.factories.has(a))
                if (kind == null) continue
                const by = configured === ContractKind.FACTORY ? 'TREX_FACTORIES' : configured ? 'DISTRIBUTION_MANAGERS' : `${kind} event`
                registry.watch(state, log.address, kind, by, provenanceOf(log))
                found = true
            }
            let decoded
            try {
                decoded = decodeEvent(kind, log)
            } catch {
                continue // recorded as skipped when the batch is decoded
            }
            if (decoded == null) continue
            const ev: ChainEvent = {...provenanceOf(log), contract: log.address, kind, ...decoded}
            for (const d of discoveriesOf(ev)) {
                if (d.kind === ContractKind.TOKEN) {
                    found = watchToken(registry, state, d.address, kind === ContractKind.FACTORY ? log.address : null, `${kind}.${ev.name}`, ev) || found
                } else {
                    const token = d.token ? state.tokens.get(d.token) : undefined
                    found = registry.watch(state, d.address, d.kind, `${kind}.${ev.name}`, ev, token) != null || found
                }
                if (d.linkFrom) {
                    const ir = registry.get(d.linkFrom.registry)
                    if (ir && ir[d.linkFrom.field] == null) registry.link(state, ir, d.linkFrom.field, d.address)
                }
            }
        }
    }
}

function watchToken(registry: ContractRegistry, state: BatchState, address: string, factory: string | null, by: string, at: Provenance): boolean {
    if (registry.get(address)) return false
    const token = newToken(state.chainId, {address, factory, block: at.block, txHash: at.txHash})
    state.addToken(token)
    registry.watch(state, address, ContractKind.TOKEN, by, at, token)
    return true
}

/** Every log of a watched contract, decoded once; a log that does not fit its ABI is kept as skipped. */
function decodeAll(logs: SourceLog[], registry: ContractRegistry, state: BatchState, ctx: ProcessorContext): ChainEvent[] {
    const events: ChainEvent[] = []
    for (const log of logs) {
        const kind = registry.get(log.address)?.kind
        if (kind == null) continue
        try {
            const decoded = decodeEvent(kind, log)
            if (decoded) events.push({...provenanceOf(log), contract: log.address, kind, ...decoded})
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err)
            state.skipped.push(new SkippedLog({
                id: logId(state.chainId, log.block.height, log.logIndex),
                chainId: state.chainId,
                address: log.address,
                topic0: log.topics[0] ?? null,
                blockNumber: log.block.height,
                txHash: log.transactionHash,
                logIndex: log.logIndex,
                reason,
            }))
            ctx.log.warn(`skipped undecodable log ${log.address} at block ${log.block.height} index ${log.logIndex}: ${reason}`)
        }
    }
    return events
}

/** The token an event is about: the token itself, the token of a registry or compliance, a module's compliance's token. */
function tokenOf(state: BatchState, ev: ChainEvent): Token | undefined {
    switch (ev.kind) {
        case ContractKind.TOKEN:
            return state.tokens.get(ev.contract)
        case ContractKind.IDENTITY_REGISTRY:
            return uniqueToken(state, t => t.identityRegistry === ev.contract)
        case ContractKind.COMPLIANCE:
            return uniqueToken(state, t => t.compliance === ev.contract)
        case ContractKind.MODULE: {
            const compliance = String(ev.params._compliance ?? ev.params.compliance ?? '').toLowerCase()
            return compliance ? uniqueToken(state, t => t.compliance === compliance) : undefined
        }
        case ContractKind.DVD_MANAGER:
            return state.tokens.get(String(ev.params.token1 ?? '').toLowerCase())
        case ContractKind.DISTRIBUTION_MANAGER:
            return state.tokens.get(String(ev.params.token ?? '').toLowerCase())
                ?? state.tokens.get(state.distributions.get(distributionEntityId(state.chainId, ev.contract, BigInt(String(ev.params.id))))?.tokenAddress ?? '')
        default:
            return undefined
    }
}

function investorsMoved(state: BatchState, token: Token, block: number): void {
    if (token.holderCount === 0) return
    if (!state.investors.recount.has(token.address)) state.investors.recount.set(token.address, block)
    state.checkpoint(state.token(token.address)!, block)
}

function uniqueToken(state: BatchState, match: (t: Token) => boolean): Token | undefined {
    const found = [...state.tokens.values()].filter(match)
    return found.length === 1 ? found[0] : undefined
}

function storageOf(registry: ContractRegistry, token: Token | undefined): string | null {
    return token?.identityRegistry ? registry.get(token.identityRegistry)?.identityStorage ?? null : null
}

function wantRows(state: BatchState, registry: ContractRegistry, linkedStorages: readonly string[], ev: ChainEvent): void {
    if (ev.kind === ContractKind.TOKEN) {
        wantTokenRows(state, ev)
        const storage = storageOf(registry, state.tokens.get(ev.contract))
        // A registry links to its storage only when the batch's events apply: until then, want the row in every storage linked in this batch.
        const storages = storage ? [storage] : linkedStorages
        for (const p of ['from', 'to', '_userAddress', '_lostWallet', '_newWallet']) {
            const w = ev.params[p]
            if (typeof w === 'string') for (const s of storages) state.identityWallets.want(identityWalletId(state.chainId, s, w.toLowerCase()))
        }
    }
    // The audit row names the investors behind its parties: their registrations load whatever the batch.
    const token = tokenOf(state, ev)
    const storage = storageOf(registry, token)
    const storages = token == null ? [] : storage ? [storage, ...linkedStorages] : linkedStorages
    for (const w of Object.values(auditParties(ev))) for (const s of storages) if (w) state.identityWallets.want(identityWalletId(state.chainId, s, w))
    wantIdentityRows(state, ev)
    wantGovernanceRows(state, ev)
    wantDistributionRows(state, ev)
}

interface ViewReads {
    info: Map<string, Partial<TokenInfo>>
    countries: Map<string, number>
}

/** One round of JSON-RPC batches for the views events do not carry: token names at discovery and renames, stored countries. */
async function readViews(client: RpcBatchClient, state: BatchState, events: ChainEvent[], limits: NodeLimits): Promise<ViewReads> {
    const discovered = state.newContracts.filter(c => c.kind === ContractKind.TOKEN).map(c => state.tokens.get(c.address)!)
    const requests = [
        ...discovered.map(t => ({token: t.address, block: t.createdAtBlock, fields: ALL_FIELDS})),
        ...events.filter(ev => ev.kind === ContractKind.TOKEN && ev.name === 'UpdatedTokenInformation')
            .map(ev => ({token: ev.contract, block: ev.block.height, fields: NAME_AND_SYMBOL})),
    ]
    const stored = events.filter(ev => ev.kind === ContractKind.IDENTITY_REGISTRY_STORAGE && ev.name === 'IdentityStored')
    const [info, countryHex] = await Promise.all([
        fetchTokenInfo(client, requests, limits),
        batchCall<string | null>(client, stored.map(ev => ({
            method: 'eth_call',
            params: [{to: ev.contract, data: irs.storedInvestorCountry.encode({_userAddress: String(ev.params.investorAddress)})}, '0x' + ev.block.height.toString(16)],
        })), limits, {validateError: () => null}),
    ])
    const countries = new Map<string, number>()
    stored.forEach((ev, i) => {
        const hex = countryHex[i]
        if (hex && hex !== '0x') countries.set(`${ev.contract}-${String(ev.params.investorAddress).toLowerCase()}-${ev.block.height}`, irs.storedInvestorCountry.decodeResult(hex))
    })
    for (const t of discovered) applyTokenInfo(t, info.get(infoKey(t.address, t.createdAtBlock)))
    return {info, countries}
}

function eventsByTx(events: ChainEvent[]): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>()
    for (const ev of events) {
        let s = out.get(ev.txHash)
        if (!s) out.set(ev.txHash, s = new Set())
        s.add(ev.name)
    }
    return out
}

function applyEvent(
    state: BatchState,
    registry: ContractRegistry,
    verification: VerificationTracker,
    reads: ViewReads,
    txEvents: Map<string, Set<string>>,
    ev: ChainEvent,
): Distribution | undefined {
    const contract = registry.get(ev.contract)!
    const token = tokenOf(state, ev)
    let transferKind
    if (ev.kind === ContractKind.TOKEN) {
        transferKind = applyTokenEvent(state, ev, txEvents.get(ev.txHash) ?? new Set(), (t, block) => {
            const i = reads.info.get(infoKey(t, block))
            return i && {name: i.name ?? null, symbol: i.symbol ?? null}
        })
    }
    // A token found in this batch has its information from the first event of the transaction that created it.
    for (const t of state.newContracts) {
        const found = t.kind === ContractKind.TOKEN ? state.tokens.get(t.address) : undefined
        if (found && found.createdTxHash === ev.txHash && !state.facts.has(FactKind.TOKEN_INFO, found.address, '')) recordTokenInfo(state, found, ev)
    }
    for (const d of discoveriesOf(ev)) {
        const ir = d.linkFrom && registry.get(d.linkFrom.registry)
        if (ir && d.linkFrom) {
            registry.link(state, ir, d.linkFrom.field, d.address)
            state.facts.set(FactKind.REGISTRY_LINKS, ir.address, '', {
                identityStorage: ir.identityStorage ?? null, trustedIssuersRegistry: ir.trustedIssuersRegistry ?? null, claimTopicsRegistry: ir.claimTopicsRegistry ?? null,
            }, ev, token)
        }
        if (d.linkFrom?.field === 'identityStorage' || (d.kind === ContractKind.IDENTITY_REGISTRY && ev.kind === ContractKind.TOKEN)) {
            // Investors are now read through another registry or storage: count the token's anew.
            for (const t of state.tokens.values()) {
                if (t.address === d.token || (t.identityRegistry != null && t.identityRegistry === d.linkFrom?.registry)) investorsMoved(state, t, ev.block.height)
            }
        }
    }
    const affected = applyIdentityEvent(state, ev, {
        country: (storage, wallet, block) => reads.countries.get(`${storage}-${wallet}-${block}`),
    })
    verification.note(ev, affected)
    applyGovernanceEvent(state, ev, contract, token)
    const created = applyDistributionEvent(state, ev)
    const storage = storageOf(registry, token)
    const audit = auditEventOf(ev, {
        chainId: state.chainId,
        token,
        transferKind,
        investorOf: wallet => (wallet && wallet !== ZERO_ADDRESS ? investorOf(state, storage, wallet) : null),
    })
    if (ev.name === 'UpdatedTokenInformation' && token) {
        // The event carries name and symbol as hashes (indexed strings): the row names them as read at that block.
        const p = audit.params as Record<string, unknown>
        audit.params = {...p, _newNameHash: p._newName, _newSymbolHash: p._newSymbol, _newName: token.name, _newSymbol: token.symbol}
    }
    state.audit.push(audit)
    return created
}
