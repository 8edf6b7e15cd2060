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

/**
 * Once the index exists: points every database connection this process opens afterwards at the
 * API's read-only access, and says what it got. Without DB_API_URL the API logs in like the
 * processor and switches to API_ROLE, when that role exists, the user may use it and it may read the
 * index, through libpq's PGOPTIONS (`-c role=…`): node-postgres applies it to every connection without
 * options of its own, so it covers graphql-server's pool (built from DB_URL or DB_*) and the export
 * pool alike.
 */
export async function useReadOnlyAccess(): Promise<ApiAccess> {
    const env = process.env
    let how: string
    if (env.DB_API_URL) {
        how = 'the login of DB_API_URL'
    } else if (await mayUseRole()) {
        env.PGOPTIONS = `${env.PGOPTIONS ?? ''} -c role=${API_ROLE}`.trim()
        how = `the processor's login, switched to the read-only role ${API_ROLE}`
    } else {
        how = `the processor's login: the read-only role ${API_ROLE} is missing, or not granted to that user, or not granted SELECT on the index`
    }
    const [row] = await query<{role: string; canWrite: boolean}>(`SELECT current_user AS role, has_table_privilege('token', 'INSERT') AS "canWrite"`)
    return {role: row!.role, canWrite: row!.canWrite, how}
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
