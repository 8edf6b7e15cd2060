import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {connect, devSigner, waitMined} from '../../src/dev/rpc'
import {createDatabaseOn, queryDb, runToExit, startIndexer, startTestChain, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')
const FACTORY = '0x1111111111111111111111111111111111111111'

describe('npm run process', () => {
    let chainA: RunningAnvil
    let db: TestDatabase
    let emitter: {address: string; block: number; txHash: string}

    beforeAll(async () => {
        chainA = await startTestChain(1_700_000_000)
        db = await createDatabaseOn(dbUrl)
        // A contract that is no T-REX token: its init code emits a Transfer topic with no indexed
        // from/to (LOG1(0, 0, topic); STOP), so it is both unrelated and undecodable.
        const provider = await connect(chainA.url)
        const transferTopic = 'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
        const receipt = await waitMined(await devSigner(5, provider).sendTransaction({data: `0x7f${transferTopic}60006000a100`}), 'deploy the emitter')
        emitter = {address: receipt!.contractAddress!.toLowerCase(), block: receipt!.blockNumber, txHash: receipt!.hash}
    })

    const count = async (url: string, table: string): Promise<number> => Number((await queryDb<{n: string}>(url, `SELECT count(*) AS n FROM ${table}`))[0]!.n)

    afterAll(async () => {
        await db?.stop()
        await chainA?.stop()
    })

    const env = (extra: Record<string, string>) => ({RPC_ETH_HTTP: chainA.url, DB_URL: db.url, TREX_FACTORIES: FACTORY, STARTUP_RETRIES: '2', ...extra})

    describe('when TOKENS holds an invalid address', () => {
        it('should refuse to start, naming the variable and the value', async () => {
            const r = await runToExit('cli/process', env({TOKENS: '0x1234,0xnotanaddress'}))
            expect(r.code).toBe(2)
            expect(r.output).toContain('TOKENS contains "0x1234", which is not a 0x-prefixed 20-byte hex address')
        })
    })

    describe('when TREX_FACTORIES holds an invalid address', () => {
        it('should refuse to start, naming the variable and the value', async () => {
            const r = await runToExit('cli/process', env({TREX_FACTORIES: 'factory'}))
            expect(r.code).toBe(2)
            expect(r.output).toContain('TREX_FACTORIES contains "factory"')
        })
    })

    describe('when START_BLOCK is not a number', () => {
        it('should refuse to start, naming the variable and the value', async () => {
            const r = await runToExit('cli/process', env({START_BLOCK: 'ten'}))
            expect(r.code).toBe(2)
            expect(r.output).toContain('START_BLOCK="ten" is not a non-negative integer')
        })
    })

    describe('when the RPC is unreachable', () => {
        it('should retry, then stop with one message naming the URL', async () => {
            const r = await runToExit('cli/process', env({RPC_ETH_HTTP: 'http://127.0.0.1:9/'}))
            expect(r.code).toBe(2)
            expect(r.output).toContain('RPC http://127.0.0.1:9/ is unreachable (')
            expect(r.output).toContain('retry 1/1 in 1s')
            expect(r.output).toContain('RPC http://127.0.0.1:9/ is unreachable after 2 attempt(s)')
            expect(r.output).not.toMatch(/\n\s+at /)
        })
    })

    describe('when the database is unreachable', () => {
        it('should retry, then stop with one message naming the host, without the password', async () => {
            const r = await runToExit('cli/process', env({DB_URL: 'postgres://squid:secret@127.0.0.1:9/squid'}))
            expect(r.code).toBe(2)
            expect(r.output).toContain('database postgres://squid:***@127.0.0.1:9/squid is unreachable after 2 attempt(s)')
            expect(r.output).not.toContain('secret')
        })
    })

    describe('when an unrelated contract emits a same-topic event', () => {
        it('should ignore it: only discovered tokens are indexed', async () => {
            const first = await startIndexer(env({}), false)
            await waitForHead(chainA.url, db.url, 60000)
            await first.stop()
            expect([await count(db.url, 'token'), await count(db.url, 'transfer'), await count(db.url, 'skipped_log')]).toEqual([0, 0, 0])
        })
    })

    describe('when the database already holds another chain with the same id', () => {
        it('should refuse to mix the two and say how to reset', async () => {
            const chainB = await startTestChain(1_800_000_000)
            try {
                const r = await runToExit('cli/process', env({RPC_ETH_HTTP: chainB.url}))
                expect(r.code).toBe(2)
                expect(r.output).toMatch(/holds chain 31337 with genesis 0x[0-9a-f]{64}, but the RPC serves a chain whose genesis is 0x[0-9a-f]{64}\. Refusing to mix two chains/)
                expect(r.output).toContain('npm run reindex')
            } finally {
                await chainB.stop()
            }
        })
    })

    describe('when a listed token emits a log that does not fit the ERC-3643 ABI', () => {
        it('should record it as skipped with its coordinates and go on indexing', async () => {
            const fresh = await createDatabaseOn(dbUrl)
            const run = await startIndexer({...env({DB_URL: fresh.url, TOKENS: emitter.address}), TREX_FACTORIES: ''}, false)
            try {
                await waitForHead(chainA.url, fresh.url, 60000)
                const rows = await queryDb(fresh.url, 'SELECT address, block_number, log_index, tx_hash, reason FROM skipped_log')
                expect(rows).toHaveLength(1)
                expect(rows[0]).toMatchObject({address: emitter.address, block_number: emitter.block, log_index: 0, tx_hash: emitter.txHash})
                expect(run.processor.proc.exitCode).toBeNull()
            } finally {
                await run.stop()
                await fresh.stop()
            }
        })
    })
})
