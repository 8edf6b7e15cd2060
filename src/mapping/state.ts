import {In} from 'typeorm'
import {Store} from '@subsquid/typeorm-store'
import {BalanceChange, Holding, SkippedLog, Token, Transfer} from '../model'
import {holdingId} from '../ids'
import {bulkWrite} from './bulkWrite'

/**
 * Everything one batch touches, in memory: loaded with one query per entity type,
 * mutated by the mapping, and written back with one statement per type.
 */
export class BatchState {
    readonly tokens = new Map<string, Token>()
    readonly holdings = new Map<string, Holding>()
    readonly transfers: Transfer[] = []
    readonly balanceChanges: BalanceChange[] = []
    readonly skipped: SkippedLog[] = []
    private readonly changedTokens = new Set<string>()
    private readonly changedHoldings = new Set<string>()

    constructor(readonly chainId: number) {}

    static async load(store: Store, chainId: number): Promise<BatchState> {
        const state = new BatchState(chainId)
        for (const t of await store.findBy(Token, {chainId})) state.tokens.set(t.address, t)
        return state
    }

    async loadHoldings(store: Store, ids: Iterable<string>): Promise<void> {
        const wanted = [...new Set(ids)].filter(id => !this.holdings.has(id))
        if (wanted.length === 0) return
        for (const h of await store.findBy(Holding, {id: In(wanted)})) this.holdings.set(h.id, h)
    }

    addToken(token: Token): void {
        this.tokens.set(token.address, token)
        this.changedTokens.add(token.address)
    }

    /** The token by address, marked as changed: only call it when the caller mutates the token. */
    token(address: string): Token | undefined {
        const t = this.tokens.get(address)
        if (t) this.changedTokens.add(address)
        return t
    }

    /** The wallet's holding, created at zero on first sight; marked as changed. */
    holding(token: Token, wallet: string, block: {height: number; timestamp: number}): Holding {
        const id = holdingId(this.chainId, token.address, wallet)
        let h = this.holdings.get(id)
        if (h == null) {
            h = new Holding({
                id,
                chainId: this.chainId,
                token,
                wallet,
                balance: 0n,
                frozenAmount: 0n,
                isFrozen: false,
                firstAcquiredBlock: null,
                firstAcquiredAt: null,
                lastChangedBlock: block.height,
                lastChangedAt: new Date(block.timestamp),
            })
            this.holdings.set(id, h)
        }
        // Rows loaded from the database come without the relation; upsert must not null it.
        h.token = token
        this.changedHoldings.add(id)
        return h
    }

    async save(store: Store): Promise<void> {
        await bulkWrite(store, 'upsert', [...this.changedTokens].map(a => this.tokens.get(a)!))
        await bulkWrite(store, 'upsert', [...this.changedHoldings].map(id => this.holdings.get(id)!))
        await bulkWrite(store, 'insert', this.transfers)
        await bulkWrite(store, 'insert', this.balanceChanges)
        await bulkWrite(store, 'insert', this.skipped)
    }
}
