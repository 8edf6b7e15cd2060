import {StandardMerkleTree} from '@openzeppelin/merkle-tree'
import {AbiCoder, concat, keccak256} from 'ethers'
import {describe, expect, it} from 'vitest'
import {entitlements} from '../../src/analytics/entitlements'
import {entitlementTree, merkleRootOf, proofsOf, verifyEntitlement} from '../../src/analytics/merkle'
import {
    accountForVariance,
    DistributionContext,
    ExpectedPayment,
    PaymentRecord,
    reconcile,
    ReconciliationReport,
    reconciliationCsv,
} from '../../src/analytics/reconciliation'
import {buildEntitlementTree} from '../../src/dev/payouts'

const A = '0x00000000000000000000000000000000000000a1'
const B = '0x00000000000000000000000000000000000000b2'
const C = '0x00000000000000000000000000000000000000c3'
const D = '0x00000000000000000000000000000000000000d4'

// Three equal holders sharing 100 units: 34 / 33 / 33 (largest remainder, lowest address first).
const expected: ExpectedPayment[] = [{holder: A, expected: 34n}, {holder: B, expected: 33n}, {holder: C, expected: 33n}]
const ourRoot = merkleRootOf(expected.map(e => ({holder: e.holder, amount: e.expected})))

let logIndex = 0
const pay = (holder: string, amount: bigint, manual = false, block = 100): PaymentRecord =>
    ({holder, amount, manual, txHash: `0x${(++logIndex).toString(16).padStart(64, '0')}`, block, logIndex})
const claims = () => [pay(A, 34n), pay(B, 33n), pay(C, 33n)]
const statuses = (r: ReconciliationReport) => Object.fromEntries(r.lines.map(l => [l.holder, [l.status, l.expected, l.paid, l.difference]]))

