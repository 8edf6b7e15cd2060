import {createLogger} from '@subsquid/logger'
import {classifyNodeError, NodeBusyError} from './nodeErrors'

const log = createLogger('abst:rpc')

/** Wait before the first retry, ms; it doubles with each retry up to MAX_WAIT_MS. */
const FIRST_WAIT_MS = 500
const MAX_WAIT_MS = 30_000

/**
 * Sends a request until the node answers it, waiting after each rate limit (HTTP 429, JSON-RPC -32005,
 * "rate limit") or outage (HTTP 5xx, a refused or reset connection): as long as the node's Retry-After
 * says when it gives one (at least FIRST_WAIT_MS), else exponentially from 0.5 s to 30 s with jitter
 * (half fixed, half random, so that concurrent requests spread out). Any other error is thrown at once.
 *
 * @param what names the request in log lines and errors
 * @param budgetMs ms of waiting allowed in total; a wait that would exceed it fails with NodeBusyError
 * @param retryTimeouts wait out timeouts too (for a request that cannot be made any smaller)
 */
export async function withBackoff<T>(send: () => Promise<T>, what: string, budgetMs: number, retryTimeouts: boolean): Promise<T> {
    let waited = 0
    for (let retry = 0; ; retry++) {
        try {
            return await send()
        } catch (err) {
            const e = classifyNodeError(err)
            if (!(e.kind === 'rateLimited' || e.kind === 'unavailable' || (retryTimeouts && e.kind === 'timeout'))) throw err
            const ceiling = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** retry)
            const wait = e.retryAfterMs != null ? Math.max(FIRST_WAIT_MS, e.retryAfterMs) : ceiling / 2 + Math.random() * ceiling / 2
            if (waited + wait > budgetMs) {
                throw new NodeBusyError(`${what}: the node still refuses after ${retry} retr${retry === 1 ? 'y' : 'ies'} over ${seconds(waited)} ` +
                    `(${e.message})${e.retryAfterMs != null ? `, asking to wait ${seconds(e.retryAfterMs)} more` : ''}; ` +
                    `RPC_RETRY_BUDGET_MS=${budgetMs} allows no longer wait`)
            }
            log.warn(`${what}: ${e.message}; retry ${retry + 1} in ${seconds(wait)}${e.retryAfterMs != null ? ' (Retry-After)' : ''}`)
            await new Promise(resolve => setTimeout(resolve, wait))
            waited += wait
        }
    }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
