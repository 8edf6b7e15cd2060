import http from 'http'

// A JSON-RPC proxy that refuses some methods the way a node without them does, and counts what it is asked: tests of trace fallbacks and their cost.

interface RpcRequest {
    id: number | string | null
    method: string
}

export interface MethodProxy {
    url: string
    /** calls asked per method (refused ones included), each call of a batch counted */
    counts: Map<string, number>
    close(): Promise<void>
}

/** Forwards JSON-RPC requests (single or batched) to `upstream`, answering calls whose method `refuse` picks with -32601. */
export function startMethodProxy(upstream: string, port: number, refuse: (method: string) => boolean): Promise<MethodProxy> {
    const counts = new Map<string, number>()
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c as Buffer))
        req.on('end', () => {
            const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            const calls = (Array.isArray(body) ? body : [body]) as RpcRequest[]
            for (const c of calls) counts.set(c.method, (counts.get(c.method) ?? 0) + 1)
            const passed = calls.filter(c => !refuse(c.method))
            const answer = (forwarded: unknown[]) => {
                const byId = new Map(forwarded.map(r => [(r as RpcRequest).id, r]))
                const replies = calls.map(c => refuse(c.method)
                    ? {jsonrpc: '2.0', id: c.id, error: {code: -32601, message: `the method ${c.method} does not exist/is not available`}}
                    : byId.get(c.id))
                res.writeHead(200, {'content-type': 'application/json'})
                res.end(JSON.stringify(Array.isArray(body) ? replies : replies[0]))
            }
            if (passed.length === 0) return answer([])
            const up = http.request(upstream, {method: 'POST', headers: {'content-type': 'application/json'}}, r => {
                const parts: Buffer[] = []
                r.on('data', c => parts.push(c as Buffer))
                r.on('end', () => {
                    const reply: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'))
                    answer(Array.isArray(reply) ? reply : [reply])
                })
            })
            up.on('error', () => req.socket.destroy())
            up.end(JSON.stringify(Array.isArray(body) ? passed : passed[0]))
        })
    })
    return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve({
            url: `http://127.0.0.1:${port}`,
            counts,
            close: () => new Promise<void>(done => {
                server.closeAllConnections()
                server.close(() => done())
            }),
        }))
    })
}
