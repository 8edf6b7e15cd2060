import http from 'http'
import net from 'net'
import WebSocket, {RawData, WebSocketServer} from 'ws'
import {MAX_BODY_BYTES} from './bodyLimit'

/** What to do with a client's text message: pass it on (null) or answer it with `reply` instead. */
export type Screen = (message: string) => {reply: string} | null

/**
 * Websocket upgrades relayed message by message to the server on `innerPort`, so that each client
 * message can be screened before it gets there (graphql-server's own request check sees HTTP requests
 * only). The upstream connection is opened first; the client is accepted with the subprotocol
 * upstream chose, or gets upstream's refusal status.
 */
export function websocketRelay(innerPort: number, screen: Screen): (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => void {
    const chosen = new WeakMap<http.IncomingMessage, string>()
    const wss = new WebSocketServer({noServer: true, maxPayload: MAX_BODY_BYTES, handleProtocols: (_offered, req) => chosen.get(req) ?? false})
    return (req, socket, head) => {
        const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map(p => p.trim()).filter(p => p !== '')
        const upstream = new WebSocket(`ws://127.0.0.1:${innerPort}${req.url ?? '/'}`, protocols, {maxPayload: MAX_BODY_BYTES})
        const refuse = (status: number, reason: string) => {
            if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
            socket.destroy()
        }
        const onError = (err: Error) => refuse(502, `Bad Gateway (${err.message})`)
        const onRefused = (_req: http.ClientRequest, res: http.IncomingMessage) => {
            refuse(res.statusCode ?? 502, res.statusMessage ?? 'Bad Gateway')
            upstream.terminate()
        }
        // a client gone before upstream answered leaves nothing open behind it
        const onGone = () => upstream.terminate()
        socket.on('error', () => socket.destroy())
        upstream.once('error', onError)
        upstream.once('unexpected-response', onRefused)
        socket.once('close', onGone)
        upstream.once('open', () => {
            upstream.off('error', onError)
            upstream.off('unexpected-response', onRefused)
            socket.off('close', onGone)
            if (!socket.writable) {
                upstream.terminate()
                return
            }
            if (upstream.protocol) chosen.set(req, upstream.protocol)
            wss.handleUpgrade(req, socket, head, client => pair(client, upstream, screen))
        })
    }
}

function pair(client: WebSocket, upstream: WebSocket, screen: Screen): void {
    client.on('message', (data: RawData, isBinary: boolean) => {
        const screened = isBinary ? null : screen(text(data))
        if (screened) client.send(screened.reply)
        else if (upstream.readyState === WebSocket.OPEN) upstream.send(data, {binary: isBinary})
    })
    upstream.on('message', (data: RawData, isBinary: boolean) => {
        if (client.readyState === WebSocket.OPEN) client.send(data, {binary: isBinary})
    })
    client.on('close', (code, reason) => closeWith(upstream, code, reason))
    upstream.on('close', (code, reason) => closeWith(client, code, reason))
    client.on('error', () => upstream.terminate())
    upstream.on('error', () => client.terminate())
}

function text(data: RawData): string {
    return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
}

/** Passes a close on: codes that may not be sent in a close frame (1005 none, 1006 abnormal, …) become 1000. */
function closeWith(ws: WebSocket, code: number, reason: Buffer): void {
    if (ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) return
    const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)
    ws.close(sendable ? code : 1000, sendable ? reason : undefined)
}
