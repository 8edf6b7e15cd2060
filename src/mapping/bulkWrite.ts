import {pipeline} from 'stream/promises'
import {Readable} from 'stream'
import {Store} from '@subsquid/typeorm-store'
import {PoolClient} from 'pg'
import {from as copyFrom} from 'pg-copy-streams'
import {EntityManager} from 'typeorm'

/** What typeorm-store 1.5.1 (pinned exactly in package.json) keeps privately in its Store. */
interface StoreInternals {
    em: () => EntityManager
    changes?: {
        trackInsert(entityClass: Function, entities: {id: string}[]): Promise<void>
        trackUpsert(entityClass: Function, entities: {id: string}[]): Promise<void>
    }
}

/** The transaction's EntityManager, for the few statements the Store has no method for. */
export function entityManagerOf(store: Store): EntityManager {
    return (store as unknown as StoreInternals).em()
}

/**
 * Writes rows with one statement per table and one array parameter per column
 * (`INSERT … SELECT * FROM unnest($1::text[], …)`). TypeORM's own multi-row statements bind one
 * parameter per value and took two thirds of the batch handler's time. Inserts of COPY_FROM_ROWS rows
 * or more go by COPY instead (a catch-up window's history rows). Hot-block rollback stays
 * intact: the writes are recorded in the change log exactly as `store.insert`/`store.upsert` do.
 */
export async function bulkWrite<E extends {id: string}>(store: Store, mode: 'insert' | 'upsert', rows: E[]): Promise<void> {
    const first = rows[0]
    if (first == null) return
    const internals = store as unknown as StoreInternals
    const em = internals.em()
    const meta = em.connection.getMetadata(first.constructor)
    const driver = em.connection.driver
    // A relation's foreign-key column is 'virtual' to TypeORM, but it is stored.
    const columns = meta.columns.filter(c => !c.isVirtual || c.relationMetadata != null)
    const names = columns.map(c => `"${c.databaseName}"`)
    if (mode === 'insert' && rows.length >= COPY_FROM_ROWS) {
        await internals.changes?.trackInsert(first.constructor, rows)
        await copyRows(em, meta.tableName, names, rows.map(r => columns.map(c => driver.preparePersistentValue(c.getEntityValue(r), c))))
        return
    }
    const params = columns.map(c => rows.map(r => {
        const v: unknown = driver.preparePersistentValue(c.getEntityValue(r), c)
        if (v == null) return null
        // unnest would flatten an array of arrays: array columns travel as array literals and are cast back.
        return c.isArray ? arrayLiteral(v as unknown[]) : v
    }))
    const casts = columns.map((c, i) => `$${i + 1}::${c.isArray ? 'text' : driver.normalizeType(c)}[]`).join(', ')
    const projection = columns.map((c, i) => c.isArray ? `c${i}::${driver.normalizeType(c)}[]` : `c${i}`).join(', ')
    let sql = `INSERT INTO "${meta.tableName}" (${names.join(', ')}) SELECT ${projection} FROM unnest(${casts}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`
    if (mode === 'upsert') {
        // Rows read back with findBy carry no relation objects: keep the stored foreign key then.
        const set = columns.filter(c => c.databaseName !== 'id').map(c => {
            const n = `"${c.databaseName}"`
            return c.relationMetadata ? `${n} = COALESCE(EXCLUDED.${n}, "${meta.tableName}".${n})` : `${n} = EXCLUDED.${n}`
        })
        sql += ` ON CONFLICT ("id") DO UPDATE SET ${set.join(', ')}`
        await internals.changes?.trackUpsert(first.constructor, rows)
    } else {
        await internals.changes?.trackInsert(first.constructor, rows)
    }
    await em.query(sql, params)
}

/**
 * From this many rows an insert goes by COPY: Postgres then reads rows of text instead of parsing one
 * array literal per column and unnesting them (the history tables' inserts of a catch-up window).
 */
const COPY_FROM_ROWS = 1000

/** Streams `values` (one array per row, in `columns` order) into `table` with COPY … FROM STDIN, in the transaction of `em`. */
async function copyRows(em: EntityManager, table: string, columns: string[], values: unknown[][]): Promise<void> {
    // TypeORM's query runner of the transaction keeps its pg client there (a protected field)
    const client = (em.queryRunner as unknown as {databaseConnection: PoolClient}).databaseConnection
    const copy = client.query(copyFrom(`COPY "${table}" (${columns.join(', ')}) FROM STDIN`))
    await pipeline(Readable.from(copyLines(values)), copy)
}

/** COPY's text format, a chunk of rows at a time: tab-separated, NULL as \N, backslash, tab and line breaks escaped. */
export function* copyLines(values: readonly unknown[][]): Generator<string> {
    const CHUNK = 500
    for (let i = 0; i < values.length; i += CHUNK) {
        yield values.slice(i, i + CHUNK).map(row => row.map(copyField).join('\t')).join('\n') + '\n'
    }
}

/** A column value as TypeORM prepares it (strings, numbers, booleans, dates, arrays, JSON text) in COPY's text format. */
function copyField(v: unknown): string {
    if (v == null) return '\\N'
    const s = v instanceof Date ? v.toISOString() : Array.isArray(v) ? arrayLiteral(v) : typeof v === 'object' ? JSON.stringify(v) : String(v)
    return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, c => COPY_ESCAPES[c]!) : s
}

const COPY_ESCAPES: Record<string, string> = {'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'}

function arrayLiteral(values: unknown[]): string {
    return `{${values.map(v => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
}

/**
 * An UPDATE of the rows `ids` that the Store has no method for, recorded in the hot-block change
 * log first (their previous values) so that a rollback restores them.
 */
export async function trackedUpdate(store: Store, entityClass: Function, ids: string[], update: string, params: unknown[]): Promise<void> {
    if (ids.length === 0) return
    const internals = store as unknown as StoreInternals
    await internals.changes?.trackUpsert(entityClass, ids.map(id => ({id})))
    await internals.em().query(update, params)
}
