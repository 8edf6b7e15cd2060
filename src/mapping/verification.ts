import {Store} from '@subsquid/typeorm-store'
import {In} from 'typeorm'
import {functions as ir} from '../abi/IdentityRegistry'
import {logId} from '../ids'
import {AuditEvent, AuditEventKind, ContractKind, FactKind, IdentityWallet, WalletVerification} from '../model'
import {ChainEvent} from './events'
import {ContractRegistry} from './registry'
import {BatchState} from './state'
import {batchCall, NodeLimits, RpcBatchClient} from '../rpc/nodeLimits'

// A wallet's eligibility (isVerified) depends on its registration, its identity's claims, the issuers'
// revocations and the registries' trusted issuers and topics. Rather than re-implement that rule,
// we ask the identity registry at the block of each event that may have changed it.

interface Trigger {
    ev: ChainEvent
    /** identities whose wallets to re-check, or storages all of whose wallets to re-check */
    identities?: string[]
    storages?: string[]
    wallets?: {storage: string; wallet: string}[]
}

export class VerificationTracker {
    private readonly triggers: Trigger[] = []

    constructor(private readonly registry: ContractRegistry) {}

    note(ev: ChainEvent, affectedIdentities: string[]): void {
        if (affectedIdentities.length > 0) this.triggers.push({ev, identities: affectedIdentities})
        const storagesOf = (field: 'trustedIssuersRegistry' | 'claimTopicsRegistry') =>
            this.registry.registriesUsing(field, ev.contract).map(r => r.identityStorage).filter((s): s is string => s != null)
        switch (ev.kind) {
            case ContractKind.IDENTITY_REGISTRY_STORAGE:
                if ('investorAddress' in ev.params) this.triggers.push({ev, wallets: [{storage: ev.contract, wallet: String(ev.params.investorAddress).toLowerCase()}]})
                return
            case ContractKind.TRUSTED_ISSUERS_REGISTRY:
                this.triggers.push({ev, storages: storagesOf('trustedIssuersRegistry')})
                return
            case ContractKind.CLAIM_TOPICS_REGISTRY:
                this.triggers.push({ev, storages: storagesOf('claimTopicsRegistry')})
                return
        }
    }

    /** Re-reads isVerified where it may have changed, records the changes, and audits each one. */
    async apply(store: Store, client: RpcBatchClient, state: BatchState, limits: NodeLimits): Promise<void> {
        if (this.triggers.length === 0) return
        const checks = (await this.expand(store, state)).flatMap(({storage, wallet, ev}) =>
            this.registry.registriesUsing('identityStorage', storage).map(r => ({ir: r.address, wallet, ev})))
        if (checks.length === 0) return
        const results = await batchCall<string | null>(client, checks.map(c => ({
            method: 'eth_call',
            params: [{to: c.ir, data: ir.isVerified.encode({_userAddress: c.wallet})}, '0x' + c.ev.block.height.toString(16)],
        })), limits, {validateError: () => null})
        const id = (c: {ir: string; wallet: string}) => `${state.chainId}-${c.ir}-${c.wallet}`
        for (const c of checks) state.verifications.want(id(c))
        await state.verifications.load(store)
        checks.forEach((c, i) => {
            const hex = results[i]
            if (hex == null || hex === '0x') return
            const verified = ir.isVerified.decodeResult(hex)
            const before = state.verifications.get(id(c))
            if (before?.verified === verified) return
            const row = state.verifications.upsert(id(c), () => new WalletVerification({id: id(c), chainId: state.chainId, identityRegistry: c.ir, wallet: c.wallet}))
            Object.assign(row, {verified, changedAtBlock: c.ev.block.height, changedAt: new Date(c.ev.block.timestamp)})
            const token = [...state.tokens.values()].find(t => t.identityRegistry === c.ir)
            state.facts.set(FactKind.VERIFIED, c.ir, c.wallet, verified ? {verified} : null, c.ev, token)
            state.audit.push(new AuditEvent({
                id: `${logId(state.chainId, c.ev.block.height, c.ev.logIndex)}-verified-${c.ir}-${c.wallet}`,
                chainId: state.chainId,
                kind: AuditEventKind.VERIFICATION_CHANGED,
                token: token ?? null,
                contract: c.ir,
                contractKind: ContractKind.IDENTITY_REGISTRY,
                subject: c.wallet,
                investor: null,
                counterparty: null,
                counterpartyInvestor: null,
                amount: null,
                actor: c.ev.actor,
                blockNumber: c.ev.block.height,
                timestamp: new Date(c.ev.block.timestamp),
                txHash: c.ev.txHash,
                logIndex: c.ev.logIndex,
                params: {verified, cause: `${c.ev.kind}.${c.ev.name}`, causeContract: c.ev.contract},
            }))
        })
    }

    /**
     * Every (storage, wallet) to re-check, at the end of each block with an event that may have changed it
     * (attributed to that block's last such event), in block order. Checking per block rather than once per
     * batch keeps the recorded changes independent of where batches start and end: an investor registered
     * in two tokens' storages at blocks 46 and 48 became verified at 46 in the first token, whatever the batch.
     */
    private async expand(store: Store, state: BatchState): Promise<{storage: string; wallet: string; ev: ChainEvent}[]> {
        const identities = [...new Set(this.triggers.flatMap(t => t.identities ?? []))]
        const storages = [...new Set(this.triggers.flatMap(t => t.storages ?? []))]
        const rows: IdentityWallet[] = [
            ...(identities.length ? await store.findBy(IdentityWallet, {investor: In(identities)}) : []),
            ...(storages.length ? await store.findBy(IdentityWallet, {storage: In(storages)}) : []),
            ...state.identityWallets.values(),
        ]
        const out = new Map<string, {storage: string; wallet: string; ev: ChainEvent}>()
        for (const t of this.triggers) {
            const height = t.ev.block.height
            const hits = [
                ...(t.wallets ?? []),
                // a wallet registered later in this batch was not there yet at this block
                ...rows.filter(r => r.registeredAtBlock <= height && (t.identities?.includes(r.investor) || t.storages?.includes(r.storage))),
            ]
            for (const h of hits) out.set(`${height}-${h.storage}-${h.wallet}`, {storage: h.storage, wallet: h.wallet, ev: t.ev})
        }
        return [...out.values()]
    }
}
