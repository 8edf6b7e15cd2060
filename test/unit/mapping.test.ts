import {describe, expect, it} from 'vitest'
import {AuditEventKind} from '../../src/model/generated/_auditEventKind'
import {auditKindOf, EVENT_NAMES} from '../../src/mapping/catalog'
import {functions} from '../../src/abi/Token'
import {balanceChangeId, holdingId, logId, tokenId} from '../../src/ids'
import {classifyTransfer, holderCountDelta, ZERO_ADDRESS} from '../../src/mapping/rules'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'

describe('classifyTransfer()', () => {
    describe('when the sender is the zero address', () => {
        it('should be a MINT whatever the function', () => {
            expect(classifyTransfer(ZERO_ADDRESS, A, functions.batchMint.selector)).toBe('MINT')
            expect(classifyTransfer(ZERO_ADDRESS, A, functions.recoveryAddress.selector)).toBe('MINT')
        })
    })

    describe('when the recipient is the zero address', () => {
        it('should be a BURN', () => {
            expect(classifyTransfer(A, ZERO_ADDRESS, functions.batchBurn.selector)).toBe('BURN')
        })
    })

    describe('when an agent forces the move', () => {
        it('should be FORCED for forcedTransfer and batchForcedTransfer', () => {
            expect(classifyTransfer(A, B, functions.forcedTransfer.selector)).toBe('FORCED')
            expect(classifyTransfer(A, B, functions.batchForcedTransfer.selector)).toBe('FORCED')
        })
    })

    describe('when a lost wallet is recovered', () => {
        it('should be RECOVERY', () => {
            expect(classifyTransfer(A, B, functions.recoveryAddress.selector)).toBe('RECOVERY')
        })
    })

    describe('when the holder transfers', () => {
        it('should be TRANSFER for transfer, transferFrom and unknown selectors', () => {
            expect(classifyTransfer(A, B, functions.transfer.selector)).toBe('TRANSFER')
            expect(classifyTransfer(A, B, functions.transferFrom.selector)).toBe('TRANSFER')
            expect(classifyTransfer(A, B, '0xdeadbeef')).toBe('TRANSFER')
            expect(classifyTransfer(A, B, undefined)).toBe('TRANSFER')
        })
    })
})

describe('holderCountDelta()', () => {
    it('should count a wallet entering and leaving the holders', () => {
        expect(holderCountDelta(0n, 5n)).toBe(1)
        expect(holderCountDelta(5n, 0n)).toBe(-1)
        expect(holderCountDelta(5n, 3n)).toBe(0)
        expect(holderCountDelta(0n, 0n)).toBe(0)
    })
})

describe('ids', () => {
    it('should start with the chain id', () => {
        expect(tokenId(1, A)).toBe(`1-${A}`)
        expect(holdingId(137, A, B)).toBe(`137-${A}-${B}`)
    })

    it('should sort log ids by block, then log index', () => {
        const ids = [logId(1, 10, 2), logId(1, 9, 100), logId(1, 10, 11), logId(1, 100, 0)]
        expect([...ids].sort()).toEqual([logId(1, 9, 100), logId(1, 10, 2), logId(1, 10, 11), logId(1, 100, 0)])
        expect(balanceChangeId(1, 9, 3, 'from')).toBe('1-0000000009-000003-from')
    })
})

describe('the audit kinds', () => {
    it('should name every event of every indexed contract', () => {
        const kinds = new Set<string>(Object.values(AuditEventKind))
        expect(EVENT_NAMES.length).toBeGreaterThan(80)
        expect(EVENT_NAMES.filter(n => n !== 'Transfer' && !kinds.has(auditKindOf(n)))).toEqual([])
    })
})
