import {describe, expect, it} from 'vitest'
import {concentration, jurisdictions, shareOf} from '../../src/analytics/concentration'

// Every expected value below is computed by hand in the comment next to it, not by the code under test.

describe('shareOf()', () => {
    describe('when the quotient does not terminate', () => {
        it('should truncate, never round up', () => {
            // 2/3 = 0.666666666666… → 10 places truncated: 0.6666666666 (rounding would give …67)
            expect(shareOf(2n, 3n)).toBe('0.6666666666')
            // 1/3 = 0.333… → 0.3333333333
            expect(shareOf(1n, 3n)).toBe('0.3333333333')
            // 5/9 = 0.5555… → 4 places: 0.5555 (rounding would give 0.5556)
            expect(shareOf(5n, 9n, 4)).toBe('0.5555')
        })
    })

    describe('when the quotient terminates', () => {
        it('should pad with zeros to the requested places', () => {
            expect(shareOf(1n, 2n)).toBe('0.5000000000')
            expect(shareOf(1n, 8n, 3)).toBe('0.125')
            // 1/10^10 is exactly the last place; 1/(2·10^10) falls below it → 0
            expect(shareOf(1n, 10n ** 10n)).toBe('0.0000000001')
            expect(shareOf(1n, 2n * 10n ** 10n)).toBe('0.0000000000')
        })
    })

    describe('when part is zero or equals whole', () => {
        it('should give 0 and 1 with all places', () => {
            expect(shareOf(0n, 7n)).toBe('0.0000000000')
            expect(shareOf(7n, 7n)).toBe('1.0000000000')
        })
    })

    describe('when part exceeds whole', () => {
        it('should carry an integer part', () => {
            // 7/2 = 3.5
            expect(shareOf(7n, 2n, 2)).toBe('3.50')
            // 125000/117 = 1068.376068… → 1068.3760
            expect(shareOf(125_000n, 117n, 4)).toBe('1068.3760')
        })
    })

    describe('when places is 0', () => {
        it('should give the truncated integer without a point', () => {
            expect(shareOf(7n, 2n, 0)).toBe('3')
        })
    })

    describe('when whole is 0', () => {
        it('should give "0"', () => {
            expect(shareOf(0n, 0n)).toBe('0')
            expect(shareOf(5n, 0n)).toBe('0')
        })
    })

    describe('with 18-decimal amounts beyond 2^53', () => {
        it('should stay exact', () => {
            // 1e24 / 3e24 = 1/3
            expect(shareOf(10n ** 24n, 3n * 10n ** 24n, 20)).toBe('0.33333333333333333333')
            // (10^24 + 1) / (2·10^24) = 0.5000000000000000000000005 → 25 places: 0.5000000000000000000000005
            expect(shareOf(10n ** 24n + 1n, 2n * 10n ** 24n, 25)).toBe('0.5000000000000000000000005')
        })
    })

    describe('when an operand is negative or places is invalid', () => {
        it('should refuse', () => {
            expect(() => shareOf(-1n, 3n)).toThrow(RangeError)
            expect(() => shareOf(1n, -3n)).toThrow(RangeError)
            expect(() => shareOf(1n, 3n, -1)).toThrow(RangeError)
            expect(() => shareOf(1n, 3n, 1.5)).toThrow(RangeError)
        })
    })
})

