import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {digestDifferences, indexDigest} from '../harness/digest'
import {chainHead, mineTo} from '../harness/reorg'
import {ACCOUNT, connect, devSigner, sendChecked} from '../../src/dev/rpc'
import {createDatabaseOn, demoEnv, queryDb, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')

describe('batch boundaries', () => {
    let chain: RunningAnvil
    let following: TestDatabase
    let onePass: TestDatabase
    let d: Deployment

    beforeAll(async () => {
        ({chain, db: following, d} = await startDemoChain(dbUrl))
        onePass = await createDatabaseOn(dbUrl)
    })

    afterAll(async () => {
        await following?.stop()
        await onePass?.stop()
        await chain?.stop()
    })

    /** Calls the token's identity registry as its agent; returns the block of the transaction. */
    const registry = async (symbol: string, method: string, args: unknown[]): Promise<number> => {
        const ir = d.tokens.find(t => t.symbol === symbol)!.identityRegistry
        const contract = contractAt('IdentityRegistry', ir, devSigner(ACCOUNT.agent, await connect(chain.url, d.chainId)))
        return (await sendChecked(`${symbol} ${method}`, contract, method, args)).blockNumber
    }

    const verifiedAt = async (db: TestDatabase, symbol: string, wallet: string): Promise<number | undefined> => {
        const rows = await queryDb<{changed_at_block: number}>(db.url, 'SELECT changed_at_block FROM wallet_verification WHERE identity_registry = $1 AND wallet = $2 AND verified',
            [d.tokens.find(t => t.symbol === symbol)!.identityRegistry.toLowerCase(), wallet.toLowerCase()])
        return rows[0]?.changed_at_block
    }

    describe('when one index sees an investor register in two tokens in separate batches and another sees both in one batch', () => {
        it('should date each verification change at the block that caused it and end with equal indexes', async () => {
            const {wallet, identity, country} = d.investors[9]!
            await registry('HOT', 'deleteIdentity', [wallet])
            await registry('RIV30', 'deleteIdentity', [wallet])
            const follower = await startIndexer(demoEnv(chain, following, d), false)
            let registered: {HOT: number; RIV30: number}
            try {
                // A one-pass index reads final blocks in strides of 10 from START_BLOCK (0): keep both registrations in one.
                if ((await chainHead(chain.url)) % 10 >= 8) await mineTo(chain.url, (await chainHead(chain.url)) + 3)
                await waitForHead(chain.url, following.url)
                const hot = await registry('HOT', 'registerIdentity', [wallet, identity, country])
                await waitForHead(chain.url, following.url)
                registered = {HOT: hot, RIV30: await registry('RIV30', 'registerIdentity', [wallet, identity, country])}
                await waitForHead(chain.url, following.url)
                // beyond finality, so the one-pass index reads them as final blocks rather than one hot block at a time
                await mineTo(chain.url, registered.RIV30 + 10)
            } finally {
                await follower.stop()
            }
            const single = await startIndexer(demoEnv(chain, onePass, d), false)
            try {
                await waitForHead(chain.url, onePass.url)
            } finally {
                await single.stop()
            }

            expect(registered.RIV30).toBe(registered.HOT + 1)
            for (const db of [following, onePass]) {
                expect({HOT: await verifiedAt(db, 'HOT', wallet), RIV30: await verifiedAt(db, 'RIV30', wallet)}).toEqual(registered)
            }
            expect(digestDifferences(await indexDigest(following.url), await indexDigest(onePass.url))).toEqual([])
        })
    })
})
