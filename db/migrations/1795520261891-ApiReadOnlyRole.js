// Hand-written (issue 6): the API reads through a SELECT-only role, so that only the processor writes.
// The role is NOLOGIN and granted to the migrating user: the API, which logs in as that user, switches
// to it (src/api/access.ts). Roles are cluster-wide, privileges per database: the role may already
// exist (another database of the cluster made it), and a managed Postgres may refuse CREATE ROLE —
// then this warns and goes on, and the API says at start that it runs with the user's privileges.
const {createLogger} = require('@subsquid/logger')

const ROLE = 'abst_api'
const INSUFFICIENT_PRIVILEGE = '42501'
// Two databases of one cluster migrating at once: the loser of the CREATE ROLE race gets one of these.
const ALREADY_EXISTS = ['42710', '23505']

const log = createLogger('abst:migration')

module.exports = class ApiReadOnlyRole1795520261891 {
    name = 'ApiReadOnlyRole1795520261891'

    async up(db) {
        const [me] = await db.query(`SELECT current_user AS name, rolsuper OR rolcreaterole AS "canCreate" FROM pg_roles WHERE rolname = current_user`)
        const fallback = `the API will run with the privileges of ${me.name}, which can write (DB_API_URL can name a SELECT-only login instead)`
        if (!(await roleExists(db))) {
            if (!me.canCreate) {
                log.warn(`cannot create the read-only role ${ROLE}: ${me.name} may not create roles; ${fallback}`)
                return
            }
            await attempt(db, `CREATE ROLE ${ROLE} NOLOGIN`, ALREADY_EXISTS)
        }
        const [member] = await db.query(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS yes`, [ROLE])
        if (!member.yes && !(await attempt(db, `GRANT ${ROLE} TO CURRENT_USER`, []))) {
            log.warn(`cannot grant the read-only role ${ROLE} to ${me.name}, which has no admin option on it (another user made it); ${fallback}`)
        }
        for (const sql of [
            `GRANT USAGE ON SCHEMA public TO ${ROLE}`,
            `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ROLE}`,
            // every schema and table this user creates later in this database: the processor's
            // squid_processor status tables, and the tables of later migrations
            `ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ${ROLE}`,
            `ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ${ROLE}`,
        ]) {
            if (!(await attempt(db, sql, []))) log.warn(`could not run "${sql}": ${me.name} lacks the privilege; ${fallback}`)
        }
    }

    // The role stays: other databases of the cluster may use it.
    async down(db) {
        if (!(await roleExists(db))) return
        await db.query(`ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM ${ROLE}`)
        await db.query(`ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SCHEMAS FROM ${ROLE}`)
        await db.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM ${ROLE}`)
        await db.query(`REVOKE USAGE ON SCHEMA public FROM ${ROLE}`)
        const [processor] = await db.query(`SELECT to_regnamespace('squid_processor') IS NOT NULL AS yes`)
        if (processor.yes) {
            await db.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA squid_processor FROM ${ROLE}`)
            await db.query(`REVOKE USAGE ON SCHEMA squid_processor FROM ${ROLE}`)
        }
    }
}

async function roleExists(db) {
    const [row] = await db.query(`SELECT to_regrole($1) IS NOT NULL AS yes`, [ROLE])
    return row.yes
}

/**
 * Runs `sql` in a savepoint (migrations run in one transaction, which a failed statement would abort):
 * true when it ran or failed with one of the `harmless` codes, false when the privilege was lacking.
 */
async function attempt(db, sql, harmless) {
    await db.startTransaction()
    try {
        await db.query(sql)
        await db.commitTransaction()
        return true
    } catch (err) {
        await db.rollbackTransaction()
        if (harmless.includes(err.code) || harmless.includes(err.driverError?.code)) return true
        if (err.code === INSUFFICIENT_PRIVILEGE || err.driverError?.code === INSUFFICIENT_PRIVILEGE) return false
        throw err
    }
}
