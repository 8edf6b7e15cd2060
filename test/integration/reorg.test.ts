import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {connect, devSigner, waitMined} from '../../src/dev/rpc'
import {rpc} from '../../src/dev/status'
import {demoEnv, IndexerRun, runToExit, startDemoChain, queryDb, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')

describe('hot blocks', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let d: Deployment
    let run: IndexerRun

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        run = await startIndexer(demoEnv(chain, db, d, 10), false)
        await waitForHead(chain.url, db.url)
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    const transfer = async (from: number, to: number, amount: bigint) => {
        const provider = await connect(chain.url)
        const token = contractAt('Token', d.tokens[1]!.address, devSigner(d.investors[from]!.privateKeyIndex, provider))
        return waitMined(await token.getFunction('transfer')(d.investors[to]!.wallet, amount), `transfer ${from} -> ${to}`)
    }

    const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => queryDb<T>(db.url, sql, params)

    describe('when the chain reorganises 3 blocks deep, within finality', () => {
        it('should roll back the orphaned transfers and follow the new branch exactly', async () => {
            const snapshot = await rpc<string>(chain.url, 'evm_snapshot')
            const orphaned = [await transfer(0, 1, 111n), await transfer(1, 2, 222n), await transfer(2, 3, 333n)]
            await waitForHead(chain.url, db.url)
            expect((await query('SELECT id FROM transfer WHERE tx_hash = ANY($1)', [orphaned.map(r => r.hash)]))).toHaveLength(3)

            await rpc(chain.url, 'evm_revert', [snapshot])
            const canonical = [await transfer(3, 0, 444n), await transfer(0, 2, 555n), await transfer(1, 0, 666n), await transfer(2, 1, 777n)]
            // Polling only notices a fork once the head grows past the old one.
            await rpc(chain.url, 'evm_mine')
            await waitForHead(chain.url, db.url)

            expect(await query('SELECT id FROM transfer WHERE tx_hash = ANY($1)', [orphaned.map(r => r.hash)])).toEqual([])
            expect(await query('SELECT id FROM transfer WHERE tx_hash = ANY($1)', [canonical.map(r => r.hash)])).toHaveLength(4)
            const provider = await connect(chain.url)
            const token = contractAt('Token', d.tokens[1]!.address, provider)
            const rows = await query<{wallet: string; balance: string}>(
                'SELECT h.wallet, h.balance FROM holding h JOIN token t ON t.id = h.token_id WHERE t.address = $1', [d.tokens[1]!.address.toLowerCase()])
            for (const r of rows) expect([r.wallet, BigInt(r.balance)]).toEqual([r.wallet, await token.balanceOf(r.wallet)])
            const [supply] = await query<{total_supply: string; transfer_count: number}>('SELECT total_supply, transfer_count FROM token WHERE address = $1', [d.tokens[1]!.address.toLowerCase()])
            expect(BigInt(supply!.total_supply)).toBe(await token.totalSupply())
            const [ledger] = await query<{n: string}>('SELECT count(*) AS n FROM balance_change bc JOIN token t ON t.id = bc.token_id WHERE t.address = $1', [d.tokens[1]!.address.toLowerCase()])
            expect(Number(ledger!.n)).toBe(2 * supply!.transfer_count - 7 /* mints have no sender side */)
        })
    })

    describe('when the chain reorganises deeper than the finality setting', () => {
        it('should refuse to start with what happened and the way out, and rebuild after npm run reindex', async () => {
            const env = demoEnv(chain, db, d, 10)
            const snapshot = await rpc<string>(chain.url, 'evm_snapshot')
            await transfer(0, 1, 1n)
            await rpc(chain.url, 'anvil_mine', ['0x14'])
            await waitForHead(chain.url, db.url)
            await run.stop()

            await rpc(chain.url, 'evm_revert', [snapshot])
            await transfer(1, 0, 2n)
            await rpc(chain.url, 'anvil_mine', ['0x1e'])
            const refused = await runToExit('cli/process', env)
            expect(refused.code).toBe(2)
            expect(refused.output).toMatch(/The chain reorganised deeper than the finality setting: block \d+ was indexed as final with hash 0x[0-9a-f]{64}, but the chain now has hash 0x[0-9a-f]{64} there/)
            expect(refused.output).toContain('npm run reindex')

            expect((await runToExit('cli/reindex', env, ['--yes'])).code).toBe(0)
            run = await startIndexer(env, false)
            await waitForHead(chain.url, db.url)
            const token = contractAt('Token', d.tokens[1]!.address, await connect(chain.url))
            const rows = await query<{wallet: string; balance: string}>(
                'SELECT h.wallet, h.balance FROM holding h JOIN token t ON t.id = h.token_id WHERE t.address = $1', [d.tokens[1]!.address.toLowerCase()])
            expect(rows.length).toBeGreaterThan(0)
            for (const r of rows) expect([r.wallet, BigInt(r.balance)]).toEqual([r.wallet, await token.balanceOf(r.wallet)])
        })
    })
})
