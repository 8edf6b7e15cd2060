import fs from 'fs'
import {entitlementTree, proofsOf} from '../analytics/merkle'
import {ownershipAt, SqlQuery} from '../analytics/ownershipAt'
import {preparePayout, PreparedPayout} from '../analytics/payoutFile'
import {Deployment} from './deploy'
import {
    agentPay, claimEntitlement, chainTime, createDistribution, deployPayouts, DistributionKindName, fundDistribution, increaseTime,
    mintStablecoin, payoutContractAt, pushPayments, reclaimUnclaimed,
} from './payouts'
import {ACCOUNT, connect, devSigner} from './rpc'

const tUSD = (whole: bigint) => whole * 1_000_000n
const HOUR = 3600
const DAY = 24 * HOUR

export interface PayoutDemo {
    manager: string
    stablecoin: string
    recordBlock: number
    distributions: {id: string; kind: DistributionKindName; story: string}[]
}

/**
 * The payouts of `npm start`: entitlements computed from the *indexed* ownership at a record block
 * (what `npm run payout:prepare` does), then on chain one dividend paid in full, one coupon partly
 * claimed, one redemption whose unclaimed rest is reclaimed after its window, one left to expire, and one
 * distribution for each finding of the reconciliation (src/analytics/reconciliation.ts): an overpayment,
 * manual payments (one in full, one in part: underpaid), a payment to a wallet that held nothing at the record
 * block, and an on-chain Merkle root that differs from the entitlements.
 */
