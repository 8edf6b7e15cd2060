import {describe, expect, it} from 'vitest'
import {AuditEventKind} from '../../src/model/generated/_auditEventKind'
import {auditKindOf, EVENT_NAMES} from '../../src/mapping/catalog'
import {functions} from '../../src/abi/Token'
import {functions as dvd} from '../../src/abi/DVDTransferManager'
import {balanceChangeId, holdingId, logId, tokenId} from '../../src/ids'
import {classifyTransfer, holderCountDelta, TransferOrigin, ZERO_ADDRESS} from '../../src/mapping/rules'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'

const TOKEN = '0x00000000000000000000000000000000000000cc'
const OTHER = '0x00000000000000000000000000000000000000dd'
/** The transaction called the token itself with `sighash`. */
const direct = (sighash: string | undefined) => ({contract: TOKEN, txTo: TOKEN, sighash})
/** The transaction called another contract (a multisig, say) and no trace is known. */
const through = (sighash: string | undefined) => ({contract: TOKEN, txTo: OTHER, sighash})
const kindOf = (from: string, to: string, origin: TransferOrigin, txEvents?: ReadonlySet<string>) => classifyTransfer(from, to, origin, txEvents)

describe('classifyTransfer()', () => {
    describe('when the sender is the zero address', () => {
        it('should be a MINT whatever the function, by ADDRESS', () => {
            expect(kindOf(ZERO_ADDRESS, A, direct(functions.batchMint.selector))).toEqual({value: 'MINT', by: 'ADDRESS'})
            expect(kindOf(ZERO_ADDRESS, A, through(functions.recoveryAddress.selector))).toEqual({value: 'MINT', by: 'ADDRESS'})
        })
    })

    describe('when the recipient is the zero address', () => {
        it('should be a BURN, by ADDRESS', () => {
            expect(kindOf(A, ZERO_ADDRESS, direct(functions.batchBurn.selector))).toEqual({value: 'BURN', by: 'ADDRESS'})
        })
    })

    describe('when the transaction calls the token itself', () => {
        it('should be FORCED for forcedTransfer and batchForcedTransfer, RECOVERY for recoveryAddress, by TX_SELECTOR', () => {
            expect(kindOf(A, B, direct(functions.forcedTransfer.selector))).toEqual({value: 'FORCED', by: 'TX_SELECTOR'})
            expect(kindOf(A, B, direct(functions.batchForcedTransfer.selector))).toEqual({value: 'FORCED', by: 'TX_SELECTOR'})
            expect(kindOf(A, B, direct(functions.recoveryAddress.selector))).toEqual({value: 'RECOVERY', by: 'TX_SELECTOR'})
        })

        it('should be TRANSFER for transfer, transferFrom and unknown selectors, by TX_SELECTOR', () => {
            for (const sighash of [functions.transfer.selector, functions.transferFrom.selector, '0xdeadbeef', undefined]) {
                expect(kindOf(A, B, direct(sighash))).toEqual({value: 'TRANSFER', by: 'TX_SELECTOR'})
            }
        })
    })

    describe('when the transaction calls another contract and no trace is known', () => {
        it('should go by the events of the transaction, by TX_EVENTS', () => {
            expect(kindOf(A, B, through('0xdeadbeef'), new Set(['Transfer', 'RecoverySuccess']))).toEqual({value: 'RECOVERY', by: 'TX_EVENTS'})
            expect(kindOf(A, B, through('0xdeadbeef'), new Set(['Transfer', 'DVDTransferExecuted']))).toEqual({value: 'DVD', by: 'TX_EVENTS'})
            expect(kindOf(A, B, through('0xdeadbeef'), new Set(['Transfer']))).toEqual({value: 'TRANSFER', by: 'TX_EVENTS'})
        })

        it('should still take a selector that names the kind (the DVD manager\'s takeDVDTransfer), by TX_SELECTOR', () => {
            expect(kindOf(A, B, through(dvd.takeDVDTransfer.selector))).toEqual({value: 'DVD', by: 'TX_SELECTOR'})
        })
    })

    describe('when a trace shows the call that reached the token', () => {
        const call = (input: string, callerInput?: string) => ({input, callerInput})
        it('should go by that call\'s function, or its caller\'s for a DVD settlement, by CALL_TRACE', () => {
            expect(kindOf(A, B, {...through('0xdeadbeef'), calls: [call(functions.forcedTransfer.selector, '0xdeadbeef')]}, new Set(['RecoverySuccess'])))
                .toEqual({value: 'FORCED', by: 'CALL_TRACE'})
            expect(kindOf(A, B, {...through('0xdeadbeef'), calls: [call(functions.transferFrom.selector, dvd.takeDVDTransfer.selector)]}))
                .toEqual({value: 'DVD', by: 'CALL_TRACE'})
            expect(kindOf(A, B, {...through('0xdeadbeef'), calls: [call(functions.transfer.selector, '0xdeadbeef')]}, new Set(['RecoverySuccess'])))
                .toEqual({value: 'TRANSFER', by: 'CALL_TRACE'})
        })

        it('should fall back to the transaction when candidate calls disagree', () => {
            const calls = [call(functions.forcedTransfer.selector), call(functions.recoveryAddress.selector)]
            expect(kindOf(A, B, {...through('0xdeadbeef'), calls}, new Set(['RecoverySuccess']))).toEqual({value: 'RECOVERY', by: 'TX_EVENTS'})
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