describe('concentration()', () => {
    describe('when there are no holders', () => {
        it('should give zeros', () => {
            const empty = {holderCount: 0, supply: 0n, top1: '0', top5: '0', top10: '0', hhi: '0', gini: '0', holdersToMajority: 0}
            expect(concentration([])).toEqual(empty)
        })

        it('should ignore zero balances', () => {
            expect(concentration([0n, 0n]).holderCount).toBe(0)
            expect(concentration([0n, 0n]).hhi).toBe('0')
        })
    })

    describe('when balances are [50, 30, 20]', () => {
        // supply = 100
        // top1 = 50/100 = 0.5; top5 = top10 = 100/100 = 1
        // HHI = 50² + 30² + 20² (in percent) = 2500 + 900 + 400 = 3800
        // Gini: ascending x = [20, 30, 50], Σ i·x_i = 1·20 + 2·30 + 3·50 = 230, n = 3
        //   G = 2·230/(3·100) − 4/3 = 460/300 − 400/300 = 60/300 = 0.2
        //   check by mean absolute difference: Σ_i Σ_j |x_i − x_j| = 2·(10 + 30 + 20) = 120, 2n²μ = 2·9·100/3 = 600 → 0.2
        // majority: 50 is not > 50 (half of 100); 50 + 30 = 80 > 50 → 2
        it('should give the hand-computed figures', () => {
            expect(concentration([50n, 30n, 20n])).toEqual({
                holderCount: 3,
                supply: 100n,
                top1: '0.5000000000',
                top5: '1.0000000000',
                top10: '1.0000000000',
                hhi: '3800.0000',
                gini: '0.2000000000',
                holdersToMajority: 2,
            })
        })

        it('should not depend on the input order or on zero balances', () => {
            expect(concentration([20n, 0n, 50n, 30n])).toEqual(concentration([50n, 30n, 20n]))
        })
    })

    describe('when there is one holder', () => {
        // share 1 → HHI 100² = 10000; Gini: n = 1, G = 2·x/(1·x) − 2/1 = 0; majority 1
        it('should give a monopoly', () => {
            expect(concentration([123n])).toEqual({
                holderCount: 1,
                supply: 123n,
                top1: '1.0000000000',
                top5: '1.0000000000',
                top10: '1.0000000000',
                hhi: '10000.0000',
                gini: '0.0000000000',
                holdersToMajority: 1,
            })
        })
    })

    describe('when all balances are equal', () => {
        // [7, 7, 7, 7]: supply 28; top1 = 1/4 = 0.25; HHI = 4·25² = 2500
        // Gini: Σ i·x_i = 7·(1+2+3+4) = 70, G = 2·70/(4·28) − 5/4 = 140/112 − 140/112 = 0
        // majority: 7 ≤ 14, 14 ≤ 14 (exactly half is not a majority), 21 > 14 → 3
        it('should give a Gini of 0', () => {
            const c = concentration([7n, 7n, 7n, 7n])
            expect(c.gini).toBe('0.0000000000')
            expect(c.top1).toBe('0.2500000000')
            expect(c.hhi).toBe('2500.0000')
            expect(c.holdersToMajority).toBe(3)
        })

        // [1, 1, 1]: HHI = 3·(1/3)²·10000 = 10000/3 = 3333.3333… → 3333.3333; top1 = 0.3333333333
        it('should truncate non-terminating shares', () => {
            const c = concentration([1n, 1n, 1n])
            expect(c.hhi).toBe('3333.3333')
            expect(c.top1).toBe('0.3333333333')
            expect(c.gini).toBe('0.0000000000')
            expect(c.holdersToMajority).toBe(2)
        })
    })

    describe('when two holders split exactly in half', () => {
        // [50, 50]: neither is > 50% alone → 2; HHI = 2·2500 = 5000; Gini 0
        it('should need both for a majority', () => {
            const c = concentration([50n, 50n])
            expect(c.holdersToMajority).toBe(2)
            expect(c.hhi).toBe('5000.0000')
            expect(c.gini).toBe('0.0000000000')
        })
    })

    describe('when balances are [1, 99]', () => {
        // supply 100; top1 = 0.99; HHI = 1² + 99² = 1 + 9801 = 9802
        // Gini: Σ i·x_i = 1·1 + 2·99 = 199, G = 398/200 − 3/2 = 398/200 − 300/200 = 98/200 = 0.49
        //   check: Σ_i Σ_j |x_i − x_j| = 2·98 = 196, 2n²μ = 2·4·50 = 400 → 0.49
        // majority: 99 > 50 → 1
        it('should give the hand-computed figures', () => {
            expect(concentration([1n, 99n])).toEqual({
                holderCount: 2,
                supply: 100n,
                top1: '0.9900000000',
                top5: '1.0000000000',
                top10: '1.0000000000',
                hhi: '9802.0000',
                gini: '0.4900000000',
                holdersToMajority: 1,
            })
        })
    })

    describe('when balances are [1, 2]', () => {
        // supply 3; top1 = 2/3 = 0.6666666666 (truncated)
        // HHI = (1 + 4)·10000/9 = 50000/9 = 5555.5555… → 5555.5555 (rounding would give 5555.5556)
        // Gini: Σ i·x_i = 1 + 4 = 5, G = 10/6 − 3/2 = 10/6 − 9/6 = 1/6 = 0.1666… → 0.1666666666
        it('should truncate every figure', () => {
            const c = concentration([1n, 2n])
            expect(c.top1).toBe('0.6666666666')
            expect(c.hhi).toBe('5555.5555')
            expect(c.gini).toBe('0.1666666666')
            expect(c.holdersToMajority).toBe(1)
        })
    })

    describe('when there are more than ten holders', () => {
        // balances 1..12, supply = 12·13/2 = 78
        // top1 = 12/78 = 0.153846153846… → 0.1538461538
        // top5 = (12+11+10+9+8)/78 = 50/78 = 0.641025641025… → 0.6410256410
        // top10 = (78 − 1 − 2)/78 = 75/78 = 0.961538461538… → 0.9615384615
        // HHI = Σ i² · 10000 / 78² = 650 · 10000 / 6084 = 6500000/6084:
        //   6084·1068 = 6497712, remainder 2288; long division: 22880 → 3 r 4628, 46280 → 7 r 3692,
        //   36920 → 6 r 416, 4160 → 0 → 1068.3760
        // Gini: ascending x_i = i, Σ i·x_i = Σ i² = 650; G = 1300/936 − 13/12 = (1300 − 1014)/936 = 286/936 = 11/36
        //   = 0.30555… → 0.3055555555 (also the closed form (n−1)/(3n) = 11/36 for 1..n)
        // majority: half = 39; 12, 23, 33 are ≤ 39; 12+11+10+9 = 42 > 39 → 4
        it('should give the hand-computed figures', () => {
            const balances = Array.from({length: 12}, (_, k) => BigInt(k + 1))
            expect(concentration(balances)).toEqual({
                holderCount: 12,
                supply: 78n,
                top1: '0.1538461538',
                top5: '0.6410256410',
                top10: '0.9615384615',
                hhi: '1068.3760',
                gini: '0.3055555555',
                holdersToMajority: 4,
            })
        })
    })

    describe('with 18-decimal balances', () => {
        // [3e24, 1e24]: supply 4e24; top1 = 0.75; HHI = (0.75² + 0.25²)·10000 = 5625 + 625 = 6250
        // Gini: Σ i·x_i = 1e24 + 2·3e24 = 7e24, G = 14e24/(2·4e24) − 3/2 = 14/8 − 12/8 = 2/8 = 0.25
        it('should stay exact beyond 2^53', () => {
            const e = 10n ** 24n
            const c = concentration([3n * e, e])
            expect(c.top1).toBe('0.7500000000')
            expect(c.hhi).toBe('6250.0000')
            expect(c.gini).toBe('0.2500000000')
        })
    })
})

