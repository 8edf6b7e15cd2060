import {encodeBytes32String} from 'ethers'
import {describe, expect, it} from 'vitest'
import {parsePartition} from '../../src/analytics/ownershipAt'
import {MovementPlan, PlannedLog} from '../../src/mapping/erc1400/movements'
// the compiled module: it sits beside entity classes, whose decorators need tsc's metadata (npm test builds first)
import {partitionName} from '../../lib/mapping/erc1400/state'

const ZERO = '0x0000000000000000000000000000000000000000'
const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'
const CONTROLLER = '0x00000000000000000000000000000000000000cc'
const LOCKED = encodeBytes32String('locked')
const UNLOCKED = encodeBytes32String('unlocked')

let logIndex = 0
const log = (name: string, params: Record<string, unknown>, txHash = '0xt1'): PlannedLog => ({contract: '0xtoken', name, txHash, block: {height: 7}, logIndex: logIndex++, params})
const transfer = (from: string, to: string, value: bigint, tx?: string) => log('Transfer', {from, to, value}, tx)
const byPartition = (partition: string, from: string, to: string, value: bigint, tx?: string) =>
    log('TransferByPartition', {_fromPartition: partition, _operator: from, _from: from, _to: to, _value: value, _data: '0x', _operatorData: '0x'}, tx)

describe('MovementPlan', () => {
    describe('when a Transfer and a TransferByPartition of the same parties and amount share a transaction', () => {
        it('should pair them as one movement, whichever comes first', () => {
            const plan = new MovementPlan()
            const t1 = transfer(A, B, 5n)
            const p1 = byPartition(UNLOCKED, A, B, 5n)
            const p2 = byPartition(UNLOCKED, A, B, 3n)
            const t2 = transfer(A, B, 3n)
            for (const ev of [t1, p1, p2, t2]) plan.add(ev)
            expect([plan.transferLogOf(p1), plan.transferLogOf(p2)]).toEqual([t1.logIndex, t2.logIndex])
        })
    })

    describe('when the same parties and amount move in two transactions', () => {
        it('should pair each partition event with the Transfer of its own transaction', () => {
            const plan = new MovementPlan()
            const t1 = transfer(A, B, 5n, '0xt1')
            const t2 = transfer(A, B, 5n, '0xt2')
            const p2 = byPartition(UNLOCKED, A, B, 5n, '0xt2')
            for (const ev of [t1, t2, p2]) plan.add(ev)
            expect(plan.transferLogOf(p2)).toBe(t2.logIndex)
        })
    })

    describe('when an issuance emits the Polymath IssuedByPartition', () => {
        it('should pair it with the Transfer from the zero address', () => {
            const plan = new MovementPlan()
            const t = transfer(ZERO, A, 9n)
            const issued = log('IssuedByPartition', {partition: LOCKED, to: A, value: 9n, data: '0x'})
            for (const ev of [t, issued]) plan.add(ev)
            expect(plan.transferLogOf(issued)).toBe(t.logIndex)
        })
    })

    describe('when a ChangedPartition follows a TransferByPartition', () => {
        it('should land that movement in the new partition and name it', () => {
            const plan = new MovementPlan()
            const p = byPartition(LOCKED, A, A, 200n)
            plan.add(p)
            const changed = log('ChangedPartition', {_fromPartition: LOCKED, _toPartition: UNLOCKED, _value: 200n})
            expect(plan.add(changed)).toBe(p)
            expect(plan.toPartitionOf(p, LOCKED)).toBe(UNLOCKED)
            expect(plan.changedMoveOf(changed)).toBe(p)
        })

        it('should refuse one that follows no matching TransferByPartition, naming it', () => {
            const plan = new MovementPlan()
            plan.add(byPartition(LOCKED, A, A, 100n))
            expect(() => plan.add(log('ChangedPartition', {_fromPartition: LOCKED, _toPartition: UNLOCKED, _value: 200n})))
                .toThrow(/ChangedPartition at 7:\d+ follows no TransferByPartition of 200 from 0x6c6f636b6564/)
        })
    })

    describe('when a controller transfer drew on two partitions', () => {
        it('should mark both Transfers from the holder forced, and no other', () => {
            const plan = new MovementPlan()
            const chunks = [transfer(A, B, 900n), transfer(A, B, 50n)]
            const other = transfer(B, A, 1n)
            for (const ev of [...chunks, other]) plan.add(ev)
            plan.add(log('ControllerTransfer', {_controller: CONTROLLER, _from: A, _to: B, _value: 950n, _data: '0x', _operatorData: '0x'}))
            expect([...chunks, other].map(t => plan.isForced(t))).toEqual([true, true, false])
        })
    })

    describe('when a controller redeems', () => {
        it('should mark the holder\'s Transfers to the zero address forced', () => {
            const plan = new MovementPlan()
            const burn = transfer(A, ZERO, 120n)
            plan.add(burn)
            plan.add(log('ControllerRedemption', {_controller: CONTROLLER, _tokenHolder: A, _value: 120n, _data: '0x', _operatorData: '0x'}))
            expect(plan.isForced(burn)).toBe(true)
        })
    })
})

describe('parsePartition()', () => {
    describe('when given a name', () => {
        it('should encode it as bytes32', () => {
            expect(parsePartition('senior')).toBe(encodeBytes32String('senior'))
        })
    })

    describe('when given bytes32 hex in any case', () => {
        it('should lower-case it', () => {
            expect(parsePartition(LOCKED.toUpperCase().replace('0X', '0x'))).toBe(LOCKED)
        })
    })

    describe('when given malformed hex or a name over 31 bytes', () => {
        it('should say what is wrong', () => {
            expect(() => parsePartition('0x12')).toThrow('partition "0x12" is neither bytes32 hex (0x and 64 hex digits) nor a partition name')
            expect(() => parsePartition('x'.repeat(32))).toThrow(/longer than the 31 bytes/)
        })
    })
})

describe('partitionName()', () => {
    describe('when the bytes32 is printable text padded with zeros', () => {
        it('should give the text', () => {
            expect(partitionName(UNLOCKED)).toBe('unlocked')
        })
    })

    describe('when it is not text', () => {
        it('should give null', () => {
            expect(partitionName(`0x${'ff'.repeat(32)}`)).toBeNull()
            expect(partitionName(`0x${'00'.repeat(32)}`)).toBeNull()
            expect(partitionName(`0x61${'00'.repeat(30)}62`)).toBeNull()
        })
    })
})
