import {Contract, JsonRpcProvider, NonceManager, Wallet, ZeroHash, getAddress, isCallException} from 'ethers'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {Deployment, deployDemo} from '../../src/dev/deploy'
import {
    EntitlementProof,
    EntitlementTree,
    agentPay,
    buildEntitlementTree,
    cancelDistribution,
    chainTime,
    claimEntitlement,
    createDistribution,
    createParams,
    deployPayouts,
    deployPayoutsWith,
    DistributionKind,
    DistributionParams,
    entitlementProofs,
    eventArgs,
    fundDistribution,
    increaseTime,
    mintStablecoin,
    payoutContractAt,
    pushPayments,
    reclaimUnclaimed,
} from '../../src/dev/payouts'
import {ACCOUNT, connect, devSigner, devWallet, waitMined} from '../../src/dev/rpc'
import {runDemoScenario} from '../../src/dev/scenario'
import {startTestChain} from '../harness/testStack'

/**
 * DistributionManager and TestStablecoin on their own anvil with the demo T-REX deployment
 * (the shared chain of globalSetup is left alone: these tests move the clock).
 * Rejections are checked by simulating the call from the acting account (eth_call), which
 * yields the decoded custom error; one case also sends the transaction to show it reverts.
 */

const DAY = 24 * 60 * 60
const tUSD = (whole: number) => BigInt(whole) * 1_000_000n

let anvil: RunningAnvil
let provider: JsonRpcProvider
let d: Deployment
let token: string
let owner: NonceManager
let agent: NonceManager
let outsider: NonceManager
const holders: NonceManager[] = []
const addresses: {owner: string; agent: string; outsider: string; holders: string[]} = {
    owner: '', agent: '', outsider: '', holders: [],
}
let managerAddress: string
let stablecoinAddress: string

/** The manager / stablecoin as seen by one signer. */
const manager = (signer: NonceManager) => payoutContractAt('DistributionManager', managerAddress, signer)
const stablecoin = (signer: NonceManager) => payoutContractAt('TestStablecoin', stablecoinAddress, signer)
const balanceOf = async (address: string): Promise<bigint> =>
    payoutContractAt('TestStablecoin', stablecoinAddress, provider).getFunction('balanceOf').staticCall(address)

interface Fixture {
    id: bigint
    tree: EntitlementTree
    proofs: EntitlementProof[]
    total: bigint
}

/** Entitlements of the first four investors: 400 + 300 + 200 + 100 tUSD. */
function entitlements() {
    const amounts = [400, 300, 200, 100].map(tUSD)
    return amounts.map((amount, i) => ({holder: addresses.holders[i]!, amount}))
}

function proofOf(f: Fixture, i: number): EntitlementProof {
    const p = f.proofs[i]
    if (p === undefined) throw new Error(`no proof #${i}`)
    return p
}

async function baseParams(overrides: Partial<DistributionParams> = {}): Promise<DistributionParams> {
    const now = await chainTime(provider)
    const tree = buildEntitlementTree(entitlements())
    return {
        kind: 'DIVIDEND',
        token,
        paymentToken: stablecoinAddress,
        totalAmount: tUSD(1000),
        // eth_call (the pre-flight simulation) runs at the head's own number: the head is not yet "past".
        recordBlock: await provider.getBlockNumber() - 1,
        merkleRoot: tree.root,
        claimStart: now,
        claimExpiry: now + 30 * DAY,
        basis: 'BY_WALLET',
        includeFrozen: true,
        rounding: 'LARGEST_REMAINDER',
        policyURI: 'ipfs://policy',
        ...overrides,
    }
}

/** A distribution of entitlements() created by the agent and, unless `funding` is 0, funded by the agent. */
async function newDistribution(funding = tUSD(1000), overrides: Partial<DistributionParams> = {}): Promise<Fixture> {
    const tree = buildEntitlementTree(entitlements())
    const params = await baseParams({merkleRoot: tree.root, ...overrides})
    const {id} = await createDistribution(manager(agent), params)
    if (funding > 0n) await fundDistribution(manager(agent), id, funding)
    const byHolder = entitlementProofs(tree)
    const proofs = addresses.holders.slice(0, 4).map(h => byHolder.get(h)!)
    return {id, tree, proofs, total: params.totalAmount}
}

