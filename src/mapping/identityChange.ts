import {functions as ir} from '../abi/IdentityRegistry'
import {functions as irs} from '../abi/IdentityRegistryStorage'
import {ClassificationSource} from '../model/generated/_classificationSource'
import {ContractKind} from '../model/generated/_contractKind'
import {batchCall, NodeLimits, RpcBatchClient, toQuantity} from '../rpc/nodeLimits'
import {addr, ChainEvent} from './events'
import {Classified, unanimous} from './rules'

// Which wallet an identity change moved. IdentityModified(old, new) of a storage and IdentityUpdated(old,
// new) of its registry name no wallet: the call that reached the registry or storage does (from a trace,
// or the transaction's own call). Without either, the storage itself says which of the old identity's
// wallets now hold the new one: storedIdentity(wallet), read by eth_call at the event's block.

/** storedIdentity(wallet) of a storage at the end of a block (lower-case), by `storedKey`; null when the call failed. */
export type StoredIdentityReads = ReadonlyMap<string, string | null>

const storedKey = (storage: string, wallet: string, block: number): string => `${storage}|${wallet}|${block}`

/** What applying a storage's IdentityModified moved, by `changeKey`: the registry's IdentityUpdated of the same call names the same wallet. */
export type MovedWallets = Map<string, Classified<string[]>>

const changeKey = (txHash: string, storage: string, oldIdentity: string, newIdentity: string): string => `${txHash}|${storage}|${oldIdentity}|${newIdentity}`

/**
 * The wallet of an IdentityModified / IdentityUpdated: the `_userAddress` of the updateIdentity or
 * modifyStoredIdentity call that reached the registry (from a trace), else of the transaction's own
 * call; undefined (by TX_EVENTS) when the change was made through a contract and no trace says which.
 */
export function modifiedWalletOf(ev: ChainEvent): Classified<string | undefined> {
    const traced = unanimous((ev.calls ?? []).map(c => modifiedWallet(c.input)))
    if (traced) return {value: traced, by: ClassificationSource.CALL_TRACE}
    const direct = modifiedWallet(ev.input)
    return direct ? {value: direct, by: ClassificationSource.TX_SELECTOR} : {value: undefined, by: ClassificationSource.TX_EVENTS}
}

/** The wallet of an updateIdentity / modifyStoredIdentity call's calldata. */
function modifiedWallet(input: string | undefined): string | undefined {
    if (!input) return undefined
    for (const f of [ir.updateIdentity, irs.modifyStoredIdentity]) {
        if (input.startsWith(f.selector)) return f.decode(input)._userAddress.toLowerCase()
    }
    return undefined
}

const isStorageChange = (ev: ChainEvent): boolean => ev.kind === ContractKind.IDENTITY_REGISTRY_STORAGE && ev.name === 'IdentityModified'

/** A wallet's registration row as the batch holds it (an IdentityWallet fits). */
export interface Registered {
    storage: string
    wallet: string
    /** the identity */
    investor: string
}

/**
 * The storedIdentity reads the batch's unnamed identity changes need, each {storage, wallet, block}: for a
 * change of `old` at block B, at B every wallet that can be `old`'s when it applies — `registered` with it (the
 * batch's rows hold every wallet of a replaced identity: loadIdentityRowsByContent), stored under it in this
 * batch, moved to it by a change naming the wallet, or, through an unnamed change to it, any of those of
 * the identity it replaced. About one read per wallet of each changed identity, whatever the batch's size.
 */
