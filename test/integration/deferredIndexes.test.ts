import path from 'path'
import {createLogger} from '@subsquid/logger'
import {Client} from 'pg'
import {DataSource} from 'typeorm'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {PROJECT_DIR} from '../../src/dev/children'
import {createDatabaseOn, TestDatabase} from '../harness/testStack'
import {buildDeferredIndexes, deferIndexes} from '../../src/ingest/deferredIndexes'

const dbUrl = inject('dbUrl')
const log = createLogger('test:deferredIndexes')

/** Every index and foreign key of the public schema with its definition. */
async function schemaOf(ds: DataSource): Promise<string[]> {
    const rows: {d: string}[] = await ds.query(
        `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public'
          UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'`)
    return rows.map(r => r.d).sort()
}

const dataSource = (url: string) => new DataSource({type: 'postgres', url, migrations: [path.join(PROJECT_DIR, 'db', 'migrations', '*.js')]})

describe('.buildDeferredIndexes()', () => {
    let db: TestDatabase
    let ds: DataSource
    let migrated: string[]

    beforeAll(async () => {
        db = await createDatabaseOn(dbUrl)
        ds = await dataSource(db.url).initialize()
        await ds.runMigrations()
        migrated = await schemaOf(ds)
    })

    afterAll(async () => {
        await ds?.destroy()
        await db?.stop()
    })

    describe('when a first catch-up deferred the history tables\' indexes', () => {
        it('should keep primary keys, unique indexes and the open-ledger-row index, and record what it dropped', async () => {
            const deferred = await deferIndexes(ds)
            const now = await schemaOf(ds)
            expect(migrated.length - now.length).toBe(deferred)
            expect(now.filter(d => d.includes('ON public.transfer '))).toEqual([expect.stringContaining('CREATE UNIQUE INDEX "PK_')])
            expect(now).toContain('CREATE INDEX "IDX_balance_change_open" ON public.balance_change USING btree (token_id, wallet) WHERE (valid_until_block IS NULL)')
            expect(now.filter(d => d.startsWith('balance_change '))).toEqual([])
            const rows: {n: string}[] = await ds.query('SELECT count(*) AS n FROM deferred_index')
            expect(Number(rows[0]!.n)).toBe(deferred)
        })
    })

    describe('when the build is killed halfway', () => {
        it('should leave the rows of what is still missing, and the next build should restore the migrated schema', async () => {
            // the builder waits on a lock of the transfer table; its connection is then terminated, as a crash would
            const locker = new Client({connectionString: db.url})
            await locker.connect()
            await locker.query('BEGIN')
            await locker.query('LOCK TABLE transfer IN ACCESS EXCLUSIVE MODE')
            const builder = await dataSource(db.url).initialize()
            const building = buildDeferredIndexes(builder, log).then(() => 'finished', (e: Error) => e.message)
            let waiting: {pid: number}[] = []
            while (waiting.length === 0) {
                // inside the locker's transaction the activity view is a snapshot taken once: take a fresh one
                await locker.query('SELECT pg_stat_clear_snapshot()')
                waiting = (await locker.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows
                await new Promise(r => setTimeout(r, 50))
            }
            await locker.query('SELECT pg_terminate_backend($1)', [waiting[0]!.pid])
            expect(await building).toMatch(/terminat/)
            await locker.query('ROLLBACK')
            await locker.end()
            await builder.destroy().catch(() => undefined)

            const left: {name: string}[] = await ds.query('SELECT name FROM deferred_index')
            const halfway = await schemaOf(ds)
            expect(left.length).toBeGreaterThan(0)
            expect(halfway.length).toBe(migrated.length - left.length)

            expect(await buildDeferredIndexes(ds, log)).toBe(left.length)
            expect(await schemaOf(ds)).toEqual(migrated)
            expect(await ds.query('SELECT name FROM deferred_index')).toEqual([])
        })
    })
})
