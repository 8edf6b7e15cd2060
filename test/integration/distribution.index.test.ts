import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {Deployment} from '../../src/dev/deploy'
import {
    agentPay, buildEntitlementTree, cancelDistribution, chainTime, claimEntitlement, createDistribution, deployPayouts, entitlementProofs,
    fundDistribution, increaseTime, mintStablecoin, payoutContractAt, pushPayments, reclaimUnclaimed,
} from '../../src/dev/payouts'
import {ACCOUNT, connect, devSigner, devWallet} from '../../src/dev/rpc'
import {contractAt} from '../../src/dev/artifacts'
import {EntitlementLine, entitlements} from '../../src/analytics/entitlements'
import {formatUnits, getAddress} from 'ethers'
import {demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {gql, gqlRaw} from './gql'

const dbUrl = inject('dbUrl')
const tUSD = (whole: number) => BigInt(whole) * 1_000_000n
const DAY = 24 * 60 * 60
/** ethers' formatting, as an independent oracle: "1000.0" there is "1000" in the API */
const units = (raw: bigint, decimals = 6) => formatUnits(raw, decimals).replace(/\.0$/, '')

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
    token: {symbol: string; decimals: number}
    paymentToken: string
    paymentTokenInfo: {address: string; symbol: string | null; decimals: number | null; discoveredAtBlock: number}
    createdAtBlock: number
    totalAmountDecimal: string
    fundedDecimal: string
    paidDecimal: string
    reclaimedDecimal: string
    refundedDecimal: string
    outstandingDecimal: string
    payments: {holder: string; amount: string; amountDecimal: string; manual: boolean; memo: string | null; actor: string}[]
    entitlements: {holder: string; eligibleBalance: string; eligibleBalanceDecimal: string; expected: string; expectedDecimal: string}[]
}

