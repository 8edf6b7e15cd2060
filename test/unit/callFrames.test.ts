import {describe, expect, it} from 'vitest'
import {functions as ir} from '../../src/abi/IdentityRegistry'
import {functions as irs, events as irsEvents} from '../../src/abi/IdentityRegistryStorage'
import {events as tokenEvents, functions as token} from '../../src/abi/Token'
import {CallTracerFrame, callsOfCallTrace, callsOfParityTrace, ParityTrace, placeLogs, WatchedLog} from '../../src/mapping/callFrames'
import {classifyTransfer} from '../../src/mapping/rules'
import {functions as batchCaller} from '../../src/abi/BatchCaller'
import recorded from './fixtures/batchedAgentActions.json'

const debug = recorded.debug as CallTracerFrame
const parity = recorded.parity as ParityTrace[]
const TRANSFER = tokenEvents.Transfer.topic
const MODIFIED = irsEvents.IdentityModified.topic
const lc = (a: string) => a.toLowerCase()
const selector = (input: string) => input.slice(0, 10)

/** The receipt's logs as the indexer holds them, keyed by log index, with the functions that emit Transfer and IdentityModified. */
function watched(): WatchedLog[] {
    return recorded.receiptLogs.map(l => ({
        key: String(l.logIndex),
        address: l.address,
        topics: l.topics,
        data: l.data,
        emitters: l.topics[0] === TRANSFER ? new Set([token.forcedTransfer, token.recoveryAddress, token.transfer].map(f => f.selector))
            : l.topics[0] === MODIFIED ? new Set([irs.modifyStoredIdentity.selector]) : undefined,
    }))
}

const logIndexes = (topic: string) => recorded.receiptLogs.filter(l => l.topics[0] === topic).map(l => String(l.logIndex))

describe('callsOfCallTrace()', () => {
    describe('when given the recorded callTracer result of a BatchCaller transaction', () => {
        it('should list every log in the receipt\'s order, leaving out static calls', () => {
            const {logs} = callsOfCallTrace(debug)
            expect(logs.map(l => ({address: l.address, topics: l.topics, data: l.data})))
                .toEqual(recorded.receiptLogs.map(l => ({address: lc(l.address), topics: l.topics, data: l.data})))
        })

        it('should give each log the call into its contract (the proxy\'s, not the implementation\'s delegate call) and the caller\'s calldata', () => {
            const {logs} = callsOfCallTrace(debug)
            const transfers = logs.filter(l => l.topics[0] === TRANSFER).map(l => [selector(l.call.input), selector(l.call.callerInput ?? '')])
            // BatchCaller.execute called forcedTransfer, then recoveryAddress (whose internal forcedTransfer is no call of its own).
            expect(transfers).toEqual([[token.forcedTransfer.selector, batchCaller.execute.selector], [token.recoveryAddress.selector, batchCaller.execute.selector]])
            const modified = logs.filter(l => l.topics[0] === MODIFIED).map(l => [selector(l.call.input), selector(l.call.callerInput ?? '')])
            expect(modified).toEqual([[irs.modifyStoredIdentity.selector, ir.updateIdentity.selector]])
        })
    })

    describe('when a frame reverted', () => {
        it('should leave out its logs and calls and everything under it', () => {
            const log = (topic: string, position: string) => ({address: '0xAA', topics: [topic], data: '0x', position})
            const trace: CallTracerFrame = {
                type: 'CALL', to: '0xAA', input: '0x11111111', logs: [log('0x01', '0x0'), log('0x04', '0x2')],
                calls: [
                    {type: 'CALL', to: '0xBB', input: '0x22222222', error: 'execution reverted', logs: [log('0xff', '0x0')],
                        calls: [{type: 'CALL', to: '0xCC', input: '0x33333333', logs: [log('0xfe', '0x0')]}]},
                    {type: 'CALL', to: '0xAA', input: '0x44444444', logs: [log('0x03', '0x0')]},
                ],
            }
            const out = callsOfCallTrace(trace)
            expect(out.logs.map(l => [l.topics[0], selector(l.call.input)])).toEqual([['0x01', '0x11111111'], ['0x03', '0x44444444'], ['0x04', '0x11111111']])
            expect([...out.into.keys()].sort()).toEqual(['0xaa'])
        })
    })
})

