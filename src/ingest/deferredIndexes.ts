import {Logger} from '@subsquid/logger'
import {DataSource, EntityManager} from 'typeorm'

// A first catch-up writes the append-only history into tables with their primary keys and unique
// indexes only: the secondary (query) indexes and the foreign keys are dropped before it and built once
// when it reaches the head, one sort per index instead of an index update per row. Each dropped index
// or key is recorded with its definition in `deferred_index` in the transaction that drops it, and its
// row is deleted in the transaction that builds it again, so a crash at any point leaves the rows of
// exactly what is still missing, and the next start builds them. Catch-up indexes final blocks only;
// hot blocks (and their rollbacks) start after the build.

/** The history tables that a catch-up fills; the other tables are small and keep their indexes. */
const HISTORY_TABLES = ['balance_change', 'transfer', 'audit_event', 'fact_version', 'indexed_block', 'token_checkpoint', 'token_hourly_snapshot']

/** Used by every batch: closing a wallet's current ledger row finds it by this index. */
const KEPT = ['IDX_balance_change_open']

interface Deferred {
    name: string
    table_name: string
    definition: string
}

/**
 * Drops the history tables' non-unique indexes and foreign keys and records them; resolves to how
 * many. Unique indexes stay: they guard the data and the upserts' conflicts.
 */
export async function deferIndexes(ds: DataSource): Promise<number> {
    return ds.transaction(async em => {
        const indexes: Deferred[] = await em.query(
            `SELECT c.relname AS name, t.relname AS table_name, pg_get_indexdef(i.indexrelid) AS definition
               FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
               JOIN pg_namespace n ON n.oid = t.relnamespace
              WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND NOT i.indisunique AND NOT c.relname = ANY($2)`,
            [HISTORY_TABLES, KEPT])
        const keys: Deferred[] = await em.query(
            `SELECT c.conname AS name, t.relname AS table_name,
                    format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) AS definition
               FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
              WHERE n.nspname = current_schema() AND c.contype = 'f' AND t.relname = ANY($1)`,
            [HISTORY_TABLES])
        for (const k of keys) await em.query(`ALTER TABLE "${k.table_name}" DROP CONSTRAINT "${k.name}"`)
        for (const i of indexes) await em.query(`DROP INDEX "${i.name}"`)
        const all = [...keys, ...indexes]
        await record(em, all)
        return all.length
    })
}

async function record(em: EntityManager, rows: Deferred[]): Promise<void> {
    if (rows.length === 0) return
    await em.query('INSERT INTO deferred_index (name, table_name, definition) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
        [rows.map(r => r.name), rows.map(r => r.table_name), rows.map(r => r.definition)])
}

/** Tables whose indexes are built at once, each on its own connection (a sort is mostly one core's work). */
const TABLES_AT_ONCE = 3

/**
 * Builds every deferred index and key, each in its own transaction with the deletion of its row; resolves
 * to how many. Indexes go first, TABLES_AT_ONCE tables at a time and a table's one after another, so that
 * no two builds wait on the same table's lock; then the foreign keys one by one (each locks two tables).
 * A failed build stops the others from starting more and is reported once those under way have ended:
 * the rows left in `deferred_index` are then exactly what is missing.
 */
export async function buildDeferredIndexes(ds: DataSource, log: Logger): Promise<number> {
    const rows: Deferred[] = await ds.query(`SELECT name, table_name, definition FROM deferred_index ORDER BY name`)
    const build = async (r: Deferred): Promise<void> => {
        const started = Date.now()
        await ds.transaction(async em => {
            // a sort in memory rather than on disk for the larger tables
            await em.query(`SET LOCAL maintenance_work_mem = '256MB'`)
            await em.query(r.definition)
            await em.query('DELETE FROM deferred_index WHERE name = $1', [r.name])
        })
        log.debug(`built ${r.name} on ${r.table_name} in ${Date.now() - started} ms`)
    }
    const isKey = (r: Deferred) => r.definition.startsWith('ALTER TABLE')
    const tables = new Map<string, Deferred[]>()
    for (const r of rows.filter(r => !isKey(r))) tables.set(r.table_name, [...tables.get(r.table_name) ?? [], r])
    // a foreign key's check finds the referenced rows by their primary keys only: keys after every index
    await eachAtOnce([...tables.values()], TABLES_AT_ONCE, async (indexes, stopped) => {
        for (const r of indexes) if (!stopped()) await build(r)
    })
    for (const r of rows.filter(isKey)) await build(r)
    return rows.length
}

/**
 * Runs `work` on every item, `atOnce` at a time; after a failure no item starts (`stopped()` tells the items
 * under way, to stop between their steps), and the first error is thrown once those have ended.
 */
async function eachAtOnce<T>(items: readonly T[], atOnce: number, work: (item: T, stopped: () => boolean) => Promise<void>): Promise<void> {
    let next = 0
    let failed = false
    const stopped = () => failed
    const worker = async (): Promise<void> => {
        while (!failed && next < items.length) {
            try {
                await work(items[next++]!, stopped)
            } catch (err) {
                failed = true
                throw err
            }
        }
    }
    const ended = await Promise.allSettled(Array.from({length: atOnce}, worker))
    const failure = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected')
    if (failure) throw failure.reason
}
