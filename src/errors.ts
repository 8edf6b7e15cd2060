import {Logger} from '@subsquid/logger'

/** A failure the operator can fix from the message alone: printed without a stack trace. */
export class OperatorError extends Error {}

export function exitWithError(log: Logger, err: unknown): never {
    if (err instanceof OperatorError) {
        log.fatal(err.message)
        process.exit(2)
    }
    log.fatal({err}, 'unexpected failure')
    process.exit(1)
}
