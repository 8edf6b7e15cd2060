import http from 'http'
import net from 'net'
import {postUpstream} from './faultProxy'
import {mulberry32} from '../../src/dev/random'

// A JSON-RPC proxy in front of anvil that answers like a hosted node (a public RPC provider): capped
// eth_getLogs ranges and results, capped batches, rate limits, no trace API. Seeded, for tests.

export interface HostedNodeOptions {
    /** widest eth_getLogs range answered, blocks (default 2,000); wider: "block range is too large" */
    maxLogRange?: number
    /** most logs one eth_getLogs answers (default 10,000); more: "query returned more than 10000 results" */
    maxResults?: number
    /** most calls in one JSON-RPC batch (default 100); more: HTTP 413 "batch too large" */
    maxBatch?: number
    /** share of HTTP requests rate-limited (default 0): half answered HTTP 429 with Retry-After, half JSON-RPC -32005 */
    rateLimitShare?: number
    /** the Retry-After of a 429, seconds (default 1) */
    retryAfterSeconds?: number
    /** seeds which requests are rate-limited */
    seed?: number
}

export interface HostedNodeCounts {
    /** HTTP requests received */
    requests: number
    /** JSON-RPC calls in them */
    calls: number
    /** response bytes sent */
    bytesSent: number
    /** logs in the eth_getLogs answers sent */
    logsSent: number
    /** eth_getLogs refused over maxLogRange blocks */
    rangeRefused: number
    /** eth_getLogs refused over maxResults logs */
    resultsRefused: number
    /** batches refused over maxBatch calls */
    batchRefused: number
    /** requests answered HTTP 429 */
    rateLimitedHttp: number
    /** requests answered JSON-RPC -32005 "rate limit" */
    rateLimitedRpc: number
    /** debug_* and trace_* calls refused */
    methodNotFound: number
}

export interface HostedNode {
    url: string
    counts: HostedNodeCounts
    close(): Promise<void>
}

interface Call {
    id: unknown
    method: string
    params?: unknown[]
}

interface Answer {
    jsonrpc: '2.0'
    id: unknown
    result?: unknown
    error?: {code: number; message: string}
}

interface Reply {
    status: number
    headers: Record<string, string>
    body: Buffer
}

export async function startHostedNode(upstream: string, port: number, opts: HostedNodeOptions = {}): Promise<HostedNode> {
    const {maxLogRange = 2000, maxResults = 10_000, maxBatch = 100, rateLimitShare = 0, retryAfterSeconds = 1, seed = 1} = opts
    const rand = mulberry32(seed)
    const target = new URL(upstream)
    const counts: HostedNodeCounts = {requests: 0, calls: 0, bytesSent: 0, logsSent: 0, rangeRefused: 0, resultsRefused: 0, batchRefused: 0, rateLimitedHttp: 0, rateLimitedRpc: 0, methodNotFound: 0}
    const refuse = (c: Call, code: number, message: string): Answer => ({jsonrpc: '2.0', id: c.id, error: {code, message}})
    const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({status, headers: {'content-type': 'text/plain', ...headers}, body: Buffer.from(body)})
    const json = (batch: boolean, answers: Answer[]): Reply => ({status: 200, headers: {'content-type': 'application/json'}, body: Buffer.from(JSON.stringify(batch ? answers : answers[0]))})

    const forward = async (calls: Call[]): Promise<Answer[]> => {
        const {body} = await postUpstream(target, Buffer.from(JSON.stringify(calls.map(c => ({jsonrpc: '2.0', ...c})))))
        return JSON.parse(body.toString()) as Answer[]
    }
    const blockOf = async (tag: unknown): Promise<number> => {
        if (typeof tag === 'string' && tag.startsWith('0x')) return Number(tag)
        if (tag === 'earliest') return 0
        const [head] = await forward([{id: 0, method: 'eth_blockNumber', params: []}])
        return Number(head?.result)
    }
    /** Blocks an eth_getLogs filter spans (a blockHash filter: one). */
    const logRange = async (c: Call): Promise<number> => {
        const f = (c.params?.[0] ?? {}) as {fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown}
        if (f.blockHash != null) return 1
        return await blockOf(f.toBlock ?? 'latest') - await blockOf(f.fromBlock ?? 'latest') + 1
    }

    const answer = async (raw: Buffer): Promise<Reply> => {
        counts.requests++
        const parsed: unknown = JSON.parse(raw.toString())
        const batch = Array.isArray(parsed)
        const calls = (batch ? parsed : [parsed]) as Call[]
        counts.calls += calls.length
        if (batch && calls.length > maxBatch) {
            counts.batchRefused++
            return text(413, 'batch too large')
        }
        if (rand() < rateLimitShare) {
            if (rand() < 0.5) {
                counts.rateLimitedHttp++
                return text(429, 'Too Many Requests', {'retry-after': String(retryAfterSeconds)})
            }
            counts.rateLimitedRpc++
            return json(batch, calls.map(c => refuse(c, -32005, 'request rate limit exceeded')))
        }
        const refused = new Map<Call, Answer>()
        for (const c of calls) {
            if (/^(debug|trace)_/.test(c.method)) {
                counts.methodNotFound++
                refused.set(c, refuse(c, -32601, 'method not found'))
            } else if (c.method === 'eth_getLogs' && await logRange(c) > maxLogRange) {
                counts.rangeRefused++
                refused.set(c, refuse(c, -32000, 'block range is too large'))
            }
        }
        const passed = calls.filter(c => !refused.has(c))
        const upstreamAnswers = new Map((passed.length > 0 ? await forward(passed) : []).map(a => [JSON.stringify(a.id), a]))
        return json(batch, calls.map(c => {
            const a = refused.get(c) ?? upstreamAnswers.get(JSON.stringify(c.id)) ?? refuse(c, -32603, 'no answer from upstream')
            if (c.method === 'eth_getLogs' && Array.isArray(a.result) && a.result.length > maxResults) {
                counts.resultsRefused++
                return refuse(c, -32005, `query returned more than ${maxResults} results`)
            }
            if (c.method === 'eth_getLogs' && Array.isArray(a.result)) counts.logsSent += a.result.length
            return a
        }))
    }

    const sockets = new Set<net.Socket>()
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c as Buffer))
        req.on('end', () => {
            answer(Buffer.concat(chunks)).then(reply => {
                counts.bytesSent += reply.body.length
                res.writeHead(reply.status, reply.headers)
                res.end(reply.body)
            }, () => req.socket.destroy())
        })
    })
    server.on('connection', s => {
        sockets.add(s)
        s.once('close', () => sockets.delete(s))
    })
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve())
    })
    return {
        url: `http://127.0.0.1:${port}`,
        counts,
        close: () => new Promise<void>(resolve => {
            for (const s of sockets) s.destroy()
            server.close(() => resolve())
        }),
    }
}
