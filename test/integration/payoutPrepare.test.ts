import fs from 'fs'
import os from 'os'
import path from 'path'
import {StandardMerkleTree} from '@openzeppelin/merkle-tree'
import {Contract, JsonRpcProvider, parseUnits, ZeroAddress} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {PayoutFileJson} from '../../src/analytics/payoutFile'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment, deployDemo} from '../../src/dev/deploy'
import {chainTime, createDistribution, deployPayoutsWith, payoutContractAt} from '../../src/dev/payouts'
import {ACCOUNT, connect, devSigner, devWallet, sendChecked} from '../../src/dev/rpc'
import {runDemoScenario} from '../../src/dev/scenario'
import {createDatabaseOn, IndexerRun, runToExit, startIndexer, startTestChain, TestDatabase, waitForHead} from '../harness/testStack'

/**
 * `payout:prepare` end to end: its own anvil with the demo T-REX deployment and scenario, plus a
 * second wallet for one investor and freezes on RIV30 that change after the record block; the real
 * indexer fills a fresh database; the compiled CLI runs as a child process. Every entitlement is
 * checked against the chain read at the record block (balanceOf, getFrozenTokens, isFrozen,
 * identity — an oracle independent of the index), and every proof against the Merkle root, in JS
 * and by the DistributionManager contract itself.
 */

const lc = (a: string) => a.toLowerCase()
const AMOUNT = 1_250_000_000_007n // 1,250,000.000007 tUSD: leaves leftover units to place

let anvil: RunningAnvil
let db: TestDatabase
let run: IndexerRun | undefined
let provider: JsonRpcProvider
let d: Deployment
let riv: Contract
let registry: Contract
let recordBlock: number
let head: number
let candidates: string[]
let secondWallet: string
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-payout-'))

function prepare(args: string[]) {
    return runToExit('cli/payoutPrepare', {DB_URL: db.url}, args)
}

function readFile(block: number): {json: PayoutFileJson; csv: string} {
    const base = path.join(outDir, `entitlements-${lc(d.tokens[1]!.address)}-${block}`)
    return {json: JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as PayoutFileJson, csv: fs.readFileSync(`${base}.csv`, 'utf8')}
}

/** The oracle's rounding, written separately from the code under test: floors, then +1 by largest remainder, ties by key. */
function largestRemainder(units: {key: string; payee: string; weight: bigint}[], amount: bigint): Map<string, bigint> {
    const total = units.reduce((s, u) => s + u.weight, 0n)
    const rows = units.map(u => ({...u, floor: (amount * u.weight) / total, rem: (amount * u.weight) % total}))
    let left = amount - rows.reduce((s, r) => s + r.floor, 0n)
    rows.sort((a, b) => (a.rem === b.rem ? (a.key < b.key ? -1 : 1) : a.rem > b.rem ? -1 : 1))
    for (const r of rows) if (left > 0n) {
        r.floor += 1n
        left -= 1n
    }
    return new Map(rows.map(r => [r.payee, r.floor]))
}

interface ChainHolder {
    wallet: string
    balance: bigint
    frozenTokens: bigint
    addressFrozen: boolean
    investor: string | null
}

/** Every candidate wallet as the chain reports it at `block`; checks that they make up the whole supply. */
async function chainHolders(block: number): Promise<ChainHolder[]> {
    const at = {blockTag: block}
    const holders: ChainHolder[] = []
    let sum = 0n
    for (const wallet of candidates) {
        const balance: bigint = await riv.getFunction('balanceOf').staticCall(wallet, at)
        sum += balance
        if (balance === 0n) continue
        const identity: string = await registry.getFunction('identity').staticCall(wallet, at)
        holders.push({
            wallet: lc(wallet),
            balance,
            frozenTokens: await riv.getFunction('getFrozenTokens').staticCall(wallet, at),
            addressFrozen: await riv.getFunction('isFrozen').staticCall(wallet, at),
            investor: identity === ZeroAddress ? null : lc(identity),
        })
    }
    expect(sum).toBe(await riv.getFunction('totalSupply').staticCall(at))
    return holders
}

const amountsOf = (json: PayoutFileJson) => new Map(json.entitlements.map(e => [e.holder, BigInt(e.amount)]))