describe('distributions', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let rows: DistributionRow[]
    let managerAddress: string
    let recordBlock: number
    let stablecoin: string
    let fair: EntitlementLine[]
    let last: EntitlementLine
    const lc = (a: string) => a.toLowerCase()

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        const payouts = await deployPayouts(chain.url, ACCOUNT.deployer)
        managerAddress = payouts.manager
        stablecoin = payouts.stablecoin
        const provider = await connect(chain.url)
        const agent = devSigner(ACCOUNT.agent, provider)
        const manager = payoutContractAt('DistributionManager', payouts.manager, agent)
        await mintStablecoin(payoutContractAt('TestStablecoin', payouts.stablecoin, devSigner(ACCOUNT.deployer, provider)), d.agent, tUSD(10_000))
        // The holders of record, read from the chain (not from the index), shared pro rata.
        recordBlock = (await provider.getBlockNumber()) - 1
        const riv = contractAt('Token', d.tokens[1]!.address, provider)
        const candidates = [...d.investors.map(i => i.wallet), devWallet(ACCOUNT.recoveryWallet, provider).address]
        const balances = await Promise.all(candidates.map(async w => ({wallet: w.toLowerCase(), investor: null, frozen: 0n, balance: await riv.balanceOf(w, {blockTag: recordBlock}) as bigint})))
        fair = entitlements(balances.filter(b => b.balance > 0n), tUSD(1000), {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'}).lines
        const tree = buildEntitlementTree(fair.map(l => ({holder: l.holder, amount: l.amount})))
        // A root that forgot one holder (the first), its share given to the second.
        const [left, next] = [fair[0]!, fair[1]!]
        const wrongTree = buildEntitlementTree(fair.slice(1).map(l => ({holder: l.holder, amount: l === next ? l.amount + left.amount : l.amount})))
        const now = await chainTime(provider)
        const params = {
            kind: 'DIVIDEND' as const, token: d.tokens[1]!.address, paymentToken: payouts.stablecoin, totalAmount: tUSD(1000),
            recordBlock, merkleRoot: tree.root, claimStart: now - 10, claimExpiry: now + DAY,
            basis: 'BY_WALLET' as const, includeFrozen: true, rounding: 'LARGEST_REMAINDER' as const, policyURI: 'ipfs://policy',
        }
        // 1: funded and pushed.
        const one = await createDistribution(manager, params)
        await fundDistribution(manager, one.id, tUSD(1000))
        // Every holder but the last pushed, and one unit too much paid by hand to the first.
        last = fair.at(-1)!
        await pushPayments(manager, one.id, [...entitlementProofs(tree).values()].filter(p => lc(p.holder) !== last.holder))
        await agentPay(manager, one.id, fair[0]!.holder, 1n, 'rounding correction')
        // 2: a manual payment to a wallet that held nothing, then the rest reclaimed after expiry.
        const two = await createDistribution(manager, {...params, kind: 'COUPON'})
        await fundDistribution(manager, two.id, tUSD(1000))
        await agentPay(manager, two.id, d.investors[6]!.wallet, tUSD(50), 'goodwill')
        // 3: partly funded, then cancelled.
        const three = await createDistribution(manager, {...params, kind: 'REDEMPTION', claimExpiry: now + 10 * DAY})
        await fundDistribution(manager, three.id, tUSD(400))
        await cancelDistribution(manager, three.id)
        // 4: a root computed without one holder; the second holder claims the inflated leaf.
        const four = await createDistribution(manager, {...params, kind: 'OTHER', merkleRoot: wrongTree.root})
        await fundDistribution(manager, four.id, tUSD(1000))
        const nextProof = entitlementProofs(wrongTree).get(getAddress(next.holder))!
        const nextInvestor = d.investors.find(i => i.wallet.toLowerCase() === next.holder)!
        await claimEntitlement(payoutContractAt('DistributionManager', payouts.manager, devSigner(nextInvestor.privateKeyIndex, provider)), four.id, nextProof.amount, nextProof.proof)
        // 5: paid in a contract that is no ERC-20 (the manager itself: no symbol(), no decimals()); never funded.
        await createDistribution(manager, {...params, kind: 'DIVIDEND', paymentToken: payouts.manager})
        await increaseTime(provider, 2 * DAY)
        await reclaimUnclaimed(manager, two.id, d.agent)

        run = await startIndexer(demoEnv(chain, db, d), true)
        await waitForHead(chain.url, db.url)
        rows = (await gql<{distributions: DistributionRow[]}>(run.gqlUrl, `{ distributions(limit: 10, orderBy: distributionId_ASC) {
            distributionId kind status totalAmount funded paid reclaimed refunded outstanding recordBlock merkleRoot basis rounding includeFrozen creator
            totalAmountDecimal fundedDecimal paidDecimal reclaimedDecimal refundedDecimal outstandingDecimal createdAtBlock
            token { symbol decimals } paymentToken paymentTokenInfo { address symbol decimals discoveredAtBlock }
            payments(limit: 1000, orderBy: id_ASC) { holder amount amountDecimal manual memo actor }
            entitlements(limit: 1000, orderBy: holder_ASC) { holder eligibleBalance eligibleBalanceDecimal expected expectedDecimal } } }`)).distributions
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    describe('when a manager pays a watched token\'s holders', () => {
        it('should be found by its DistributionCreated, without configuration', () => {
            expect(rows.map(r => [r.distributionId, r.kind, r.token.symbol])).toEqual([
                ['1', 'DIVIDEND', 'RIV30'], ['2', 'COUPON', 'RIV30'], ['3', 'REDEMPTION', 'RIV30'], ['4', 'OTHER', 'RIV30'], ['5', 'DIVIDEND', 'RIV30'],
            ])
        })

        it('should record the entitlement policy from the chain', () => {
            expect(rows[0]).toMatchObject({basis: 'BY_WALLET', rounding: 'LARGEST_REMAINDER', includeFrozen: true, creator: lc(d.agent), totalAmount: '1000000000'})
        })
    })

    describe('when a distribution pays in an ERC-20', () => {
        it('should index the payment token with the symbol and decimals the chain answers at the first distribution\'s block', async () => {
            const provider = await connect(chain.url)
            const coin = payoutContractAt('TestStablecoin', stablecoin, provider)
            // the first distribution's block, from the chain's own log
            const [first] = await payoutContractAt('DistributionManager', managerAddress, provider).queryFilter('DistributionCreated')
            expect(rows[0]!.createdAtBlock).toBe(first!.blockNumber)
            const at = {blockTag: first!.blockNumber}
            const [symbol, decimals] = [await coin.getFunction('symbol').staticCall(at) as string, Number(await coin.getFunction('decimals').staticCall(at))]
            expect([symbol, decimals]).toEqual(['tUSD', 6])
            for (const r of rows.slice(0, 4)) {
                expect(r.paymentToken).toBe(lc(stablecoin))
                expect(r.paymentTokenInfo).toEqual({address: lc(stablecoin), symbol, decimals, discoveredAtBlock: first!.blockNumber})
            }
        })

        it('should give every payout amount in the payment token\'s units and the eligible balances in the security token\'s', async () => {
            const paid = tUSD(1000) - last.amount + 1n
            expect(rows[0]).toMatchObject({totalAmountDecimal: '1000', fundedDecimal: '1000', paidDecimal: units(paid), reclaimedDecimal: '0', outstandingDecimal: units(tUSD(1000) - paid)})
            expect(rows[1]).toMatchObject({paidDecimal: '50', reclaimedDecimal: '950', outstandingDecimal: '0'})
            expect(rows[2]).toMatchObject({fundedDecimal: '400', refundedDecimal: '400'})
            expect(rows[0]!.payments.find(p => p.manual)).toMatchObject({amount: '1', amountDecimal: '0.000001'})
            const riv = contractAt('Token', d.tokens[1]!.address, await connect(chain.url))
            expect(rows[0]!.token.decimals).toBe(Number(await riv.decimals({blockTag: recordBlock})))
            const first = rows[0]!.entitlements.find(e => e.holder === fair[0]!.holder)!
            const balance = await riv.balanceOf(fair[0]!.holder, {blockTag: recordBlock}) as bigint
            expect(first).toEqual({
                holder: fair[0]!.holder, eligibleBalance: String(balance), eligibleBalanceDecimal: units(balance, rows[0]!.token.decimals),
                expected: String(fair[0]!.amount), expectedDecimal: units(fair[0]!.amount),
            })
        })
    })

    describe('when a distribution pays in a contract without symbol() and decimals()', () => {
        it('should index it with null symbol and decimals, as the chain answers, and give no decimal forms', async () => {
            const provider = await connect(chain.url)
            const at = rows[4]!.createdAtBlock
            for (const data of ['0x95d89b41', '0x313ce567']) { // symbol(), decimals()
                await expect(provider.call({to: managerAddress, data, blockTag: at})).rejects.toThrow()
            }
            expect(rows[4]).toMatchObject({
                paymentToken: lc(managerAddress), paymentTokenInfo: {address: lc(managerAddress), symbol: null, decimals: null, discoveredAtBlock: at},
                totalAmount: '1000000000', totalAmountDecimal: null, fundedDecimal: null, status: 'EXPIRED',
            })
            expect(rows[4]!.entitlements.length).toBeGreaterThan(0)
            expect(rows[4]!.entitlements.every(e => e.expectedDecimal === null && e.eligibleBalanceDecimal !== null)).toBe(true)
        })
    })

    describe('when a distribution is funded and pushed, and its claim window closed with one holder unpaid', () => {
        it('should be EXPIRED with every payment and what is still held', () => {
            const paid = tUSD(1000) - last.amount + 1n
            expect(rows[0]).toMatchObject({status: 'EXPIRED', funded: '1000000000', paid: String(paid), reclaimed: '0', outstanding: String(tUSD(1000) - paid)})
            expect(rows[0]!.payments.filter(p => !p.manual).map(p => [p.holder, p.amount, p.actor]).sort())
                .toEqual(fair.slice(0, -1).map(l => [l.holder, String(l.amount), lc(d.agent)]).sort())
        })
    })

    describe('when an agent pays manually and the rest is reclaimed', () => {
        it('should keep the manual payment with its memo, and be RECLAIMED with the exact rest', () => {
            expect(rows[1]).toMatchObject({status: 'RECLAIMED', funded: '1000000000', paid: '50000000', reclaimed: '950000000', outstanding: '0'})
            expect(rows[1]!.payments).toEqual([{holder: lc(d.investors[6]!.wallet), amount: '50000000', amountDecimal: '50', manual: true, memo: 'goodwill', actor: lc(d.agent)}])
        })
    })

    describe('when a partly funded distribution is cancelled', () => {
        it('should be CANCELLED with the funding refunded', () => {
            expect(rows[2]).toMatchObject({status: 'CANCELLED', funded: '400000000', paid: '0', refunded: '400000000', outstanding: '0'})
        })
    })

    describe('distributionReconciliation()', () => {
        const reconciliation = async (id: string) => (await gql<{distributionReconciliation: {
            rootMatches: boolean; expected: string; variance: string; rootDifferences: string[]; unconfirmedHolders: string[]
            lines: {holder: string; status: string; expected: string; paid: string; difference: string}[]
        }}>(run.gqlUrl, `{ distributionReconciliation(id: "${id}") { rootMatches expected variance rootDifferences unconfirmedHolders lines { holder status expected paid difference } } }`)).distributionReconciliation
        const idOf = (n: number) => `31337-${lc(managerAddress)}-${String(n).padStart(10, '0')}`

        describe('when the agent paid one holder one unit too much and one not yet', () => {
            it('should match the on-chain root and name both, to the unit', async () => {
                const r = await reconciliation(idOf(1))
                expect(r).toMatchObject({rootMatches: true, expected: '1000000000', variance: String(1n - last.amount)})
                expect(r.lines.filter(l => l.status !== 'PAID').sort((a, b) => a.status.localeCompare(b.status))).toEqual([
                    {holder: fair[0]!.holder, status: 'OVERPAID', expected: String(fair[0]!.amount), paid: String(fair[0]!.amount + 1n), difference: '1'},
                    {holder: last.holder, status: 'UNPAID', expected: String(last.amount), paid: '0', difference: String(-last.amount)},
                ])
                expect(r.lines.filter(l => l.status === 'PAID')).toHaveLength(fair.length - 2)
            })
        })

        describe('when the rest of a distribution was reclaimed', () => {
            it('should open with the context and explain the negative variance by the reclaimed rest', async () => {
                const {distributionReconciliation: r} = await gql<{distributionReconciliation: Record<string, unknown>}>(run.gqlUrl, `{ distributionReconciliation(id: "${idOf(2)}") {
                    status token { address symbol decimals } paymentToken { address symbol decimals } recordBlock
                    paid reclaimed reclaimedDecimal variance varianceDecimal owed excess excessDecimal undistributed unfunded outstanding varianceBalanced } }`)
                expect(r).toEqual({
                    status: 'RECLAIMED', token: {address: lc(d.tokens[1]!.address), symbol: 'RIV30', decimals: 6}, paymentToken: {address: lc(stablecoin), symbol: 'tUSD', decimals: 6},
                    recordBlock, paid: '50000000', reclaimed: '950000000', reclaimedDecimal: '950', variance: '-950000000', varianceDecimal: '-950',
                    owed: '1000000000', excess: '50000000', excessDecimal: '50', undistributed: '0', unfunded: '0', outstanding: '0', varianceBalanced: true,
                })
            })
        })

        describe('when an agent paid a wallet that held nothing at the record block', () => {
            it('should name it PAID_TO_NON_HOLDER and leave every holder UNPAID', async () => {
                const r = await reconciliation(idOf(2))
                expect(r.lines.filter(l => l.status === 'PAID_TO_NON_HOLDER')).toEqual([{holder: lc(d.investors[6]!.wallet), status: 'PAID_TO_NON_HOLDER', expected: '0', paid: '50000000', difference: '50000000'}])
                expect(r.lines.filter(l => l.status === 'UNPAID')).toHaveLength(fair.length)
            })
        })

        describe('when the root was computed without one holder', () => {
            it('should flag the root, name the holder whose claim differs, and list the forgotten one as unconfirmed', async () => {
                const r = await reconciliation(idOf(4))
                expect(r.rootMatches).toBe(false)
                expect(r.rootDifferences).toEqual([fair[1]!.holder])
                expect(r.unconfirmedHolders).toContain(fair[0]!.holder)
                expect(r.lines.find(l => l.holder === fair[1]!.holder)).toMatchObject({status: 'OVERPAID', difference: String(fair[0]!.amount)})
            })
        })

        describe('when the id is unknown', () => {
            it('should answer with a GraphQL error that says so', async () => {
                const {body} = await gqlRaw(run.gqlUrl, '{ distributionReconciliation(id: "nope") { rootMatches } }')
                expect(body.errors?.[0]?.message).toMatch(/unknown distribution "nope"/)
            })
        })

        describe('GET /export/distributions/<id>/reconciliation.csv', () => {
            it('should open with the context, then give the same lines as CSV, with a totals line', async () => {
                const res = await fetch(run.gqlUrl.replace('/graphql', `/export/distributions/${idOf(1)}/reconciliation.csv`))
                expect(res.status).toBe(200)
                const [head, table] = (await res.text()).trim().split('\n\n') as [string, string]
                const context = Object.fromEntries(head.split('\n').slice(1).map(l => l.split(',')).map(([k, v, u]) => [k, [v, u]]))
                expect(context).toMatchObject({
                    token: [lc(d.tokens[1]!.address), ''], token_symbol: ['RIV30', ''], token_decimals: ['6', ''],
                    payment_token: [lc(stablecoin), ''], payment_token_symbol: ['tUSD', ''], payment_token_decimals: ['6', ''],
                    record_block: [String(recordBlock), ''], root_matches: ['true', ''], status: ['EXPIRED', ''],
                    funded: ['1000000000', '1000'], variance: [String(1n - last.amount), units(1n - last.amount)],
                    outstanding: [String(last.amount - 1n), units(last.amount - 1n)], variance_balanced: ['true', ''],
                })
                const recordTime = (await (await connect(chain.url)).getBlock(recordBlock))!.timestamp
                expect(context.record_block_time).toEqual([new Date(recordTime * 1000).toISOString(), ''])
                const lines = table.split('\n')
                expect(lines[0]).toBe('holder,status,expected,paid,difference,proven_paid,manual_paid,payments,tx_hashes,expected_decimal,paid_decimal,difference_decimal')
                expect(lines).toHaveLength(fair.length + 2)
                expect(lines.at(-1)).toMatch(new RegExp(`^TOTAL,,1000000000,${tUSD(1000) - last.amount + 1n},${1n - last.amount},.*,1000,${units(tUSD(1000) - last.amount + 1n)},${units(1n - last.amount)}$`))
                expect((await fetch(run.gqlUrl.replace('/graphql', '/export/distributions/nope/reconciliation.csv'))).status).toBe(404)
            })
        })
    })

    describe('the audit trail of payouts', () => {
        it('should name the holder and the raw amount of every PaymentMade the chain logged, with no decimal form in another token\'s units', async () => {
            const manager = payoutContractAt('DistributionManager', managerAddress, await connect(chain.url))
            const logs = await manager.queryFilter(manager.filters.PaymentMade!(), 0, 'latest')
            const onChain = logs.map(l => {
                const args = (l as unknown as {args: {holder: string; amount: bigint}}).args
                return `${l.blockNumber}:${l.index}:${lc(args.holder)}:${args.amount}`
            })
            const {auditEvents} = await gql<{auditEvents: {blockNumber: number; logIndex: number; subject: string | null; amount: string | null; amountDecimal: string | null}[]}>(run.gqlUrl,
                `{ auditEvents(where: {kind_eq: PAYMENT_MADE, contract_eq: "${lc(managerAddress)}"}, orderBy: [blockNumber_ASC, logIndex_ASC], limit: 1000) { blockNumber logIndex subject amount amountDecimal } }`)
            expect(onChain.length).toBeGreaterThan(2)
            expect(auditEvents.map(e => `${e.blockNumber}:${e.logIndex}:${e.subject}:${e.amount}`)).toEqual(onChain)
            expect(auditEvents.every(e => e.amountDecimal === null)).toBe(true)
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
