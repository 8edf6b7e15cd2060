import {In} from 'typeorm'
import {Store} from '@subsquid/typeorm-store'
import {
    AuditEvent, BalanceChange, Claim, ClaimTopic, ComplianceModule, Distribution, Entitlement, Holding, Identity, IdentityWallet, Payment,
    ModuleSetting, RoleAssignment, SkippedLog, Token, TokenHourlySnapshot, Transfer, TrustedIssuer, WalletVerification, WatchedContract,
} from '../model'
import {holdingId} from '../ids'
import {bulkWrite, entityManagerOf} from './bulkWrite'

type EntityClass<E> = {new (props?: Partial<E>): E}

/**
 * The rows of one entity type that a batch reads or writes: the ids the mapping will need are
 * declared first (`want`), loaded with one query, then read and changed in memory.
 */
export class Entities<E extends {id: string}> {
    private readonly rows = new Map<string, E>()
    private readonly wanted = new Set<string>()
    private readonly changed = new Set<string>()

    constructor(private readonly cls: EntityClass<E>) {}

    want(id: string): void {
        if (!this.rows.has(id)) this.wanted.add(id)
    }

    async load(store: Store): Promise<void> {
        if (this.wanted.size === 0) return
        const found = await store.findBy(this.cls as EntityClass<E & {id: string}>, {id: In([...this.wanted])} as never)
        for (const e of found) this.rows.set(e.id, e)
        this.wanted.clear()
    }

    /** Rows found by a query of the caller's (e.g. every wallet of a storage), kept like loaded ones. */
    adopt(rows: E[]): void {
        for (const e of rows) if (!this.rows.has(e.id)) this.rows.set(e.id, e)
    }

    get(id: string): E | undefined {
        return this.rows.get(id)
    }

    values(): IterableIterator<E> {
        return this.rows.values()
    }

    /** The row, marked as changed; created by `create` when absent. */
    upsert(id: string, create: () => E): E {
        let e = this.rows.get(id)
        if (e == null) {
            e = create()
            this.rows.set(id, e)
        }
        this.changed.add(id)
        return e
    }

    changedCount(): number {
        return this.changed.size
    }

    changedIds(): string[] {
        return [...this.changed]
    }

    async save(store: Store): Promise<void> {
        await bulkWrite(store, 'upsert', [...this.changed].map(id => this.rows.get(id)!))
    }
}

/**
 * Everything one batch touches, in memory: loaded with one query per entity type, mutated by the
 * mapping, and written back with one statement per type.
 */
export class BatchState {
    readonly tokens = new Map<string, Token>()
    readonly holdings = new Entities(Holding)
    readonly identities = new Entities(Identity)
    readonly identityWallets = new Entities(IdentityWallet)
    readonly verifications = new Entities(WalletVerification)
    readonly claims = new Entities(Claim)
    readonly roles = new Entities(RoleAssignment)
    readonly modules = new Entities(ComplianceModule)
    readonly settings = new Entities(ModuleSetting)
    readonly issuers = new Entities(TrustedIssuer)
    readonly topics = new Entities(ClaimTopic)
    readonly distributions = new Entities(Distribution)
    readonly snapshots = new Entities(TokenHourlySnapshot)
    readonly payments: Payment[] = []
    readonly entitlements: Entitlement[] = []
    readonly newContracts: WatchedContract[] = []
    readonly changedContracts = new Set<WatchedContract>()
    readonly transfers: Transfer[] = []
    readonly balanceChanges: BalanceChange[] = []
    readonly audit: AuditEvent[] = []
    readonly skipped: SkippedLog[] = []
    private readonly changedTokens = new Set<string>()
    /** tokens where a wallet started or stopped holding: only then can the investor count move */
    readonly holderSetChanged = new Set<string>()

    constructor(readonly chainId: number) {}

    static async load(store: Store, chainId: number): Promise<BatchState> {
        const state = new BatchState(chainId)
        for (const t of await store.findBy(Token, {chainId})) state.tokens.set(t.address, t)
        return state
    }

    private get loaders(): Entities<{id: string}>[] {
        return [this.holdings, this.identities, this.identityWallets, this.verifications, this.claims,
            this.roles, this.modules, this.settings, this.issuers, this.topics, this.distributions, this.snapshots]
    }

    async loadWanted(store: Store): Promise<void> {
        for (const l of this.loaders) await l.load(store)
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

    wantHolding(token: string, wallet: string): void {
        this.holdings.want(holdingId(this.chainId, token, wallet))
    }

    /** The wallet's holding, created at zero on first sight; marked as changed. */
    holding(token: Token, wallet: string, block: {height: number; timestamp: number}): Holding {
        const h = this.holdings.upsert(holdingId(this.chainId, token.address, wallet), () => new Holding({
            id: holdingId(this.chainId, token.address, wallet),
            chainId: this.chainId,
            wallet,
            balance: 0n,
            frozenAmount: 0n,
            isFrozen: false,
            firstAcquiredBlock: null,
            firstAcquiredAt: null,
            lastChangedBlock: block.height,
            lastChangedAt: new Date(block.timestamp),
        }))
        // Rows loaded from the database come without the relation; the upsert must not null it.
        h.token = token
        return h
    }

    async save(store: Store): Promise<void> {
        // A registration change can change any token's investor count (a storage can serve several).
        if (this.identityWallets.changedCount() > 0) for (const t of this.tokens.keys()) this.token(t)
        await bulkWrite(store, 'upsert', [...this.changedTokens].map(a => this.tokens.get(a)!))
        await bulkWrite(store, 'insert', this.newContracts)
        await bulkWrite(store, 'upsert', [...this.changedContracts])
        for (const l of this.loaders) await l.save(store)
        await bulkWrite(store, 'insert', this.transfers)
        await bulkWrite(store, 'insert', this.balanceChanges)
        await bulkWrite(store, 'insert', this.payments)
        await bulkWrite(store, 'insert', this.audit)
        await bulkWrite(store, 'insert', this.skipped)
        await this.countInvestors(store)
    }

    /**
     * Investors behind a token's holders, recounted in SQL for the tokens where a wallet started or
     * stopped holding, or for all tokens when a registration changed. The tokens were upserted above,
     * so a rollback of this block restores the count with them.
     */
    private async countInvestors(store: Store): Promise<void> {
        const recount = this.identityWallets.changedCount() > 0 ? this.changedTokens : this.holderSetChanged
        const ids = [...recount].map(a => this.tokens.get(a)!.id)
        if (ids.length === 0) return
        await entityManagerOf(store).query(
            `UPDATE token t SET investor_count = (
                SELECT count(DISTINCT iw.investor) FROM holding h
                JOIN watched_contract ir ON ir.chain_id = t.chain_id AND ir.address = t.identity_registry
                JOIN identity_wallet iw ON iw.chain_id = t.chain_id AND iw.storage = ir.identity_storage AND iw.wallet = h.wallet AND iw.active
                WHERE h.token_id = t.id AND h.balance > 0)
            WHERE t.id = ANY($1)`, [ids])
        const hours = this.snapshots.changedIds()
        if (hours.length > 0) {
            await entityManagerOf(store).query(
                'UPDATE token_hourly_snapshot s SET investor_count = t.investor_count FROM token t WHERE t.id = s.token_id AND s.id = ANY($1)', [hours])
        }
    }
}
