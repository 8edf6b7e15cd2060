import {createClient} from 'graphql-ws'
import {Client} from 'pg'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import WebSocket from 'ws'
import {API_ROLE} from '../../src/api/access'
import {runCompiled} from '../../src/dev/children'
import {Deployment} from '../../src/dev/deploy'
import {createDatabaseOn, freePort, IndexerRun, startIndexer, TestDatabase, waitForHead, waitForHttp} from '../harness/testStack'
import {gqlRaw} from './gql'

const rpcUrl = inject('rpcUrl')
const dbUrl = inject('dbUrl')
const d: Deployment = JSON.parse(inject('deployment'))
const hot = d.tokens[0]!.address

async function sql<T>(url: string, text: string, options?: string): Promise<T[]> {
    const c = new Client({connectionString: url, options})
    await c.connect()
    try {
        return (await c.query(text)).rows as T[]
    } finally {
        await c.end()
    }
}

/** The same database reached as another user (the password matters on the embedded server, not on a trust-auth one). */
function asUser(url: string, user: string, password: string): string {
    const u = new URL(url)
    u.username = user
    u.password = password
    return u.toString()
}

const indexerEnv = (url: string) => ({DB_URL: url, RPC_ETH_HTTP: rpcUrl, TREX_FACTORIES: d.trexFactory, START_BLOCK: String(d.deployBlock), FINALITY_CONFIRMATION: '5'})

/** The first answer to one subscription: its data, the messages of its errors, or the close of the socket. */
async function firstPush(gqlUrl: string, query: string): Promise<{data?: unknown; errors?: string[]; closed?: [code: number, reason: string]}> {
    const client = createClient({url: gqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0})
    try {
        return await new Promise((resolve, reject) => {
            client.subscribe({query}, {
                next: msg => resolve(msg.errors ? {errors: msg.errors.map(e => e.message)} : {data: msg.data}),
                error: err => {
                    if (Array.isArray(err)) resolve({errors: err.map((e: {message: string}) => e.message)})
                    else if (err instanceof Object && 'code' in err && 'reason' in err) resolve({closed: [Number(err.code), String(err.reason)]})
                    else reject(err)
                },
                complete: () => undefined,
            })
        })
    } finally {
        await client.dispose()
    }
}

