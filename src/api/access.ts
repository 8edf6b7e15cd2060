import {Client} from 'pg'
import {poolConfig} from '../db'

/** The SELECT-only role made by db/migrations/1795520261891-ApiReadOnlyRole.js. */
export const API_ROLE = 'abst_api'

export interface ApiAccess {
    /** the role the API's queries run as */
    role: string
    /** it may insert into the index: the read-only separation is missing */
    canWrite: boolean
    /** how the API connects, for the start message */
    how: string
}

/** DB_API_URL, when set, is the API's own login: DB_URL is replaced by it for every connection of this process. */
export function useApiLogin(): void {
    if (process.env.DB_API_URL) process.env.DB_URL = process.env.DB_API_URL
}

/** The password of API_ROLE's login on a local database when DB_API_PASS is unset (db/migrations/1796003000000-ApiLoginRole.js). */
const DEV_PASSWORD = 'abst_api'

/**
 * Once the index exists: points every database connection this process opens afterwards at the
 * API's read-only access, and says what it got. In order of preference:
 * - DB_API_URL: a login of the operator's own;
 * - API_ROLE's own login (a LOGIN role since migration 1796003000000), with DB_API_PASS or, on a
 *   local database, the development default: nothing the API sends can make it write, SET ROLE NONE
 *   and RESET ROLE included, since the login itself is the role;
 * - the processor's login switched to API_ROLE through libpq's PGOPTIONS (`-c role=…`), when the role
 *   cannot log in: it reads as the role, but a session could switch back;
 * - the processor's login as it is, when the role is missing: the start message warns.
 */
export async function useReadOnlyAccess(): Promise<ApiAccess> {
    const env = process.env
    let how: string
    if (env.DB_API_URL) {
        how = 'the login of DB_API_URL'
    } else if (await roleCanLogin() && await tryLogin(env.DB_API_PASS || DEV_PASSWORD)) {
        loginAs(API_ROLE, env.DB_API_PASS || DEV_PASSWORD)
        how = `its own login ${API_ROLE}`
    } else if (await mayUseRole()) {
        env.PGOPTIONS = `${env.PGOPTIONS ?? ''} -c role=${API_ROLE}`.trim()
        how = `the processor's login, switched to the read-only role ${API_ROLE}, which a session can undo: set DB_API_PASS and migrate again to give the role its own login`
    } else {
        how = `the processor's login: the read-only role ${API_ROLE} is missing, or not granted to that user, or not granted SELECT on the index`
    }
    const [row] = await query<{role: string; canWrite: boolean}>(`SELECT current_user AS role, has_table_privilege('token', 'INSERT') AS "canWrite"`)
    return {role: row!.role, canWrite: row!.canWrite, how}
}

/** Points DB_URL (or DB_USER/DB_PASS) at `user`: every connection of this process opened afterwards logs in as it. */
function loginAs(user: string, password: string): void {
    const env = process.env
    if (env.DB_URL) {
        env.DB_URL = withUser(env.DB_URL, user, password)
    } else {
        env.DB_USER = user
        env.DB_PASS = password
    }
}

function withUser(connectionString: string, user: string, password: string): string {
    const url = new URL(connectionString)
    url.username = user
    url.password = password
    return url.toString()
}

async function roleCanLogin(): Promise<boolean> {
    // a login role made for another database of the cluster may have no grants on this one
    const [row] = await query<{yes: boolean}>(
        `SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = $1 AND r.rolcanlogin AND has_table_privilege(r.oid, 'token', 'SELECT')) AS yes`, [API_ROLE])
    return row!.yes
}

async function tryLogin(password: string): Promise<boolean> {
    const base = poolConfig()
    const config = base.connectionString != null ? {connectionString: withUser(base.connectionString, API_ROLE, password)} : {...base, user: API_ROLE, password}
    const client = new Client(config)
    try {
        await client.connect()
        await client.end()
        return true
    } catch {
        // a wrong password or a pg_hba rule without this role: the role switch below still works
        return false
    }
}

async function mayUseRole(): Promise<boolean> {
    const [row] = await query<{yes: boolean}>(
        `SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = $1 AND pg_has_role(current_user, r.oid, 'MEMBER')
                                                    AND has_table_privilege(r.oid, 'token', 'SELECT')) AS yes`,
        [API_ROLE],
    )
    return row!.yes
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client(poolConfig())
    await client.connect()
    try {
        return (await client.query(sql, params)).rows as T[]
    } finally {
        await client.end()
    }
}
