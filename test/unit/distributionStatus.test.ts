import {describe, expect, it} from 'vitest'
import {distributionStatus, DistributionTotals} from '../../src/analytics/distributionStatus'

const EXPIRY = new Date('2026-06-30T00:00:00Z')
const BEFORE = new Date(EXPIRY.getTime() - 1000)
const d = (over: Partial<DistributionTotals> = {}): DistributionTotals =>
    ({cancelled: false, totalAmount: 1000n, funded: 0n, paid: 0n, reclaimed: 0n, claimExpiry: EXPIRY, ...over})

describe('distributionStatus()', () => {
    describe('when nothing is funded yet', () => {
        it('should be CREATED, also when part is funded', () => {
            expect(distributionStatus(d(), BEFORE)).toBe('CREATED')
            expect(distributionStatus(d({funded: 999n}), BEFORE)).toBe('CREATED')
        })
    })
    describe('when funded in full with no payment', () => {
        it('should be FUNDED', () => {
            expect(distributionStatus(d({funded: 1000n}), BEFORE)).toBe('FUNDED')
        })
    })
    describe('when part is paid in the claim window', () => {
        it('should be PAYING', () => {
            expect(distributionStatus(d({funded: 1000n, paid: 1n}), BEFORE)).toBe('PAYING')
        })
    })
    describe('when everything is paid', () => {
        it('should be PAID, before and after the claim window closes', () => {
            expect(distributionStatus(d({funded: 1000n, paid: 1000n}), BEFORE)).toBe('PAID')
            expect(distributionStatus(d({funded: 1000n, paid: 1000n}), EXPIRY)).toBe('PAID')
        })
    })
    describe('when the claim window closed with a rest', () => {
        it('should be EXPIRED from the block whose time equals claimExpiry on', () => {
            expect(distributionStatus(d({funded: 1000n, paid: 400n}), new Date(EXPIRY.getTime() - 1))).toBe('PAYING')
            expect(distributionStatus(d({funded: 1000n, paid: 400n}), EXPIRY)).toBe('EXPIRED')
        })
        it('should be EXPIRED also when it was never funded or paid', () => {
            expect(distributionStatus(d(), EXPIRY)).toBe('EXPIRED')
        })
    })
    describe('when the rest was reclaimed', () => {
        it('should be RECLAIMED', () => {
            expect(distributionStatus(d({funded: 1000n, paid: 50n, reclaimed: 950n}), EXPIRY)).toBe('RECLAIMED')
        })
    })
    describe('when it was cancelled', () => {
        it('should be CANCELLED whatever the time', () => {
            expect(distributionStatus(d({cancelled: true, funded: 400n}), BEFORE)).toBe('CANCELLED')
            expect(distributionStatus(d({cancelled: true}), EXPIRY)).toBe('CANCELLED')
        })
    })
})
