import {describe, expect, it} from 'vitest'
import {formatOptionalUnits, formatUnits} from '../../src/analytics/units'

describe('formatUnits()', () => {
    describe('when the amount has whole units only', () => {
        it('should drop the zero fraction', () => {
            expect(formatUnits(2000000000n, 6)).toBe('2000')
            expect(formatUnits(0n, 18)).toBe('0')
        })
    })
    describe('when the amount is below one unit', () => {
        it('should keep every leading zero of the fraction', () => {
            expect(formatUnits(1n, 6)).toBe('0.000001')
            expect(formatUnits(1n, 18)).toBe('0.000000000000000001')
        })
    })
    describe('when the fraction has trailing zeros', () => {
        it('should drop them and keep the significant digits', () => {
            expect(formatUnits(1234500n, 6)).toBe('1.2345')
            expect(formatUnits(1050n, 2)).toBe('10.5')
        })
    })
    describe('when the amount is negative (a signed delta)', () => {
        it('should put the sign before the whole part', () => {
            expect(formatUnits(-1500n, 3)).toBe('-1.5')
            expect(formatUnits(-1n, 6)).toBe('-0.000001')
            expect(formatUnits(-2000000n, 6)).toBe('-2')
        })
    })
    describe('when the token has no decimals', () => {
        it('should give the raw integer', () => {
            expect(formatUnits(1999n, 0)).toBe('1999')
            expect(formatUnits(-7n, 0)).toBe('-7')
        })
    })
    describe('when the amount is larger than a double holds exactly', () => {
        it('should stay exact to the last digit', () => {
            expect(formatUnits(123456789012345678901234567890123n, 18)).toBe('123456789012345.678901234567890123')
            expect(formatUnits(2n ** 256n - 1n, 18)).toBe('115792089237316195423570985008687907853269984665640564039457.584007913129639935')
        })
    })
    describe('when the decimals are unknown', () => {
        it('should give null', () => {
            expect(formatUnits(5n, null)).toBeNull()
            expect(formatUnits(5n, undefined)).toBeNull()
        })
    })
    describe('when the decimals are not a non-negative integer', () => {
        it('should throw a RangeError', () => {
            expect(() => formatUnits(5n, -1)).toThrow(RangeError)
            expect(() => formatUnits(5n, 1.5)).toThrow(RangeError)
        })
    })
})

describe('formatOptionalUnits()', () => {
    describe('when the amount is absent', () => {
        it('should give null', () => {
            expect(formatOptionalUnits(null, 6)).toBeNull()
        })
    })
    describe('when the amount is present', () => {
        it('should format it', () => {
            expect(formatOptionalUnits(25n, 1)).toBe('2.5')
        })
    })
})
