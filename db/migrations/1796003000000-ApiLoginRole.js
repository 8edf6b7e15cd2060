// Hand-written (issue 13): the API logs in as the read-only role itself, so that no statement can get
// it back to a user that writes (SET ROLE NONE and RESET ROLE return to the login, which is this role).
// The role is made a LOGIN role without any attribute beyond it (not superuser, no CREATEDB, CREATEROLE,
// REPLICATION or BYPASSRLS). Its password is DB_API_PASS; on a local database (embedded, or on this
// machine) without DB_API_PASS it is the development default "abst_api"; on another host without
// DB_API_PASS the role stays NOLOGIN and the API keeps switching roles, with a warning saying so.
const {createLogger} = require('@subsquid/logger')

const ROLE = 'abst_api'
const DEV_PASSWORD = 'abst_api'
const INSUFFICIENT_PRIVILEGE = '42501'

const log = createLogger('abst:migration')

module.exports = class ApiLoginRole1796003000000 {
    name = 'ApiLoginRole1796003000000'

    async up(db) {
        const [role] = await db.query(`SELECT rolcanlogin AS "canLogin" FROM pg_roles WHERE rolname = $1`, [ROLE])
        if (role == null) return // the earlier migration could not create it and said so
        const password = process.env.DB_API_PASS || (isLocal() ? DEV_PASSWORD : null)
        if (password == null) {
            log.warn(`the read-only role ${ROLE} stays NOLOGIN: set DB_API_PASS (or DB_API_URL for a login of your own) so that the API logs in as a role that cannot write`)
            return
        }
        await db.startTransaction()
        try {
            await db.query(`ALTER ROLE ${ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`)
            await db.commitTransaction()
        } catch (err) {
            await db.rollbackTransaction()
            if (err.code !== INSUFFICIENT_PRIVILEGE && err.driverError?.code !== INSUFFICIENT_PRIVILEGE) throw err
            log.warn(`cannot make ${ROLE} a login role (this user lacks CREATEROLE or admin option on it): the API keeps switching to it, which SET ROLE NONE undoes; give it a login with DB_API_URL`)
        }
    }

    async down(db) {
        const [role] = await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [ROLE])
        if (role != null) await db.query(`ALTER ROLE ${ROLE} NOLOGIN PASSWORD NULL`)
    }
}

/** The database is on this machine: a development default password is no exposure there. */
function isLocal() {
    const url = process.env.DB_URL
    const host = url ? new URL(url).hostname : process.env.DB_HOST
    return host == null || host === '' || ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host)
}

/** A SQL string literal: ALTER ROLE takes no parameters. */
function literal(s) {
    return `'${String(s).replace(/'/g, "''")}'`
}
