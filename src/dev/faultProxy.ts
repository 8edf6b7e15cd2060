import http from 'http'
import {mulberry32} from './random'

// A JSON-RPC proxy that misbehaves on purpose, seeded: the indexer must back off, retry and never commit a partial batch.

export type Fault = 'status500' | 'status429' | 'truncated' | 'reset'

export interface FaultProxy {
    url: string
    counts: Record<Fault | 'forwarded', number>
    close(): Promise<void>
}

const FAULTS: Fault[] = ['status500', 'status429', 'truncated', 'reset']

export function startFaultProxy(upstream: string, port: number, rate: number, seed: number, faults: readonly Fault[] = FAULTS): Promise<FaultProxy> {
    const rand = mulberry32(seed)
    const target = new URL(upstream)
    const counts: FaultProxy['counts'] = {status500: 0, status429: 0, truncated: 0, reset: 0, forwarded: 0}
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c as Buffer))
        req.on('end', () => {
            const fault = rand() < rate ? faults[Math.floor(rand() * faults.length)]! : undefined
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
            const up = http.request({host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: {'content-type': 'application/json'}}, r => {
                const body: Buffer[] = []
                r.on('data', c => body.push(c as Buffer))
                r.on('end', () => {
                    const all = Buffer.concat(body)
                    if (fault === 'truncated') {
                        counts.truncated++
                        res.writeHead(200, {'content-type': 'application/json'})
                        res.end(all.subarray(0, Math.floor(all.length / 2)))
                        return
                    }
                    counts.forwarded++
                    res.writeHead(r.statusCode ?? 502, {'content-type': 'application/json'})
                    res.end(all)
                })
            })
            up.on('error', () => req.socket.destroy())
            up.end(Buffer.concat(chunks))
        })
    })
    return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve({
            url: `http://127.0.0.1:${port}`,
            counts,
            close: () => new Promise(r => server.close(() => r())),
        }))
    })
}
