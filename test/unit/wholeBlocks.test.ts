import {describe, expect, it} from 'vitest'
import {wholeBlocks, wholeBlocksPerBatch} from '../../src/mapping/backfill'

const log = (blockNumber: number, transactionIndex: number) => ({blockNumber, transactionIndex, transactionHash: `0x${blockNumber}-${transactionIndex}`})

describe('.wholeBlocks()', () => {
    describe('when our transactions are most of a block up to the last of ours', () => {
        it('should fetch that block whole, knowing its transactions up to our last one', () => {
            // block 7: 3 of the first 4 transactions, one of them with two logs
            expect([...wholeBlocks([log(7, 0), log(7, 0), log(7, 1), log(7, 3)])]).toEqual([[7, 4]])
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
            expect([...wholeBlocks([log(1, 0), log(1, 1), log(2, 0), log(2, 5), log(3, 2), log(3, 3)]).keys()].sort()).toEqual([1, 3])
        })
    })
})

describe('.wholeBlocksPerBatch()', () => {
    describe('when the blocks hold 25 transactions each', () => {
        it('should put 10 in a batch (250 transactions)', () => {
            expect(wholeBlocksPerBatch([25, 25, 25], 100)).toBe(10)
        })
    })

    describe('when the blocks are small', () => {
        it('should keep to the batch size the node takes', () => {
            expect(wholeBlocksPerBatch([2, 1, 2], 100)).toBe(100)
        })
    })

    describe('when one large block is among small ones', () => {
        it('should size every batch for the large one, so that no answer is large', () => {
            expect(wholeBlocksPerBatch([2, 125, 2, 2], 100)).toBe(2)
        })
    })

    describe('when one block holds more than a batch carries', () => {
        it('should still ask for one block at a time', () => {
            expect(wholeBlocksPerBatch([900, 700], 100)).toBe(1)
        })
    })
})
