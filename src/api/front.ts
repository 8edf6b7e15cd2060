import http from 'http'
import {declaredTooLarge, forwardBody, refuseBody} from './bodyLimit'
import {Screen, websocketRelay} from './wsRelay'

export type ExportHandler = (url: URL, res: http.ServerResponse) => Promise<void>

/**
 * The public port: `/export/…` answered here (CSV for auditors), everything else — GraphQL,
 * GraphiQL, subscriptions over WebSocket — passed through to the Subsquid server on `innerPort`,
 * with request bodies held to MAX_BODY_BYTES and websocket messages screened by `screen`.
 */
export function createFront(innerPort: number, exports: ExportHandler, screen: Screen): http.Server {
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost')
        if (url.pathname.startsWith('/export/')) {
            exports(url, res).catch(err => {
                if (!res.headersSent) res.writeHead(500, {'content-type': 'text/plain'})
                res.end(`export failed: ${err instanceof Error ? err.message : String(err)}\n`)
            })
            return
        }
        const tooLarge = declaredTooLarge(req)
        if (tooLarge) {
            refuseBody(req, res, tooLarge)
            return
        }
        const upstream = http.request({host: '127.0.0.1', port: innerPort, path: req.url, method: req.method, headers: req.headers}, up => {
            res.writeHead(up.statusCode ?? 502, up.headers)
            up.pipe(res)
        })
        upstream.on('error', err => {
            if (res.writableEnded) return // already answered, e.g. a body cut at the limit
            if (!res.headersSent) res.writeHead(502, {'content-type': 'text/plain'})
            res.end(`GraphQL server unavailable: ${err.message}\n`)
        })
        forwardBody(req, res, upstream)
    })
    server.on('upgrade', websocketRelay(innerPort, screen))
    return server
}
