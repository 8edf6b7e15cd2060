import {describe, expect, it} from 'vitest'
import {functions as ir} from '../../src/abi/IdentityRegistry'
import {events as irsEvents} from '../../src/abi/IdentityRegistryStorage'
import {events as tokenEvents, functions as token} from '../../src/abi/Token'
import {ContractKind} from '../../src/model/generated/_contractKind'
import {CallTracerFrame} from '../../src/mapping/callFrames'
import {ChainEvent} from '../../src/mapping/events'
import {CallTraces, KnownContracts, TraceMode} from '../../src/mapping/traces'
import {RpcBatchClient} from '../../src/mapping/tokenInfo'
import {ZERO_ADDRESS} from '../../src/mapping/rules'

const TOKEN = '0x00000000000000000000000000000000000000aa'
const MANAGER = '0x00000000000000000000000000000000000000bb'
const REGISTRY = '0x00000000000000000000000000000000000000cc'
const STORAGE = '0x00000000000000000000000000000000000000dd'
const ALICE = '0x0000000000000000000000000000000000000a11'
const BOB = '0x0000000000000000000000000000000000000b0b'
const MANAGER_CALL = '0xdeadbeef'
const word = (a: string) => '0x' + a.slice(2).padStart(64, '0')

/** A Transfer of TOKEN in transaction `txHash`, sent to `txTo`. */
function transfer(txHash: string, txTo: string, from = ALICE, to = BOB, logIndex = 0): ChainEvent {
    return {
        block: {height: 7, hash: '0xb7', timestamp: 0}, logIndex, txHash, actor: ALICE, txTo, sighash: MANAGER_CALL, input: MANAGER_CALL,
        contract: TOKEN, kind: ContractKind.TOKEN, name: 'Transfer', params: {from, to, value: 5n},
        raw: {topics: [tokenEvents.Transfer.topic, word(from), word(to)], data: word('0x05')},
    }
}

/** AgentManager → token.forcedTransfer, emitting the Transfer of `ev`. */
function forcedTrace(ev: ChainEvent): CallTracerFrame {
    return {
        type: 'CALL', to: MANAGER, input: MANAGER_CALL,
        calls: [{type: 'CALL', to: TOKEN, input: token.forcedTransfer.encode({_from: ALICE, _to: BOB, _amount: 5n}), logs: [{address: TOKEN, ...ev.raw, position: '0x0'}]}],
    }
}

type Answer = (method: string, params: unknown[]) => unknown

/** A client answering each call with `answer` (a thrown value fails the whole batch, like an HTTP error); it records every call. */
function fakeClient(answer: Answer): RpcBatchClient & {calls: {method: string; params: unknown[]}[]} {
    const calls: {method: string; params: unknown[]}[] = []
    return {
        calls,
        async batchCall<T>(batch: {method: string; params?: unknown[]}[], options?: {validateError?: (info: {code: number; message: string}) => T}): Promise<T[]> {
            return batch.map(c => {
                calls.push({method: c.method, params: c.params ?? []})
                const a = answer(c.method, c.params ?? [])
                if (a instanceof RpcAnswerError) {
                    if (!options?.validateError) throw a
                    return options.validateError(a.info)
                }
                return a as T
            })
        },
    }
}

class RpcAnswerError extends Error {
    constructor(readonly info: {code: number; message: string}) {
        super(info.message)
    }
}

const NOT_AVAILABLE = (method: string) => new RpcAnswerError({code: -32601, message: `the method ${method} does not exist/is not available`})
const registry = (contracts: {address: string; kind: ContractKind; identityStorage?: string}[] = []): KnownContracts =>
    ({get: (a: string) => contracts.find(c => c.address === a)})

function traces(mode: TraceMode = 'auto') {
    const lines: string[] = []
    return {t: new CallTraces(mode), lines, log: {warn: (m: string) => lines.push(m)}}
}