/** Simulates `method` from the contract's signer and expects the custom error `name` (with `args` when given). */
async function expectRevert(contract: Contract, method: string, callArgs: unknown[], name: string, args?: unknown[]): Promise<void> {
    let error: unknown
    try {
        await contract.getFunction(method).staticCall(...callArgs)
    } catch (e) {
        error = e
    }
    expect(error, `${method} should revert with ${name}`).toBeDefined()
    if (!isCallException(error)) throw error
    expect(error.revert?.name, error.message).toBe(name)
    if (args) expect([...(error.revert?.args ?? [])]).toEqual(args)
}

beforeAll(async () => {
    anvil = await startTestChain()
    d = await deployDemo(anvil.url)
    await runDemoScenario(anvil.url, d)
    provider = await connect(anvil.url, d.chainId)
    // the contract reports addresses checksummed; deployment.json holds them as the index does, lower case
    token = getAddress(d.tokens[0]!.address)
    owner = devSigner(ACCOUNT.deployer, provider)
    agent = devSigner(ACCOUNT.agent, provider)
    for (const investor of d.investors.slice(0, 4)) holders.push(devSigner(investor.privateKeyIndex, provider))
    outsider = devSigner(d.investors[9]!.privateKeyIndex, provider)
    addresses.owner = await owner.getAddress()
    addresses.agent = await agent.getAddress()
    addresses.outsider = await outsider.getAddress()
    addresses.holders = await Promise.all(holders.map(h => h.getAddress()))

    const deployed = await deployPayoutsWith(owner)
    managerAddress = deployed.manager
    stablecoinAddress = deployed.stablecoin
    await mintStablecoin(stablecoin(owner), addresses.agent, tUSD(1_000_000))
    await mintStablecoin(stablecoin(owner), addresses.owner, tUSD(1_000_000))
}, 300_000)

afterAll(async () => {
    await anvil?.stop()
})

describe('TestStablecoin', () => {
    it('should be Test USD (tUSD) with 6 decimals', async () => {
        const c = stablecoin(outsider)
        expect(await c.getFunction('name').staticCall()).toBe('Test USD')
        expect(await c.getFunction('symbol').staticCall()).toBe('tUSD')
        expect(await c.getFunction('decimals').staticCall()).toBe(6n)
    })

    describe('when a non-owner mints', () => {
        it('should revert with OwnableUnauthorizedAccount', async () => {
            await expectRevert(stablecoin(outsider), 'mint', [addresses.outsider, 1n], 'OwnableUnauthorizedAccount', [addresses.outsider])
        })
    })
})

describe('deployPayouts()', () => {
    it('should deploy a DistributionManager and a TestStablecoin owned by the deployer', async () => {
        // Not the owner's account: its NonceManager here would then hold a stale nonce.
        const deployer = devWallet(ACCOUNT.claimIssuer, provider).address
        const {manager: m, stablecoin: s} = await deployPayouts(anvil.url, ACCOUNT.claimIssuer)
        expect(await payoutContractAt('DistributionManager', m, provider).getFunction('distributionCount').staticCall()).toBe(0n)
        expect(await payoutContractAt('TestStablecoin', s, provider).getFunction('owner').staticCall()).toBe(deployer)
    })
})

