import {HttpError, HttpResponse, HttpTimeoutError} from '@subsquid/http-client'
import {RpcError, RpcProtocolError} from '@subsquid/rpc-client'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {classifyNodeError, NodeBusyError, NodeRefusalError, RpcErrorInfo} from '../../src/rpc/nodeErrors'
import {batchCall, getLogs, getLogsUpTo, NodeLimits, RpcBatchClient, RpcCall} from '../../src/rpc/nodeLimits'

// The node limits against a fake node: no network, every refusal scripted.

const LIMITS: NodeLimits = {maxLogRange: 5000, maxAddresses: 500, maxBatch: 100, retryBudgetMs: 60_000}

const httpError = (status: number, body = '', headers: Record<string, string> = {}) =>
    new HttpError(new HttpResponse(1, 'http://node', status, new Headers(headers), body, false))
const rpcError = (message: string, code = -32000) => new RpcError({code, message})
const address = (i: number) => '0x' + i.toString(16).padStart(40, '0')

interface FakeLog {
    address: string
    blockNumber: number
    logIndex: number
}

interface FakeNodeOptions {
    logs?: FakeLog[]
    /** widest eth_getLogs range answered, blocks */
    maxRange?: number
    /** most logs one eth_getLogs answers */
    maxResults?: number
    /** the error for a refused range or result count */
    refusal?: () => Error
    /** most calls in one batch, and the error for more */
    maxBatch?: number
    batchRefusal?: () => Error
    /** errors thrown for the first requests, in order (undefined: answer normally) */
    script?: (Error | undefined)[]
    /** answers every eth_getLogs with all logs in the range, whatever the addresses (some nodes do) */
    ignoreAddresses?: boolean
    /** the answer to any other call: a value or a JSON-RPC error */
    answer?: (call: RpcCall) => unknown | {error: RpcErrorInfo}
}

/** Answers like Subsquid's RpcClient would with retries off: errors of single calls and refusals thrown, per-call errors through validateError. */
class FakeNode implements RpcBatchClient {
    readonly sent: RpcCall[][] = []
    readonly at: number[] = []
    private readonly script: (Error | undefined)[]

    constructor(private readonly o: FakeNodeOptions) {
        this.script = [...(o.script ?? [])]
    }

    get logRanges(): number[] {
        return this.sent.flat().filter(c => c.method === 'eth_getLogs').map(c => {
            const f = c.params![0] as {fromBlock: string; toBlock: string}
            return Number(f.toBlock) - Number(f.fromBlock) + 1
        })
    }

    async batchCall<T>(calls: RpcCall[], options?: {retryAttempts?: number; validateError?: (info: RpcErrorInfo) => T}): Promise<T[]> {
        expect(options?.retryAttempts).toBe(0)
        this.sent.push(calls)
        this.at.push(Date.now())
        const scripted = this.script.shift()
        if (scripted) throw scripted
        if (calls.length > 1 && this.o.maxBatch != null && calls.length > this.o.maxBatch) throw (this.o.batchRefusal ?? (() => httpError(413, 'batch too large')))()
        return calls.map(c => {
            const out = c.method === 'eth_getLogs' ? this.logs(c) : this.o.answer!(c)
            if (out != null && typeof out === 'object' && 'error' in out) {
                const info = (out as {error: RpcErrorInfo}).error
                if (options?.validateError) return options.validateError(info)
                throw new RpcError(info)
            }
            return out as T
        })
    }

    private logs(call: RpcCall): unknown[] {
        const f = call.params![0] as {address: string[]; fromBlock: string; toBlock: string}
        const from = Number(f.fromBlock)
        const to = Number(f.toBlock)
        const refusal = this.o.refusal ?? (() => rpcError('block range is too large'))
        if (this.o.maxRange != null && to - from + 1 > this.o.maxRange) throw refusal()
        const found = (this.o.logs ?? []).filter(l => l.blockNumber >= from && l.blockNumber <= to && (this.o.ignoreAddresses || f.address.includes(l.address)))
        if (this.o.maxResults != null && found.length > this.o.maxResults) throw refusal()
        // newest first, upper-case addresses: the caller must sort and normalise
        return found.reverse().map(l => ({
            address: l.address.toUpperCase().replace('0X', '0x'),
            topics: ['0x01'],
            data: '0x',
            blockNumber: '0x' + l.blockNumber.toString(16),
            blockHash: '0xb' + l.blockNumber,
            logIndex: '0x' + l.logIndex.toString(16),
            transactionHash: '0xt' + l.blockNumber,
            transactionIndex: '0x0',
        }))
    }
}

