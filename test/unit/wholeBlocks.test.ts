import {describe, expect, it} from 'vitest'
import {wholeBlocks} from '../../src/mapping/backfill'

const log = (blockNumber: number, transactionIndex: number) => ({blockNumber, transactionIndex, transactionHash: `0x${blockNumber}-${transactionIndex}`})

describe('.wholeBlocks()', () => {
    describe('when our transactions are most of a block up to the last of ours', () => {
        it('should fetch that block whole', () => {
            // block 7: 3 of the first 4 transactions, one of them with two logs
            expect([...wholeBlocks([log(7, 0), log(7, 0), log(7, 1), log(7, 3)])]).toEqual([7])
        })
    })

    describe('when our transactions are a few among many', () => {
        it('should fetch the header and our transactions only', () => {
            // block 8: 2 of the first 10 transactions; block 9: a single transaction of ours
            expect([...wholeBlocks([log(8, 4), log(8, 9), log(9, 0)])]).toEqual([])
        })
    })

    describe('when blocks differ', () => {
        it('should decide each block on its own', () => {
            expect([...wholeBlocks([log(1, 0), log(1, 1), log(2, 0), log(2, 5), log(3, 2), log(3, 3)])].sort()).toEqual([1, 3])
        })
    })
})