describe('DistributionManager', () => {
    describe('.createDistribution()', () => {
        describe('when the caller is an agent of the token', () => {
            it('should record the distribution and its entitlement policy and emit DistributionCreated', async () => {
                const params = await baseParams({kind: 'COUPON', basis: 'BY_INVESTOR', includeFrozen: false})
                const countBefore: bigint = await manager(agent).getFunction('distributionCount').staticCall()
                const {id, receipt} = await createDistribution(manager(agent), params)
                expect(id).toBe(countBefore + 1n)
                const ev = eventArgs(manager(agent), receipt, 'DistributionCreated')
                expect([...ev]).toEqual([
                    id, token, stablecoinAddress, 1n, tUSD(1000), BigInt(params.recordBlock), params.merkleRoot,
                    BigInt(params.claimStart), BigInt(params.claimExpiry), 1n, false, 0n, addresses.agent, 'ipfs://policy',
                ])
                const stored = await manager(agent).getFunction('getDistribution').staticCall(id)
                expect(stored.token).toBe(token)
                expect(stored.kind).toBe(BigInt(DistributionKind.COUPON))
                expect(stored.basis).toBe(1n)
                expect(stored.includeFrozen).toBe(false)
                expect(stored.rounding).toBe(0n)
                expect(stored.creator).toBe(addresses.agent)
                expect(stored.recordBlock).toBe(BigInt(params.recordBlock))
                expect(stored.policyURI).toBe('ipfs://policy')
                expect(stored.funded).toBe(0n)
            })
        })

        describe('when the caller is the owner of the token', () => {
            it('should create the next sequential id', async () => {
                const countBefore: bigint = await manager(owner).getFunction('distributionCount').staticCall()
                const {id} = await createDistribution(manager(owner), await baseParams({kind: 'REDEMPTION'}))
                expect(id).toBe(countBefore + 1n)
            })
        })

        describe('when the caller is neither an agent nor the owner of the token', () => {
            it('should revert with NotAuthorized', async () => {
                await expectRevert(manager(outsider), 'createDistribution', [createParams(await baseParams())],
                    'NotAuthorized', [addresses.outsider, token])
            })
        })

        describe('when the security token is not an ERC-3643 token', () => {
            it('should revert with NotAuthorized, for a contract and for an address without code', async () => {
                await expectRevert(manager(agent), 'createDistribution', [createParams(await baseParams({token: stablecoinAddress}))],
                    'NotAuthorized', [addresses.agent, stablecoinAddress])
                const eoa = Wallet.createRandom().address
                await expectRevert(manager(agent), 'createDistribution', [createParams(await baseParams({token: eoa}))],
                    'NotAuthorized', [addresses.agent, eoa])
            })
        })

        describe('when the record block is not in the past', () => {
            it('should revert with InvalidRecordBlock', async () => {
                const next = await provider.getBlockNumber() + 1
                await expectRevert(manager(agent), 'createDistribution', [createParams(await baseParams({recordBlock: next}))],
                    'InvalidRecordBlock')
            })
        })

        describe('when the claim window is empty or already over', () => {
            it('should revert with InvalidClaimWindow', async () => {
                const now = await chainTime(provider)
                await expectRevert(manager(agent), 'createDistribution',
                    [createParams(await baseParams({claimStart: now + DAY, claimExpiry: now + DAY}))], 'InvalidClaimWindow')
                await expectRevert(manager(agent), 'createDistribution',
                    [createParams(await baseParams({claimStart: now - 2 * DAY, claimExpiry: now - DAY}))], 'InvalidClaimWindow')
            })
        })

        describe('when the Merkle root or the total is zero', () => {
            it('should revert with EmptyMerkleRoot or ZeroAmount', async () => {
                await expectRevert(manager(agent), 'createDistribution', [createParams(await baseParams({merkleRoot: ZeroHash}))], 'EmptyMerkleRoot')
                await expectRevert(manager(agent), 'createDistribution', [createParams(await baseParams({totalAmount: 0n}))], 'ZeroAmount')
            })
        })
    })

    describe('.fund()', () => {
        let f: Fixture
        beforeAll(async () => {
            f = await newDistribution(0n)
        })

        describe('when funders deposit within the total', () => {
            it('should pull the tokens and emit DistributionFunded with the running total', async () => {
                const managerBefore = await balanceOf(managerAddress)
                const first = await fundDistribution(manager(agent), f.id, tUSD(600))
                expect([...eventArgs(manager(agent), first, 'DistributionFunded')]).toEqual([f.id, addresses.agent, tUSD(600), tUSD(600)])
                const second = await fundDistribution(manager(owner), f.id, tUSD(400))
                expect([...eventArgs(manager(owner), second, 'DistributionFunded')]).toEqual([f.id, addresses.owner, tUSD(400), tUSD(1000)])
                expect(await balanceOf(managerAddress) - managerBefore).toBe(tUSD(1000))
                expect(await manager(agent).getFunction('available').staticCall(f.id)).toBe(tUSD(1000))
                expect(await manager(agent).getFunction('fundersOf').staticCall(f.id)).toEqual([addresses.agent, addresses.owner])
            })
        })

        describe('when the funding would exceed the total', () => {
            it('should revert with FundingExceedsTotal', async () => {
                await expectRevert(manager(agent), 'fund', [f.id, 1n], 'FundingExceedsTotal', [f.id, tUSD(1000), tUSD(1000), 1n])
            })
        })

        describe('when the distribution does not exist', () => {
            it('should revert with UnknownDistribution', async () => {
                await expectRevert(manager(agent), 'fund', [999_999n, 1n], 'UnknownDistribution', [999_999n])
            })
        })
    })

    describe('.claim()', () => {
        let f: Fixture
        beforeAll(async () => {
            f = await newDistribution()
        })

        describe('when a holder claims its entitlement', () => {
            it('should pay exactly the leaf amount and emit PaymentMade with manual = false', async () => {
                const p = proofOf(f, 0)
                const before = await balanceOf(p.holder)
                const receipt = await claimEntitlement(manager(holders[0]!), f.id, p.amount, p.proof)
                expect(await balanceOf(p.holder) - before).toBe(tUSD(400))
                expect([...eventArgs(manager(agent), receipt, 'PaymentMade')]).toEqual([f.id, p.holder, tUSD(400), p.holder, false])
                expect(await manager(agent).getFunction('hasClaimed').staticCall(f.id, p.holder)).toBe(true)
                expect(await manager(agent).getFunction('paidTo').staticCall(f.id, p.holder)).toBe(tUSD(400))
                expect(await manager(agent).getFunction('available').staticCall(f.id)).toBe(tUSD(600))
            })
        })

        describe('when the holder claims a second time', () => {
            it('should revert with AlreadyClaimed, and the sent transaction should fail on chain', async () => {
                const p = proofOf(f, 0)
                await expectRevert(manager(holders[0]!), 'claim', [f.id, p.amount, p.proof], 'AlreadyClaimed', [f.id, p.holder])
                // Explicit gas limit: no estimation, so the transaction is really mined and reverts.
                const tx = await manager(holders[0]!).getFunction('claim').send(f.id, p.amount, p.proof, {gasLimit: 300_000})
                await expect(waitMined(tx, 'double claim')).rejects.toThrow(/reverted/)
                expect(await manager(agent).getFunction('paidTo').staticCall(f.id, p.holder)).toBe(tUSD(400))
            })
        })

        describe('when the proof is another holder\'s', () => {
            it('should revert with InvalidProof', async () => {
                const p = proofOf(f, 1)
                await expectRevert(manager(holders[1]!), 'claim', [f.id, p.amount, proofOf(f, 2).proof], 'InvalidProof', [f.id, p.holder, p.amount])
            })
        })

        describe('when the amount is above the entitlement', () => {
            it('should revert with InvalidProof', async () => {
                const p = proofOf(f, 1)
                await expectRevert(manager(holders[1]!), 'claim', [f.id, p.amount + 1n, p.proof], 'InvalidProof', [f.id, p.holder, p.amount + 1n])
            })
        })

        describe('when the caller has no leaf and presents a holder\'s proof', () => {
            it('should revert with InvalidProof', async () => {
                const p = proofOf(f, 1)
                await expectRevert(manager(outsider), 'claim', [f.id, p.amount, p.proof], 'InvalidProof', [f.id, addresses.outsider, p.amount])
            })
        })

        describe('when the distribution is not funded', () => {
            it('should revert with NotFunded', async () => {
                const g = await newDistribution(0n)
                const p = proofOf(g, 1)
                await expectRevert(manager(holders[1]!), 'claim', [g.id, p.amount, p.proof], 'NotFunded', [g.id])
            })
        })

        describe('when the funds left are less than the entitlement', () => {
            it('should revert with InsufficientFunding', async () => {
                const g = await newDistribution(tUSD(250))
                const p = proofOf(g, 1)
                await expectRevert(manager(holders[1]!), 'claim', [g.id, p.amount, p.proof], 'InsufficientFunding', [g.id, tUSD(250), tUSD(300)])
            })
        })

        describe('when the claim window has not opened', () => {
            it('should revert with ClaimWindowNotOpen', async () => {
                const now = await chainTime(provider)
                const g = await newDistribution(tUSD(1000), {claimStart: now + 10 * DAY, claimExpiry: now + 20 * DAY})
                const p = proofOf(g, 1)
                await expectRevert(manager(holders[1]!), 'claim', [g.id, p.amount, p.proof], 'ClaimWindowNotOpen', [g.id, BigInt(now + 10 * DAY)])
            })
        })

        describe('when the claim window has expired', () => {
            it('should revert with ClaimWindowClosed', async () => {
                const now = await chainTime(provider)
                const g = await newDistribution(tUSD(1000), {claimStart: now, claimExpiry: now + DAY})
                await increaseTime(provider, DAY)
                const p = proofOf(g, 1)
                await expectRevert(manager(holders[1]!), 'claim', [g.id, p.amount, p.proof], 'ClaimWindowClosed', [g.id, BigInt(now + DAY)])
            })
        })
    })

    describe('.pushPayments()', () => {
        let f: Fixture
        beforeAll(async () => {
            f = await newDistribution()
        })

        describe('when a non-agent pushes', () => {
            it('should revert with NotAuthorized', async () => {
                const batch = [proofOf(f, 0)]
                await expectRevert(manager(outsider), 'pushPayments',
                    [f.id, batch.map(p => p.holder), batch.map(p => p.amount), batch.map(p => p.proof)], 'NotAuthorized', [addresses.outsider, token])
            })
        })

        describe('when the arrays have different lengths', () => {
            it('should revert with ArrayLengthMismatch', async () => {
                const p = proofOf(f, 0)
                await expectRevert(manager(agent), 'pushPayments', [f.id, [p.holder], [p.amount, 1n], [p.proof]], 'ArrayLengthMismatch', [1n, 2n, 1n])
            })
        })

        describe('when one proof of the batch is wrong', () => {
            it('should revert with InvalidProof for the whole batch', async () => {
                const batch = [proofOf(f, 0), {...proofOf(f, 1), amount: tUSD(301)}]
                await expectRevert(manager(agent), 'pushPayments',
                    [f.id, batch.map(p => p.holder), batch.map(p => p.amount), batch.map(p => p.proof)], 'InvalidProof', [f.id, batch[1]!.holder, tUSD(301)])
            })
        })

        describe('when an agent pushes proven entitlements', () => {
            it('should pay every holder exactly and name the agent as actor', async () => {
                const batch = [proofOf(f, 0), proofOf(f, 1), proofOf(f, 2)]
                const before = await Promise.all(batch.map(p => balanceOf(p.holder)))
                const [receipt] = await pushPayments(manager(agent), f.id, batch)
                const after = await Promise.all(batch.map(p => balanceOf(p.holder)))
                expect(after.map((a, i) => a - before[i]!)).toEqual([tUSD(400), tUSD(300), tUSD(200)])
                const iface = manager(agent).interface
                const events = receipt!.logs.map(l => iface.parseLog(l)).filter(e => e?.name === 'PaymentMade').map(e => [...e!.args])
                expect(events).toEqual(batch.map(p => [f.id, p.holder, p.amount, addresses.agent, false]))
                expect(await manager(agent).getFunction('available').staticCall(f.id)).toBe(tUSD(100))
            })
        })

        describe('when a holder of the batch was already paid', () => {
            it('should revert with AlreadyClaimed', async () => {
                const batch = [proofOf(f, 3), proofOf(f, 0)]
                await expectRevert(manager(agent), 'pushPayments',
                    [f.id, batch.map(p => p.holder), batch.map(p => p.amount), batch.map(p => p.proof)], 'AlreadyClaimed', [f.id, batch[1]!.holder])
            })
        })

        describe('when the holder then claims by itself', () => {
            it('should revert with AlreadyClaimed', async () => {
                const p = proofOf(f, 2)
                await expectRevert(manager(holders[2]!), 'claim', [f.id, p.amount, p.proof], 'AlreadyClaimed', [f.id, p.holder])
            })
        })
    })

    describe('.agentPay()', () => {
        let f: Fixture
        const nobody = Wallet.createRandom().address
        beforeAll(async () => {
            f = await newDistribution()
        })

        describe('when a non-agent pays', () => {
            it('should revert with NotAuthorized', async () => {
                await expectRevert(manager(outsider), 'agentPay', [f.id, addresses.outsider, 1n, 'mine'], 'NotAuthorized', [addresses.outsider, token])
            })
        })

        describe('when an agent pays a holder more than its entitlement', () => {
            it('should pay exactly, flag it manual with its memo, and leave the leaf claimable', async () => {
                const p = proofOf(f, 1)
                const before = await balanceOf(p.holder)
                const receipt = await agentPay(manager(agent), f.id, p.holder, tUSD(350), 'correction')
                expect(await balanceOf(p.holder) - before).toBe(tUSD(350))
                expect([...eventArgs(manager(agent), receipt, 'PaymentMade')]).toEqual([f.id, p.holder, tUSD(350), addresses.agent, true])
                expect([...eventArgs(manager(agent), receipt, 'ManualPaymentMemo')]).toEqual([f.id, p.holder, 'correction'])
                expect(await manager(agent).getFunction('hasClaimed').staticCall(f.id, p.holder)).toBe(false)
                // The holder can still claim its leaf: 650 paid against an entitlement of 300, for reconciliation to flag.
                await claimEntitlement(manager(holders[1]!), f.id, p.amount, p.proof)
                expect(await manager(agent).getFunction('paidTo').staticCall(f.id, p.holder)).toBe(tUSD(650))
            })
        })

        describe('when an agent pays a wallet that held nothing at the record block', () => {
            it('should pay it exactly', async () => {
                const receipt = await agentPay(manager(agent), f.id, nobody, tUSD(50), 'not a holder')
                expect(await balanceOf(nobody)).toBe(tUSD(50))
                expect([...eventArgs(manager(agent), receipt, 'PaymentMade')]).toEqual([f.id, nobody, tUSD(50), addresses.agent, true])
                expect(await manager(agent).getFunction('available').staticCall(f.id)).toBe(tUSD(300))
            })
        })

        describe('when the payment exceeds the funds left', () => {
            it('should revert with InsufficientFunding', async () => {
                await expectRevert(manager(agent), 'agentPay', [f.id, nobody, tUSD(301), 'too much'], 'InsufficientFunding', [f.id, tUSD(300), tUSD(301)])
            })
        })
    })

    describe('.reclaim()', () => {
        let f: Fixture
        let expiry: number
        beforeAll(async () => {
            const now = await chainTime(provider)
            expiry = now + 7 * DAY
            f = await newDistribution(tUSD(1000), {claimStart: now, claimExpiry: expiry})
            const p = proofOf(f, 0)
            await claimEntitlement(manager(holders[0]!), f.id, p.amount, p.proof)
        })

        describe('when the claim window is still open', () => {
            it('should revert with NotExpired', async () => {
                await expectRevert(manager(agent), 'reclaim', [f.id, addresses.agent], 'NotExpired', [f.id, BigInt(expiry)])
            })
        })

        describe('when a non-agent reclaims after expiry', () => {
            it('should revert with NotAuthorized', async () => {
                await increaseTime(provider, 7 * DAY)
                await expectRevert(manager(outsider), 'reclaim', [f.id, addresses.outsider], 'NotAuthorized', [addresses.outsider, token])
            })
        })

        describe('when an agent reclaims after expiry', () => {
            it('should return exactly the unclaimed rest and emit UnclaimedReclaimed', async () => {
                const before = await balanceOf(addresses.owner)
                const receipt = await reclaimUnclaimed(manager(agent), f.id, addresses.owner)
                expect(await balanceOf(addresses.owner) - before).toBe(tUSD(600))
                expect([...eventArgs(manager(agent), receipt, 'UnclaimedReclaimed')]).toEqual([f.id, addresses.owner, tUSD(600), addresses.agent])
                const stored = await manager(agent).getFunction('getDistribution').staticCall(f.id)
                expect([stored.funded, stored.paid, stored.reclaimed]).toEqual([tUSD(1000), tUSD(400), tUSD(600)])
                expect(await manager(agent).getFunction('available').staticCall(f.id)).toBe(0n)
            })
        })

        describe('when nothing is left', () => {
            it('should revert with NothingToReclaim', async () => {
                await expectRevert(manager(agent), 'reclaim', [f.id, addresses.agent], 'NothingToReclaim', [f.id])
            })
        })

        describe('when a holder claims after expiry', () => {
            it('should revert with ClaimWindowClosed', async () => {
                const p = proofOf(f, 1)
                await expectRevert(manager(holders[1]!), 'claim', [f.id, p.amount, p.proof], 'ClaimWindowClosed', [f.id, BigInt(expiry)])
            })
        })
    })

    describe('.cancel()', () => {
        describe('when a non-agent cancels', () => {
            it('should revert with NotAuthorized', async () => {
                const f = await newDistribution()
                await expectRevert(manager(outsider), 'cancel', [f.id], 'NotAuthorized', [addresses.outsider, token])
            })
        })

        describe('when a payment was already made', () => {
            it('should revert with HasPayments', async () => {
                const f = await newDistribution()
                const p = proofOf(f, 3)
                await claimEntitlement(manager(holders[3]!), f.id, p.amount, p.proof)
                await expectRevert(manager(agent), 'cancel', [f.id], 'HasPayments', [f.id, tUSD(100)])
            })
        })

        describe('when no payment was made', () => {
            let f: Fixture
            beforeAll(async () => {
                f = await newDistribution(tUSD(700))
                await fundDistribution(manager(owner), f.id, tUSD(300))
            })

            it('should refund every funder exactly and emit DistributionCancelled', async () => {
                const [agentBefore, ownerBefore, managerBefore] = await Promise.all([addresses.agent, addresses.owner, managerAddress].map(balanceOf))
                const receipt = await cancelDistribution(manager(owner), f.id)
                expect(await balanceOf(addresses.agent) - agentBefore!).toBe(tUSD(700))
                expect(await balanceOf(addresses.owner) - ownerBefore!).toBe(tUSD(300))
                expect(managerBefore! - await balanceOf(managerAddress)).toBe(tUSD(1000))
                expect([...eventArgs(manager(owner), receipt, 'DistributionCancelled')]).toEqual([f.id, addresses.owner, tUSD(1000)])
                const iface = manager(owner).interface
                const refunds = receipt.logs.map(l => iface.parseLog(l)).filter(e => e?.name === 'FundingRefunded').map(e => [...e!.args])
                expect(refunds).toEqual([[f.id, addresses.agent, tUSD(700)], [f.id, addresses.owner, tUSD(300)]])
                const stored = await manager(owner).getFunction('getDistribution').staticCall(f.id)
                expect(stored.cancelled).toBe(true)
                expect(await manager(owner).getFunction('available').staticCall(f.id)).toBe(0n)
            })

            it('should then reject claims, funding and a second cancel with DistributionIsCancelled', async () => {
                const p = proofOf(f, 0)
                await expectRevert(manager(holders[0]!), 'claim', [f.id, p.amount, p.proof], 'DistributionIsCancelled', [f.id])
                await expectRevert(manager(agent), 'fund', [f.id, 1n], 'DistributionIsCancelled', [f.id])
                await expectRevert(manager(agent), 'cancel', [f.id], 'DistributionIsCancelled', [f.id])
            })
        })
    })

    describe('.leaf() and .verifyEntitlement()', () => {
        it('should match the OpenZeppelin StandardMerkleTree leaves and proofs', async () => {
            const f = await newDistribution(0n)
            for (const [i, [holder, amount]] of f.tree.entries()) {
                expect(await manager(agent).getFunction('leaf').staticCall(holder, amount)).toBe(f.tree.leafHash([holder, amount]))
                expect(await manager(agent).getFunction('verifyEntitlement').staticCall(f.id, holder, amount, f.tree.getProof(i))).toBe(true)
            }
            const p = proofOf(f, 0)
            expect(await manager(agent).getFunction('verifyEntitlement').staticCall(f.id, p.holder, p.amount - 1n, p.proof)).toBe(false)
        })
    })
})
