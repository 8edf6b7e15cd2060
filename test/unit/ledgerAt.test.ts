import {describe, expect, it} from 'vitest'
import {pagePlan} from '../../src/analytics/ledgerAt'
import {walletRow, withFreezes} from '../../src/analytics/capTable'

describe('pagePlan()', () => {
    describe('when most ledger rows belong to holders of the block (late blocks, first pages)', () => {
        it('should walk the ledger largest first', () => {
            // 100,000 holders, 1,000,000 rows: about 1,000 rows read for the first 100.
            expect(pagePlan({limit: 100, offset: 0}, 1_000_000, 100_000)).toBe('ranked')
        })
    })

    describe('when few wallets held the token at the block (early blocks)', () => {
        it('should read the holders from the range index and sort them', () => {
            // 500 holders among 1,000,000 rows: the walk would read about 200,000 rows for the first page.
            expect(pagePlan({limit: 100, offset: 0}, 1_000_000, 500)).toBe('range')
        })
    })

    describe('when the page is deep', () => {
        it('should read every holder rather than walk past the offset', () => {
            expect(pagePlan({limit: 100, offset: 99_900}, 1_000_000, 100_000)).toBe('range')
            expect(pagePlan({limit: 100, offset: 4_900}, 1_000_000, 100_000)).toBe('ranked')
        })
    })
})

describe('walletRow()', () => {
    describe('when the wallet is frozen as a whole', () => {
        it('should name it among the frozen wallets and give its exact share', () => {
            expect(walletRow({wallet: '0xa', investor: '0xi', balance: 1n, frozen: 1n, frozenTokens: 0n, addressFrozen: true}, 3n)).toEqual({
                holder: '0xa', investor: '0xi', wallets: ['0xa'], balance: 1n, frozenTokens: 0n, frozenWallets: ['0xa'], share: '0.3333333333',
            })
        })
    })
})

describe('withFreezes()', () => {
    describe('when an investor row merges a partly frozen wallet and a wholly frozen one', () => {
        it('should sum the partial freezes and name the frozen wallet', () => {
            const row = {holder: '0xi', investor: '0xi', wallets: ['0xa', '0xb'], balance: 10n, frozenTokens: 0n, frozenWallets: [], share: '1'}
            expect(withFreezes([row], w => (w === '0xa' ? 3n : 2n), w => w === '0xb')).toEqual([{...row, frozenTokens: 5n, frozenWallets: ['0xb']}])
        })
    })
})