describe('CallTraces', () => {
    describe('when every event was emitted by the contract its transaction called', () => {
        it('should ask for no trace', async () => {
            const client = fakeClient(() => {
                throw new Error('no request expected')
            })
            const {t, log} = traces()
            const events = [transfer('0x01', TOKEN), transfer('0x02', MANAGER, ZERO_ADDRESS, BOB)]
            expect(await t.attach(client, events, registry(), log)).toEqual(events)
            expect(client.calls).toEqual([])
        })
    })

    describe('when a registry\'s updateIdentity made its storage modify an identity', () => {
        it('should take the wallet from the transaction (no trace)', async () => {
            const client = fakeClient(() => {
                throw new Error('no request expected')
            })
            const input = ir.updateIdentity.encode({_userAddress: ALICE, _identity: BOB})
            const ev: ChainEvent = {
                ...transfer('0x03', REGISTRY), sighash: ir.updateIdentity.selector, input,
                contract: STORAGE, kind: ContractKind.IDENTITY_REGISTRY_STORAGE, name: 'IdentityModified', params: {oldIdentity: ALICE, newIdentity: BOB},
                raw: {topics: [irsEvents.IdentityModified.topic, word(ALICE), word(BOB)], data: '0x'},
            }
            const {t, log} = traces()
            await t.attach(client, [ev], registry([{address: REGISTRY, kind: ContractKind.IDENTITY_REGISTRY, identityStorage: STORAGE}]), log)
            expect(client.calls).toEqual([])
        })
    })

    describe('when a Transfer was made through another contract', () => {
        it('should read the transaction\'s callTracer trace once and attach the call that reached the token', async () => {
            const ev = transfer('0x04', MANAGER)
            const client = fakeClient(() => forcedTrace(ev))
            const {t, lines, log} = traces()
            const [out] = await t.attach(client, [ev], registry(), log)
            expect(client.calls).toEqual([{method: 'debug_traceTransaction', params: ['0x04', {tracer: 'callTracer', tracerConfig: {withLog: true}}]}])
            expect(out!.calls!.map(c => c.input.slice(0, 10))).toEqual([token.forcedTransfer.selector])
            expect(lines).toEqual([])
        })
    })

    describe('when the node refuses debug_traceTransaction', () => {
        it('should say so in one line, use trace_transaction, and not ask for debug_ again', async () => {
            const ev = transfer('0x05', MANAGER)
            const parity = [
                {type: 'call', action: {to: MANAGER, input: MANAGER_CALL, callType: 'call'}, traceAddress: []},
                {type: 'call', action: {to: TOKEN, input: token.forcedTransfer.encode({_from: ALICE, _to: BOB, _amount: 5n}), callType: 'call'}, traceAddress: [0]},
            ]
            const client = fakeClient(method => method === 'trace_transaction' ? parity : NOT_AVAILABLE(method))
            const {t, lines, log} = traces()
            const [first] = await t.attach(client, [ev], registry(), log)
            await t.attach(client, [{...ev, txHash: '0x06'}], registry(), log)
            expect(client.calls.map(c => c.method)).toEqual(['debug_traceTransaction', 'trace_transaction', 'trace_transaction'])
            expect(first!.calls!.map(c => c.input.slice(0, 10))).toEqual([token.forcedTransfer.selector])
            expect(lines).toEqual([expect.stringMatching(/refuses debug_traceTransaction .*reading call traces with trace_transaction/)])
        })
    })

    describe('when the node has no trace method', () => {
        it('should leave the events as they are, say so, and ask no more', async () => {
            const client = fakeClient(method => NOT_AVAILABLE(method))
            const {t, lines, log} = traces()
            const events = [transfer('0x07', MANAGER)]
            expect(await t.attach(client, events, registry(), log)).toEqual(events)
            expect(await t.attach(client, [transfer('0x08', MANAGER)], registry(), log)).toEqual([transfer('0x08', MANAGER)])
            expect(client.calls.map(c => c.method)).toEqual(['debug_traceTransaction', 'trace_transaction'])
            expect(lines.at(-1)).toMatch(/refuses trace_transaction .*no call traces.*TX_SELECTOR \/ TX_EVENTS/)
        })

        it('should count an HTTP refusal of the request as the method\'s', async () => {
            const client = fakeClient(() => {
                throw Object.assign(new Error('forbidden'), {response: {status: 403}})
            })
            const {t, lines, log} = traces('debug')
            await t.attach(client, [transfer('0x09', MANAGER)], registry(), log)
            await t.attach(client, [transfer('0x0a', MANAGER)], registry(), log)
            expect(client.calls.length).toBe(1)
            expect(lines).toEqual([expect.stringMatching(/refuses debug_traceTransaction \(HTTP 403\)/)])
        })

        it('should fail the batch on an error the client did not retry away (a 500 is no refusal)', async () => {
            const client = fakeClient(() => {
                throw Object.assign(new Error('internal error'), {response: {status: 500}})
            })
            const {t, log} = traces()
            await expect(t.attach(client, [transfer('0x0b', MANAGER)], registry(), log)).rejects.toThrow('internal error')
        })
    })

    describe('when one transaction cannot be traced', () => {
        it('should leave only its events without calls, say so, and keep the method', async () => {
            const traced = transfer('0x0c', MANAGER)
            const client = fakeClient((_, params) => params[0] === '0x0d'
                ? new RpcAnswerError({code: -32000, message: 'transaction not found'}) : forcedTrace(traced))
            const {t, lines, log} = traces()
            const [a, b] = await t.attach(client, [traced, transfer('0x0d', MANAGER, ALICE, BOB, 1)], registry(), log)
            expect(a!.calls).toHaveLength(1)
            expect(b!.calls).toBeUndefined()
            expect(lines).toEqual([expect.stringMatching(/no trace for 1 transaction.*0x0d: transaction not found/)])
            await t.attach(client, [transfer('0x0e', MANAGER)], registry(), log)
            expect(client.calls.map(c => c.method)).toEqual(['debug_traceTransaction', 'debug_traceTransaction', 'debug_traceTransaction'])
        })
    })

    describe('with RPC_TRACES=off', () => {
        it('should ask for nothing', async () => {
            const client = fakeClient(() => {
                throw new Error('no request expected')
            })
            const {t, log} = traces('off')
            await t.attach(client, [transfer('0x0f', MANAGER)], registry(), log)
            expect(client.calls).toEqual([])
        })
    })
})