beforeAll(async () => {
    anvil = await startTestChain()
    db = await createDatabaseOn(inject('dbUrl'))
    d = await deployDemo(anvil.url)
    await runDemoScenario(anvil.url, d)
    provider = await connect(anvil.url, d.chainId)
    const agent = devSigner(ACCOUNT.agent, provider)
    const bond = d.tokens[1]!
    riv = contractAt('Token', bond.address, agent)
    registry = contractAt('IdentityRegistry', bond.identityRegistry, agent)
    const r = (amount: string) => parseUnits(amount, bond.decimals)
    const inv = (i: number) => d.investors[i]!

    // Investor 0 gets a second wallet, so that by-investor entitlements merge two wallets.
    secondWallet = devWallet(17, provider).address
    await sendChecked('register a second wallet of investor 0', registry, 'registerIdentity', [secondWallet, inv(0).identity, inv(0).country])
    await sendChecked('RIV30 mint to the second wallet', riv, 'mint', [secondWallet, r('3333.333333')])
    // Frozen at the record block: part of investor 1, all of investor 2's address.
    await sendChecked('RIV30 freeze part of wallet 1', riv, 'freezePartialTokens', [inv(1).wallet, r('5000')])
    const frozen = await sendChecked('RIV30 freeze wallet 2', riv, 'setAddressFrozen', [inv(2).wallet, true])
    recordBlock = frozen.blockNumber
    // After the record block, everything changes: the current holdings must not leak into the result.
    await sendChecked('RIV30 unfreeze part of wallet 1', riv, 'unfreezePartialTokens', [inv(1).wallet, r('2000')])
    await sendChecked('RIV30 unfreeze wallet 2', riv, 'setAddressFrozen', [inv(2).wallet, false])
    await sendChecked('RIV30 mint to investor 3', riv, 'mint', [inv(3).wallet, r('1000')])
    await provider.send('anvil_mine', ['0x8']) // past the 5-block finality window

    candidates = [...d.investors.map(i => i.wallet), devWallet(ACCOUNT.recoveryWallet, provider).address, secondWallet]

    run = await startIndexer({
        DB_URL: db.url,
        RPC_ETH_HTTP: anvil.url,
        TREX_FACTORIES: d.trexFactory,
        START_BLOCK: String(d.deployBlock),
        FINALITY_CONFIRMATION: '5',
    }, false)
    head = await waitForHead(anvil.url, db.url)
})

afterAll(async () => {
    await run?.stop()
    await db?.stop()
    await anvil?.stop()
    fs.rmSync(outDir, {recursive: true, force: true})
})

