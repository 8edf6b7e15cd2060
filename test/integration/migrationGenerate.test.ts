import {execFile} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {promisify} from 'util'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {PROJECT_DIR} from '../../src/dev/children'
import {createDatabaseOn, queryDb, runToExit, TestDatabase} from '../harness/testStack'
import {HAND_WRITTEN_INDEXES} from '../../src/model/handWrittenIndexNames'

const dbUrl = inject('dbUrl')
const MIGRATIONS = path.join(PROJECT_DIR, 'db', 'migrations')
/** TypeORM names the indexes it generates IDX_ and 26 hex digits; every other name is one of ours. */
const GENERATED_NAME = /^IDX_[0-9a-f]{26}$/

/** Every index a migration creates under a name TypeORM would not give it. */
function handWrittenInMigrations(): string[] {
    const names = new Set<string>()
    for (const f of fs.readdirSync(MIGRATIONS)) {
        for (const m of fs.readFileSync(path.join(MIGRATIONS, f), 'utf8').matchAll(/CREATE (?:UNIQUE )?INDEX "([^"]+)"/g)) {
            if (!GENERATED_NAME.test(m[1]!)) names.add(m[1]!)
        }
    }
    return [...names].sort()
}

describe('npm run migration:generate', () => {
    let db: TestDatabase
    let project: string

    beforeAll(async () => {
        db = await createDatabaseOn(dbUrl)
        const migrated = await runToExit('cli/reindex', {DB_URL: db.url}, ['--yes'])
        expect(migrated.code, migrated.output).toBe(0)
        // the generator writes into ./db/migrations: give it a copy of the project's, beside the compiled model
        project = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-generate-'))
        for (const dir of ['lib', 'node_modules']) fs.symlinkSync(path.join(PROJECT_DIR, dir), path.join(project, dir))
        fs.cpSync(MIGRATIONS, path.join(project, 'db', 'migrations'), {recursive: true})
    })

    afterAll(async () => {
        await db?.stop()
        if (project) fs.rmSync(project, {recursive: true, force: true})
    })

    describe('when the database holds every migration', () => {
        it('should declare every hand-written index to TypeORM', () => {
            expect(Object.values(HAND_WRITTEN_INDEXES).flat().sort()).toEqual(handWrittenInMigrations())
        })

        it('should generate nothing that drops or recreates a hand-written index', async () => {
            const bin = path.join(PROJECT_DIR, 'node_modules', '@subsquid', 'typeorm-migration', 'bin', 'squid-typeorm-migration')
            // exits 1 with "No changes in database schema were found" when the model and the database agree
            const {stdout, stderr} = await promisify(execFile)(process.execPath, [bin, 'generate'], {cwd: project, env: {...process.env, DB_URL: db.url}})
                .catch((e: {stdout: string; stderr: string; message: string}) => {
                    if (!`${e.stdout}${e.stderr}`.includes('No changes in database schema were found')) throw e
                    return {stdout: e.stdout, stderr: e.stderr}
                })
            const written = fs.readdirSync(path.join(project, 'db', 'migrations')).filter(f => !fs.existsSync(path.join(MIGRATIONS, f)))
            const generated = written.map(f => fs.readFileSync(path.join(project, 'db', 'migrations', f), 'utf8')).join('\n')
            for (const name of handWrittenInMigrations()) expect([name, generated.includes(name)], `${stdout}${stderr}${generated}`).toEqual([name, false])
        })
    })
})

describe('npm run migration:apply', () => {
    let dataDir: string

    beforeAll(() => {
        // a checkout where npm start never ran: no connection file to find
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-no-stack-'))
    })

    afterAll(() => fs.rmSync(dataDir, {recursive: true, force: true}))

    /** blank is unset: whatever the shell running the tests names is taken away */
    const NO_DATABASE = {DB_URL: '', DB_HOST: '', DB_PORT: '', DB_NAME: '', DB_USER: '', DB_PASS: ''}

    describe('when no database is named and npm start never ran', () => {
        it('should refuse, naming DB_URL and npm start, rather than migrate localhost:5432/postgres', async () => {
            const r = await runToExit('cli/migration', {...NO_DATABASE, DATA_DIR: dataDir}, ['apply'])
            expect(r.code).toBe(2)
            expect(r.output).toMatch(/No database is configured: set DB_URL/)
        })
    })

    describe('when a variable is malformed', () => {
        it('should refuse before connecting, naming the variable', async () => {
            const r = await runToExit('cli/migration', {...NO_DATABASE, DATA_DIR: dataDir, DB_URL: 'postgres://127.0.0.1:1/none', STARTUP_RETRIES: 'abc'}, ['apply'])
            expect(r.code).toBe(2)
            expect(r.output).toMatch(/STARTUP_RETRIES="abc" is not a non-negative integer/)
        })
    })

    describe('when DB_URL names a database', () => {
        it('should apply every migration there', async () => {
            const db = await createDatabaseOn(dbUrl)
            try {
                const r = await runToExit('cli/migration', {...NO_DATABASE, DATA_DIR: dataDir, DB_URL: db.url}, ['apply'])
                expect(r.code, r.output).toBe(0)
                const applied = await queryDb<{n: number}>(db.url, 'SELECT count(*)::int AS n FROM migrations')
                expect(applied[0]!.n).toBe(fs.readdirSync(MIGRATIONS).filter(f => f.endsWith('.js')).length)
            } finally {
                await db.stop()
            }
        })
    })
})
