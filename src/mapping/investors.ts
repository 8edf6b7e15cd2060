import {Store} from '@subsquid/typeorm-store'
import {holdingId} from '../ids'
import {Token} from '../model'
import {entityManagerOf} from './bulkWrite'
import {investorOf} from './identity'
import type {BatchState} from './state'

/**
 * A token's investor count, kept exact at every block: per (token, investor), how many of the
 * investor's wallets hold the token. The count moves when a wallet starts or stops holding, or when
 * a holding wallet's registration moves between identities; the counts the batch touches are loaded
 * once per batch, then followed in memory event by event.
 */
export class InvestorCounts {
    private readonly wallets = new Map<string, number>()
    /** tokens whose identity registry or storage changed → the first block it changed: recounted in SQL from there */
    readonly recount = new Map<string, number>()

    constructor(private readonly state: BatchState, private readonly storageOf: (token: Token) => string | null) {}

    private tokensUsing(storage: string): Token[] {
        return [...this.state.tokens.values()].filter(t => this.storageOf(t) === storage)
    }

    /** The holdings a registration change can move between investors, declared before they load. */
    wantHoldings(): void {
        for (const w of this.state.identityWallets.values()) {
            for (const t of this.tokensUsing(w.storage)) this.state.wantHolding(t.address, w.wallet)
        }
    }

    /** Holding wallets per (token, investor) at the start of the batch, for every investor the batch knows. */
    async load(store: Store): Promise<void> {
        const investors = new Set([...this.state.identityWallets.values()].map(w => w.investor))
        for (const i of this.state.identities.values()) investors.add(i.address)
        const token: string[] = []
        const storage: string[] = []
        const investor: string[] = []
        for (const t of this.state.tokens.values()) {
            const s = this.storageOf(t)
            if (s == null || t.holderCount === 0) continue
            for (const i of investors) {
                token.push(t.id)
                storage.push(s)
                investor.push(i)
            }
        }
        if (token.length === 0) return
        const rows: {token: string; investor: string; n: number}[] = await entityManagerOf(store).query(
            `SELECT p.token, p.investor, count(*)::int AS n
               FROM unnest($1::text[], $2::text[], $3::text[]) AS p(token, storage, investor)
               JOIN identity_wallet iw ON iw.chain_id = $4 AND iw.storage = p.storage AND iw.investor = p.investor AND iw.active
               JOIN holding h ON h.token_id = p.token AND h.wallet = iw.wallet AND h.balance > 0
              GROUP BY p.token, p.investor`,
            [token, storage, investor, this.state.chainId])
        for (const r of rows) this.wallets.set(`${r.token}|${r.investor}`, r.n)
    }

    /** A wallet started (+1) or stopped (−1) holding the token. */
    walletHolding(token: Token, wallet: string, delta: number): void {
        this.holderChanged(token, investorOf(this.state, this.storageOf(token), wallet), delta)
    }

    private holderChanged(token: Token, investor: string | null, delta: number): void {
        if (investor == null || delta === 0 || this.recount.has(token.address)) return
        const key = `${token.id}|${investor}`
        const before = this.wallets.get(key) ?? 0
        const after = before + delta
        this.wallets.set(key, after)
        if (before === 0 && after > 0) token.investorCount += 1
        else if (before > 0 && after === 0) token.investorCount -= 1
    }

    /** A wallet's active registration in `storage` moved from one investor (or none) to another (or none). */
    registrationChanged(storage: string, wallet: string, before: string | null, after: string | null, block: number): void {
        if (before === after) return
        for (const t of this.tokensUsing(storage)) {
            const h = this.state.holdings.get(holdingId(this.state.chainId, t.address, wallet))
            if (h == null || h.balance === 0n) continue
            const token = this.state.token(t.address)!
            this.holderChanged(token, before, -1)
            this.holderChanged(token, after, 1)
            this.state.checkpoint(token, block)
        }
    }
}