describe('payout:prepare', () => {
    describe('when entitlements are by wallet with frozen balances included', () => {
        let cli: {code: number | string; output: string}
        let json: PayoutFileJson
        let csv: string

        beforeAll(async () => {
            cli = await prepare(['--token', d.tokens[1]!.address, '--record-block', String(recordBlock), '--amount', String(AMOUNT), '--out', outDir])
            ;({json, csv} = readFile(recordBlock))
        })

        it('should exit 0 and say what it wrote', () => {
            expect(cli.code, cli.output).toBe(0)
            expect(cli.output).toContain(`record block ${recordBlock}`)
            expect(cli.output).toContain('frozen balances: included')
            expect(cli.output).toContain(`merkle root ${json.merkleRoot}`)
            expect(cli.output).not.toContain('not final yet')
        })

        it('should record the policy and sum exactly to the amount', () => {
            expect(json).toMatchObject({
                token: lc(d.tokens[1]!.address), chainId: d.chainId, symbol: 'RIV30', recordBlock, amount: String(AMOUNT),
                basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER', unallocated: '0',
            })
            expect(json.entitlements.reduce((s, e) => s + BigInt(e.amount), 0n)).toBe(AMOUNT)
        })

        it("should give each wallet its largest-remainder share of balanceOf at the record block, read from the chain", async () => {
            const holders = await chainHolders(recordBlock)
            expect(BigInt(json.totalSupply)).toBe(holders.reduce((s, h) => s + h.balance, 0n))
            const expected = largestRemainder(holders.map(h => ({key: h.wallet, payee: h.wallet, weight: h.balance})), AMOUNT)
            expect(amountsOf(json)).toEqual(expected)
            // Investors replayed from the indexed registry storage events, as the registry answered at the record block.
            expect(new Map(json.entitlements.map(e => [e.holder, e.investor]))).toEqual(new Map(holders.map(h => [h.wallet, h.investor])))
            // The record block is not the head: the later mint to investor 3 must not count.
            const inv3 = json.entitlements.find(e => e.holder === lc(d.investors[3]!.wallet))!
            expect(BigInt(inv3.wallets[0]!.balance)).toBe(parseUnits('5000', 6))
        })

        it('should give proofs that verify against the Merkle root of the dumped tree', () => {
            const tree = StandardMerkleTree.load(json.tree)
            expect(lc(tree.root)).toBe(json.merkleRoot)
            for (const e of json.entitlements) {
                expect(StandardMerkleTree.verify(json.merkleRoot, ['address', 'uint256'], [e.holder, e.amount], e.proof!)).toBe(true)
            }
            expect(tree.length).toBe(json.entitlements.length)
        })

        it('should give proofs that DistributionManager accepts for a distribution created with that root', async () => {
            const deployer = devSigner(ACCOUNT.deployer, provider)
            const {manager: managerAddress, stablecoin} = await deployPayoutsWith(deployer)
            const manager = payoutContractAt('DistributionManager', managerAddress, devSigner(ACCOUNT.agent, provider))
            const now = await chainTime(provider)
            const {id} = await createDistribution(manager, {
                kind: 'COUPON', token: d.tokens[1]!.address, paymentToken: stablecoin, totalAmount: AMOUNT, recordBlock,
                merkleRoot: json.merkleRoot, claimStart: now, claimExpiry: now + 86_400, basis: 'BY_WALLET', includeFrozen: true,
                rounding: 'LARGEST_REMAINDER',
            })
            for (const e of json.entitlements) {
                expect(await manager.getFunction('verifyEntitlement').staticCall(id, e.holder, BigInt(e.amount), e.proof!)).toBe(true)
                expect(await manager.getFunction('verifyEntitlement').staticCall(id, e.holder, BigInt(e.amount) + 1n, e.proof!)).toBe(false)
            }
        })

        it('should write one CSV line per entitlement', () => {
            const lines = csv.trim().split('\n')
            expect(lines[0]).toBe('holder,investor,amount,eligible_balance,balance,frozen,rounded_up,wallets')
            expect(lines.slice(1).map(l => l.split(',').slice(0, 3))).toEqual(
                json.entitlements.map(e => [e.holder, e.investor ?? '', e.amount]))
        })
    })

    describe('when frozen balances are excluded at a past record block', () => {
        let cli: {code: number | string; output: string}
        let json: PayoutFileJson

        beforeAll(async () => {
            cli = await prepare(['--token', d.tokens[1]!.address, '--record-block', String(recordBlock), '--amount', String(AMOUNT), '--exclude-frozen', '--out', outDir])
            ;({json} = readFile(recordBlock))
        })

        it('should use the frozen amounts of the record block, from the indexed freeze events', () => {
            expect(cli.code, cli.output).toBe(0)
            expect(cli.output).toContain(`frozen as of block ${recordBlock} from the indexed TokensFrozen/TokensUnfrozen/AddressFrozen events`)
            expect(json.includeFrozen).toBe(false)
        })

        it('should pro-rate on balance − frozen as the chain reports them at the record block, leaving the frozen address out', async () => {
            const holders = await chainHolders(recordBlock)
            const eligible = holders.map(h => ({...h, weight: h.addressFrozen ? 0n : h.balance - h.frozenTokens})).filter(h => h.weight > 0n)
            const expected = largestRemainder(eligible.map(h => ({key: h.wallet, payee: h.wallet, weight: h.weight})), AMOUNT)
            expect(amountsOf(json)).toEqual(expected)
            expect(json.entitlements.reduce((s, e) => s + BigInt(e.amount), 0n)).toBe(AMOUNT)
            // At the record block wallet 1 had 5,000 frozen and wallet 2 was frozen; both changed since.
            expect(holders.find(h => h.wallet === lc(d.investors[1]!.wallet))!.frozenTokens).toBe(parseUnits('5000', 6))
            expect(json.excluded.map(e => e.wallet)).toEqual([lc(d.investors[2]!.wallet)])
            const w1 = json.entitlements.find(e => e.holder === lc(d.investors[1]!.wallet))!
            expect(w1.wallets[0]!.frozen).toBe(String(parseUnits('5000', 6)))
        })
    })

    describe('when entitlements are by investor', () => {
        let json: PayoutFileJson

        beforeAll(async () => {
            const cli = await prepare(['--token', d.tokens[1]!.address, '--record-block', String(recordBlock), '--amount', String(AMOUNT), '--by', 'investor', '--out', outDir])
            expect(cli.code, cli.output).toBe(0)
            ;({json} = readFile(recordBlock))
        })

        it("should merge each investor's wallets, as the identity registry had them at the record block, paid to the largest", async () => {
            const holders = await chainHolders(recordBlock)
            const units = new Map<string, ChainHolder[]>()
            for (const h of holders) units.set(h.investor ?? h.wallet, [...(units.get(h.investor ?? h.wallet) ?? []), h])
            const payee = (ws: ChainHolder[]) => [...ws].sort((a, b) => (a.balance === b.balance ? (a.wallet < b.wallet ? -1 : 1) : a.balance > b.balance ? -1 : 1))[0]!.wallet
            const expected = largestRemainder([...units].map(([key, ws]) => ({key, payee: payee(ws), weight: ws.reduce((s, w) => s + w.balance, 0n)})), AMOUNT)
            expect(json.basis).toBe('BY_INVESTOR')
            expect(amountsOf(json)).toEqual(expected)

            const investor0 = json.entitlements.find(e => e.investor === lc(d.investors[0]!.identity))!
            expect(investor0.holder).toBe(lc(d.investors[0]!.wallet))
            expect(investor0.wallets.map(w => w.wallet).sort()).toEqual([lc(d.investors[0]!.wallet), lc(secondWallet)].sort())
            expect(json.entitlements).toHaveLength(holders.length - 1)
        })
    })

    describe('when the rounding rule is FLOOR', () => {
        it('should floor every share of the chain balances and report the leftover as unallocated', async () => {
            const cli = await prepare(['--token', d.tokens[1]!.address, '--record-block', String(recordBlock), '--amount', String(AMOUNT), '--rounding', 'floor', '--out', outDir])
            expect(cli.code, cli.output).toBe(0)
            const {json} = readFile(recordBlock)
            const holders = await chainHolders(recordBlock)
            const supply = holders.reduce((s, h) => s + h.balance, 0n)
            expect(amountsOf(json)).toEqual(new Map(holders.map(h => [h.wallet, (AMOUNT * h.balance) / supply])))
            expect(json.rounding).toBe('FLOOR')
            expect(BigInt(json.allocated) + BigInt(json.unallocated)).toBe(AMOUNT)
            expect(BigInt(json.unallocated)).toBeGreaterThan(0n)
            expect(cli.output).toContain(`unallocated ${json.unallocated}`)
        })
    })

    describe('when the input is wrong', () => {
        const token = () => d.tokens[1]!.address

        it('should refuse a malformed token address', async () => {
            const r = await prepare(['--token', '0x1234', '--record-block', String(recordBlock), '--amount', '100'])
            expect(r.code).not.toBe(0)
            expect(r.output).toContain('--token "0x1234" is not an address')
        })

        it('should refuse a token the index does not know', async () => {
            const r = await prepare(['--token', '0x000000000000000000000000000000000000dEaD', '--record-block', String(recordBlock), '--amount', '100'])
            expect(r.code).not.toBe(0)
            expect(r.output).toContain('token 0x000000000000000000000000000000000000dead is not indexed')
        })

        it('should refuse a record block beyond the indexed head', async () => {
            const r = await prepare(['--token', token(), '--record-block', String(head + 1000), '--amount', '100'])
            expect(r.code).not.toBe(0)
            expect(r.output).toContain(`record block ${head + 1000} is beyond the indexed head`)
        })

        it('should refuse an amount that is not positive', async () => {
            for (const amount of ['0', '-5', '1.5']) {
                const r = await prepare(['--token', token(), '--record-block', String(recordBlock), '--amount', amount])
                expect(r.code).not.toBe(0)
                expect(r.output).toMatch(/--amount/)
            }
        })

        it('should refuse a record block before the token existed', async () => {
            const r = await prepare(['--token', token(), '--record-block', '1', '--amount', '100'])
            expect(r.code).not.toBe(0)
            expect(r.output).toMatch(/record block 1 is before token .* was deployed/)
        })
    })
})
