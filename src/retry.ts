import {parsePositive} from './config'
import {OperatorError} from './errors'

// Startup connections: a few clear attempts with backoff, then one clear failure; never a spew of stack traces.

export class UnreachableError extends OperatorError {}

export interface RetryOptions {
    attempts: number
    what: string
    log: (msg: string) => void
}

export function startupRetries(env: Record<string, string | undefined> = process.env): number {
    return parsePositive('STARTUP_RETRIES', env.STARTUP_RETRIES, 8)
}

export async function withRetry<T>(opts: RetryOptions, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await fn()
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err)
            if (attempt >= opts.attempts) {
                throw new UnreachableError(`${opts.what} is unreachable after ${attempt} attempt(s): ${reason}`)
            }
            const delay = Math.min(1000 * 2 ** (attempt - 1), 15000)
            opts.log(`${opts.what} is unreachable (${reason}); retry ${attempt}/${opts.attempts - 1} in ${delay / 1000}s`)
            await new Promise(r => setTimeout(r, delay))
        }
    }
}
