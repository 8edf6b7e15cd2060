import {Store} from '@subsquid/typeorm-store'
import {FactKind, FactVersion, Token} from '../model'
import {bulkWrite, entityManagerOf, trackedUpdate} from './bulkWrite'

// Every fact with a past (registrations, verification, freezes, token info, roles, modules,
// settings, issuers, topics) is kept as versions valid over block ranges, the way the ledger keeps
// balances: setting a fact closes its current version at that block and opens the new one.

/** Where a fact changed: the event (or the event that caused a re-read) behind it. */
export interface FactSource {
    block: {height: number; timestamp: number}
    logIndex: number
    txHash: string
    actor: string
}

/** The value of one version; amounts as decimal strings. */
export type FactValue = Record<string, string | number | boolean | string[] | null>

const pad = (n: number, width: number): string => n.toString().padStart(width, '0')

export const factVersionId = (chainId: number, kind: FactKind, contract: string, key: string, block: number, logIndex: number): string =>
    `${chainId}-${kind}-${contract}-${key}-${pad(block, 10)}-${pad(logIndex, 6)}`

/** The versions one batch opens and closes, written with one UPDATE and one INSERT. */
export class FactLog {
    readonly rows: FactVersion[] = []
    /** per fact: this batch's latest version (null when the batch ended the fact) */
    private readonly latest = new Map<string, FactVersion | null>()
    /** per fact: the block that closes the version open before this batch */
    private readonly closing = new Map<string, {kind: FactKind; contract: string; key: string; until: number}>()

    constructor(private readonly chainId: number) {}

    /**
     * From the end of `at`'s block, fact (kind, contract, key) has `value`; null ends it (a deleted
     * registration, a revoked role). Two changes in one block leave the earlier an empty range.
     */
    set(kind: FactKind, contract: string, key: string, value: FactValue | null, at: FactSource, token?: Token | null): void {
        const fact = factKey(kind, contract, key)
        const previous = this.latest.get(fact)
        const id = factVersionId(this.chainId, kind, contract, key, at.block.height, at.logIndex)
        if (previous?.id === id) {
            // one event setting the same fact twice: its last value stands
            if (value == null) this.drop(fact, previous)
            else previous.value = value
            return
        }
        if (previous) previous.validUntilBlock = at.block.height
        else if (previous === undefined) this.closing.set(fact, {kind, contract, key, until: at.block.height})
        if (value == null) {
            this.latest.set(fact, null)
            return
        }
        const row = new FactVersion({
            id, chainId: this.chainId, kind, contract, key, token: token ?? null, value,
            fromBlock: at.block.height, validUntilBlock: null,
            timestamp: new Date(at.block.timestamp), txHash: at.txHash, logIndex: at.logIndex, actor: at.actor,
        })
        this.rows.push(row)
        this.latest.set(fact, row)
    }

    /** Whether this batch already set the fact. */
    has(kind: FactKind, contract: string, key: string): boolean {
        return this.latest.has(factKey(kind, contract, key))
    }

    private drop(fact: string, row: FactVersion): void {
        this.rows.splice(this.rows.indexOf(row), 1)
        this.latest.set(fact, null)
    }

    /** Closes the versions earlier batches left open, then inserts this batch's. */
    async save(store: Store): Promise<void> {
        if (this.closing.size > 0) {
            const keys = [...this.closing.values()]
            const rows: {id: string; until: number}[] = await entityManagerOf(store).query(
                `SELECT f.id, u.until FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u(kind, contract, key, until)
                   JOIN fact_version f ON f.chain_id = $5 AND f.kind = u.kind AND f.contract = u.contract AND f.key = u.key AND f.valid_until_block IS NULL`,
                [keys.map(k => k.kind), keys.map(k => k.contract), keys.map(k => k.key), keys.map(k => k.until), this.chainId])
            await trackedUpdate(store, FactVersion, rows.map(r => r.id),
                'UPDATE fact_version f SET valid_until_block = u.until FROM unnest($1::text[], $2::int[]) AS u(id, until) WHERE f.id = u.id',
                [rows.map(r => r.id), rows.map(r => r.until)])
        }
        await bulkWrite(store, 'insert', this.rows)
    }
}

const factKey = (kind: FactKind, contract: string, key: string): string => `${kind}\n${contract}\n${key}`
