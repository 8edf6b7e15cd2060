import {keccak256, toUtf8Bytes} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {cleanIndexDigest} from '../harness/cleanIndex'
import {Deployment} from '../../src/dev/deploy'
import {digestDifferences, indexDigest} from '../harness/digest'
import {chainTime, createDistribution, deployPayouts, DistributionKindName, fundDistribution, mintStablecoin, PayoutDeployment, payoutContractAt} from '../../src/dev/payouts'
import {chainHead, mineTo, rollBack} from '../harness/reorg'
import {ACCOUNT, connect, devSigner, sendChecked} from '../../src/dev/rpc'
import {demoEnv, IndexerRun, startDemoChain, queryDb, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')
/** Above the deepest reorg below (20 blocks), so every replaced block is still hot. */
const FINALITY = 25
const DAY = 24 * 3600

/** Sends one branch's transactions (one block each) and returns their hashes. */
type Branch = () => Promise<string[]>

describe('reorgs within finality, 1 to 20 blocks deep', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let d: Deployment
    let payouts: PayoutDeployment
    let env: NodeJS.ProcessEnv
    let run: IndexerRun

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        payouts = await deployPayouts(chain.url)
        const provider = await connect(chain.url, d.chainId)
        await mintStablecoin(payoutContractAt('TestStablecoin', payouts.stablecoin, devSigner(ACCOUNT.deployer, provider)), d.agent, 1_000_000_000_000n)
        env = {...demoEnv(chain, db, d, FINALITY), DISTRIBUTION_MANAGERS: payouts.manager}
        run = await startIndexer(env, false)
        await waitForHead(chain.url, db.url)
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => queryDb<T>(db.url, sql, params)

    // Signers are made per transaction: a rollback lowers the nonces a long-lived NonceManager would have cached.
    const bond = () => d.tokens[1]!
    const transfer = async (from: number, to: number, amount: bigint): Promise<string> => {
        const token = contractAt('Token', bond().address, devSigner(d.investors[from]!.privateKeyIndex, await connect(chain.url, d.chainId)))
        return (await sendChecked(`transfer ${from} -> ${to}`, token, 'transfer', [d.investors[to]!.wallet, amount])).hash
    }
    const asAgent = async (what: 'Token' | 'IdentityRegistry', address: string, method: string, args: unknown[]): Promise<string> => {
        const contract = contractAt(what, address, devSigner(ACCOUNT.agent, await connect(chain.url, d.chainId)))
        return (await sendChecked(`${what}.${method}`, contract, method, args)).hash
    }
    const distribute = async (kind: DistributionKindName, recordBlock: number, amount: bigint, funded: boolean): Promise<string[]> => {
        const provider = await connect(chain.url, d.chainId)
        const manager = payoutContractAt('DistributionManager', payouts.manager, devSigner(ACCOUNT.agent, provider))
        const now = await chainTime(provider)
        const {id, receipt} = await createDistribution(manager, {
            kind, token: bond().address, paymentToken: payouts.stablecoin, totalAmount: amount, recordBlock,
            merkleRoot: keccak256(toUtf8Bytes(`${kind} at ${recordBlock}`)), claimStart: now - 60, claimExpiry: now + 30 * DAY,
            basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER',
        })
        return funded ? [receipt.hash, (await fundDistribution(manager, id, amount)).hash] : [receipt.hash]
    }

    const indexedTxs = async (hashes: string[]): Promise<number> =>
        (await query<{tx_hash: string}>('SELECT DISTINCT tx_hash FROM audit_event WHERE tx_hash = ANY($1)', [hashes])).length

    /**
     * Indexes `orphan` (exactly `depth` blocks on the head, held as hot blocks), replaces those blocks with
     * `canonical`, and mines one block past the old head: polling only notices a fork once the head grows.
     */
    const reorganise = async (depth: number, orphan: Branch, canonical: Branch) => {
        const base = await chainHead(chain.url)
        const orphaned = await orphan()
        expect(await mineTo(chain.url, base + depth)).toBe(base + depth)
        await waitForHead(chain.url, db.url)
        const [hot] = await query<{lowest: number}>('SELECT min(height) AS lowest FROM squid_processor.hot_block')
        const before = {indexed: await indexedTxs(orphaned), lowestHot: hot!.lowest}

        expect(await rollBack(chain.url, depth)).toBe(base)
        const kept = await canonical()
        await mineTo(chain.url, base + depth + 1)
        await waitForHead(chain.url, db.url)
        return {base, orphaned, kept, before}
    }

    const countryOf = async (wallet: string): Promise<number | undefined> =>
        (await query<{country: number}>('SELECT country FROM identity_wallet WHERE storage = $1 AND wallet = $2',
            [bond().identityRegistryStorage.toLowerCase(), wallet.toLowerCase()]))[0]?.country

    const equalsFreshIndex = async () => digestDifferences(await indexDigest(db.url), await cleanIndexDigest(dbUrl, chain.url, env))

    describe('when the chain reorganises 1 block deep under the indexer', () => {
        it('should drop the orphaned transfer, keep the new branch and equal a fresh index of the canonical chain', async () => {
            const r = await reorganise(1,
                async () => [await transfer(0, 1, 111n)],
                async () => [await transfer(1, 0, 222n), await transfer(2, 3, 333n)])

            expect(r.before.indexed).toBe(1)
            expect(r.before.lowestHot).toBeLessThanOrEqual(r.base + 1)
            expect(await indexedTxs(r.orphaned)).toBe(0)
            expect(await indexedTxs(r.kept)).toBe(2)
            expect(await equalsFreshIndex()).toEqual([])
        })
    })

    describe('when the chain reorganises 8 blocks deep under the indexer', () => {
        it('should replace every orphaned transfer and freeze with the new branch and equal a fresh index of the canonical chain', async () => {
            const wallet3 = d.investors[3]!.wallet
            const r = await reorganise(8,
                async () => [await transfer(0, 1, 1_000n), await transfer(1, 2, 2_000n), await transfer(2, 3, 3_000n),
                    await asAgent('Token', bond().address, 'setAddressFrozen', [wallet3, true])],
                async () => [await transfer(3, 0, 4_000n), await transfer(0, 2, 5_000n), await transfer(1, 3, 6_000n), await transfer(2, 0, 7_000n)])

            expect(r.before.indexed).toBe(4)
            expect(r.before.lowestHot).toBeLessThanOrEqual(r.base + 1)
            expect(await indexedTxs(r.orphaned)).toBe(0)
            expect(await indexedTxs(r.kept)).toBe(4)
            const [holding] = await query<{is_frozen: boolean}>('SELECT h.is_frozen FROM holding h JOIN token t ON t.id = h.token_id WHERE t.address = $1 AND h.wallet = $2',
                [bond().address.toLowerCase(), wallet3.toLowerCase()])
            expect(holding!.is_frozen).toBe(false)
            expect(await equalsFreshIndex()).toEqual([])
        })
    })

    describe(`when the chain reorganises 20 blocks deep, within a finality of ${FINALITY}`, () => {
        it('should roll back transfers, a country change, a freeze and a distribution with its entitlements, and equal a fresh index of the canonical chain', async () => {
            const [five, six, three] = [d.investors[5]!, d.investors[6]!, d.investors[3]!]
            const ir = bond().identityRegistry
            const base = await chainHead(chain.url)
            const r = await reorganise(20,
                async () => [await transfer(0, 3, 10_000n), await transfer(3, 1, 20_000n),
                    await asAgent('Token', bond().address, 'setAddressFrozen', [three.wallet, true]),
                    await asAgent('IdentityRegistry', ir, 'updateCountry', [five.wallet, 380]),
                    ...await distribute('DIVIDEND', base + 2, 1_000_000n, false)],
                async () => [await transfer(1, 2, 30_000n), await transfer(2, 0, 40_000n), await transfer(0, 1, 50_000n),
                    await asAgent('Token', bond().address, 'freezePartialTokens', [d.investors[1]!.wallet, 60_000n]),
                    await asAgent('IdentityRegistry', ir, 'updateCountry', [six.wallet, 528]),
                    ...await distribute('COUPON', base + 3, 2_000_000n, true)])

            expect(r.before.indexed).toBe(5)
            expect(r.before.lowestHot).toBeLessThanOrEqual(r.base + 1)
            expect(await indexedTxs(r.orphaned)).toBe(0)
            expect(await indexedTxs(r.kept)).toBe(7)
            expect(await countryOf(five.wallet)).toBe(five.country)
            expect(await countryOf(six.wallet)).toBe(528)
            const [frozen] = await query<{frozen_amount: string}>('SELECT h.frozen_amount FROM holding h JOIN token t ON t.id = h.token_id WHERE t.address = $1 AND h.wallet = $2',
                [bond().address.toLowerCase(), d.investors[1]!.wallet.toLowerCase()])
            expect(frozen!.frozen_amount).toBe('60000')
            const distributions = await query<{kind: string; record_block: number; funded: string; eligible: string; expected: string}>(
                `SELECT d.kind, d.record_block, d.funded, sum(e.eligible_balance) AS eligible, sum(e.expected) AS expected
                 FROM distribution d JOIN entitlement e ON e.distribution_id = d.id WHERE d.created_at_block > $1 GROUP BY d.id`, [base])
            const supplyAtRecord: bigint = await contractAt('Token', bond().address, await connect(chain.url, d.chainId)).totalSupply({blockTag: base + 3})
            expect(distributions).toEqual([{kind: 'COUPON', record_block: base + 3, funded: '2000000', eligible: String(supplyAtRecord), expected: '2000000'}])
            expect(await equalsFreshIndex()).toEqual([])
        })
    })
})