describe('the API\'s database access', () => {
    describe('when the migrating user may create roles', () => {
        let db: TestDatabase
        let run: IndexerRun
        let head: number
        const base = () => run.gqlUrl.replace(/\/graphql$/, '')
        const auditRows = async () => (await sql<{n: number}>(db.url, `SELECT count(*)::int AS n FROM audit_event WHERE token_id = '${d.chainId}-${hot.toLowerCase()}'`))[0]!.n

        beforeAll(async () => {
            db = await createDatabaseOn(dbUrl)
            run = await startIndexer(indexerEnv(db.url), true)
            head = await waitForHead(rpcUrl, db.url)
        })

        afterAll(async () => {
            await run?.stop()
            await db?.stop()
        })

        it('should say at start that it logs in as the read-only role', () => {
            expect(run.output.join('\n')).toContain(`the API reads the database as ${API_ROLE}, which cannot write (its own login ${API_ROLE})`)
        })

        it('should have the API\'s own login refused any write, even after SET ROLE NONE or RESET ROLE', async () => {
            const name = new URL(db.url).pathname.slice(1)
            const sessions = await sql<{usename: string}>(dbUrl, `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '${name}' AND application_name LIKE 'abst-api%'`)
            expect(sessions).toEqual([{usename: API_ROLE}])
            const [role] = await sql<{rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean}>(db.url,
                `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = '${API_ROLE}'`)
            expect(role).toEqual({rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false})
            const login = asUser(db.url, API_ROLE, 'abst_api')
            for (const undo of ['SET ROLE NONE', 'RESET ROLE', 'RESET ALL', 'SET SESSION AUTHORIZATION DEFAULT']) {
                await expect(sql(login, `${undo}; DELETE FROM holding`), undo).rejects.toThrow('permission denied for table holding')
                await expect(sql(login, `${undo}; UPDATE squid_processor.status SET height = 0`), undo).rejects.toThrow('permission denied for table status')
            }
            await expect(sql(login, `SET ROLE postgres`)).rejects.toThrow(/permission denied to set role|must be member/)
        })

        it('should have that role refused any write with permission denied', async () => {
            const before = await sql<{n: number}>(db.url, 'SELECT count(*)::int AS n FROM holding')
            expect(before[0]!.n).toBeGreaterThan(0)
            await expect(sql(db.url, 'DELETE FROM holding', `-c role=${API_ROLE}`)).rejects.toThrow('permission denied for table holding')
            await expect(sql(db.url, `UPDATE squid_processor.status SET height = 0`, `-c role=${API_ROLE}`)).rejects.toThrow('permission denied for table status')
            expect(await sql(db.url, 'SELECT count(*)::int AS n FROM holding')).toEqual(before)
        })

        it('should answer queries, the processor status, subscriptions and exports through it', async () => {
            const tokens = await gqlRaw<{tokens: {address: string}[]; squidStatus: {height: number}}>(run.gqlUrl, '{ tokens(limit: 1000) { address } squidStatus { height } }')
            expect(tokens.body.errors).toBeUndefined()
            expect(tokens.body.data?.tokens).toHaveLength(d.tokens.length)
            expect(tokens.body.data?.squidStatus.height).toBeGreaterThanOrEqual(head)
            const pushed = await firstPush(run.gqlUrl, `subscription { tokens(limit: 1000, where: {address_eq: "${hot.toLowerCase()}"}) { address } }`)
            expect(pushed).toEqual({data: {tokens: [{address: hot.toLowerCase()}]}})
            const csv = await fetch(`${base()}/export/audit-trail.csv?token=${hot}`)
            expect(csv.status).toBe(200)
            expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + await auditRows())
        })

        it('should fail every read path once the role loses SELECT on a table, the migrating user still able to read it', async () => {
            await sql(db.url, `REVOKE SELECT ON audit_event FROM ${API_ROLE}`)
            try {
                expect(await auditRows()).toBeGreaterThan(0)
                // the client reads an error id; the API's log has the database's words under it
                const masked = /^internal error ([0-9a-f-]{36}) \(the API's log has the details under this id\)$/
                const q = await gqlRaw(run.gqlUrl, '{ auditEvents(limit: 1) { id } }')
                const id = masked.exec(q.body.errors?.[0]?.message ?? '')?.[1]
                expect(id).toBeDefined()
                await expect.poll(() => run.output.some(l => l.includes(id!) && l.includes('permission denied for table audit_event'))).toBe(true)
                const pushed = await firstPush(run.gqlUrl, 'subscription { auditEvents(limit: 1) { id } }')
                expect(pushed.errors?.[0]).toMatch(masked)
                const csv = await fetch(`${base()}/export/audit-trail.csv?token=${hot}`)
                expect(csv.status).toBe(500)
                expect(await csv.text()).toMatch(/^export failed: internal error [0-9a-f-]{36} \(the API's log has the details under this id\)\n$/)
            } finally {
                await sql(db.url, `GRANT SELECT ON audit_event TO ${API_ROLE}`)
            }
            const again = await gqlRaw<{auditEvents: unknown[]}>(run.gqlUrl, '{ auditEvents(limit: 1) { id } }')
            expect(again.body.data?.auditEvents).toHaveLength(1)
        })

        describe('when DB_API_URL names a login of its own', () => {
            const reader = `abst_test_reader_${process.pid}`

            afterAll(async () => {
                await sql(dbUrl, `DROP ROLE IF EXISTS ${reader}`)
            })

            it('should connect with that login and say so', async () => {
                await sql(dbUrl, `CREATE ROLE ${reader} LOGIN PASSWORD 'reader' IN ROLE ${API_ROLE}`)
                const port = await freePort()
                const output: string[] = []
                const api = runCompiled('cli/serve', {...process.env, DB_URL: db.url, DB_API_URL: asUser(db.url, reader, 'reader'), GQL_PORT: String(port)}, l => output.push(l))
                try {
                    const url = `http://127.0.0.1:${port}/graphql`
                    await waitForHttp(url, 60000, output)
                    const tokens = await gqlRaw<{tokens: unknown[]}>(url, '{ tokens(limit: 1000) { id } }')
                    expect(tokens.body.data?.tokens).toHaveLength(d.tokens.length)
                    const name = new URL(db.url).pathname.slice(1)
                    const sessions = await sql<{usename: string}>(dbUrl, `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '${name}' AND usename = '${reader}'`)
                    expect(sessions).toEqual([{usename: reader}])
                    expect(output.join('\n')).toContain(`the API reads the database as ${reader}, which cannot write (the login of DB_API_URL)`)
                } finally {
                    api.proc.kill('SIGTERM')
                    await api.exited
                }
            })
        })
    })

    describe('when the migrating user may not create roles', () => {
        const owner = `abst_test_owner_${process.pid}`
        let db: TestDatabase
        let run: IndexerRun
        let url: string

        beforeAll(async () => {
            await sql(dbUrl, `CREATE ROLE ${owner} LOGIN PASSWORD 'owner' NOSUPERUSER NOCREATEROLE`)
            db = await createDatabaseOn(dbUrl)
            await sql(dbUrl, `ALTER DATABASE ${new URL(db.url).pathname.slice(1)} OWNER TO ${owner}`)
            url = asUser(db.url, owner, 'owner')
            run = await startIndexer(indexerEnv(url), true)
            await waitForHead(rpcUrl, url)
        })

        afterAll(async () => {
            await run?.stop()
            await db?.stop()
            await sql(dbUrl, `DROP ROLE IF EXISTS ${owner}`)
        })

        it('should migrate with a warning, then say at API start that it runs with the user\'s privileges, and answer', async () => {
            const output = run.output.join('\n')
            expect(output).toMatch(new RegExp(`(cannot create the read-only role ${API_ROLE}|cannot grant the read-only role ${API_ROLE} to ${owner}).*the API will run with the privileges of ${owner}, which can write`))
            // the role made by another database's migration may log in here too: then the API reads as it
            expect(output).toMatch(new RegExp(`the API runs with the privileges of ${owner}, which can write to the index|the API reads the database as ${API_ROLE}, which cannot write \\(its own login ${API_ROLE}\\)`))
            const tokens = await gqlRaw<{tokens: unknown[]}>(run.gqlUrl, '{ tokens(limit: 1000) { id } }')
            expect(tokens.body.data?.tokens).toHaveLength(d.tokens.length)
        })
    })
})
