import http from 'http'
import net from 'net'

export type ExportHandler = (url: URL, res: http.ServerResponse) => Promise<void>

/**
 * The public port: `/export/…` answered here (CSV for auditors), everything else — GraphQL,
 * GraphiQL, subscriptions over WebSocket — passed through to the Subsquid server on `innerPort`.
 */
export function createFront(innerPort: number, exports: ExportHandler): http.Server {
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost')
        if (url.pathname.startsWith('/export/')) {
            exports(url, res).catch(err => {
                if (!res.headersSent) res.writeHead(500, {'content-type': 'text/plain'})
                res.end(`export failed: ${err instanceof Error ? err.message : String(err)}\n`)
            })
            return
        }
        const upstream = http.request({host: '127.0.0.1', port: innerPort, path: req.url, method: req.method, headers: req.headers}, up => {
            res.writeHead(up.statusCode ?? 502, up.headers)
            up.pipe(res)
        })
        upstream.on('error', err => {
            if (!res.headersSent) res.writeHead(502, {'content-type': 'text/plain'})
            res.end(`GraphQL server unavailable: ${err.message}\n`)
        })
        req.pipe(upstream)
    })
    server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
        const upstream = net.connect(innerPort, '127.0.0.1', () => {
            const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`]
            for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
            upstream.write(lines.join('\r\n') + '\r\n\r\n')
            upstream.write(head)
            socket.pipe(upstream).pipe(socket)
        })
        const close = () => {
            socket.destroy()
            upstream.destroy()
        }
        upstream.on('error', close)
        socket.on('error', close)
    })
    return server
}
