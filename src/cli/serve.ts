import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {Server} from '@subsquid/graphql-server/lib/server'
import {parseNat} from '../config'
import {exitWithError, OperatorError} from '../errors'
import {describeDatabase, withDataSource} from '../db'
import {startupRetries, withRetry} from '../retry'

const log = createLogger('abst:api')

async function main(): Promise<void> {
    const port = parseNat('GQL_PORT', process.env.GQL_PORT, 4350)
    process.env.GQL_PORT = String(port)
    await withRetry(
        {attempts: startupRetries(), what: `database ${describeDatabase()}`, log: m => log.warn(m)},
        () => withDataSource(ds => ds.query('SELECT 1 FROM token LIMIT 1')),
    )
    const server = await new Server({
        dir: process.cwd(),
        log,
        subscriptions: true,
        subscriptionPollInterval: 1000,
        maxRequestSizeBytes: 256 * 1024,
        sqlStatementTimeout: 10000,
        maxRootFields: 20,
    }).start()
    log.info(`GraphQL API at http://localhost:${server.port}/graphql`)
    // The server's connection pool has no error listener: a database gone away would crash with a stack dump.
    process.on('uncaughtException', err => {
        if ('severity' in err || /ECONNREFUSED|ECONNRESET|Connection terminated/.test(err.message)) {
            exitWithError(log, new OperatorError(`database ${describeDatabase()} connection lost: ${err.message}`))
        }
        exitWithError(log, err)
    })
    const stop = () => {
        server.close().then(() => process.exit(0), () => process.exit(1))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
}

main().catch(err => exitWithError(log, err))
