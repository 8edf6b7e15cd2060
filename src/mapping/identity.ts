import {Store} from '@subsquid/typeorm-store'
import {In} from 'typeorm'
import {keccak256} from 'ethers'
import {Claim, ClaimStatus, FactKind, Identity, IdentityWallet} from '../model'
import {addr, ChainEvent, param} from './events'
import {movedWallets, recordMoved, StoredIdentityReads} from './identityChange'
import {countryAlpha2} from './rules'
import {BatchState} from './state'

// Investors: wallet → ONCHAINID identity → country, per identity registry storage; claims on identities.

export const identityWalletId = (chainId: number, storage: string, wallet: string): string => `${chainId}-${storage}-${wallet}`
const identityId = (chainId: number, identity: string): string => `${chainId}-${identity}`
const claimId = (chainId: number, identity: string, id: string): string => `${chainId}-${identity}-${id}`

/** Declares the rows an identity event touches. */
export function wantIdentityRows(state: BatchState, ev: ChainEvent): void {
    const c = state.chainId
    switch (`${ev.kind}.${ev.name}`) {
        case 'IDENTITY_REGISTRY_STORAGE.IdentityStored':
            state.identityWallets.want(identityWalletId(c, ev.contract, addr(ev, 'investorAddress')))
            state.identities.want(identityId(c, addr(ev, 'identity')))
            return
        case 'IDENTITY_REGISTRY_STORAGE.IdentityUnstored':
        case 'IDENTITY_REGISTRY_STORAGE.CountryModified':
            state.identityWallets.want(identityWalletId(c, ev.contract, addr(ev, 'investorAddress')))
            return
        case 'IDENTITY_REGISTRY_STORAGE.IdentityModified':
            state.identities.want(identityId(c, addr(ev, 'newIdentity')))
            return
        case 'IDENTITY.ClaimAdded':
        case 'IDENTITY.ClaimChanged':
        case 'IDENTITY.ClaimRemoved':
            state.claims.want(claimId(c, ev.contract, param<string>(ev, 'claimId')))
            state.identities.want(identityId(c, ev.contract))
    }
}

/**
 * Rows found by what an event says rather than by id: the wallets of a replaced identity, and the
 * claims a ClaimIssuer revokes (its event names only the signature's hash).
 */
export async function loadIdentityRowsByContent(store: Store, state: BatchState, events: ChainEvent[]): Promise<void> {
    const replaced = events.filter(e => e.kind === 'IDENTITY_REGISTRY_STORAGE' && e.name === 'IdentityModified').map(e => addr(e, 'oldIdentity'))
    if (replaced.length > 0) state.identityWallets.adopt(await store.findBy(IdentityWallet, {investor: In(replaced)}))
    const revoked = events.filter(e => e.kind === 'CLAIM_ISSUER' && e.name === 'ClaimRevoked').map(e => param<string>(e, 'signature'))
    if (revoked.length > 0) state.claims.adopt(await store.findBy(Claim, {signatureHash: In(revoked)}))
}

/** Storage reads the events do not carry: the country a wallet was stored with; the identities wallets are stored under (for changes no call names). */
export interface StorageReads {
    country(storage: string, wallet: string, block: number): number | undefined
    stored: StoredIdentityReads
}

