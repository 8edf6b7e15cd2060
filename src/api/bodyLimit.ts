import http from 'http'

/** The largest request body (and websocket message) the API takes. */
export const MAX_BODY_BYTES = 256 * 1024

/** Why a body is refused, as a client reads it: the size when known, else a lower bound. */
export function bodyTooLarge(bytes: number, known: boolean): string {
    return `request body of ${known ? '' : 'more than '}${bytes} bytes exceeds the ${MAX_BODY_BYTES / 1024} KiB limit (${MAX_BODY_BYTES} bytes)`
}

/** 413 with the reason as a GraphQL error; the rest of the body is read and dropped so the client gets the answer. */
export function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, message: string): void {
    req.resume()
    if (res.headersSent) {
        res.destroy()
        return
    }
    // the client may still be sending the rest: this connection is not reused for another request
    res.writeHead(413, {'content-type': 'application/json; charset=utf-8', connection: 'close'})
    res.end(JSON.stringify({errors: [{message, extensions: {code: 'PAYLOAD_TOO_LARGE'}}]}))
}

/** The refusal of a body whose declared Content-Length is over the limit, before any of it is read; else null. */
export function declaredTooLarge(req: http.IncomingMessage): string | null {
    const declared = Number(req.headers['content-length'] ?? 0)
    return declared > MAX_BODY_BYTES ? bodyTooLarge(declared, true) : null
}
