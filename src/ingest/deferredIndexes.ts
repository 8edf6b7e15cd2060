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

/** Builds every deferred index and key, each in its own transaction with the deletion of its row; resolves to how many. */
export async function buildDeferredIndexes(ds: DataSource, log: Logger): Promise<number> {
    // indexes first: a foreign key's check then finds the referenced rows by their primary keys only
    const rows: Deferred[] = await ds.query(`SELECT name, table_name, definition FROM deferred_index ORDER BY definition LIKE 'ALTER TABLE%', name`)
    for (const r of rows) {
        const started = Date.now()
        await ds.transaction(async em => {
            // a sort in memory rather than on disk for the larger tables
            await em.query(`SET LOCAL maintenance_work_mem = '256MB'`)
            await em.query(r.definition)
            await em.query('DELETE FROM deferred_index WHERE name = $1', [r.name])
        })
        log.debug(`built ${r.name} on ${r.table_name} in ${Date.now() - started} ms`)
    }
    return rows.length
}