export async function runPayoutDemo(rpcUrl: string, d: Deployment, query: SqlQuery, indexedHead: number): Promise<PayoutDemo> {
    const provider = await connect(rpcUrl, d.chainId)
    const payouts = await deployPayouts(rpcUrl, ACCOUNT.deployer)
    const agent = devSigner(ACCOUNT.agent, provider)
    const manager = payoutContractAt('DistributionManager', payouts.manager, agent)
    await mintStablecoin(payoutContractAt('TestStablecoin', payouts.stablecoin, devSigner(ACCOUNT.deployer, provider)), d.agent, tUSD(100_000n))

    const token = d.tokens[1]!.address
    const recordBlock = indexedHead
    const ownership = await ownershipAt(query, {token, block: recordBlock, chainId: d.chainId})
    const policy = {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'} as const
    const now = await chainTime(provider)
    const create = async (kind: DistributionKindName, amount: bigint, p: PreparedPayout, expiry: number) => {
        const {id} = await createDistribution(manager, {
            kind, token, paymentToken: payouts.stablecoin, totalAmount: amount, recordBlock, merkleRoot: p.merkleRoot,
            claimStart: now - 60, claimExpiry: expiry, ...policy, policyURI: 'demo: pro rata by wallet at the record block, frozen included, largest remainder',
        })
        await fundDistribution(manager, id, amount)
        return id
    }
    type Leaf = {holder: string; amount: bigint; proof: string[]}
    const leaves = (p: PreparedPayout): Leaf[] => p.result.lines.filter(l => l.amount > 0n).map(l => ({holder: l.holder, amount: l.amount, proof: p.proofs.get(l.holder)!}))
    const claimAs = async (id: bigint, p: PreparedPayout, holder: string) => {
        const investor = d.investors.find(i => i.wallet.toLowerCase() === holder)
        const leaf = leaves(p).find(l => l.holder === holder)
        if (investor == null || leaf == null) return
        await claimEntitlement(payoutContractAt('DistributionManager', payouts.manager, devSigner(investor.privateKeyIndex, provider)), id, leaf.amount, leaf.proof)
    }

    const dividend = preparePayout(ownership, tUSD(10_000n), policy)
    const one = await create('DIVIDEND', tUSD(10_000n), dividend, now + 30 * DAY)
    await pushPayments(manager, one, leaves(dividend))

    const coupon = preparePayout(ownership, tUSD(5_000n), policy)
    const two = await create('COUPON', tUSD(5_000n), coupon, now + 30 * DAY)
    for (const l of leaves(coupon).slice(0, 2)) await claimAs(two, coupon, l.holder)

    const redemption = preparePayout(ownership, tUSD(2_000n), policy)
    const three = await create('REDEMPTION', tUSD(2_000n), redemption, now + HOUR)
    await claimAs(three, redemption, leaves(redemption)[0]!.holder)
    const small = preparePayout(ownership, tUSD(1_000n), policy)
    const [first, second] = leaves(small) as [Leaf, Leaf]
    const four = await create('COUPON', tUSD(1_000n), small, now + HOUR)
    await claimAs(four, small, first.holder)
    await increaseTime(provider, 2 * HOUR)
    await reclaimUnclaimed(manager, three, d.agent)

    // every holder but the last pushed, the first paid one unit more by hand: OVERPAID, and UNPAID
    const five = await create('COUPON', tUSD(1_000n), small, now + 30 * DAY)
    await pushPayments(manager, five, leaves(small).slice(0, -1))
    await agentPay(manager, five, first.holder, 1n, 'demo: one unit paid twice')
    // nobody claims; the agent pays the first holder in full and the second half, by hand
    const six = await create('DIVIDEND', tUSD(1_000n), small, now + 30 * DAY)
    await agentPay(manager, six, first.holder, first.amount, 'demo: paid by bank transfer')
    await agentPay(manager, six, second.holder, second.amount / 2n, 'demo: first instalment')
    // a wallet that held nothing at the record block is paid
    const seven = await create('DIVIDEND', tUSD(1_000n), small, now + 30 * DAY)
    const nonHolder = [d.deployer, ...d.investors.map(i => i.wallet)].map(w => w.toLowerCase()).find(w => !small.result.lines.some(l => l.holder === w && l.amount > 0n))!
    await agentPay(manager, seven, nonHolder, tUSD(10n), 'demo: paid to a wallet that held nothing at the record block')
    // the root on chain left the first holder out and gave its share to the second, who claims it
    const wrong = entitlementTree(small.result.lines.filter(l => l.amount > 0n && l.holder !== first.holder)
        .map(l => ({holder: l.holder, amount: l.holder === second.holder ? l.amount + first.amount : l.amount})))
    const eight = await create('OTHER', tUSD(1_000n), {...small, merkleRoot: wrong.root}, now + 30 * DAY)
    const secondInvestor = d.investors.find(i => i.wallet.toLowerCase() === second.holder)!
    await claimEntitlement(payoutContractAt('DistributionManager', payouts.manager, devSigner(secondInvestor.privateKeyIndex, provider)),
        eight, second.amount + first.amount, proofsOf(wrong).get(second.holder)!)

    return {
        // as the index stores them, so that a pasted address matches
        manager: payouts.manager.toLowerCase(),
        stablecoin: payouts.stablecoin.toLowerCase(),
        recordBlock,
        distributions: [
            {id: one.toString(), kind: 'DIVIDEND', story: 'paid in full by pushed payments'},
            {id: two.toString(), kind: 'COUPON', story: 'two holders claimed, the rest still open'},
            {id: three.toString(), kind: 'REDEMPTION', story: 'one claim, the rest reclaimed after the window'},
            {id: four.toString(), kind: 'COUPON', story: 'one claim, then the window closed: expired, the rest not yet reclaimed'},
            {id: five.toString(), kind: 'COUPON', story: 'pushed but for one holder, and one unit paid twice by hand: overpaid and unpaid'},
            {id: six.toString(), kind: 'DIVIDEND', story: 'paid by hand: one holder in full, one in part (underpaid)'},
            {id: seven.toString(), kind: 'DIVIDEND', story: 'paid by hand to a wallet that held nothing at the record block'},
            {id: eight.toString(), kind: 'OTHER', story: 'its on-chain root left one holder out and gave the share to another, who claimed it'},
        ],
    }
}

export function readPayoutDemo(path: string): PayoutDemo | undefined {
    return fs.existsSync(path) ? JSON.parse(fs.readFileSync(path, 'utf8')) as PayoutDemo : undefined
}
