import {Logger} from '@subsquid/logger'

/** Exit codes between the indexer and its supervisor (src/cli/process.ts). */
export const EXIT = {
    /** the operator must fix something (configuration, another chain, a deep reorg): not retried */
    operatorError: 2,
    /** the indexer asks to be started again at once (a portal's address filter grew) */
    restart: 3,
} as const

/** A failure the operator can fix from the message alone: printed without a stack trace. */
export class OperatorError extends Error {}

export function exitWithError(log: Logger, err: unknown): never {
    if (err instanceof OperatorError) {
        log.fatal(err.message)
        process.exit(EXIT.operatorError)
    }
    log.fatal({err}, 'unexpected failure')
    process.exit(1)
}
