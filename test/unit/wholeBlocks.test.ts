import {describe, expect, it} from 'vitest'
import {wholeBlockBatches, wholeBlocks} from '../../src/mapping/backfill'

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

/** Whole blocks 100, 101, … with these spans. */
const spans = (...txs: number[]) => new Map(txs.map((t, i) => [100 + i, t]))

describe('.wholeBlockBatches()', () => {
    describe('when the blocks hold 25 transactions each', () => {
        it('should put 10 in a batch (250 transactions)', () => {
            expect(wholeBlockBatches(spans(25, 25, 25), 100)).toEqual([{blocks: [100, 101, 102], perBatch: 10}])
        })
    })

    describe('when the blocks are small', () => {
        it('should keep to the batch size the node takes', () => {
            expect(wholeBlockBatches(spans(2, 1, 2), 100)).toEqual([{blocks: [101], perBatch: 100}, {blocks: [100, 102], perBatch: 100}])
        })
    })

    describe('when one large block is among small ones', () => {
        it('should ask for the large one in batches of its own size, and the small ones at the size the node takes', () => {
            expect(wholeBlockBatches(spans(2, 125, 2, 2), 100)).toEqual([{blocks: [100, 102, 103], perBatch: 100}, {blocks: [101], perBatch: 2}])
        })
        it('should keep every batch within 250 transactions', () => {
            const whole = spans(3, 40, 70, 7, 64, 33, 120, 5)
            const groups = wholeBlockBatches(whole, 100)
            for (const g of groups) expect(g.perBatch * Math.max(...g.blocks.map(b => whole.get(b) ?? Infinity))).toBeLessThanOrEqual(250)
            expect(groups.flatMap(g => g.blocks).sort((a, b) => a - b)).toEqual([...whole.keys()])
        })
    })

    describe('when one block holds more than a batch carries', () => {
        it('should still ask for one block at a time', () => {
            expect(wholeBlockBatches(spans(900, 700), 100)).toEqual([{blocks: [100, 101], perBatch: 1}])
        })
    })
})
