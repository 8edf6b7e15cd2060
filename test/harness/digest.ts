import {createHash} from 'crypto'
import {Client} from 'pg'

// What an index holds, independent of how it was built (batch sizes, restarts, faults, reorgs):
// two runs over the same canonical chain must end with equal digests.

/** Every table the processor writes, with the columns that depend on batch boundaries left out. */
const TABLES: Record<string, readonly string[]> = {
    // how far an index has got, not what it holds
    chain: ['head_block', 'head_timestamp'],
    token: [],
    holding: [],
    transfer: [],
    balance_change: [],
    skipped_log: [],
    watched_contract: [],
    audit_event: [],
    identity: [],
    identity_wallet: [],
    wallet_verification: [],
    claim: [],
    role_assignment: [],
    compliance_module: [],
    module_setting: [],
    trusted_issuer: [],
    claim_topic: [],
    distribution: [],
    payment: [],
    payment_token: [],
    entitlement: [],
    token_hourly_snapshot: [],
    token_checkpoint: [],
    fact_version: [],
    indexed_block: [],
}

export interface IndexDigest {
    /** sha256 over every table's digest */
    digest: string
    /** per table: row count and sha256 of its rows in id order */
    tables: Record<string, {rows: number; sha256: string}>
}

export async function indexDigest(dbUrl: string): Promise<IndexDigest> {
    const c = new Client({connectionString: dbUrl})
    await c.connect()
    try {
        const tables: IndexDigest['tables'] = {}
        const all = createHash('sha256')
        for (const [table, skip] of Object.entries(TABLES)) {
            const {rows} = await c.query<{row: string}>(`SELECT (to_jsonb(t) - $1::text[])::text AS row FROM ${table} t ORDER BY id`, [skip])
            const h = createHash('sha256')
            for (const r of rows) h.update(r.row).update('\n')
            const sha256 = h.digest('hex')
            tables[table] = {rows: rows.length, sha256}
            all.update(`${table} ${sha256}\n`)
        }
        return {digest: all.digest('hex'), tables}
    } finally {
        await c.end()
    }
}

/** The tables whose contents differ between two digests (empty when the indexes are equal). */
export function digestDifferences(a: IndexDigest, b: IndexDigest): string[] {
    return Object.keys(a.tables).filter(t => a.tables[t]?.sha256 !== b.tables[t]?.sha256)
        .map(t => `${t}: ${a.tables[t]?.rows} rows vs ${b.tables[t]?.rows}`)
}

/** Up to `limit` rows of `table` that differ between two indexes, by id, as JSON lines a person can compare. */
export async function rowDifferences(dbA: string, dbB: string, table: string, limit = 5): Promise<string[]> {
    const skip = TABLES[table]
    if (skip == null) throw new Error(`${table} is not a digested table`)
    const read = async (url: string) => {
        const c = new Client({connectionString: url})
        await c.connect()
        try {
            const {rows} = await c.query<{id: string; row: string}>(`SELECT id, (to_jsonb(t) - $1::text[])::text AS row FROM ${table} t`, [skip])
            return new Map(rows.map(r => [r.id, r.row]))
        } finally {
            await c.end()
        }
    }
    const [a, b] = [await read(dbA), await read(dbB)]
    const ids = [...new Set([...a.keys(), ...b.keys()])].sort().filter(id => a.get(id) !== b.get(id))
    return ids.slice(0, limit).map(id => `${table} ${id}\n  - ${a.get(id) ?? '(absent)'}\n  + ${b.get(id) ?? '(absent)'}`)
}
