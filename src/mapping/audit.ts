import {logId} from '../ids'
import {AuditEvent, AuditEventKind, ClassificationSource, Token, TransferKind} from '../model'
import {auditKindOf, jsonParams} from './catalog'
import {ChainEvent} from './events'
import {modifiedWalletOf} from './identityChange'
import {Classified, ZERO_ADDRESS} from './rules'

// Parameter names, across the T-REX and ONCHAINID ABIs, that name the wallet an event is about,
// the other party, and a token amount. First match wins.
const SUBJECT = ['from', '_userAddress', 'investorAddress', '_lostWallet', '_from', 'maker', 'owner', '_agent', 'newOwner', 'trustedIssuer', '_module', '_investorAddress', 'wallet', 'holder']
const COUNTERPARTY = ['to', '_newWallet', '_to', 'taker', 'spender', 'previousOwner']
const AMOUNT = ['value', '_amount', 'amount', 'token1Amount']
/** Events that name the old and new identity but not the wallet: the call names it, or the storage's reads. */
const IDENTITY_CHANGES = new Set(['IdentityModified', 'IdentityUpdated'])

const TRANSFER_AUDIT: Record<TransferKind, AuditEventKind> = {
    MINT: AuditEventKind.MINT,
    BURN: AuditEventKind.BURN,
    TRANSFER: AuditEventKind.TRANSFER,
    FORCED: AuditEventKind.FORCED_TRANSFER,
    RECOVERY: AuditEventKind.RECOVERY_TRANSFER,
    DVD: AuditEventKind.DVD_TRANSFER,
}

function pick(params: Record<string, unknown>, names: string[]): unknown {
    for (const n of names) if (n in params) return params[n]
    return undefined
}

function address(v: unknown): string | null {
    return typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) && v.toLowerCase() !== ZERO_ADDRESS ? v.toLowerCase() : null
}

export interface AuditContext {
    chainId: number
    token: Token | undefined
    /** a Transfer's kind, and what decided it */
    transfer?: Classified<TransferKind>
    /** an identity change's wallet, and how it was found (see identityChange.ts auditedWalletOf) */
    identityChange?: Classified<string | undefined>
    /** the investor (identity) behind a wallet at this moment */
    investorOf(wallet: string | null): string | null
}

/** The wallet an event is about and the other party, as its audit row names them; an identity change's wallet as its call names it unless `identityChange` is known. */
export function auditParties(ev: ChainEvent, identityChange = IDENTITY_CHANGES.has(ev.name) ? modifiedWalletOf(ev) : undefined): {subject: string | null; counterparty: string | null} {
    return {
        subject: address(pick(ev.params, SUBJECT)) ?? identityChange?.value ?? null,
        counterparty: address(pick(ev.params, COUNTERPARTY)),
    }
}

/** What decided the row's kind (a Transfer) or its subject (an identity change); null for other events. */
function classifiedBy(ev: ChainEvent, ctx: AuditContext): ClassificationSource | null {
    if (ev.name === 'Transfer' && ctx.transfer) return ctx.transfer.by
    return IDENTITY_CHANGES.has(ev.name) ? (ctx.identityChange ?? modifiedWalletOf(ev)).by : null
}

/** The audit row of one event: what happened, to whom, by whom, in which transaction. */
export function auditEventOf(ev: ChainEvent, ctx: AuditContext): AuditEvent {
    const {subject, counterparty} = auditParties(ev, ctx.identityChange)
    const amount = pick(ev.params, AMOUNT)
    const params = jsonParams(ev.params)
    // An identity's own events are about that investor; registry events name the identity.
    const investor = ev.kind === 'IDENTITY' ? ev.contract
        : address(params.identity ?? params.newIdentity ?? params.investorOnchainID) ?? ctx.investorOf(subject)
    const kind = ev.name === 'Transfer' && ctx.transfer
        ? TRANSFER_AUDIT[ctx.transfer.value]
        : auditKindOf(ev.name) as AuditEventKind
    return new AuditEvent({
        id: logId(ctx.chainId, ev.block.height, ev.logIndex),
        chainId: ctx.chainId,
        kind,
        token: ctx.token ?? null,
        contract: ev.contract,
        contractKind: ev.kind,
        subject,
        investor,
        counterparty,
        counterpartyInvestor: ctx.investorOf(counterparty),
        amount: typeof amount === 'bigint' ? amount : null,
        classifiedBy: classifiedBy(ev, ctx),
        actor: ev.actor,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
        params,
    })
}