describe('placeLogs()', () => {
    describe('when the trace shows logs (callTracer withLog)', () => {
        it('should place each watched log on exactly the call that emitted it', () => {
            const placed = placeLogs(callsOfCallTrace(debug), watched())
            expect(logIndexes(TRANSFER).map(i => placed.get(i)!.map(c => selector(c.input))))
                .toEqual([[token.forcedTransfer.selector], [token.recoveryAddress.selector]])
            const [modified] = logIndexes(MODIFIED).map(i => placed.get(i)!)
            expect(modified!.map(c => irs.modifyStoredIdentity.decode(c.input)._userAddress.toLowerCase())).toEqual([recorded.wallets.B2])
        })

        it('should match the n-th of identical logs with the n-th the trace shows', () => {
            const same = {address: '0xAA', topics: ['0x01'], data: '0x'}
            const trace: CallTracerFrame = {
                type: 'CALL', to: '0xEE', input: '0x99999999',
                calls: [{type: 'CALL', to: '0xAA', input: '0x11111111', logs: [same]}, {type: 'CALL', to: '0xAA', input: '0x22222222', logs: [same]}],
            }
            const placed = placeLogs(callsOfCallTrace(trace), [{key: 'first', ...same}, {key: 'second', ...same}])
            expect([placed.get('first'), placed.get('second')].map(c => c!.map(x => x.input))).toEqual([['0x11111111'], ['0x22222222']])
        })
    })

    describe('when the trace has no logs (Parity trace_transaction)', () => {
        it('should give the calls into the log\'s contract whose function emits such a log', () => {
            const placed = placeLogs(callsOfParityTrace(parity), watched())
            // forcedTransfer and recoveryAddress both emit a Transfer (freezePartialTokens does not): the trace cannot tell which.
            for (const i of logIndexes(TRANSFER)) {
                expect(placed.get(i)!.map(c => selector(c.input))).toEqual([token.forcedTransfer.selector, token.recoveryAddress.selector])
            }
            // One modifyStoredIdentity among the storage's three calls (add, remove, modify): the wallet is known.
            const [modified] = logIndexes(MODIFIED).map(i => placed.get(i)!)
            expect(modified!.map(c => irs.modifyStoredIdentity.decode(c.input)._userAddress.toLowerCase())).toEqual([recorded.wallets.B2])
        })

        it('should leave the Transfers to the transaction\'s events, which cannot tell a forced transfer from a recovery in one transaction', () => {
            const placed = placeLogs(callsOfParityTrace(parity), watched())
            const origin = {contract: recorded.token, txTo: recorded.batchCaller, sighash: batchCaller.execute.selector}
            const kinds = logIndexes(TRANSFER).map(i => classifyTransfer(recorded.wallets.B1, recorded.wallets.B3, {...origin, calls: placed.get(i)}, new Set(['Transfer', 'RecoverySuccess'])))
            expect(kinds).toEqual([{value: 'RECOVERY', by: 'TX_EVENTS'}, {value: 'RECOVERY', by: 'TX_EVENTS'}])
        })
    })

    describe('when classifying the recorded callTracer result', () => {
        it('should tell the forced transfer from the recovery in the same transaction', () => {
            const placed = placeLogs(callsOfCallTrace(debug), watched())
            const origin = {contract: recorded.token, txTo: recorded.batchCaller, sighash: batchCaller.execute.selector}
            const kinds = logIndexes(TRANSFER).map(i => classifyTransfer(recorded.wallets.B1, recorded.wallets.B3, {...origin, calls: placed.get(i)}, new Set(['Transfer', 'RecoverySuccess'])))
            expect(kinds).toEqual([{value: 'FORCED', by: 'CALL_TRACE'}, {value: 'RECOVERY', by: 'CALL_TRACE'}])
        })
    })
})
