import {QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError} from 'typeorm'

// A database that went away (restart, failover, network cut) is an outage, not a bug: callers say so in
// one line and reconnect or restart, instead of dumping a stack trace with the failed batch's SQL.

/** Node socket errors and Postgres SQLSTATEs (class 08 connection exception, 57P01–57P03 shutdown / starting up). */
const CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|08...|57P0[123])$/
/** node-postgres reports a socket closed under it by message only. */
const MESSAGES = /Connection terminated|terminating connection/

export function isConnectionLoss(err: unknown): boolean {
    // TypeORM releases a transaction's query runner only when its connection fails; the next query says so.
    if (err instanceof QueryRunnerAlreadyReleasedError || err instanceof QueryRunnerProviderAlreadyReleasedError) return true
    for (let e = err, depth = 0; e != null && typeof e === 'object' && depth < 4; depth++) {
        if ('code' in e && typeof e.code === 'string' && CODES.test(e.code)) return true
        if ('message' in e && typeof e.message === 'string' && MESSAGES.test(e.message)) return true
        // TypeORM wraps the driver's error; Node wraps causes.
        e = 'driverError' in e ? e.driverError : 'cause' in e ? e.cause : undefined
    }
    return false
}
