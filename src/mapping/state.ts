import {In} from 'typeorm'
import {Store} from '@subsquid/typeorm-store'
import {
    AuditEvent, BalanceChange, Claim, ClaimTopic, ComplianceModule, ContractKind, Distribution, Entitlement, Holding, Identity, IdentityWallet, Payment, PaymentToken,
    ModuleSetting, RoleAssignment, SkippedLog, Token, TokenCheckpoint, TokenHourlySnapshot, Transfer, TrustedIssuer, WalletVerification, WatchedContract,
} from '../model'
import {checkpointId, holdingId} from '../ids'
import {bulkWrite, entityManagerOf, trackedUpdate} from './bulkWrite'
import {byTokenId, fillDecimals} from './decimals'
import {Erc1400State} from './erc1400/state'
import {FactLog} from './facts'
import {MovedWallets} from './identityChange'
import {InvestorCounts} from './investors'

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

    changedRows(): E[] {
        return [...this.changed].map(id => this.rows.get(id)!)
    }

    async save(store: Store): Promise<void> {
        await bulkWrite(store, 'upsert', this.changedRows())
    }
}

/**
 * Everything one batch touches, in memory: loaded with one query per entity type, mutated by the
 * mapping, and written back with one statement per type.
 */
export class BatchState {
    readonly tokens = new Map<string, Token>()
    /** payment tokens by address, all loaded like tokens (few: the stablecoins distributions pay in), and those this batch discovered */
    readonly paymentTokens = new Map<string, PaymentToken>()
    readonly newPaymentTokens: PaymentToken[] = []
    /** block times (ms) read from the node for blocks the batch needs but may not hold: new distributions' record blocks */
    readonly blockTimes = new Map<number, number>()
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
    readonly checkpoints = new Entities(TokenCheckpoint)
    readonly investors: InvestorCounts
    readonly facts: FactLog
    readonly erc1400: Erc1400State
    readonly payments: Payment[] = []
    readonly entitlements: Entitlement[] = []
    readonly newContracts: WatchedContract[] = []
    readonly changedContracts = new Set<WatchedContract>()
    readonly transfers: Transfer[] = []
    readonly balanceChanges: BalanceChange[] = []
    /** per `<token id>|<wallet>`: the wallet's latest ledger row of this batch */
    private readonly latestChange = new Map<string, BalanceChange>()
    /** per `<token id>|<wallet>`: the block that closes the wallet's current row from an earlier batch */
    private readonly closing = new Map<string, number>()
    readonly audit: AuditEvent[] = []
    /** what each applied IdentityModified moved, and how that was found */
    readonly movedWallets: MovedWallets = new Map()
    readonly skipped: SkippedLog[] = []
    private readonly changedTokens = new Set<string>()

    constructor(readonly chainId: number, storageOf: (token: Token) => string | null) {
        this.investors = new InvestorCounts(this, storageOf)
        this.facts = new FactLog(chainId)
        this.erc1400 = new Erc1400State(chainId)
    }

    /** `storageOf`: the identity registry storage a token's investors are registered in, as of now. */
    static async load(store: Store, chainId: number, storageOf: (token: Token) => string | null): Promise<BatchState> {
        const state = new BatchState(chainId, storageOf)
        for (const t of await store.findBy(Token, {chainId})) state.tokens.set(t.address, t)
        for (const p of await store.findBy(PaymentToken, {chainId})) state.paymentTokens.set(p.address, p)
        return state
    }

    private get loaders(): Entities<{id: string}>[] {
        return [this.holdings, this.identities, this.identityWallets, this.verifications, this.claims,
            this.roles, this.modules, this.settings, this.issuers, this.topics, this.distributions, this.snapshots, this.checkpoints]
    }

    async loadWanted(store: Store): Promise<void> {
        for (const l of this.loaders) await l.load(store)
        await this.erc1400.load(store)
    }

    /** After the rows found by content joined: the holdings registrations can move, then the investor counts. */
    async loadInvestors(store: Store): Promise<void> {
        this.investors.wantHoldings()
        await this.holdings.load(store)
        await this.investors.load(store)
    }

