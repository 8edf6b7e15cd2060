import {Distribution, FactKind, Token, ContractKind} from '../model'
import {auditEventOf, auditParties} from './audit'
import {discoveriesOf} from './discovery'
import {applyErc1400Event, erc1400AuditParties, wantErc1400Rows} from './erc1400/apply'
import {applyDistributionEvent, distributionEntityId, wantDistributionRows} from './distribution'
import {ChainEvent} from './events'
import {applyGovernanceEvent, wantGovernanceRows} from './governance'
import {applyIdentityEvent, identityWalletId, investorOf, wantIdentityRows} from './identity'
import {auditedWalletOf} from './identityChange'
import {applyImplementationAuthorityEvent, updatedVersion} from './implementationAuthority'
import {ContractRegistry} from './registry'
import {ZERO_ADDRESS} from './rules'
import {BatchState} from './state'
import {applyTokenEvent, recordTokenInfo, wantTokenRows} from './token'
import {infoKey} from './tokenInfo'
import {VerificationTracker} from './verification'
import {ViewReads} from './views'

/** The distribution a DistributionManager event is about (every one of its events names it by id). */
const distributionOf = (state: BatchState, ev: ChainEvent): string => distributionEntityId(state.chainId, ev.contract, BigInt(String(ev.params.id)))

/** The token an event is about: the token itself, the token of a registry or compliance, a module's compliance's token. */
function tokenOf(state: BatchState, ev: ChainEvent): Token | undefined {
    switch (ev.kind) {
        case ContractKind.TOKEN:
        case ContractKind.ERC1400_TOKEN:
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
                ?? state.tokens.get(state.distributions.get(distributionOf(state, ev))?.tokenAddress ?? '')
        case ContractKind.IMPLEMENTATION_AUTHORITY:
            return state.tokens.get(String(ev.params._token ?? '').toLowerCase())
        case ContractKind.ID_FACTORY:
            return state.tokens.get(String(ev.params.token ?? '').toLowerCase())
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

export function storageOf(registry: ContractRegistry, token: Token | undefined): string | null {
    return token?.identityRegistry ? registry.get(token.identityRegistry)?.identityStorage ?? null : null
}

export function wantRows(state: BatchState, registry: ContractRegistry, linkedStorages: readonly string[], ev: ChainEvent): void {
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
    if (ev.kind === ContractKind.ERC1400_TOKEN) wantErc1400Rows(state, ev)
    wantIdentityRows(state, ev)
    wantGovernanceRows(state, ev)
    wantDistributionRows(state, ev)
}

/**
 * The audit rows name the investors behind their parties: their registrations load whatever the batch.
 * Called after `wantRows`' rows are loaded, since a payout event names its token only through its
 * distribution, loaded then or created earlier in the batch.
 */
export function wantAuditParties(state: BatchState, registry: ContractRegistry, linkedStorages: readonly string[], events: readonly ChainEvent[]): void {
    const createdTokens = new Map<string, Token>()
    for (const ev of events) {
        if (ev.kind === ContractKind.DISTRIBUTION_MANAGER && ev.name === 'DistributionCreated') {
            const token = state.tokens.get(String(ev.params.token).toLowerCase())
            if (token) createdTokens.set(distributionOf(state, ev), token)
        }
        const token = tokenOf(state, ev)
            ?? (ev.kind === ContractKind.DISTRIBUTION_MANAGER ? createdTokens.get(distributionOf(state, ev)) : undefined)
        const storage = storageOf(registry, token)
        const storages = token == null ? [] : storage ? [storage, ...linkedStorages] : linkedStorages
        for (const w of Object.values(auditParties(ev))) for (const s of storages) if (w) state.identityWallets.want(identityWalletId(state.chainId, s, w))
    }
}

/** What applying one batch's events needs besides the event: built once per batch, not per log. */
export interface ApplyContext {
    state: BatchState
    registry: ContractRegistry
    verification: VerificationTracker
    reads: ViewReads
    /** per transaction: the names of its watched events (classification falls back to them) */
    txEvents: Map<string, Set<string>>
    /** per transaction: the tokens discovered in this batch that it created */
    createdTokens: Map<string, Token[]>
}

export function applyContext(state: BatchState, registry: ContractRegistry, verification: VerificationTracker, reads: ViewReads, events: ChainEvent[]): ApplyContext {
    const txEvents = new Map<string, Set<string>>()
    for (const ev of events) {
        let s = txEvents.get(ev.txHash)
        if (!s) txEvents.set(ev.txHash, s = new Set())
        s.add(ev.name)
    }
    const createdTokens = new Map<string, Token[]>()
    for (const c of state.newContracts) {
        const t = c.kind === ContractKind.TOKEN || c.kind === ContractKind.ERC1400_TOKEN ? state.tokens.get(c.address) : undefined
        if (t?.createdTxHash) createdTokens.set(t.createdTxHash, [...createdTokens.get(t.createdTxHash) ?? [], t])
    }
    return {state, registry, verification, reads, txEvents, createdTokens}
}

export function applyEvent({state, registry, verification, reads, txEvents, createdTokens}: ApplyContext, ev: ChainEvent): Distribution | undefined {
    const contract = registry.get(ev.contract)!
    const token = tokenOf(state, ev)
    let transfer
    if (ev.kind === ContractKind.TOKEN) {
        transfer = applyTokenEvent(state, ev, txEvents.get(ev.txHash) ?? new Set(), (t, block) => {
            const i = reads.info.get(infoKey(t, block))
            return i && {name: i.name ?? null, symbol: i.symbol ?? null}
        })
    }
    if (ev.kind === ContractKind.ERC1400_TOKEN) transfer = applyErc1400Event(state, ev)
    // A token found in this batch has its information from the first event of the transaction that created it.
    for (const t of createdTokens.get(ev.txHash) ?? []) {
        if (!state.facts.has(FactKind.TOKEN_INFO, t.address, '')) recordTokenInfo(state, t, ev)
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
        stored: reads.stored,
    })
    verification.note(ev, affected)
    applyGovernanceEvent(state, ev, contract, token)
    applyImplementationAuthorityEvent(state, ev, reads.versions, token)
    const created = applyDistributionEvent(state, ev)
    const storage = storageOf(registry, token)
    const audit = auditEventOf(ev, {
        chainId: state.chainId,
        token,
        transfer,
        identityChange: auditedWalletOf(ev, ev.kind === ContractKind.IDENTITY_REGISTRY_STORAGE ? ev.contract : contract.identityStorage, state.movedWallets),
        investorOf: wallet => (wallet && wallet !== ZERO_ADDRESS ? investorOf(state, storage, wallet) : null),
    })
    if (ev.name === 'UpdatedTokenInformation' && token) {
        // The event carries name and symbol as hashes (indexed strings): the row names them as read at that block.
        const p = audit.params as Record<string, unknown>
        audit.params = {...p, _newNameHash: p._newName, _newSymbolHash: p._newSymbol, _newName: token.name, _newSymbol: token.symbol}
    }
    if (ev.kind === ContractKind.IMPLEMENTATION_AUTHORITY && ev.name === 'VersionUpdated') {
        // The event carries the version as a hash (an indexed struct): the row names it as read at that block.
        audit.params = {...audit.params as Record<string, unknown>, versionHash: ev.params.version, version: updatedVersion(ev, reads.versions)}
    }
    if (ev.kind === ContractKind.ERC1400_TOKEN) Object.assign(audit, erc1400AuditParties(ev, state.erc1400.plan))
    state.audit.push(audit)
    return created
}
