import {asRetryAfterPause, HttpError, HttpTimeoutError, isHttpConnectionError} from '@subsquid/http-client'
import {RpcConnectionError, RpcError, RpcProtocolError} from '@subsquid/rpc-client'
import {OperatorError} from '../errors'

// What a node's refusal means for the request that got it: ask for less, wait and ask again, or stop.

/** A JSON-RPC error object as nodes send it (the shape of @subsquid/rpc-client's RpcErrorInfo). */
export interface RpcErrorInfo {
    code: number
    message: string
    data?: unknown
}

export type NodeErrorKind =
    /** the request asked for too much (a block range, a result count, a batch, a response size): ask for less */
    | 'tooLarge'
    /** unanswered within the request timeout: usually too much asked too; at the smallest size, wait and retry */
    | 'timeout'
    /** rate limit or quota (HTTP 429, JSON-RPC -32005/429, "rate limit"): wait, honouring Retry-After, and retry */
    | 'rateLimited'
    /** the node is down or overloaded (HTTP 5xx, refused or reset connection): wait and retry */
    | 'unavailable'
    /** anything else (a reverted call, a malformed answer): not ours to retry */
    | 'fatal'

export interface NodeError {
    kind: NodeErrorKind
    /** the node's own words, for log lines and final errors */
    message: string
    /** ms the node asked us to wait (Retry-After), when it said */
    retryAfterMs?: number
}

/** Texts of rate limits and quotas; checked before TOO_LARGE, whose "limit exceeded" they contain. */
const RATE_LIMITED = /rate.?limit|too many requests|request rate|throttl|compute units|quota|request count exceeded/i

/**
 * Texts of hosted nodes refusing an eth_getLogs range or result count, a batch or a response size:
 * "query returned more than 10000 results", "block range is too large", "exceed maximum block range: 5000",
 * "Log response size exceeded", "limit exceeded", "response is too big", "batch too large",
 * "eth_getLogs is limited to a 10,000 range".
 */
const TOO_LARGE = new RegExp([
    'query returned more than',
    'range (is )?too (large|wide|big)',
    'max(imum)? block range',
    'log response size exceeded',
    'limit exceeded',
    'response (size )?(is )?too (large|big)',
    'batch (size )?(is )?too (large|big)',
    'too many (results|logs|blocks)',
    'limited to a [\\d,]+ (block )?range',
].join('|'), 'i')

/** A call that ran and failed (geth code 3, "execution reverted: …"): its text is the contract's, never a node limit. */
const REVERTED = /revert/i

/** HttpConnection's words for a batch answered by one error object (geth's "batch too large" answer). */
const BATCH_ANSWER_MISMATCH = /invalid length of a batch response|response for a batch request should be an array/i

export function classifyNodeError(err: unknown): NodeError {
    if (err instanceof HttpError) return classifyHttp(err)
    if (err instanceof HttpTimeoutError) return {kind: 'timeout', message: err.message}
    if (err instanceof RpcError) return classifyRpc({code: err.code, message: err.message})
    if (err instanceof RpcProtocolError && BATCH_ANSWER_MISMATCH.test(err.message)) return {kind: 'tooLarge', message: err.message}
    const message = err instanceof Error ? err.message : String(err)
    if (err instanceof RpcConnectionError || isHttpConnectionError(err)) return {kind: 'unavailable', message}
    return {kind: 'fatal', message}
}

/** The kind of a JSON-RPC error object, as it arrives inside a batch answer. */
export function classifyRpc(info: RpcErrorInfo): NodeError {
    const message = `${info.message} (code ${info.code})`
    if (info.code === 3 || REVERTED.test(info.message)) return {kind: 'fatal', message}
    if (RATE_LIMITED.test(info.message)) return {kind: 'rateLimited', message}
    if (TOO_LARGE.test(info.message)) return {kind: 'tooLarge', message}
    // Infura's -32005 also says "query returned more than…", matched above; otherwise it means a rate limit
    if (info.code === -32005 || info.code === 429) return {kind: 'rateLimited', message}
    return {kind: 'fatal', message}
}

function classifyHttp(err: HttpError): NodeError {
    const {status, body} = err.response
    const text = typeof body === 'string' ? body : body == null || Buffer.isBuffer(body) ? '' : JSON.stringify(body)
    const message = `HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ''}`
    if (status === 429 || RATE_LIMITED.test(text)) return {kind: 'rateLimited', message, retryAfterMs: asRetryAfterPause(err)}
    if (status === 413 || TOO_LARGE.test(text)) return {kind: 'tooLarge', message}
    if (status >= 500) return {kind: 'unavailable', message, retryAfterMs: asRetryAfterPause(err)}
    return {kind: 'fatal', message}
}

/** The node refuses even the smallest request (one block, one call): retrying cannot help, the operator must act. */
export class NodeRefusalError extends OperatorError {}

/** The node kept refusing (rate limit, outage) for longer than RPC_RETRY_BUDGET_MS allows one request to wait. */
export class NodeBusyError extends Error {}
