import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {Server} from '@subsquid/graphql-server/lib/server'
import {Pool} from 'pg'
import {useApiLogin, useReadOnlyAccess} from '../api/access'
import {MAX_BODY_BYTES} from '../api/bodyLimit'
import {MAX_RESPONSE_NODES} from '../api/queryLimits'
import {createFront} from '../api/front'
import {exportHandler} from '../api/exports'
import {parseNat} from '../config'
import {freePort} from '../ports'
import {exitWithError} from '../errors'
import {locateDatabase} from '../localStack'
import {describeDatabase, pendingMigrations, poolConfig} from '../db'
import {startupRetries, withRetry} from '../retry'
import {fetchSchema, screenSubscriptions} from '../api/subscriptionLimits'

const log = createLogger('abst:api')

async function main(): Promise<void> {
    locateDatabase()
    const port = parseNat('GQL_PORT', process.env.GQL_PORT, 4350)
    // The Subsquid server listens on a private port behind our front, which adds the CSV exports.
    const innerPort = await freePort()
    process.env.GQL_PORT = String(innerPort)
    useApiLogin()
    await withRetry(
        {attempts: startupRetries(), what: `database ${describeDatabase()}`, log: m => log.warn(m)},
        async () => {
            // every migration, the read-only role's grants included, before the role is looked for
            const pending = await pendingMigrations()
            if (pending.length > 0) throw new Error(`the indexer has not applied ${pending.join(', ')} yet`)
        },
    )
    // Before any connection of the server or the export pool: both then read through it.
    const access = await useReadOnlyAccess()
    if (access.canWrite) log.warn(`the API runs with the privileges of ${access.role}, which can write to the index (${access.how})`)
    else log.info(`the API reads the database as ${access.role}, which cannot write (${access.how})`)
    const server = await new Server({
        dir: process.cwd(),
        log,
        subscriptions: true,
        subscriptionPollInterval: 1000,
        maxRequestSizeBytes: MAX_BODY_BYTES,
        sqlStatementTimeout: 10000,
        maxRootFields: 20,
        // Bounds what one answer may hold before it is built (bulk reads are the streamed exports).
        maxResponseNodes: MAX_RESPONSE_NODES,
        subscriptionMaxResponseNodes: MAX_RESPONSE_NODES,
    }).start()
    const pool = new Pool({...poolConfig(), max: 4})
    // A database restart drops idle connections: the pool discards them and connects anew on the next
    // request (as the GraphQL server's own pool does), so the API outlives the outage.
    pool.on('error', err => log.warn(`database ${describeDatabase()} dropped an idle connection (${err.message}); the next request reconnects`))
    const schema = await fetchSchema(`http://127.0.0.1:${innerPort}/graphql`)
    const front = createFront(innerPort, exportHandler(pool), screenSubscriptions(schema))
    await new Promise<void>((resolve, reject) => front.once('error', reject).listen(port, resolve))
    log.info(`GraphQL API at http://localhost:${port}/graphql, exports under http://localhost:${port}/export/`)
    process.on('uncaughtException', err => exitWithError(log, err))
    const stop = () => {
        front.close()
        Promise.all([server.close(), pool.end()]).then(() => process.exit(0), () => process.exit(1))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
}

main().catch(err => exitWithError(log, err))
