import http from 'http'
import net from 'net'
import {mulberry32} from '../../src/dev/random'

// A JSON-RPC proxy that misbehaves on purpose, seeded: the indexer must back off, retry and never commit a partial batch.

export type Fault =
    | 'status500'
    | 'status429'
    | 'truncated'
    | 'reset'
    /** the request is held unanswered (longer than the client's request timeout), then its connection dropped */
    | 'timeout'
    /** the proxy stops listening for a while: every connection, open or new, is refused */
    | 'refused'

export interface FaultProxy {
    url: string
    /** faults injected by kind ('refused': outages), and requests passed through */
    counts: Record<Fault | 'forwarded', number>
    close(): Promise<void>
}

export interface FaultTiming {
    /** how long a 'timeout' request is held before its connection is dropped */
    holdMs?: number
    /** how long a 'refused' outage lasts */
    refuseMs?: number
    /** after this many faults every request passes (a fault that costs a restart each must not go on forever) */
    maxFaults?: number
}

const FAULTS: Fault[] = ['status500', 'status429', 'truncated', 'reset']

export function startFaultProxy(upstream: string, port: number, rate: number, seed: number, faults: readonly Fault[] = FAULTS, timing: FaultTiming = {}): Promise<FaultProxy> {
    const {holdMs = 60_000, refuseMs = 2000, maxFaults = Infinity} = timing
    let injected = 0
    const rand = mulberry32(seed)
    const target = new URL(upstream)
    const counts: FaultProxy['counts'] = {status500: 0, status429: 0, truncated: 0, reset: 0, timeout: 0, refused: 0, forwarded: 0}
    const sockets = new Set<net.Socket>()
    const timers = new Set<NodeJS.Timeout>()
    const later = (ms: number, fn: () => void) => {
        const t = setTimeout(() => {
            timers.delete(t)
            fn()
        }, ms)
        timers.add(t)
        return t
    }
    const listen = () => new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => {
            server.off('error', reject)
            resolve()
        })
    })
    const dropAll = () => {
        for (const s of sockets) s.destroy()
    }
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c as Buffer))
        req.on('end', () => {
            const fault = rand() < rate && injected < maxFaults ? faults[Math.floor(rand() * faults.length)]! : undefined
            if (fault) injected++
            if (fault === 'status500' || fault === 'status429') {
                counts[fault]++
                res.writeHead(fault === 'status500' ? 500 : 429, {'content-type': 'text/plain'})
                res.end(fault === 'status500' ? 'internal error (injected)' : 'too many requests (injected)')
                return
            }
            if (fault === 'reset') {
                counts.reset++
                req.socket.destroy()
                return
            }
            if (fault === 'timeout') {
                counts.timeout++
                const held = later(holdMs, () => req.socket.destroy())
                req.socket.once('close', () => {
                    clearTimeout(held)
                    timers.delete(held)
                })
                return
            }
            if (fault === 'refused') {
                counts.refused++
                server.close()
                dropAll()
                later(refuseMs, () => listen().catch(err => console.error(`fault proxy: cannot listen on port ${port} again after an outage: ${String(err)}`)))
                return
            }
            postUpstream(target, Buffer.concat(chunks)).then(({status, body}) => {
                if (fault === 'truncated') {
                    counts.truncated++
                    res.writeHead(200, {'content-type': 'application/json'})
                    res.end(body.subarray(0, Math.floor(body.length / 2)))
                    return
                }
                counts.forwarded++
                res.writeHead(status, {'content-type': 'application/json'})
                res.end(body)
            }, () => req.socket.destroy())
        })
    })
    server.on('connection', s => {
        sockets.add(s)
        s.once('close', () => sockets.delete(s))
    })
    return listen().then(() => ({
        url: `http://127.0.0.1:${port}`,
        counts,
        close: () => new Promise<void>(resolve => {
            for (const t of timers) clearTimeout(t)
            dropAll()
            if (server.listening) server.close(() => resolve())
            else resolve()
        }),
    }))
}

/** POSTs a JSON-RPC body to the real node; its status and body. */
export function postUpstream(target: URL, body: Buffer): Promise<{status: number; body: Buffer}> {
    return new Promise((resolve, reject) => {
        const up = http.request({host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: {'content-type': 'application/json'}}, r => {
            const chunks: Buffer[] = []
            r.on('data', c => chunks.push(c as Buffer))
            r.on('end', () => resolve({status: r.statusCode ?? 502, body: Buffer.concat(chunks)}))
            r.on('error', reject)
        })
        up.on('error', reject)
        up.end(body)
    })
}