/** One log every `every` blocks at each of `addresses`, log indexes in address order. */
function chainOfLogs(blocks: number, every: number, addresses: string[]): FakeLog[] {
    const logs: FakeLog[] = []
    for (let b = 0; b < blocks; b += every) addresses.forEach((a, i) => logs.push({address: a, blockNumber: b, logIndex: i}))
    return logs
}

const positions = (logs: {blockNumber: number; logIndex: number}[]) => logs.map(l => `${l.blockNumber}:${l.logIndex}`)

describe('getLogs()', () => {
    const A = [address(1), address(2)]
    const logs = chainOfLogs(20_000, 7, A)

    describe('when the node caps ranges at 2,000 blocks', () => {
        it('should halve until it answers and return every log sorted by block and index, once', async () => {
            const node = new FakeNode({logs, maxRange: 2000})
            const got = await getLogs(node, {addresses: A, fromBlock: 0, toBlock: 19_999}, LIMITS)
            expect(positions(got)).toEqual(positions(logs))
            expect(node.logRanges[0]).toBe(5000)
            expect(Math.max(...node.logRanges.filter(r => r <= 2000))).toBeGreaterThan(1000)
            // the first 4 windows in flight, each refused at 5000 and 2500, then 2 tries to grow back
            expect(node.logRanges.filter(r => r > 2000).length).toBeLessThanOrEqual(10)
        })
    })

    describe('when the node caps ranges at 2,000 blocks over a long walk', () => {
        it('should try a wider range again only now and then', async () => {
            const node = new FakeNode({maxRange: 2000})
            await getLogs(node, {addresses: A, fromBlock: 0, toBlock: 199_999}, LIMITS)
            const refused = node.logRanges.filter(r => r > 2000).length
            expect(node.logRanges.length - refused).toBeGreaterThanOrEqual(160)
            expect(refused).toBeLessThanOrEqual(14)
        })
    })

    describe.each([
        ['query returned more than 10000 results', () => rpcError('query returned more than 10000 results', -32005)],
        ['block range is too large', () => rpcError('block range is too large')],
        ['exceed maximum block range: 5000', () => rpcError('exceed maximum block range: 5000')],
        ['Log response size exceeded', () => rpcError('Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range')],
        ['limit exceeded', () => rpcError('limit exceeded')],
        ['eth_getLogs is limited to a 10,000 range', () => rpcError('eth_getLogs is limited to a 10,000 range', -32614)],
        ['HTTP 413', () => httpError(413, 'Request Entity Too Large')],
        ['HTTP 400 saying "block range too wide"', () => httpError(400, '{"jsonrpc":"2.0","error":{"code":-32000,"message":"block range too wide"}}')],
        ['a timeout', () => new HttpTimeoutError(30_000)],
    ])('when the node refuses with %s', (_, refusal) => {
        it('should split the range and return every log', async () => {
            const node = new FakeNode({logs, maxRange: 1500, refusal})
            const got = await getLogs(node, {addresses: A, fromBlock: 100, toBlock: 9_999}, LIMITS)
            expect(positions(got)).toEqual(positions(logs.filter(l => l.blockNumber >= 100 && l.blockNumber < 10_000)))
        })
    })

    describe('when the node caps results at 100 logs', () => {
        it('should narrow the range where logs are dense', async () => {
            const dense = chainOfLogs(3000, 1, A)
            const node = new FakeNode({logs: dense, maxResults: 100, refusal: () => rpcError('query returned more than 100 results', -32005)})
            const got = await getLogs(node, {addresses: A, fromBlock: 0, toBlock: 2999}, LIMITS)
            expect(positions(got)).toEqual(positions(dense))
            const answered = node.logRanges.filter(r => r <= 50)
            expect(Math.min(...answered)).toBeGreaterThanOrEqual(20)
            expect(node.logRanges.length - answered.length).toBeLessThanOrEqual(20)
        })
    })

    describe('when the node answers any number of logs (no result cap, like anvil)', () => {
        it('should narrow later ranges to about 10,000 logs each and still return every log', async () => {
            const three = [...A, address(3)]
            const dense = chainOfLogs(30_000, 1, three)
            const node = new FakeNode({logs: dense})
            const got = await getLogs(node, {addresses: three, fromBlock: 0, toBlock: 29_999}, LIMITS)
            expect(positions(got)).toEqual(positions(dense))
            // four 5,000-block windows go out before an answer; each holds 15,000 logs, so the rest hold 3,333 blocks
            expect(node.logRanges.slice(0, 4)).toEqual([5000, 5000, 5000, 5000])
            expect(Math.max(...node.logRanges.slice(4))).toBe(3333)
        })
    })

    describe('.getLogsUpTo()', () => {
        const every = chainOfLogs(20_000, 1, A)

        it('should stop asking once it holds enough logs and say up to which block they are complete', async () => {
            const node = new FakeNode({logs: every})
            const {logs: got, to} = await getLogsUpTo(node, {addresses: A, fromBlock: 0, toBlock: 19_999}, {...LIMITS, maxLogRange: 1000}, {enough: 5000, rampFrom: null})
            // 2,000 logs a window, one at a time: the answers pass 5,000 logs with the third, and no window follows
            expect(to).toBe(2999)
            expect(positions(got)).toEqual(positions(every.filter(l => l.blockNumber <= to)))
            expect(node.logRanges.length).toBe((to + 1) / 1000)
        })

        it('should read every block when fewer logs match', async () => {
            const node = new FakeNode({logs: every})
            const {logs: got, to} = await getLogsUpTo(node, {addresses: A, fromBlock: 0, toBlock: 1999}, {...LIMITS, maxLogRange: 1000}, {enough: 5000, rampFrom: null})
            expect(to).toBe(1999)
            expect(got).toHaveLength(4000)
        })

        describe('when its ranges ramp and the logs are dense from the first block', () => {
            it('should ask one block first, one range at a time, and never a range that answers more than twice 10,000 logs', async () => {
                const dense: FakeLog[] = []
                for (let b = 0; b < 100; b++) for (let i = 0; i < 3000; i++) dense.push({address: A[0]!, blockNumber: b, logIndex: i})
                const node = new FakeNode({logs: dense})
                const {logs: got, to} = await getLogsUpTo(node, {addresses: A, fromBlock: 0, toBlock: 99}, LIMITS, {enough: 10_001, rampFrom: 1})
                expect(node.logRanges[0]).toBe(1)
                expect(Math.max(...node.logRanges) * 3000).toBeLessThanOrEqual(20_000)
                // no range is asked once 10,001 logs are in: the last one asked is the one that passed them
                expect((to + 1 - node.logRanges.at(-1)!) * 3000).toBeLessThan(10_001)
                expect(to).toBeLessThan(99)
                expect(got).toHaveLength((to + 1) * 3000)
            })
        })

        describe('when its ranges ramp from a density already measured', () => {
            it('should ask that many blocks first and double from there', async () => {
                const node = new FakeNode({logs})
                const {logs: got, to} = await getLogsUpTo(node, {addresses: A, fromBlock: 0, toBlock: 19_999}, LIMITS, {enough: 10_001, rampFrom: 100})
                expect(node.logRanges.slice(0, 3)).toEqual([100, 200, 400])
                expect(to).toBe(19_999)
                expect(positions(got)).toEqual(positions(logs))
            })
        })

        describe('when its ranges ramp over sparse logs', () => {
            it('should double them towards RPC_MAX_LOG_RANGE and return every log', async () => {
                const node = new FakeNode({logs})
                const {logs: got, to} = await getLogsUpTo(node, {addresses: A, fromBlock: 0, toBlock: 19_999}, LIMITS, {enough: 10_001, rampFrom: 1})
                expect(to).toBe(19_999)
                expect(positions(got)).toEqual(positions(logs))
                expect(node.logRanges[0]).toBe(1)
                expect(Math.max(...node.logRanges)).toBeGreaterThan(2500)
                expect(node.logRanges.length).toBeLessThanOrEqual(30)
            })
        })

        it('should ask a later address chunk for no block past where an earlier one stopped', async () => {
            const node = new FakeNode({logs: every})
            const {logs: got, to} = await getLogsUpTo(node, {addresses: A, fromBlock: 0, toBlock: 19_999}, {...LIMITS, maxLogRange: 1000, maxAddresses: 1}, {enough: 2500, rampFrom: null})
            expect(to).toBeLessThan(19_999)
            expect(positions(got)).toEqual(positions(every.filter(l => l.blockNumber <= to)))
            const second = node.sent.flat().map(c => c.params![0] as {address: string[]; toBlock: string}).filter(f => f.address[0] === A[1])
            expect(Math.max(...second.map(f => Number(f.toBlock)))).toBe(to)
        })
    })

    describe('when the node refuses even one block', () => {
        it("should fail with a NodeRefusalError naming the node's message", async () => {
            const node = new FakeNode({logs, maxResults: 0, refusal: () => rpcError('query returned more than 0 results', -32005)})
            const err = await getLogs(node, {addresses: A, fromBlock: 0, toBlock: 99}, LIMITS).catch((e: unknown) => e)
            expect(err).toBeInstanceOf(NodeRefusalError)
            expect(String(err)).toMatch(/eth_getLogs of 2 address\(es\) over blocks 0-0: the node refuses even a single block \(query returned more than 0 results \(code -32005\)\)/)
        })
    })

    describe('when the node refused a range once', () => {
        it('should grow the range back to RPC_MAX_LOG_RANGE after answers', async () => {
            const node = new FakeNode({logs, script: [rpcError('block range is too large')]})
            await getLogs(node, {addresses: A, fromBlock: 0, toBlock: 99_999}, {...LIMITS, maxLogRange: 1000})
            const ranges = node.logRanges
            expect(ranges[0]).toBe(1000)
            expect(ranges).toContain(500)
            expect(ranges.lastIndexOf(1000)).toBeGreaterThan(ranges.indexOf(500))
            expect(Math.max(...ranges)).toBe(1000)
        })
    })

    describe('with more addresses than RPC_MAX_ADDRESSES', () => {
        it('should ask in chunks and return the logs of all', async () => {
            const many = Array.from({length: 1200}, (_, i) => address(i + 1))
            const some = chainOfLogs(3000, 1000, many)
            const node = new FakeNode({logs: some})
            const got = await getLogs(node, {addresses: many, fromBlock: 0, toBlock: 2999}, LIMITS)
            expect(got).toHaveLength(some.length)
            const sizes = node.sent.flat().map(c => (c.params![0] as {address: string[]}).address.length)
            expect(sizes).toEqual([500, 500, 200])
        })
    })

    describe('when the node ignores the address filter', () => {
        it('should still return each log once', async () => {
            const node = new FakeNode({logs, ignoreAddresses: true})
            const got = await getLogs(node, {addresses: A, fromBlock: 0, toBlock: 999}, {...LIMITS, maxAddresses: 1})
            expect(positions(got)).toEqual(positions(logs.filter(l => l.blockNumber < 1000)))
        })
    })

    describe('with no addresses', () => {
        it('should ask nothing (never a whole chain of logs)', async () => {
            const node = new FakeNode({logs})
            expect(await getLogs(node, {addresses: [], fromBlock: 0, toBlock: 999}, LIMITS)).toEqual([])
            expect(node.sent).toEqual([])
        })
    })

    it('should give quantities as numbers and addresses in lower case', async () => {
        const node = new FakeNode({logs: [{address: address(0xab), blockNumber: 300, logIndex: 2}]})
        const [log] = await getLogs(node, {addresses: [address(0xab).toUpperCase().replace('0X', '0x')], fromBlock: 0, toBlock: 999}, LIMITS)
        expect(log).toEqual({address: address(0xab), topics: ['0x01'], data: '0x', blockNumber: 300, blockHash: '0xb300', logIndex: 2, transactionHash: '0xt300', transactionIndex: 0})
    })
})

