import {describe, expect, it} from 'vitest'
import {parseBatchSplit} from '../../src/config'
import {splitter} from '../../src/mapping/batchSplit'
import {FactKind} from '../../src/model/generated/_factKind'
// the compiled module: FactLog makes entity rows, whose decorators need tsc's metadata (npm test builds first)
import {FactLog} from '../../lib/mapping/facts'

const at = (height: number, logIndex = 0) => ({block: {height, timestamp: height * 12_000}, logIndex, txHash: `0x${height}`, actor: '0xagent'})

describe('FactLog', () => {
    describe('when a fact is set in consecutive blocks', () => {
        it('should close each version where the next starts and leave the last open', () => {
            const log = new FactLog(1)
            log.set(FactKind.REGISTRATION, '0xstorage', '0xwallet', {identity: '0xa', country: 250}, at(10))
            log.set(FactKind.REGISTRATION, '0xstorage', '0xwallet', {identity: '0xa', country: 276}, at(12))
            expect(log.rows.map(r => [r.fromBlock, r.validUntilBlock, r.value])).toEqual([
                [10, 12, {identity: '0xa', country: 250}],
                [12, null, {identity: '0xa', country: 276}],
            ])
        })
    })

    describe('when a fact ends', () => {
        it('should close its version and open none', () => {
            const log = new FactLog(1)
            log.set(FactKind.ROLE, '0xtoken', 'AGENT:0xb', {role: 'AGENT', account: '0xb'}, at(5))
            log.set(FactKind.ROLE, '0xtoken', 'AGENT:0xb', null, at(9))
            log.set(FactKind.ROLE, '0xtoken', 'AGENT:0xb', {role: 'AGENT', account: '0xb'}, at(11))
            expect(log.rows.map(r => [r.fromBlock, r.validUntilBlock])).toEqual([[5, 9], [11, null]])
        })
    })

    describe('when two changes fall in one block', () => {
        it('should leave the earlier an empty range, so only the later holds at the end of the block', () => {
            const log = new FactLog(1)
            log.set(FactKind.FREEZE, '0xtoken', '0xw', {isFrozen: true, frozenTokens: '0'}, at(7, 1))
            log.set(FactKind.FREEZE, '0xtoken', '0xw', {isFrozen: true, frozenTokens: '60'}, at(7, 4))
            expect(log.rows.map(r => [r.fromBlock, r.validUntilBlock, r.logIndex])).toEqual([[7, 7, 1], [7, null, 4]])
        })
    })

    describe('when one event sets the same fact twice', () => {
        it('should keep one version with the last value, or none when the fact ended', () => {
            const log = new FactLog(1)
            log.set(FactKind.MODULE, '0xmc', '0xm', {module: '0xm'}, at(3, 2))
            log.set(FactKind.MODULE, '0xmc', '0xm', null, at(3, 2))
            expect(log.rows).toEqual([])
            expect(log.has(FactKind.MODULE, '0xmc', '0xm')).toBe(true)
        })
    })

    describe('when keys contain separators', () => {
        it('should keep facts apart', () => {
            const log = new FactLog(1)
            log.set(FactKind.MODULE_SETTING, '0xmc', '0xm|allowedCountry:250', {module: '0xm', key: 'allowedCountry:250', value: 'true'}, at(3))
            log.set(FactKind.MODULE_SETTING, '0xmc', '0xm|maxBalance', {module: '0xm', key: 'maxBalance', value: '5'}, at(4))
            expect(log.rows.map(r => r.validUntilBlock)).toEqual([null, null])
        })
    })
})

describe('BATCH_SPLIT', () => {
    const blocks = Array.from({length: 40}, (_, i) => i)

    it('should leave batches whole when unset, and cut one block per batch with "block"', () => {
        expect(splitter(parseBatchSplit(undefined))(blocks)).toEqual([blocks])
        expect(splitter(parseBatchSplit('block'))(blocks)).toEqual(blocks.map(b => [b]))
    })

    it('should cut at seeded random points: the same seed the same cuts, every block once and in order', () => {
        const a = splitter(parseBatchSplit('random:7'))(blocks)
        expect(a.flat()).toEqual(blocks)
        expect(a.length).toBeGreaterThan(5)
        expect(a.some(part => part.length > 1)).toBe(true)
        expect(splitter(parseBatchSplit('random:7'))(blocks)).toEqual(a)
    })

    it('should refuse anything else by name', () => {
        expect(() => parseBatchSplit('sometimes')).toThrow('BATCH_SPLIT="sometimes" must be "block" or "random:<seed>"')
    })
})
