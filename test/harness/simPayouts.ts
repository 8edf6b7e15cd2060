import {keccak256, toUtf8Bytes} from 'ethers'
import {Deployment} from '../../src/dev/deploy'
import {
    agentPay, chainTime, createDistribution, deployPayouts, DistributionKindName, fundDistribution, mintStablecoin, PayoutDeployment,
    payoutContractAt,
} from '../../src/dev/payouts'
import {mulberry32} from '../../src/dev/random'
import {ACCOUNT, connect, devSigner} from '../../src/dev/rpc'

// Seeded payouts for the simulation: a distribution whose record block is a few blocks back (so a
// reorg can replace the ledger its entitlements come from), funded, with one manual payment.

const KINDS: DistributionKindName[] = ['DIVIDEND', 'COUPON', 'REDEMPTION']
const DAY = 24 * 3600

/** The payout contracts, with enough stablecoin in the agent's hands for every distribution of a run. */
export async function deploySimPayouts(rpcUrl: string, d: Deployment): Promise<PayoutDeployment> {
    const payouts = await deployPayouts(rpcUrl)
    const stablecoin = payoutContractAt('TestStablecoin', payouts.stablecoin, devSigner(ACCOUNT.deployer, await connect(rpcUrl, d.chainId)))
    await mintStablecoin(stablecoin, d.agent, 10n ** 15n)
    return payouts
}

/** Creates, funds and pays into one seeded distribution (four blocks). */
export async function runSeededDistribution(rpcUrl: string, d: Deployment, payouts: PayoutDeployment, seed: number): Promise<void> {
    const rand = mulberry32(seed)
    const provider = await connect(rpcUrl, d.chainId)
    const manager = payoutContractAt('DistributionManager', payouts.manager, devSigner(ACCOUNT.agent, provider))
    const token = d.tokens[Math.floor(rand() * d.tokens.length)]!
    const kind = KINDS[Math.floor(rand() * KINDS.length)]!
    const amount = BigInt(1 + Math.floor(rand() * 1_000_000)) * 1_000_000n
    const head = await provider.getBlockNumber()
    // The pre-check runs at the head, where the record block must already be in the past.
    const recordBlock = head - 1 - Math.floor(rand() * 8)
    const now = await chainTime(provider)
    const {id} = await createDistribution(manager, {
        kind, token: token.address, paymentToken: payouts.stablecoin, totalAmount: amount, recordBlock,
        merkleRoot: keccak256(toUtf8Bytes(`sim ${seed}`)), claimStart: now - 60, claimExpiry: now + 30 * DAY,
        basis: rand() < 0.5 ? 'BY_WALLET' : 'BY_INVESTOR', includeFrozen: rand() < 0.5, rounding: rand() < 0.5 ? 'LARGEST_REMAINDER' : 'FLOOR',
    })
    await fundDistribution(manager, id, amount)
    const payee = d.investors[Math.floor(rand() * d.investors.length)]!.wallet
    await agentPay(manager, id, payee, amount / 10n, `sim ${seed}`)
}