describe('batchCall()', () => {
    const calls = Array.from({length: 250}, (_, i) => ({method: 'eth_call', params: [i]}))
    const echo = (c: RpcCall) => c.params![0]

    describe('when the node takes at most 30 calls a batch (HTTP 413)', () => {
        it('should halve the batches and keep the calls in order', async () => {
            const node = new FakeNode({maxBatch: 30, answer: echo})
            expect(await batchCall(node, calls, LIMITS)).toEqual(calls.map(echo))
            expect(node.sent[0]).toHaveLength(100)
            expect(node.sent.filter(b => b.length > 30).length).toBeLessThanOrEqual(8)
        })
    })

    describe('when the node answers a big batch with one error object (geth\'s "batch too large")', () => {
        it('should halve the batches', async () => {
            const node = new FakeNode({maxBatch: 60, batchRefusal: () => new RpcProtocolError(1008, 'Invalid length of a batch response'), answer: echo})
            expect(await batchCall(node, calls, LIMITS)).toEqual(calls.map(echo))
        })
    })

    describe('when calls revert', () => {
        it('should hand their errors to validateError, even a revert reason saying "limit exceeded"', async () => {
            const node = new FakeNode({answer: c => Number(echo(c)) % 2 ? {error: {code: 3, message: 'execution reverted: limit exceeded'}} : echo(c)})
            const got = await batchCall<unknown>(node, calls.slice(0, 10), LIMITS, {validateError: () => null})
            expect(got).toEqual([0, null, 2, null, 4, null, 6, null, 8, null])
            expect(node.sent).toHaveLength(1)
        })
    })

    describe('when the node refuses a single call as too large', () => {
        it('should fail with a NodeRefusalError', async () => {
            const node = new FakeNode({answer: () => ({error: {code: -32000, message: 'response size too large'}})})
            await expect(batchCall(node, calls.slice(0, 4), LIMITS, {validateError: () => null})).rejects.toThrow(NodeRefusalError)
        })
    })
})

