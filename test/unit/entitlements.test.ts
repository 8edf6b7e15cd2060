import {describe, expect, it} from 'vitest'
import {
    basisOf,
    EntitlementError,
    EntitlementPolicy,
    entitlements,
    HolderBalance,
    roundingOf,
} from '../../src/analytics/entitlements'

const A = '0x00000000000000000000000000000000000000a1'
const B = '0x00000000000000000000000000000000000000b2'
const C = '0x00000000000000000000000000000000000000c3'
const D = '0x00000000000000000000000000000000000000d4'
const X = '0x0000000000000000000000000000000000000f01' // investor identities
const Y = '0x0000000000000000000000000000000000000f02'

const byWallet: EntitlementPolicy = {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'}
const holder = (wallet: string, balance: bigint, frozen = 0n, investor: string | null = null): HolderBalance =>
    ({wallet, investor, balance, frozen})
const amounts = (r: ReturnType<typeof entitlements>) => Object.fromEntries(r.lines.map(l => [l.holder, l.amount]))

describe('entitlements()', () => {
    describe('when 3 holders with equal balances share 100 units', () => {
        const r = entitlements([holder(C, 5n), holder(A, 5n), holder(B, 5n)], 100n, byWallet)

        it('should sum to exactly 100', () => {
            expect(r.lines.reduce((s, l) => s + l.amount, 0n)).toBe(100n)
            expect(r.allocated).toBe(100n)
            expect(r.unallocated).toBe(0n)
        })

        it('should give the leftover unit to the lowest address (34/33/33)', () => {
            expect(amounts(r)).toEqual({[A]: 34n, [B]: 33n, [C]: 33n})
            expect(r.lines.map(l => l.roundedUp)).toEqual([true, false, false])
        })

        it('should sort the lines by holder whatever the input order', () => {
            expect(r.lines.map(l => l.holder)).toEqual([A, B, C])
            const reversed = entitlements([holder(B, 5n), holder(C, 5n), holder(A, 5n)], 100n, byWallet)
            expect(reversed).toEqual(r)
        })
    })

    describe('when remainders differ (largest remainder, hand-computed)', () => {
        it('should give 10 units over balances 1/2/4 as 1/3/6 (remainders 3/7, 6/7, 5/7; leftover 2)', () => {
            const r = entitlements([holder(A, 1n), holder(B, 2n), holder(C, 4n)], 10n, byWallet)
            expect(r.eligibleSupply).toBe(7n)
            expect(r.lines.map(l => [l.amount, l.remainder, l.roundedUp])).toEqual([[1n, 3n, false], [3n, 6n, true], [6n, 5n, true]])
        })

        it('should give 7 units over 2/2/1 as 3/3/1 (two equal largest remainders take the 2 leftover units)', () => {
            const r = entitlements([holder(A, 2n), holder(B, 2n), holder(C, 1n)], 7n, byWallet)
            expect(amounts(r)).toEqual({[A]: 3n, [B]: 3n, [C]: 1n})
        })

        it('should give 1,250,000.000000 USDC over 7/11/13 exactly (only the largest remainder, 24/31, rounds up)', () => {
            const r = entitlements([holder(A, 7n), holder(B, 11n), holder(C, 13n)], 1_250_000_000_000n, byWallet)
            expect(amounts(r)).toEqual({[A]: 282_258_064_516n, [B]: 443_548_387_097n, [C]: 524_193_548_387n})
            expect(r.lines.map(l => l.remainder)).toEqual([4n, 24n, 3n])
            expect(r.allocated).toBe(1_250_000_000_000n)
        })

        it('should break ties by ascending address, case-insensitively', () => {
            const r = entitlements([holder(D, 1n), holder(C.toUpperCase().replace('0X', '0x'), 1n), holder(B, 1n), holder(A, 1n)], 5n, byWallet)
            expect(amounts(r)).toEqual({[A]: 2n, [B]: 1n, [C]: 1n, [D]: 1n})
        })

        it('should keep a holder whose share rounds to 0, with amount 0', () => {
            const r = entitlements([holder(A, 1n), holder(B, 1n), holder(C, 1n), holder(D, 1n)], 2n, byWallet)
            expect(amounts(r)).toEqual({[A]: 1n, [B]: 1n, [C]: 0n, [D]: 0n})
        })

        it('should pay shares as large as token balances with 18 decimals exactly', () => {
            const big = 10n ** 30n
            const r = entitlements([holder(A, big + 1n), holder(B, big), holder(C, big)], 10n ** 24n, byWallet)
            expect(r.allocated).toBe(10n ** 24n)
            expect(amounts(r)).toEqual({[A]: 333_333_333_333_333_333_333_334n, [B]: 333_333_333_333_333_333_333_333n, [C]: 333_333_333_333_333_333_333_333n})
        })
    })

    describe('when part of the balances is frozen', () => {
        // A: 100 with 40 frozen tokens; B: 100; C: 50 in a frozen address (frozen = its whole balance).
        const holders = [holder(A, 100n, 40n), holder(B, 100n), holder(C, 50n, 50n)]

        it('should pro-rate on balance − frozen and leave an entirely frozen wallet out when frozen balances are excluded', () => {
            const r = entitlements(holders, 1000n, {...byWallet, includeFrozen: false})
            expect(r.eligibleSupply).toBe(160n)
            expect(amounts(r)).toEqual({[A]: 375n, [B]: 625n})
            expect(r.excluded).toEqual([{wallet: C, investor: null, balance: 50n, frozen: 50n, reason: 'FULLY_FROZEN'}])
            expect(r.lines[0]!.wallets).toEqual([{wallet: A, balance: 100n, frozen: 40n, eligible: 60n}])
        })

        it('should count the whole balances when frozen balances are included', () => {
            const r = entitlements(holders, 1000n, byWallet)
            expect(r.eligibleSupply).toBe(250n)
            expect(amounts(r)).toEqual({[A]: 400n, [B]: 400n, [C]: 200n})
            expect(r.excluded).toEqual([])
        })

        it('should cap a frozen amount above the balance at the balance', () => {
            const r = entitlements([holder(A, 10n, 25n), holder(B, 10n)], 100n, {...byWallet, includeFrozen: false})
            expect(amounts(r)).toEqual({[B]: 100n})
            expect(r.excluded[0]).toMatchObject({wallet: A, frozen: 10n})
        })
    })

    describe('when entitlements are by investor', () => {
        // Investor X has two wallets (A 30, B 50), Y one (C 20); D has no identity at the record block.
        const holders = [holder(A, 30n, 0n, X), holder(B, 50n, 0n, X), holder(C, 20n, 0n, Y), holder(D, 100n)]
        const policy: EntitlementPolicy = {...byWallet, basis: 'BY_INVESTOR'}

        it("should merge an investor's wallets into one line paid to its largest wallet", () => {
            const r = entitlements(holders, 1000n, policy)
            expect(r.lines.map(l => ({holder: l.holder, unit: l.unit, investor: l.investor, amount: l.amount, wallets: l.wallets.map(w => w.wallet)}))).toEqual([
                {holder: B, unit: X, investor: X, amount: 400n, wallets: [A, B]},
                {holder: C, unit: Y, investor: Y, amount: 100n, wallets: [C]},
                {holder: D, unit: D, investor: null, amount: 500n, wallets: [D]},
            ])
        })

        it('should pay each wallet separately by wallet', () => {
            expect(amounts(entitlements(holders, 1000n, byWallet))).toEqual({[A]: 150n, [B]: 250n, [C]: 100n, [D]: 500n})
        })

        it('should pay the lowest address between two equally large wallets', () => {
            const r = entitlements([holder(B, 50n, 0n, X), holder(A, 50n, 0n, X)], 7n, policy)
            expect(r.lines).toHaveLength(1)
            expect(r.lines[0]).toMatchObject({holder: A, amount: 7n, eligible: 100n})
        })

        it('should choose the payee by eligible balance when frozen balances are excluded', () => {
            const r = entitlements([holder(A, 30n, 0n, X), holder(B, 50n, 40n, X)], 8n, {...policy, includeFrozen: false})
            expect(r.lines[0]).toMatchObject({holder: A, eligible: 40n, amount: 8n})
        })

        it('should break remainder ties by investor address, not by payee address', () => {
            // X pays to D, Y pays to A: equal remainders, the leftover unit goes to X (lower identity address).
            const r = entitlements([holder(D, 1n, 0n, X), holder(A, 1n, 0n, Y)], 3n, policy)
            expect(amounts(r)).toEqual({[D]: 2n, [A]: 1n})
        })
    })

    describe('when the rounding rule is FLOOR', () => {
        it('should floor every share and report the leftover as unallocated', () => {
            const r = entitlements([holder(A, 5n), holder(B, 5n), holder(C, 5n)], 100n, {...byWallet, rounding: 'FLOOR'})
            expect(amounts(r)).toEqual({[A]: 33n, [B]: 33n, [C]: 33n})
            expect(r.allocated).toBe(99n)
            expect(r.unallocated).toBe(1n)
            expect(r.lines.every(l => !l.roundedUp)).toBe(true)
        })

        it('should leave 2 units unallocated for 10 over 1/2/4', () => {
            const r = entitlements([holder(A, 1n), holder(B, 2n), holder(C, 4n)], 10n, {...byWallet, rounding: 'FLOOR'})
            expect(amounts(r)).toEqual({[A]: 1n, [B]: 2n, [C]: 5n})
            expect(r.unallocated).toBe(2n)
        })
    })

    describe('when there is nothing to pro-rate on', () => {
        it('should refuse a total supply of zero', () => {
            expect(() => entitlements([], 100n, byWallet)).toThrow(new EntitlementError('nothing to distribute on: no wallet held the token at the record block (total supply 0)'))
            expect(() => entitlements([holder(A, 0n)], 100n, byWallet)).toThrow(/total supply 0/)
        })

        it('should refuse when every holder is entirely frozen and frozen balances are excluded', () => {
            expect(() => entitlements([holder(A, 5n, 5n), holder(B, 3n, 3n)], 100n, {...byWallet, includeFrozen: false}))
                .toThrow(/all 2 holder\(s\) at the record block are entirely frozen/)
        })

        it('should drop wallets with a zero balance', () => {
            const r = entitlements([holder(A, 0n), holder(B, 1n)], 9n, byWallet)
            expect(amounts(r)).toEqual({[B]: 9n})
        })
    })

    describe('when the input is invalid', () => {
        it('should refuse an amount of 0 or less', () => {
            expect(() => entitlements([holder(A, 1n)], 0n, byWallet)).toThrow(new EntitlementError('the amount to distribute must be positive, got 0'))
            expect(() => entitlements([holder(A, 1n)], -5n, byWallet)).toThrow(EntitlementError)
        })

        it('should refuse the same wallet twice, in any case', () => {
            expect(() => entitlements([holder(A, 1n), holder(A.toUpperCase().replace('0X', '0x'), 1n)], 1n, byWallet)).toThrow(/listed twice/)
        })

        it('should refuse a malformed address or a negative balance', () => {
            expect(() => entitlements([holder('0x12', 1n)], 1n, byWallet)).toThrow(/wallet "0x12" is not a 0x-prefixed 20-byte hex address/)
            expect(() => entitlements([holder(A, -1n)], 1n, byWallet)).toThrow(/negative balance/)
            expect(() => entitlements([holder(A, 1n, -1n)], 1n, byWallet)).toThrow(/negative frozen/)
        })
    })
})

describe('basisOf() and roundingOf()', () => {
    it("should read the contract's enum values", () => {
        expect([basisOf(0), basisOf(1n), roundingOf(0), roundingOf(1)]).toEqual(['BY_WALLET', 'BY_INVESTOR', 'LARGEST_REMAINDER', 'FLOOR'])
        expect(() => basisOf(2)).toThrow(/unknown entitlement basis 2/)
    })
})