    addPaymentToken(token: PaymentToken): void {
        this.paymentTokens.set(token.address, token)
        this.newPaymentTokens.push(token)
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

    /** A ledger row: it closes the wallet's previous row, whose balance held until this block. */
    addBalanceChange(change: BalanceChange): void {
        const key = `${change.token.id}|${change.wallet}`
        const previous = this.latestChange.get(key)
        if (previous) previous.validUntilBlock = change.blockNumber
        else this.closing.set(key, change.blockNumber)
        this.latestChange.set(key, change)
        this.balanceChanges.push(change)
    }

    /** The token's totals at the end of `block`, as far as the batch has applied it. */
    checkpoint(token: Token, block: number): void {
        const id = checkpointId(token.id, block)
        const c = this.checkpoints.upsert(id, () => new TokenCheckpoint({id, chainId: this.chainId, blockNumber: block}))
        Object.assign(c, {
            token, totalSupply: token.totalSupply, holderCount: token.holderCount,
            investorCount: token.investorCount, balanceChangeCount: token.balanceChangeCount,
        })
    }

    async save(store: Store): Promise<void> {
        this.fillDecimals()
        await bulkWrite(store, 'upsert', [...this.changedTokens].map(a => this.tokens.get(a)!))
        await bulkWrite(store, 'insert', this.newContracts)
        await bulkWrite(store, 'upsert', [...this.changedContracts])
        await bulkWrite(store, 'insert', this.newPaymentTokens)
        for (const l of this.loaders) await l.save(store)
        await bulkWrite(store, 'insert', this.transfers)
        await this.erc1400.save(store)
        await this.closeLedgerRows(store)
        await bulkWrite(store, 'insert', this.balanceChanges)
        await this.facts.save(store)
        await bulkWrite(store, 'insert', this.payments)
        await bulkWrite(store, 'insert', this.audit)
        await bulkWrite(store, 'insert', this.skipped)
        await this.recountInvestors(store)
    }

    /** The decimal twins of the amounts this batch writes: security-token amounts in the token's decimals, payouts in the payment token's. */
    private fillDecimals(): void {
        const decimals = new Map([...this.tokens.values()].map(t => [t.id, t.decimals ?? null]))
        const ofToken = byTokenId(decimals)
        const ofPayment = (paymentToken: string) => this.paymentTokens.get(paymentToken)?.decimals
        fillDecimals([...this.changedTokens].map(a => this.tokens.get(a)!), ['totalSupply'], t => t.decimals)
        fillDecimals(this.holdings.changedRows(), ['balance', 'frozenAmount'], ofToken)
        fillDecimals(this.transfers, ['amount'], ofToken)
        fillDecimals(this.balanceChanges, ['delta', 'balanceAfter'], ofToken)
        fillDecimals(this.snapshots.changedRows(), ['totalSupply', 'volume'], ofToken)
        fillDecimals(this.checkpoints.changedRows(), ['totalSupply'], ofToken)
        // a DVD trade's amounts are in each leg's token, not necessarily the row's
        // a DVD trade's legs are in two tokens, a payout's amount in its payment token: no one decimals for the row
        fillDecimals(this.audit, ['amount'], a => a.contractKind === ContractKind.DVD_MANAGER || a.contractKind === ContractKind.DISTRIBUTION_MANAGER ? null : ofToken(a))
        fillDecimals(this.distributions.changedRows(), ['totalAmount', 'funded', 'paid', 'reclaimed', 'refunded', 'outstanding'], d => ofPayment(d.paymentToken))
        fillDecimals(this.payments, ['amount'], p => ofPayment(p.distribution.paymentToken))
        this.erc1400.fillDecimals(ofToken)
    }

    /** The current ledger rows of the wallets that moved in this batch end where their first new row starts. */
    private async closeLedgerRows(store: Store): Promise<void> {
        if (this.closing.size === 0) return
        const keys = [...this.closing.keys()].map(k => k.split('|') as [string, string])
        const rows: {id: string; until: number}[] = await entityManagerOf(store).query(
            `SELECT b.id, u.until FROM unnest($1::text[], $2::text[], $3::int[]) AS u(token, wallet, until)
               JOIN balance_change b ON b.token_id = u.token AND b.wallet = u.wallet AND b.valid_until_block IS NULL`,
            [keys.map(k => k[0]), keys.map(k => k[1]), [...this.closing.values()]])
        await trackedUpdate(store, BalanceChange, rows.map(r => r.id),
            'UPDATE balance_change b SET valid_until_block = u.until FROM unnest($1::text[], $2::int[]) AS u(id, until) WHERE b.id = u.id',
            [rows.map(r => r.id), rows.map(r => r.until)])
    }

    /**
     * Tokens whose identity registry or storage changed are recounted in SQL (the counts in memory
     * followed the old registrations): each checkpoint of this batch from the change on takes the
     * count as of its own block — holders valid at that block, registered in the storage the token's
     * registry used at that block — so the result does not depend on where the batch ends.
     */
    private async recountInvestors(store: Store): Promise<void> {
        if (this.investors.recount.size === 0) return
        const tokens = [...this.investors.recount.entries()].map(([a, from]) => ({id: this.tokens.get(a)!.id, address: a, from}))
        const em = entityManagerOf(store)
        await em.query(
            `UPDATE token_checkpoint c SET investor_count = (
                SELECT count(DISTINCT r.value->>'identity') FROM balance_change b
                JOIN fact_version r ON r.chain_id = c.chain_id AND r.kind = 'REGISTRATION' AND r.key = b.wallet
                 AND r.from_block <= c.block_number AND (r.valid_until_block IS NULL OR r.valid_until_block > c.block_number)
                 AND r.contract = (${STORAGE_AT_CHECKPOINT})
                WHERE b.token_id = c.token_id AND b.balance_after > 0
                  AND b.block_number <= c.block_number AND (b.valid_until_block IS NULL OR b.valid_until_block > c.block_number))
             FROM unnest($1::text[], $2::text[], $3::int[]) AS u(token_id, address, from_block)
            WHERE c.token_id = u.token_id AND c.block_number >= u.from_block AND c.id = ANY($4)`,
            [tokens.map(t => t.id), tokens.map(t => t.address), tokens.map(t => t.from), this.checkpoints.changedIds()])
        await em.query(
            `UPDATE token t SET investor_count = c.investor_count FROM token_checkpoint c
              WHERE c.token_id = t.id AND t.id = ANY($1) AND c.block_number = (SELECT max(block_number) FROM token_checkpoint WHERE token_id = t.id)`,
            [tokens.map(t => t.id)])
    }
}

/** The identity storage behind token u.address at checkpoint c's block: its registry then, and that registry's storage then. */
const STORAGE_AT_CHECKPOINT = `SELECT l.value->>'identityStorage' FROM fact_version ti
    JOIN fact_version l ON l.chain_id = ti.chain_id AND l.kind = 'REGISTRY_LINKS' AND l.contract = ti.value->>'identityRegistry'
     AND l.from_block <= c.block_number AND (l.valid_until_block IS NULL OR l.valid_until_block > c.block_number)
   WHERE ti.chain_id = c.chain_id AND ti.kind = 'TOKEN_INFO' AND ti.contract = u.address
     AND ti.from_block <= c.block_number AND (ti.valid_until_block IS NULL OR ti.valid_until_block > c.block_number)`