describe('rate limits', () => {
    beforeEach(() => {
        vi.useFakeTimers()
    })
    afterEach(() => {
        vi.useRealTimers()
    })

    /** Runs `p` to its end under fake timers. */
    async function settle<T>(p: Promise<T>): Promise<T> {
        const result = p.then(value => ({value}), (error: unknown) => ({error}))
        await vi.runAllTimersAsync()
        const r = await result
        if ('error' in r) throw r.error
        return r.value
    }

    describe('when the node answers 429 with Retry-After', () => {
        it('should wait as long as it says, then retry', async () => {
            const tooMany = () => httpError(429, 'Too Many Requests', {'retry-after': '2'})
            const node = new FakeNode({answer: () => 'ok', script: [tooMany(), tooMany()]})
            expect(await settle(batchCall(node, [{method: 'eth_call'}, {method: 'eth_call'}], LIMITS))).toEqual(['ok', 'ok'])
            expect(node.at[1]! - node.at[0]!).toBe(2000)
            expect(node.at[2]! - node.at[1]!).toBe(2000)
        })
    })

    describe('when the node answers 429 without Retry-After', () => {
        it('should wait exponentially longer, with jitter', async () => {
            const node = new FakeNode({answer: () => 'ok', script: [httpError(429), httpError(429), httpError(429), httpError(429)]})
            await settle(batchCall(node, [{method: 'eth_blockNumber'}], LIMITS))
            const waits = node.at.slice(1).map((t, i) => t - node.at[i]!)
            expect(waits).toHaveLength(4)
            waits.forEach((w, i) => {
                expect(w).toBeGreaterThanOrEqual(250 * 2 ** i)
                expect(w).toBeLessThanOrEqual(500 * 2 ** i)
            })
        })
    })

    describe.each([
        ['a JSON-RPC -32005', {code: -32005, message: 'daily request count exceeded, request rate limited'}],
        ['a JSON-RPC 429', {code: 429, message: 'Your app has exceeded its compute units per second capacity'}],
    ])('when a call inside a batch gets %s', (_, error) => {
        it('should retry the batch rather than hand the error to validateError', async () => {
            let limited = 2
            const node = new FakeNode({answer: c => (c.params![0] === 1 && limited-- > 0 ? {error} : c.params![0])})
            const got = await settle(batchCall<unknown>(node, [0, 1, 2].map(i => ({method: 'eth_call', params: [i]})), LIMITS, {validateError: () => null}))
            expect(got).toEqual([0, 1, 2])
            expect(node.sent).toHaveLength(3)
        })
    })

    describe('when the node is unavailable for a while (HTTP 503, reset connection)', () => {
        it('should wait and retry', async () => {
            const node = new FakeNode({logs: [{address: address(1), blockNumber: 5, logIndex: 0}], script: [httpError(503), httpError(502)]})
            expect(await settle(getLogs(node, {addresses: [address(1)], fromBlock: 0, toBlock: 10}, LIMITS))).toHaveLength(1)
        })
    })

    describe('when a one-block request times out', () => {
        it('should wait and retry it rather than give up', async () => {
            const node = new FakeNode({logs: [{address: address(1), blockNumber: 5, logIndex: 0}], script: [new HttpTimeoutError(30_000)]})
            expect(await settle(getLogs(node, {addresses: [address(1)], fromBlock: 5, toBlock: 5}, LIMITS))).toHaveLength(1)
        })
    })

    describe('when the node rate-limits for longer than RPC_RETRY_BUDGET_MS', () => {
        it('should fail with a NodeBusyError naming the node\'s answer and the setting', async () => {
            const node = new FakeNode({answer: () => 'ok', script: Array.from({length: 100}, () => httpError(429, 'slow down'))})
            const err = await settle(batchCall(node, [{method: 'eth_call'}], {...LIMITS, retryBudgetMs: 10_000})).catch((e: unknown) => e)
            expect(err).toBeInstanceOf(NodeBusyError)
            expect(String(err)).toMatch(/eth_call batch of 1 call\(s\): the node still refuses after \d+ retries over [\d.]+ s \(HTTP 429: slow down\); RPC_RETRY_BUDGET_MS=10000/)
        })

        it('should not wait at all when Retry-After alone passes the budget', async () => {
            const node = new FakeNode({answer: () => 'ok', script: [httpError(429, '', {'retry-after': '3600'})]})
            const err = await settle(batchCall(node, [{method: 'eth_call'}], LIMITS)).catch((e: unknown) => e)
            expect(String(err)).toMatch(/after 0 retries over 0.0 s \(HTTP 429\), asking to wait 3600.0 s more/)
            expect(node.sent).toHaveLength(1)
        })
    })
})

describe('classifyNodeError()', () => {
    it.each([
        [rpcError('rate limit exceeded'), 'rateLimited'],
        [rpcError('project ID request rate exceeded', -32005), 'rateLimited'],
        [rpcError('limit exceeded'), 'tooLarge'],
        [rpcError('query returned more than 10000 results', -32005), 'tooLarge'],
        [rpcError('execution reverted: max balance limit exceeded', 3), 'fatal'],
        [rpcError('header not found'), 'fatal'],
        [httpError(429), 'rateLimited'],
        [httpError(413), 'tooLarge'],
        [httpError(500), 'unavailable'],
        [httpError(404), 'fatal'],
        [new HttpTimeoutError(1000), 'timeout'],
        [new RpcProtocolError(1008, 'server returned invalid JSON: Unexpected end of JSON input'), 'fatal'],
    ])('%s → %s', (err, kind) => {
        expect(classifyNodeError(err).kind).toBe(kind)
    })
})
