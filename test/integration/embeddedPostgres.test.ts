import fs from 'fs'
import os from 'os'
import path from 'path'
import {Client} from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {RunningPostgres, startEmbeddedPostgres} from '../../src/dev/postgres'
import {freePort} from '../harness/testStack'

describe('startEmbeddedPostgres()', () => {
    describe('when it creates a cluster, whatever the machine\'s locale', () => {
        let dir: string
        let pg: RunningPostgres
        let client: Client
        const one = async (sql: string) => (await client.query(sql)).rows[0] as Record<string, unknown>

        beforeAll(async () => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-pg-locale-'))
            fs.chmodSync(dir, 0o755)
            pg = await startEmbeddedPostgres(path.join(dir, 'data'), await freePort(), 'squid', () => undefined)
            client = new Client({connectionString: pg.url})
            await client.connect()
        })

        afterAll(async () => {
            await client?.end()
            await pg?.stop()
            fs.rmSync(dir, {recursive: true, force: true})
        })

        it('should use the builtin C.UTF-8 collation in UTF-8, not the environment\'s', async () => {
            expect(await one(`SELECT datlocprovider AS provider, datlocale AS locale, datcollate AS collate, pg_encoding_to_char(encoding) AS encoding
                                FROM pg_database WHERE datname = current_database()`))
                .toEqual({provider: 'b', locale: 'C.UTF-8', collate: 'C', encoding: 'UTF8'})
        })

        it('should sort text byte-wise (upper case before lower, accented letters last)', async () => {
            expect(await one(`SELECT array_agg(x ORDER BY x) AS sorted FROM unnest(ARRAY['b', 'é', 'B', 'a', '0x0a', '0xA0']) x`))
                .toEqual({sorted: ['0x0a', '0xA0', 'B', 'a', 'b', 'é']})
        })

        it('should fold case beyond ASCII, as the API\'s case-insensitive filters need', async () => {
            expect(await one(`SELECT lower('SOCIÉTÉ GÉNÉRALE') AS folded`)).toEqual({folded: 'société générale'})
        })
    })
})