export function storedIdentityReadsOf(registered: Iterable<Registered>, events: readonly ChainEvent[]): {storage: string; wallet: string; block: number}[] {
    const unnamed = events.filter(ev => isStorageChange(ev) && modifiedWalletOf(ev).value == null)
    if (unnamed.length === 0) return []
    const storages = new Set(unnamed.map(ev => ev.contract))
    // per `<storage>|<identity>`: the wallets that may be registered to it, and the identities whose wallets an unnamed change moved to it
    const walletsOf = new Map<string, Set<string>>()
    const fedBy = new Map<string, Set<string>>()
    const add = (index: Map<string, Set<string>>, key: string, value: string) => index.set(key, (index.get(key) ?? new Set()).add(value))
    for (const w of registered) if (storages.has(w.storage)) add(walletsOf, `${w.storage}|${w.investor}`, w.wallet)
    for (const ev of events.filter(e => storages.has(e.contract))) {
        if (ev.name === 'IdentityStored') add(walletsOf, `${ev.contract}|${addr(ev, 'identity')}`, addr(ev, 'investorAddress'))
        if (!isStorageChange(ev)) continue
        const named = modifiedWalletOf(ev).value
        if (named) add(walletsOf, `${ev.contract}|${addr(ev, 'newIdentity')}`, named)
        else add(fedBy, `${ev.contract}|${addr(ev, 'newIdentity')}`, addr(ev, 'oldIdentity'))
    }
    const reads = new Map<string, {storage: string; wallet: string; block: number}>()
    for (const ev of unnamed) {
        const identities = new Set([addr(ev, 'oldIdentity')])
        for (const identity of identities) for (const from of fedBy.get(`${ev.contract}|${identity}`) ?? []) identities.add(from)
        for (const identity of identities) {
            for (const wallet of walletsOf.get(`${ev.contract}|${identity}`) ?? []) {
                reads.set(storedKey(ev.contract, wallet, ev.block.height), {storage: ev.contract, wallet, block: ev.block.height})
            }
        }
    }
    return [...reads.values()]
}

/** storedIdentity(wallet) of each read at the end of its block, in JSON-RPC batches within the node's limits. */
export async function readStoredIdentities(client: RpcBatchClient, reads: readonly {storage: string; wallet: string; block: number}[], limits: NodeLimits): Promise<StoredIdentityReads> {
    const results = await batchCall<string | null>(client, reads.map(r => ({
        method: 'eth_call',
        params: [{to: r.storage, data: irs.storedIdentity.encode({_userAddress: r.wallet})}, toQuantity(r.block)],
    })), limits, {validateError: () => null})
    return new Map(reads.map((r, i) => {
        const hex = results[i]
        return [storedKey(r.storage, r.wallet, r.block), hex == null || hex === '0x' ? null : irs.storedIdentity.decodeResult(hex).toLowerCase()]
    }))
}

/**
 * The wallets a storage's IdentityModified(old → new) moved, among `candidates` (the old identity's active
 * wallets in the storage when it applies): the one its call names; else, read at the end of its block,
 * those stored under the new identity — or, when none is (changed again later in that block), those no
 * longer under the old one (STORAGE_READ); every candidate (TX_EVENTS) when one of them was not read.
 */
export function movedWallets(ev: ChainEvent, candidates: readonly string[], reads: StoredIdentityReads): Classified<string[]> {
    const named = modifiedWalletOf(ev)
    if (named.value != null) return {value: candidates.filter(w => w === named.value), by: named.by}
    const stored = candidates.map(w => reads.get(storedKey(ev.contract, w, ev.block.height)))
    if (candidates.length === 0 || stored.some(s => s == null)) return {value: [...candidates], by: ClassificationSource.TX_EVENTS}
    const holdingNew = candidates.filter((_, i) => stored[i] === addr(ev, 'newIdentity'))
    const leftOld = candidates.filter((_, i) => stored[i] !== addr(ev, 'oldIdentity'))
    return {value: holdingNew.length > 0 ? holdingNew : leftOld, by: ClassificationSource.STORAGE_READ}
}

/** Remembers what an applied IdentityModified moved, for its audit row and its registry's IdentityUpdated. */
export function recordMoved(moved: MovedWallets, ev: ChainEvent, wallets: Classified<string[]>): void {
    moved.set(changeKey(ev.txHash, ev.contract, addr(ev, 'oldIdentity'), addr(ev, 'newIdentity')), wallets)
}

/**
 * The wallet an identity change's audit row names and how it was found: its call's when one names it;
 * else the one wallet its storage's IdentityModified (in `storage`, same call) moved, by the storage's reads.
 * Undefined for other events.
 */
export function auditedWalletOf(ev: ChainEvent, storage: string | null | undefined, moved: MovedWallets): Classified<string | undefined> | undefined {
    if (!isStorageChange(ev) && !(ev.kind === ContractKind.IDENTITY_REGISTRY && ev.name === 'IdentityUpdated')) return undefined
    const named = modifiedWalletOf(ev)
    const found = named.value == null && storage ? moved.get(changeKey(ev.txHash, storage, addr(ev, 'oldIdentity'), addr(ev, 'newIdentity'))) : undefined
    if (found?.by !== ClassificationSource.STORAGE_READ) return named
    // Several wallets moved by one event: several unnamed changes of one identity in one block, which the reads cannot tell apart.
    return {value: found.value.length === 1 ? found.value[0] : undefined, by: found.by}
}
