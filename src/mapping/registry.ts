import {Store} from '@subsquid/typeorm-store'
import {tokenId} from '../ids'
import {ContractKind, Token, WatchedContract} from '../model'
import {BatchState} from './state'

export interface Provenance {
    block: {height: number; hash: string; timestamp: number}
    logIndex: number
    txHash: string
    actor: string
    /** the contract the transaction called (lower-case); undefined for a contract creation */
    txTo: string | undefined
    sighash: string | undefined
    /** the transaction's calldata: names what an event leaves out (the wallet of IdentityModified) */
    input?: string
}

/**
 * The contracts the indexer watches, kept in memory between batches. A batch that starts at or
 * below the last height seen follows a rollback of hot blocks: the cache is then reloaded, so a
 * contract discovered in an orphaned block is forgotten with it.
 */
export class ContractRegistry {
    private readonly byAddress = new Map<string, WatchedContract>()
    /** identity registries apart: the watched contracts also hold every investor identity */
    private readonly registries = new Set<WatchedContract>()
    private height = -1

    constructor(private readonly chainId: number) {}

    async refresh(store: Store, firstBlock: number, lastBlock: number): Promise<void> {
        if (this.height < 0 || firstBlock <= this.height) {
            this.byAddress.clear()
            this.registries.clear()
            for (const c of await store.findBy(WatchedContract, {chainId: this.chainId})) this.remember(c)
        }
        this.height = lastBlock
    }

    get(address: string): WatchedContract | undefined {
        return this.byAddress.get(address)
    }

    /** Identity registries whose storage is `storage` (a storage can serve several tokens). */
    registriesUsing(field: 'identityStorage' | 'trustedIssuersRegistry' | 'claimTopicsRegistry', address: string): WatchedContract[] {
        return [...this.registries].filter(c => c[field] === address)
    }

    /** Starts watching a contract; returns it when it is new. */
    watch(state: BatchState, address: string, kind: ContractKind, by: string, at: Provenance, token?: Token): WatchedContract | undefined {
        const known = this.byAddress.get(address)
        if (known) {
            this.preferEarlier(state, known, by, at)
            return undefined
        }
        const c = new WatchedContract({
            id: tokenId(this.chainId, address),
            chainId: this.chainId,
            address,
            kind,
            token: token ?? null,
            identityStorage: null,
            trustedIssuersRegistry: null,
            claimTopicsRegistry: null,
            discoveredBy: by,
            discoveredAtBlock: at.block.height,
            discoveredLogIndex: at.logIndex,
            discoveredTxHash: at.txHash,
        })
        this.remember(c)
        state.newContracts.push(c)
        return c
    }

    /**
     * A contract is discovered by the earliest event that reveals it, whichever batch or backfill
     * shows that event first: a revealing log read later (a backfill) moves its discovery back.
     */
    private preferEarlier(state: BatchState, c: WatchedContract, by: string, at: Provenance): void {
        if (at.block.height > c.discoveredAtBlock || (at.block.height === c.discoveredAtBlock && at.logIndex >= c.discoveredLogIndex)) return
        Object.assign(c, {discoveredBy: by, discoveredAtBlock: at.block.height, discoveredLogIndex: at.logIndex, discoveredTxHash: at.txHash})
        if (!state.newContracts.includes(c)) state.changedContracts.add(c)
    }

    private remember(c: WatchedContract): void {
        this.byAddress.set(c.address, c)
        if (c.kind === ContractKind.IDENTITY_REGISTRY) this.registries.add(c)
    }

    /** A link of an identity registry changed: saved with the batch. */
    link(state: BatchState, registry: WatchedContract, field: 'identityStorage' | 'trustedIssuersRegistry' | 'claimTopicsRegistry', address: string): void {
        registry[field] = address
        if (!state.newContracts.includes(registry)) state.changedContracts.add(registry)
    }
}
