import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {Pool} from 'pg'
import {useApiLogin, useReadOnlyAccess} from '../api/access'
import {exportHandler} from '../api/exports'
import {readiness} from '../api/health'
import {apiSchema} from '../api/schema'
import {createApiServer} from '../api/server'
import {API_APPLICATION_NAME, apiSettings} from '../api/settings'
import {exitWithError} from '../errors'
import {locateDatabase} from '../localStack'
import {describeDatabase, pendingMigrations, poolConfig} from '../db'
import {startupRetries, withRetry} from '../retry'

const log = createLogger('abst:api')

/** The least time a request may wait for a pooled connection: enough to open one to a remote database. */
const MIN_CONNECT_TIMEOUT_MS = 1000

async function main(): Promise<void> {
    locateDatabase()
    const settings = apiSettings()
    useApiLogin()
    await withRetry(
        {attempts: startupRetries(), what: `database ${describeDatabase()}`, log: m => log.warn(m)},
        async () => {
            // every migration, the read-only role's grants included, before the role is looked for
            const pending = await pendingMigrations()
            if (pending.length > 0) throw new Error(`the indexer has not applied ${pending.join(', ')} yet`)
        },
    )
    // Before any connection of the pools: both then read through it.
    const access = await useReadOnlyAccess()
    if (access.canWrite) log.warn(`the API runs with the privileges of ${access.role}, which can write to the index (${access.how})`)
    else log.info(`the API reads the database as ${access.role}, which cannot write (${access.how})`)
    const schema = await apiSchema(process.cwd())
    // A request past its budget waiting for a connection is refused (RequestDb checks it once connected); a tiny budget must not make connecting fail as an outage.
    const pool = new Pool({...poolConfig(), max: settings.dbPoolSize, connectionTimeoutMillis: Math.max(settings.requestTimeoutMs, MIN_CONNECT_TIMEOUT_MS), application_name: API_APPLICATION_NAME})
    // Streaming exports hold a connection each for their whole transfer: a pool of their own.
    const exportPool = new Pool({...poolConfig(), max: 4, application_name: `${API_APPLICATION_NAME}-export`})
    for (const p of [pool, exportPool]) {
        // A database restart drops idle connections: the pool discards them and connects anew on the next request.
        p.on('error', err => log.warn(`database ${describeDatabase()} dropped an idle connection (${err.message}); the next request reconnects`))
    }
    const server = createApiServer({settings, schema, pool, exports: exportHandler(exportPool), readiness: readiness(pool, settings.rpcUrl, settings.readyMaxLag), log})
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(settings.port, settings.host, resolve))
    log.info(`GraphQL API at http://${settings.host}:${settings.port}/graphql (GraphiQL ${settings.graphiql ? 'on' : 'off'}, introspection ${settings.introspection ? 'on' : 'off'}), ` +
        `health at /healthz and /readyz, exports under /export/`)
    process.on('uncaughtException', err => exitWithError(log, err))
    const stop = () => {
        server.close()
        server.closeAllConnections()
        Promise.all([pool.end(), exportPool.end()]).then(() => process.exit(0), () => process.exit(1))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
}

main().catch(err => exitWithError(log, err))
