import {AbiCoder, keccak256} from 'ethers'
import {functions as authority} from '../abi/TREXImplementationAuthority'
import type {Token} from '../model'
import {ContractKind} from '../model/generated/_contractKind'
import {FactKind} from '../model/generated/_factKind'
import {batchCall, NodeLimits, RpcBatchClient, toQuantity} from '../rpc/nodeLimits'
import {addr, ChainEvent, param} from './events'
import type {BatchState} from './state'

// Which T-REX version each suite runs: every T-REX proxy (token, registries, storage, compliance) and
// the factory name their implementation authority (ImplementationAuthoritySet), and the authority's
// getCurrentVersion() names the implementations they delegate to. Both are facts with a past.

/** A T-REX version as TREXImplementationAuthority's `Version` struct holds it. */
export interface TrexVersion {
    major: number
    minor: number
    patch: number
}

/** An authority's version at the end of a block, by `versionKey`; null when the call reverted (not a TREXImplementationAuthority). */
export type VersionReads = ReadonlyMap<string, TrexVersion | null>

const versionKey = (authorityAddress: string, block: number): string => `${authorityAddress}@${block}`

/** "4.1.6" */
export const versionString = (v: TrexVersion): string => `${v.major}.${v.minor}.${v.patch}`

/** The topic of an indexed `Version` struct: keccak256 of its members, each padded to 32 bytes. */
export function versionTopic(v: TrexVersion): string {
    return keccak256(AbiCoder.defaultAbiCoder().encode(['uint8', 'uint8', 'uint8'], [v.major, v.minor, v.patch]))
}

/** Whether `authorityAddress` was first watched in this batch, revealed by `ev`. */
const revealedBy = (state: BatchState, ev: ChainEvent, authorityAddress: string): boolean => state.newContracts.some(c =>
    c.address === authorityAddress && c.kind === ContractKind.IMPLEMENTATION_AUTHORITY
    && c.discoveredAtBlock === ev.block.height && c.discoveredLogIndex === ev.logIndex && c.discoveredTxHash === ev.txHash)

/**
 * The getCurrentVersion() reads a batch needs, each {authority, block}: at every VersionUpdated (the
 * event holds only the version's hash) and where an authority is first watched (its version may have
 * been set before START_BLOCK).
 */
export function versionReadsOf(state: BatchState, events: readonly ChainEvent[]): {authority: string; block: number}[] {
    return [
        ...events.filter(ev => ev.kind === ContractKind.IMPLEMENTATION_AUTHORITY && ev.name === 'VersionUpdated').map(ev => ({authority: ev.contract, block: ev.block.height})),
        ...state.newContracts.filter(c => c.kind === ContractKind.IMPLEMENTATION_AUTHORITY).map(c => ({authority: c.address, block: c.discoveredAtBlock})),
    ]
}

/** getCurrentVersion() of each authority at the end of its block, in JSON-RPC batches within the node's limits. */
export async function readVersions(client: RpcBatchClient, reads: readonly {authority: string; block: number}[], limits: NodeLimits): Promise<VersionReads> {
    const unique = [...new Map(reads.map(r => [versionKey(r.authority, r.block), r])).values()]
    const results = await batchCall<string | null>(client, unique.map(r => ({
        method: 'eth_call',
        params: [{to: r.authority, data: authority.getCurrentVersion.encode({})}, toQuantity(r.block)],
    })), limits, {validateError: () => null})
    return new Map(unique.map((r, i) => [versionKey(r.authority, r.block), decodeVersion(results[i])]))
}

/** A reverted call, or an answer that is no Version (an authority of another kind), is no version. */
function decodeVersion(hex: string | null | undefined): TrexVersion | null {
    if (hex == null || hex === '0x') return null
    try {
        return authority.getCurrentVersion.decodeResult(hex)
    } catch {
        return null
    }
}

/**
 * The version a VersionUpdated set: the authority's version at the end of its block when its hash is the
 * event's; null when another update later in the same block superseded it (its range is empty) or the
 * authority has no getCurrentVersion().
 */
export function updatedVersion(ev: ChainEvent, versions: VersionReads): string | null {
    const read = versions.get(versionKey(ev.contract, ev.block.height))
    return read != null && versionTopic(read) === param<string>(ev, 'version') ? versionString(read) : null
}

/**
 * IMPLEMENTATION_AUTHORITY of a proxy or factory from its ImplementationAuthoritySet; TREX_VERSION of an
 * authority from its VersionUpdated, or from the ImplementationAuthoritySet that revealed it when no update
 * of it was indexed before.
 */
export function applyImplementationAuthorityEvent(state: BatchState, ev: ChainEvent, versions: VersionReads, token: Token | undefined): void {
    if (ev.kind === ContractKind.IMPLEMENTATION_AUTHORITY) {
        // Its own ImplementationAuthoritySet(referenceStatus, trexFactory) is its constructor's, not a proxy's.
        if (ev.name === 'VersionUpdated') state.facts.set(FactKind.TREX_VERSION, ev.contract, '', {version: updatedVersion(ev, versions)}, ev)
        return
    }
    if (ev.name !== 'ImplementationAuthoritySet') return
    const authorityAddress = addr(ev, '_implementationAuthority')
    state.facts.set(FactKind.IMPLEMENTATION_AUTHORITY, ev.contract, '', {implementationAuthority: authorityAddress}, ev, token)
    // Its whole indexed past is in this batch (backfilled at discovery): no version yet means it was set before START_BLOCK.
    if (!revealedBy(state, ev, authorityAddress) || state.facts.has(FactKind.TREX_VERSION, authorityAddress, '')) return
    const read = versions.get(versionKey(authorityAddress, ev.block.height))
    // 0.0.0 is the unset struct: no version is in use yet.
    if (read != null && read.major + read.minor + read.patch > 0) state.facts.set(FactKind.TREX_VERSION, authorityAddress, '', {version: versionString(read)}, ev)
}
