import fs from 'fs'
import os from 'os'
import path from 'path'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {redactUrl} from '../../src/config'
import {createDatabaseOn, queryDb, runToExit, TestDatabase} from '../harness/testStack'

const dbUrl = inject('dbUrl')

describe('npm run reindex', () => {
    let dataDir: string
    let db: TestDatabase
    const markerExists = async () => (await queryDb<{t: string | null}>(db.url, `SELECT to_regclass('public.keep_me') AS t`))[0]!.t != null

    beforeAll(async () => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-reindex-'))
        db = await createDatabaseOn(dbUrl)
        await queryDb(db.url, 'CREATE TABLE public.keep_me (x int)')
    })

    afterAll(async () => {
        await db?.stop()
        fs.rmSync(dataDir, {recursive: true, force: true})
    })

    const noDatabase = {DB_URL: '', DB_HOST: '', DATA_DIR: ''}

    describe('when no database is named and npm start left no connection file', () => {
        it('should refuse without connecting anywhere', async () => {
            const r = await runToExit('cli/reindex', {...noDatabase, DATA_DIR: dataDir}, ['--yes'])
            expect(r.code).toBe(2)
            expect(r.output).toContain('No database is configured: set DB_URL')
            expect(r.output).not.toContain('dropped')
        })
    })

    describe('when it runs without a terminal and without --yes', () => {
        it('should refuse, naming the database, and drop nothing', async () => {
            const r = await runToExit('cli/reindex', {DB_URL: db.url})
            expect(r.code).toBe(2)
            expect(r.output).toContain(`refusing to drop the index in ${redactUrl(db.url)} (the database named by DB_URL) without confirmation: run \`npm run reindex -- --yes\``)
            expect(await markerExists()).toBe(true)
        })
    })

    describe('when given an unknown option', () => {
        it('should say so and show the usage', async () => {
            const r = await runToExit('cli/reindex', {DB_URL: db.url}, ['--force'])
            expect(r.code).toBe(2)
            expect(r.output).toContain("Unknown option '--force'")
            expect(r.output).toContain('usage: npm run reindex')
            expect(await markerExists()).toBe(true)
        })
    })

    describe('when npm start left its connection file and --yes is given', () => {
        it('should drop the embedded database found through that file, and say which', async () => {
            fs.writeFileSync(path.join(dataDir, 'connection.json'), JSON.stringify({dbUrl: db.url}), {mode: 0o600})
            const r = await runToExit('cli/reindex', {...noDatabase, DATA_DIR: dataDir}, ['--yes'])
            expect(r.output).toContain(`dropped all indexed data in ${redactUrl(db.url)} (the embedded database of npm start, found through ${path.join(dataDir, 'connection.json')})`)
            expect(r.code).toBe(0)
            expect(await markerExists()).toBe(false)
            expect(Number((await queryDb<{n: string}>(db.url, 'SELECT count(*) AS n FROM migrations'))[0]!.n)).toBeGreaterThan(0)
        })
    })
})
