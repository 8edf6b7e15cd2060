import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {
    agentPay, buildEntitlementTree, cancelDistribution, chainTime, createDistribution, deployPayouts, entitlementProofs,
    fundDistribution, increaseTime, mintStablecoin, payoutContractAt, pushPayments, reclaimUnclaimed,
} from '../../src/dev/payouts'
import {ACCOUNT, connect, devSigner} from '../../src/dev/rpc'
import {runDemoScenario} from '../../src/dev/scenario'
import {createDatabaseOn, IndexerRun, startIndexer, startTestChain, TestDatabase, waitForHead} from '../../src/dev/testStack'
import {gql} from './gql'

const dbUrl = inject('dbUrl')
const tUSD = (whole: number) => BigInt(whole) * 1_000_000n
const DAY = 24 * 60 * 60

interface DistributionRow {
    distributionId: string
    kind: string
    status: string
    totalAmount: string
    funded: string
    paid: string
    reclaimed: string
    refunded: string
    outstanding: string
    recordBlock: number
    merkleRoot: string
    basis: string
    rounding: string
    includeFrozen: boolean
    creator: string
    token: {symbol: string}
    payments: {holder: string; amount: string; manual: boolean; memo: string | null; actor: string}[]
}

describe('distributions', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let rows: DistributionRow[]
    let managerAddress: string
    const lc = (a: string) => a.toLowerCase()

    beforeAll(async () => {
        chain = await startTestChain()
        db = await createDatabaseOn(dbUrl)
        d = await deployDemo(chain.url)
        await runDemoScenario(chain.url, d)
        const payouts = await deployPayouts(chain.url, ACCOUNT.deployer)
        managerAddress = payouts.manager
        const provider = await connect(chain.url)
        const agent = devSigner(ACCOUNT.agent, provider)
        const manager = payoutContractAt('DistributionManager', payouts.manager, agent)
        await mintStablecoin(payoutContractAt('TestStablecoin', payouts.stablecoin, devSigner(ACCOUNT.deployer, provider)), d.agent, tUSD(10_000))
        const tree = buildEntitlementTree([0, 1, 2].map((i, k) => ({holder: d.investors[i]!.wallet, amount: tUSD([500, 300, 200][k]!)})))
        const now = await chainTime(provider)
        const params = {
            kind: 'DIVIDEND' as const, token: d.tokens[1]!.address, paymentToken: payouts.stablecoin, totalAmount: tUSD(1000),
            recordBlock: (await provider.getBlockNumber()) - 1, merkleRoot: tree.root, claimStart: now - 10, claimExpiry: now + DAY,
            basis: 'BY_WALLET' as const, includeFrozen: true, rounding: 'LARGEST_REMAINDER' as const, policyURI: 'ipfs://policy',
        }
        // 1: funded and fully pushed.
        const one = await createDistribution(manager, params)
        await fundDistribution(manager, one.id, tUSD(1000))
        await pushPayments(manager, one.id, [...entitlementProofs(tree).values()])
        // 2: a manual payment to a wallet that held nothing, then the rest reclaimed after expiry.
        const two = await createDistribution(manager, {...params, kind: 'COUPON'})
        await fundDistribution(manager, two.id, tUSD(1000))
        await agentPay(manager, two.id, d.investors[6]!.wallet, tUSD(50), 'goodwill')
        // 3: partly funded, then cancelled.
        const three = await createDistribution(manager, {...params, kind: 'REDEMPTION', claimExpiry: now + 10 * DAY})
        await fundDistribution(manager, three.id, tUSD(400))
        await cancelDistribution(manager, three.id)
        await increaseTime(provider, 2 * DAY)
        await reclaimUnclaimed(manager, two.id, d.agent)

        run = await startIndexer({DB_URL: db.url, RPC_ETH_HTTP: chain.url, TREX_FACTORIES: d.trexFactory, START_BLOCK: String(d.deployBlock), FINALITY_CONFIRMATION: '5'}, true)
        await waitForHead(chain.url, db.url)
        rows = (await gql<{distributions: DistributionRow[]}>(run.gqlUrl, `{ distributions(orderBy: distributionId_ASC) {
            distributionId kind status totalAmount funded paid reclaimed refunded outstanding recordBlock merkleRoot basis rounding includeFrozen creator
            token { symbol } payments(orderBy: id_ASC) { holder amount manual memo actor } } }`)).distributions
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    describe('when a manager pays a watched token\'s holders', () => {
        it('should be found by its DistributionCreated, without configuration', () => {
            expect(rows.map(r => [r.distributionId, r.kind, r.token.symbol])).toEqual([['1', 'DIVIDEND', 'RIV30'], ['2', 'COUPON', 'RIV30'], ['3', 'REDEMPTION', 'RIV30']])
        })

        it('should record the entitlement policy from the chain', () => {
            expect(rows[0]).toMatchObject({basis: 'BY_WALLET', rounding: 'LARGEST_REMAINDER', includeFrozen: true, creator: lc(d.agent), totalAmount: '1000000000'})
        })
    })

    describe('when a distribution is funded and pushed in full', () => {
        it('should be PAYING with every payment and nothing outstanding', () => {
            expect(rows[0]).toMatchObject({status: 'PAYING', funded: '1000000000', paid: '1000000000', reclaimed: '0', outstanding: '0'})
            expect(rows[0]!.payments.map(p => [p.holder, p.amount, p.manual, p.actor]).sort()).toEqual(
                [[0, '500000000'], [1, '300000000'], [2, '200000000']].map(([i, a]) => [lc(d.investors[i as number]!.wallet), a, false, lc(d.agent)]).sort())
        })
    })

    describe('when an agent pays manually and the rest is reclaimed', () => {
        it('should keep the manual payment with its memo, and be RECLAIMED with the exact rest', () => {
            expect(rows[1]).toMatchObject({status: 'RECLAIMED', funded: '1000000000', paid: '50000000', reclaimed: '950000000', outstanding: '0'})
            expect(rows[1]!.payments).toEqual([{holder: lc(d.investors[6]!.wallet), amount: '50000000', manual: true, memo: 'goodwill', actor: lc(d.agent)}])
        })
    })

    describe('when a partly funded distribution is cancelled', () => {
        it('should be CANCELLED with the funding refunded', () => {
            expect(rows[2]).toMatchObject({status: 'CANCELLED', funded: '400000000', paid: '0', refunded: '400000000', outstanding: '0'})
        })
    })

    describe('oracle', () => {
        it('should equal getDistribution read from the chain', async () => {
            const manager = payoutContractAt('DistributionManager', managerAddress, await connect(chain.url))
            for (const r of rows) {
                const onChain = await manager.getFunction('getDistribution').staticCall(BigInt(r.distributionId)) as {funded: bigint; paid: bigint; reclaimed: bigint; merkleRoot: string; recordBlock: bigint}
                expect([r.distributionId, BigInt(r.funded), BigInt(r.paid), BigInt(r.reclaimed), r.merkleRoot, r.recordBlock])
                    .toEqual([r.distributionId, onChain.funded, onChain.paid, onChain.reclaimed, onChain.merkleRoot, Number(onChain.recordBlock)])
            }
        })
    })
})
