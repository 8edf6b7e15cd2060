import fs from 'fs'
import os from 'os'
import path from 'path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {ConfigError} from '../../src/config'
import {connectionFile, locateDatabase, useDevChain, writeLocalStack} from '../../src/localStack'

describe('locateDatabase()', () => {
    let dir: string
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-stack-'))
    })
    afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

    describe('when neither DB_URL nor DB_HOST is set and npm start left no connection file', () => {
        it('should refuse instead of falling back to localhost:5432/postgres', () => {
            const env: NodeJS.ProcessEnv = {DATA_DIR: dir}
            expect(() => locateDatabase(env)).toThrow(ConfigError)
            expect(() => locateDatabase(env)).toThrow(/No database is configured: set DB_URL .* or run `npm start`/)
            expect(env.DB_URL).toBeUndefined()
        })
    })

    describe('when npm start left its connection file', () => {
        it('should use the embedded database, and the file should be readable by its owner only', () => {
            const env: NodeJS.ProcessEnv = {DATA_DIR: dir, DB_URL: ''}
            writeLocalStack({dbUrl: 'postgres://postgres:postgres@127.0.0.1:54320/squid'}, env)
            expect(fs.statSync(connectionFile(env)).mode & 0o777).toBe(0o600)
            expect(locateDatabase(env)).toEqual({kind: 'embedded', file: path.join(dir, 'connection.json')})
            expect(env.DB_URL).toBe('postgres://postgres:postgres@127.0.0.1:54320/squid')
        })
    })

    describe('when DB_URL names a database', () => {
        it('should use it, whatever npm start left', () => {
            const env: NodeJS.ProcessEnv = {DATA_DIR: dir, DB_URL: 'postgres://u@db:5432/x'}
            writeLocalStack({dbUrl: 'postgres://postgres:postgres@127.0.0.1:54320/squid'}, env)
            expect(locateDatabase(env)).toEqual({kind: 'explicit', via: 'DB_URL'})
            expect(env.DB_URL).toBe('postgres://u@db:5432/x')
        })
    })

    describe('when another variable is malformed', () => {
        it('should refuse before looking for a database', () => {
            expect(() => locateDatabase({DATA_DIR: dir, DB_URL: 'postgres://u@db/x', STARTUP_RETRIES: 'abc'})).toThrow('STARTUP_RETRIES="abc"')
        })
    })
})

describe('useDevChain()', () => {
    it('should give npm run process the dev chain of npm start where RPC_ETH_HTTP is unset', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-stack-'))
        try {
            const env: NodeJS.ProcessEnv = {DATA_DIR: dir}
            writeLocalStack({dbUrl: 'postgres://p@h/d', devChain: {rpcUrl: 'http://127.0.0.1:8545', factory: '0xabc', startBlock: 0}}, env)
            expect(useDevChain(env)).toBe(true)
            expect([env.RPC_ETH_HTTP, env.TREX_FACTORIES, env.START_BLOCK]).toEqual(['http://127.0.0.1:8545', '0xabc', '0'])
            const own: NodeJS.ProcessEnv = {DATA_DIR: dir, RPC_ETH_HTTP: 'http://node'}
            expect(useDevChain(own)).toBe(false)
            expect(own.TREX_FACTORIES).toBeUndefined()
        } finally {
            fs.rmSync(dir, {recursive: true, force: true})
        }
    })
})