describe('jurisdictions()', () => {
    describe('when holders come from several countries and some have none', () => {
        // supply 250:
        //   840 (US): 100 + 20 = 120, 2 holders, 120/250 = 0.48
        //   null:     30 + 20 = 50, 2 holders (the 0 balance does not count), 50/250 = 0.2
        //   250 (FR): 50, 1 holder, 0.2 — ties with null at 50: country ascending, unknown last
        //   276 (DE): 30, 1 holder, 30/250 = 0.12
        const holders = [
            {country: 840, balance: 100n},
            {country: null, balance: 30n},
            {country: 276, balance: 30n},
            {country: 840, balance: 20n},
            {country: null, balance: 20n},
            {country: 250, balance: 50n},
            {country: 756, balance: 0n},
            {country: null, balance: 0n},
        ]

        it('should group, sum and sort by balance then country', () => {
            expect(jurisdictions(holders, 250n)).toEqual([
                {country: 840, countryCode: 'US', holders: 2, balance: 120n, share: '0.4800000000'},
                {country: 250, countryCode: 'FR', holders: 1, balance: 50n, share: '0.2000000000'},
                {country: null, countryCode: null, holders: 2, balance: 50n, share: '0.2000000000'},
                {country: 276, countryCode: 'DE', holders: 1, balance: 30n, share: '0.1200000000'},
            ])
        })

        it('should not depend on the input order', () => {
            expect(jurisdictions([...holders].reverse(), 250n)).toEqual(jurisdictions(holders, 250n))
        })
    })

    describe('when shares do not terminate', () => {
        // 1/3 each of supply 3 → 0.3333333333; equal balances sorted by country: 36 (AU) < 124 (CA) < 826 (GB)
        it('should truncate them and break ties by country', () => {
            expect(jurisdictions([{country: 826, balance: 1n}, {country: 36, balance: 1n}, {country: 124, balance: 1n}], 3n)).toEqual([
                {country: 36, countryCode: 'AU', holders: 1, balance: 1n, share: '0.3333333333'},
                {country: 124, countryCode: 'CA', holders: 1, balance: 1n, share: '0.3333333333'},
                {country: 826, countryCode: 'GB', holders: 1, balance: 1n, share: '0.3333333333'},
            ])
        })
    })

    describe('when a country code is not in the ISO table', () => {
        it('should keep the numeric code with a null alpha-2', () => {
            expect(jurisdictions([{country: 999, balance: 5n}], 10n)).toEqual([
                {country: 999, countryCode: null, holders: 1, balance: 5n, share: '0.5000000000'},
            ])
        })
    })

    describe('when there are no holders or the supply is 0', () => {
        it('should give no rows, or shares of "0"', () => {
            expect(jurisdictions([], 0n)).toEqual([])
            expect(jurisdictions([{country: 840, balance: 5n}], 0n)[0]!.share).toBe('0')
        })
    })
})