describe('reconcile()', () => {
    describe('when the distribution was paid correctly', () => {
        const r = reconcile({entitlements: expected, payments: claims(), onChainRoot: ourRoot, computedRoot: ourRoot})

        it('should mark every holder PAID with zero variance', () => {
            expect(statuses(r)).toEqual({[A]: ['PAID', 34n, 34n, 0n], [B]: ['PAID', 33n, 33n, 0n], [C]: ['PAID', 33n, 33n, 0n]})
            expect(r.totals).toMatchObject({expected: 100n, paid: 100n, variance: 0n, owed: 0n, excess: 0n, provenPaid: 100n, manualPaid: 0n, paymentCount: 3})
            expect(r.totals.byStatus.PAID).toEqual({count: 3, expected: 100n, paid: 100n, difference: 0n})
            expect(r.totals.byStatus.OVERPAID.count).toBe(0)
        })

        it('should match the roots and name no holder', () => {
            expect(r.rootMatches).toBe(true)
            expect(r.rootDifferences).toEqual([])
            expect(r.unconfirmedHolders).toEqual([])
        })
    })

    describe('when nobody has been paid yet', () => {
        it('should mark every holder UNPAID with the whole amount owed', () => {
            const r = reconcile({entitlements: expected, payments: [], onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(r.lines.map(l => l.status)).toEqual(['UNPAID', 'UNPAID', 'UNPAID'])
            expect(r.totals).toMatchObject({paid: 0n, variance: -100n, owed: 100n})
            expect(r.totals.byStatus.UNPAID).toEqual({count: 3, expected: 100n, paid: 0n, difference: -100n})
        })
    })

    describe('when an agent pays one holder too much', () => {
        const payments = [...claims(), pay(B, 7n, true, 120)]
        const r = reconcile({entitlements: expected, payments, onChainRoot: ourRoot, computedRoot: ourRoot})

        it('should flag that holder OVERPAID with the exact excess', () => {
            expect(statuses(r)[B]).toEqual(['OVERPAID', 33n, 40n, 7n])
            expect(r.lines.find(l => l.holder === B)).toMatchObject({provenPaid: 33n, manualPaid: 7n})
            expect(r.totals).toMatchObject({expected: 100n, paid: 107n, variance: 7n, excess: 7n, owed: 0n, manualPaid: 7n})
            expect(r.totals.byStatus.OVERPAID).toEqual({count: 1, expected: 33n, paid: 40n, difference: 7n})
        })

        it('should list the payments of the line in chain order with their transactions', () => {
            const line = r.lines.find(l => l.holder === B)!
            expect(line.payments.map(p => [p.amount, p.manual, p.block])).toEqual([[33n, false, 100], [7n, true, 120]])
        })
    })

    describe('when an agent pays a wallet that held nothing at the record block', () => {
        it('should flag it PAID_TO_NON_HOLDER with the whole payment as difference', () => {
            const r = reconcile({entitlements: expected, payments: [...claims(), pay(D, 25n, true)], onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(statuses(r)[D]).toEqual(['PAID_TO_NON_HOLDER', 0n, 25n, 25n])
            expect(r.totals).toMatchObject({paid: 125n, variance: 25n, excess: 25n})
            expect(r.totals.byStatus.PAID_TO_NON_HOLDER).toEqual({count: 1, expected: 0n, paid: 25n, difference: 25n})
            expect(r.lines.map(l => l.holder)).toEqual([A, B, C, D])
        })

        it('should also flag a holder whose share rounded to 0 and who was paid', () => {
            const r = reconcile({entitlements: [...expected, {holder: D, expected: 0n}], payments: [pay(D, 1n, true)], onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(statuses(r)[D]).toEqual(['PAID_TO_NON_HOLDER', 0n, 1n, 1n])
        })

        it('should give no line to a holder expecting 0 who was not paid', () => {
            const r = reconcile({entitlements: [...expected, {holder: D, expected: 0n}], payments: claims(), onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(r.lines.map(l => l.holder)).toEqual([A, B, C])
        })
    })

    describe('when a holder is paid only part of its entitlement', () => {
        it('should flag it UNDERPAID with the amount still owed', () => {
            const r = reconcile({entitlements: expected, payments: [pay(A, 34n), pay(B, 20n, true)], onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(statuses(r)).toEqual({[A]: ['PAID', 34n, 34n, 0n], [B]: ['UNDERPAID', 33n, 20n, -13n], [C]: ['UNPAID', 33n, 0n, -33n]})
            expect(r.totals).toMatchObject({variance: -46n, owed: 46n, excess: 0n})
        })
    })

    describe('when the on-chain root was computed without one holder', () => {
        it('should not match, and name the left-out holder as the one leaf nobody confirmed', () => {
            // The creator kept B's and C's amounts and dropped A: B and C claim exactly what we expect.
            const wrongRoot = merkleRootOf([{holder: B, amount: 33n}, {holder: C, amount: 33n}])
            const r = reconcile({entitlements: expected, payments: [pay(B, 33n), pay(C, 33n)], onChainRoot: wrongRoot, computedRoot: ourRoot})
            expect(r.rootMatches).toBe(false)
            expect(r.onChainRoot).toBe(wrongRoot)
            expect(r.computedRoot).toBe(ourRoot)
            expect(r.rootDifferences).toEqual([])
            expect(r.unconfirmedHolders).toEqual([A])
            expect(statuses(r)[A]).toEqual(['UNPAID', 34n, 0n, -34n])
        })

        it('should name the holders whose proven claims pay a different leaf amount, with the exact amounts', () => {
            // The creator re-split the 100 units between B and C only: 50 each.
            const wrongRoot = merkleRootOf([{holder: B, amount: 50n}, {holder: C, amount: 50n}])
            const claimB = pay(B, 50n)
            const r = reconcile({entitlements: expected, payments: [claimB, pay(C, 50n)], onChainRoot: wrongRoot, computedRoot: ourRoot})
            expect(r.rootMatches).toBe(false)
            expect(r.rootDifferences).toEqual([
                {holder: B, expected: 33n, onChainLeafAmount: 50n, difference: 17n, txHash: claimB.txHash, block: claimB.block, logIndex: claimB.logIndex},
                expect.objectContaining({holder: C, expected: 33n, onChainLeafAmount: 50n, difference: 17n}),
            ])
            expect(r.unconfirmedHolders).toEqual([A])
            expect(statuses(r)).toEqual({[A]: ['UNPAID', 34n, 0n, -34n], [B]: ['OVERPAID', 33n, 50n, 17n], [C]: ['OVERPAID', 33n, 50n, 17n]})
            expect(r.totals).toMatchObject({variance: 0n, owed: 34n, excess: 34n})
        })
    })

    describe('with addresses and roots in mixed case', () => {
        it('should compare them case-insensitively', () => {
            const upper = (s: string) => '0x' + s.slice(2).toUpperCase()
            const r = reconcile({
                entitlements: expected.map(e => ({...e, holder: upper(e.holder)})),
                payments: [pay(upper(A), 34n)],
                onChainRoot: upper(ourRoot),
                computedRoot: ourRoot,
            })
            expect(r.rootMatches).toBe(true)
            expect(statuses(r)[A]).toEqual(['PAID', 34n, 34n, 0n])
        })
    })

    describe('with 10,000 holders', () => {
        // Speed is measured by bench/src/reconciliation.ts, not asserted here.
        it('should reconcile every holder', () => {
            const many: ExpectedPayment[] = Array.from({length: 10_000}, (_, i) => ({holder: `0x${(i + 1).toString(16).padStart(40, '0')}`, expected: BigInt(i + 1)}))
            const payments = many.map((e, i) => ({holder: e.holder, amount: e.expected, manual: false, txHash: '0x01', block: i, logIndex: 0}))
            const r = reconcile({entitlements: many, payments, onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(r.lines).toHaveLength(10_000)
            expect(r.totals.byStatus.PAID.count).toBe(10_000)
            expect(r.totals.paid).toBe(50_005_000n)
            expect(r.totals.variance).toBe(0n)
        })
    })
})

const TOKEN = '0x00000000000000000000000000000000000000e5'
const COIN = '0x00000000000000000000000000000000000000f6'
/** A distribution of 100 units of a 1-decimal payment token, funded and paid as `over` says. */
const context = (over: Partial<DistributionContext> = {}): DistributionContext => ({
    id: '31337-0xm-0000000001', status: 'PAYING',
    token: {address: TOKEN, symbol: 'RIV30', decimals: 6}, paymentToken: {address: COIN, symbol: 'tUSD', decimals: 1},
    recordBlock: 42, recordBlockTime: new Date('2026-06-30T12:00:00Z'), claimExpiry: new Date('2026-07-30T00:00:00Z'),
    totalAmount: 100n, funded: 100n, paid: 0n, reclaimed: 0n, refunded: 0n, outstanding: 100n, ...over,
})

describe('accountForVariance()', () => {
    describe('when a redemption was partly claimed and the rest reclaimed', () => {
        const r = reconcile({entitlements: expected, payments: [pay(A, 34n)], onChainRoot: ourRoot, computedRoot: ourRoot})
        const a = accountForVariance(context({paid: 34n, reclaimed: 66n, outstanding: 0n}), r.totals)

        it('should explain the whole negative variance by the reclaimed rest', () => {
            expect(a).toEqual({expected: 100n, paid: 34n, variance: -66n, owed: 66n, excess: 0n, undistributed: 0n, unfunded: 0n, outstanding: 0n, reclaimed: 66n, refunded: 0n, balanced: true})
        })
    })

    describe('when FLOOR rounding left a rest, part is unfunded and one wallet was overpaid', () => {
        const floor: ExpectedPayment[] = [{holder: A, expected: 33n}, {holder: B, expected: 33n}, {holder: C, expected: 33n}]
        const r = reconcile({entitlements: floor, payments: [pay(A, 33n), pay(B, 33n), pay(B, 2n, true)], onChainRoot: ourRoot, computedRoot: ourRoot})
        const a = accountForVariance(context({funded: 90n, paid: 68n, outstanding: 22n}), r.totals)

        it('should add up by holder and by money to the same variance', () => {
            expect(a).toMatchObject({variance: -31n, owed: 33n, excess: 2n, undistributed: 1n, unfunded: 10n, outstanding: 22n, balanced: true})
            expect(a.excess - a.owed).toBe(a.variance)
            expect(a.undistributed - a.unfunded - a.outstanding - a.reclaimed - a.refunded).toBe(a.variance)
        })
    })

    describe('when the payments do not add up to the distribution\'s paid total', () => {
        it('should say it is not balanced', () => {
            const r = reconcile({entitlements: expected, payments: [pay(A, 34n)], onChainRoot: ourRoot, computedRoot: ourRoot})
            expect(accountForVariance(context({paid: 40n, outstanding: 60n}), r.totals).balanced).toBe(false)
        })
    })
})

describe('reconciliationCsv()', () => {
    const payments = [pay(A, 34n, false, 200), pay(B, 33n, false, 201), pay(B, 7n, true, 202), pay(D, 25n, true, 203)]
    const report = reconcile({entitlements: expected, payments, onChainRoot: ourRoot, computedRoot: ourRoot})
    const [pA, pB1, pB2, pD] = payments.map(p => p.txHash)

    describe('when the payment token has decimals', () => {
        const csv = reconciliationCsv(report, context({paid: 99n, outstanding: 1n})).split('\n')

        it('should open with the distribution\'s context, then one line per holder and the totals line', () => {
            expect(csv).toEqual([
                'field,value,value_decimal',
                'distribution,31337-0xm-0000000001,',
                'status,PAYING,',
                `token,${TOKEN},`,
                'token_symbol,RIV30,',
                'token_decimals,6,',
                `payment_token,${COIN},`,
                'payment_token_symbol,tUSD,',
                'payment_token_decimals,1,',
                'record_block,42,',
                'record_block_time,2026-06-30T12:00:00.000Z,',
                'claim_expiry,2026-07-30T00:00:00.000Z,',
                `merkle_root,${ourRoot},`,
                `computed_root,${ourRoot},`,
                'root_matches,true,',
                'total_amount,100,10',
                'funded,100,10',
                'paid,99,9.9',
                'reclaimed,0,0',
                'refunded,0,0',
                'outstanding,1,0.1',
                'expected,100,10',
                'variance,-1,-0.1',
                'owed,33,3.3',
                'excess,32,3.2',
                'undistributed,0,0',
                'unfunded,0,0',
                'variance_balanced,true,',
                '',
                'holder,status,expected,paid,difference,proven_paid,manual_paid,payments,tx_hashes,expected_decimal,paid_decimal,difference_decimal',
                `${A},PAID,34,34,0,34,0,1,${pA},3.4,3.4,0`,
                `${B},OVERPAID,33,40,7,33,7,2,${pB1};${pB2},3.3,4,0.7`,
                `${C},UNPAID,33,0,-33,0,0,0,,3.3,0,-3.3`,
                `${D},PAID_TO_NON_HOLDER,0,25,25,0,25,1,${pD},0,2.5,2.5`,
                'TOTAL,,100,99,-1,67,32,4,,10,9.9,-0.1',
                '',
            ])
        })
    })

    describe('when a symbol holds a comma and the decimals are unknown', () => {
        const csv = reconciliationCsv(report, context({paymentToken: {address: COIN, symbol: 'US$, test', decimals: null}, recordBlockTime: null}))

        it('should quote the symbol, leave the decimal forms and the unindexed time empty', () => {
            expect(csv).toContain('\npayment_token_symbol,"US$, test",\n')
            expect(csv).toContain('\nrecord_block_time,,\n')
            expect(csv).toContain('\ntotal_amount,100,\n')
            expect(csv).toContain('\nTOTAL,,100,99,-1,67,32,4,,,,\n')
        })
    })
})

describe('merkleRootOf()', () => {
    const lines = expected.map(e => ({holder: e.holder, amount: e.expected}))

    it("should hash a leaf exactly as the contract's leaf(holder, amount)", () => {
        // A one-leaf tree's root is the leaf: keccak256(bytes.concat(keccak256(abi.encode(holder, amount)))).
        const leaf = keccak256(concat([keccak256(AbiCoder.defaultAbiCoder().encode(['address', 'uint256'], [A, 34n]))]))
        expect(merkleRootOf([{holder: A, amount: 34n}])).toBe(leaf)
    })

    it('should equal the root of the tree the contract tests build (src/dev/payouts)', () => {
        expect(merkleRootOf(lines)).toBe(buildEntitlementTree(lines).root)
        expect(entitlementTree(lines).dump()).toEqual(buildEntitlementTree(lines).dump())
    })

    it("should equal the library's StandardMerkleTree root on sets of 1 to 40 and 1,000 leaves", () => {
        // Deterministic pseudo-random addresses and amounts of every width, from hashes of a counter.
        let counter = 0
        const randomHex = () => keccak256(AbiCoder.defaultAbiCoder().encode(['uint256'], [++counter])).slice(2)
        for (const size of [...Array.from({length: 40}, (_, i) => i + 1), 1000]) {
            const set = Array.from({length: size}, (_, i) => {
                const h = randomHex()
                return {holder: `0x${h.slice(0, 40)}`, amount: i === 0 ? 2n ** 256n - 1n : BigInt(`0x${randomHex().slice(0, 2 * (1 + (i % 32)))}`) + 1n}
            })
            const library = StandardMerkleTree.of(set.map(l => [l.holder, l.amount.toString()]), ['address', 'uint256'])
            expect(merkleRootOf(set), `size ${size}`).toBe(library.root)
            expect(entitlementTree(set).root).toBe(library.root)
        }
    })

    it('should not depend on the order or case of the lines', () => {
        expect(merkleRootOf([...lines].reverse().map(l => ({...l, holder: l.holder.toUpperCase().replace('0X', '0x')})))).toBe(merkleRootOf(lines))
    })

    it('should leave lines of amount 0 out and refuse a tree without leaves', () => {
        expect(merkleRootOf([...lines, {holder: D, amount: 0n}])).toBe(merkleRootOf(lines))
        expect(() => merkleRootOf([{holder: D, amount: 0n}])).toThrow(/at least one leaf/)
        expect(() => merkleRootOf([...lines, {holder: A, amount: 1n}])).toThrow(/more than one entitlement/)
    })

    it('should give proofs that verify against the root, and reject a wrong amount', () => {
        const r = entitlements([A, B, C, D].map((wallet, i) => ({wallet, investor: null, balance: BigInt(i + 1), frozen: 0n})), 1_000_001n,
            {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'})
        const tree = entitlementTree(r.lines)
        const proofs = proofsOf(tree)
        for (const l of r.lines) expect(verifyEntitlement(tree.root, l.holder, l.amount, proofs.get(l.holder)!)).toBe(true)
        const first = r.lines[0]!
        expect(verifyEntitlement(tree.root, first.holder, first.amount + 1n, proofs.get(first.holder)!)).toBe(false)
    })
})
