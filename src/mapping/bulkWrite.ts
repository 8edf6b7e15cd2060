import {Store} from '@subsquid/typeorm-store'
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
 * parameter per value and took two thirds of the batch handler's time. Hot-block rollback stays
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
    const params = columns.map(c => rows.map(r => {
        const v: unknown = driver.preparePersistentValue(c.getEntityValue(r), c)
        if (v == null) return null
        // unnest would flatten an array of arrays: array columns travel as array literals and are cast back.
        return c.isArray ? arrayLiteral(v as unknown[]) : v
    }))
    const names = columns.map(c => `"${c.databaseName}"`)
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