/** Applies an identity event; returns the identities whose wallets' verification may have changed. */
export function applyIdentityEvent(state: BatchState, ev: ChainEvent, reads: StorageReads): string[] {
    const c = state.chainId
    const at = {height: ev.block.height, time: new Date(ev.block.timestamp)}
    switch (`${ev.kind}.${ev.name}`) {
        case 'IDENTITY_REGISTRY_STORAGE.IdentityStored': {
            const wallet = addr(ev, 'investorAddress')
            const identity = identityEntity(state, addr(ev, 'identity'))
            const country = reads.country(ev.contract, wallet, ev.block.height) ?? 0
            const before = investorOf(state, ev.contract, wallet)
            const w = state.identityWallets.upsert(identityWalletId(c, ev.contract, wallet), () => new IdentityWallet({
                id: identityWalletId(c, ev.contract, wallet), chainId: c, storage: ev.contract, wallet,
            }))
            Object.assign(w, {
                identity, investor: identity.address, country, countryCode: countryAlpha2(country), active: true,
                registeredAtBlock: at.height, registeredAt: at.time, removedAtBlock: null, removedAt: null,
            })
            recordRegistration(state, w, ev)
            state.investors.registrationChanged(ev.contract, wallet, before, identity.address, at.height)
            return [identity.address]
        }
        case 'IDENTITY_REGISTRY_STORAGE.IdentityUnstored': {
            const w = existingWallet(state, ev)
            if (w == null) return []
            const before = investorOf(state, ev.contract, w.wallet)
            Object.assign(w, {active: false, removedAtBlock: at.height, removedAt: at.time})
            recordRegistration(state, w, ev)
            state.investors.registrationChanged(ev.contract, w.wallet, before, null, at.height)
            return [w.investor]
        }
        case 'IDENTITY_REGISTRY_STORAGE.CountryModified': {
            const w = existingWallet(state, ev)
            const country = param<number>(ev, 'country')
            if (w) {
                Object.assign(w, {country, countryCode: countryAlpha2(country)})
                recordRegistration(state, w, ev)
            }
            return []
        }
        case 'IDENTITY_REGISTRY_STORAGE.IdentityModified': {
            const old = addr(ev, 'oldIdentity')
            const identity = identityEntity(state, addr(ev, 'newIdentity'))
            // The event names no wallet: the call or the storage's reads say which of the old identity's wallets changed.
            const candidates = [...state.identityWallets.values()].filter(w => w.storage === ev.contract && w.investor === old && w.active)
            const moved = movedWallets(ev, candidates.map(w => w.wallet), reads.stored)
            recordMoved(state.movedWallets, ev, moved)
            for (const w of candidates.filter(w => moved.value.includes(w.wallet))) {
                state.identityWallets.upsert(w.id, () => w)
                Object.assign(w, {identity, investor: identity.address})
                recordRegistration(state, w, ev)
                state.investors.registrationChanged(ev.contract, w.wallet, old, identity.address, at.height)
            }
            return [old, identity.address]
        }
        case 'IDENTITY.ClaimAdded':
        case 'IDENTITY.ClaimChanged':
        case 'IDENTITY.ClaimRemoved':
            applyClaim(state, ev, at)
            return [ev.contract]
        case 'CLAIM_ISSUER.ClaimRevoked': {
            const hash = param<string>(ev, 'signature')
            const affected: string[] = []
            for (const claim of [...state.claims.values()].filter(cl => cl.signatureHash === hash && cl.issuer === ev.contract)) {
                state.claims.upsert(claim.id, () => claim)
                Object.assign(claim, {status: ClaimStatus.REVOKED, revokedAtBlock: at.height})
                affected.push(claimIdentity(claim))
            }
            return affected
        }
        default:
            return []
    }
}

/** The REGISTRATION fact follows the wallet's row: identity and country while active, none after it is unstored. */
function recordRegistration(state: BatchState, w: IdentityWallet, ev: ChainEvent): void {
    state.facts.set(FactKind.REGISTRATION, w.storage, w.wallet, w.active ? {identity: w.investor, country: w.country} : null, ev)
}

function applyClaim(state: BatchState, ev: ChainEvent, at: {height: number; time: Date}): void {
    const c = state.chainId
    const id = claimId(c, ev.contract, param<string>(ev, 'claimId'))
    const identity = identityEntity(state, ev.contract)
    const claim = state.claims.upsert(id, () => new Claim({
        id, chainId: c, identity, claimId: param<string>(ev, 'claimId'), addedAtBlock: at.height, addedAt: at.time,
    }))
    const signature = param<string>(ev, 'signature')
    Object.assign(claim, {
        identity,
        topic: param<bigint>(ev, 'topic'),
        scheme: param<bigint>(ev, 'scheme'),
        issuer: addr(ev, 'issuer'),
        signatureHash: keccak256(signature),
        data: param<string>(ev, 'data'),
        uri: param<string>(ev, 'uri'),
    })
    if (ev.name === 'ClaimRemoved') Object.assign(claim, {status: ClaimStatus.REMOVED, removedAtBlock: at.height})
    else if (ev.name === 'ClaimChanged') Object.assign(claim, {status: ClaimStatus.ACTIVE, changedAtBlock: at.height})
    else Object.assign(claim, {status: ClaimStatus.ACTIVE, addedAtBlock: at.height, addedAt: at.time, removedAtBlock: null, revokedAtBlock: null})
}

/** The identity address of a claim, whether its relation was loaded or only its id. */
function claimIdentity(claim: Claim): string {
    return claim.id.split('-')[1]!
}

function existingWallet(state: BatchState, ev: ChainEvent): IdentityWallet | undefined {
    const id = identityWalletId(state.chainId, ev.contract, addr(ev, 'investorAddress'))
    return state.identityWallets.get(id) && state.identityWallets.upsert(id, () => state.identityWallets.get(id)!)
}

function identityEntity(state: BatchState, address: string): Identity {
    const id = identityId(state.chainId, address)
    return state.identities.upsert(id, () => new Identity({id, chainId: state.chainId, address}))
}

/** The investor behind a wallet in a storage, as the batch knows it now. */
export function investorOf(state: BatchState, storage: string | null | undefined, wallet: string | null | undefined): string | null {
    if (!storage || !wallet) return null
    const w = state.identityWallets.get(identityWalletId(state.chainId, storage, wallet))
    return w?.active ? w.investor : null
}
