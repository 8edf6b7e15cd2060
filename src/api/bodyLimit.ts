import http from 'http'

/** The largest request body (and websocket message) the API takes. */
export const MAX_BODY_BYTES = 256 * 1024

/**
 * How much of a refused body is read and dropped before answering, so the client, still sending,
 * is not cut off mid-write (it would see EPIPE instead of the answer); past either bound the
 * answer goes out and the connection closes.
 */
const LINGER_BYTES = 16 * MAX_BODY_BYTES
const LINGER_MS = 5_000

/** Why a body is refused, as a client reads it: the size when known, else a lower bound. */
export function bodyTooLarge(bytes: number, known: boolean): string {
    return `request body of ${known ? '' : 'more than '}${bytes} bytes exceeds the ${MAX_BODY_BYTES / 1024} KiB limit (${MAX_BODY_BYTES} bytes)`
}

/**
 * Sends `answer` once the rest of the request body is read and dropped, or once LINGER_BYTES or
 * LINGER_MS pass; the connection is not reused, since the client may still be sending.
 */
export function answerAfterBody(req: http.IncomingMessage, res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
    if (res.headersSent) {
        res.destroy()
        return
    }
    let drained = 0
    const answer = () => {
        clearTimeout(timer)
        req.removeListener('data', onData)
        if (res.headersSent || res.destroyed) return
        res.writeHead(status, {...headers, connection: 'close'})
        res.end(body)
    }
    const onData = (chunk: Buffer) => {
        drained += chunk.length
        if (drained > LINGER_BYTES) answer()
    }
    const timer = setTimeout(answer, LINGER_MS)
    req.on('data', onData)
    req.once('end', answer)
    req.once('error', answer)
    if (req.complete) answer()
    req.resume()
}

/** 413 with the reason as a GraphQL error, sent once the rest of the body is dropped. */
export function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, message: string): void {
    answerAfterBody(req, res, 413, {'content-type': 'application/json; charset=utf-8'}, JSON.stringify({errors: [{message, extensions: {code: 'PAYLOAD_TOO_LARGE'}}]}))
}

/** The refusal of a body whose declared Content-Length is over the limit, before any of it is read; else null. */
export function declaredTooLarge(req: http.IncomingMessage): string | null {
    const declared = Number(req.headers['content-length'] ?? 0)
    return declared > MAX_BODY_BYTES ? bodyTooLarge(declared, true) : null
}
