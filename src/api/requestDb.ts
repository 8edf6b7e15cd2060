import type {OpenreaderContext} from '@subsquid/openreader/lib/context'
import type {Query} from '@subsquid/openreader/lib/sql/query'
import {ResponseSizeLimit} from '@subsquid/openreader/lib/util/limit'
import {createHash} from 'crypto'
import {Pool, PoolClient, QueryConfig} from 'pg'
import {connectionQueue} from '../oneConnection'
import {IndexHead, readHead} from './indexHead'
import {HeadWatch, LiveQuery} from './liveQuery'
import {budgetExceeded} from './publicErrors'

/** What our type-graphql resolvers read through: rows as objects, in the request's transaction. */
export interface ReadTx {
    query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
}

export interface RequestDbOptions {
    pool: Pool
    /** the time all statements of one request may take together */
    budgetMs: number
    /** the most nodes (rows × fields) one answer of the generated API may hold */
    maxResponseNodes: number
    heads: HeadWatch
    /** what a failed subscription poll tells the client */
    publicize: (err: unknown) => Error
    /** read the indexed head first in the request's snapshot (see snapshotHead); only once the processor's tables exist */
    readsHead?: boolean
}

let contextCount = 0

/**
 * One GraphQL request's database access: every statement of the request (generated and custom
 * resolvers alike) runs in one read-only REPEATABLE READ transaction, so that the answer is of one
 * snapshot, within one time budget: the transaction starts with that statement timeout, and once a
 * quarter of the budget is spent, each statement gets only what remains of it. Subscriptions poll in
 * their own short transactions (see LiveQuery).
 */
export class RequestDb implements OpenreaderContext {
    readonly id = (contextCount = (contextCount + 1) % Number.MAX_SAFE_INTEGER)
    readonly dbType = 'postgres' as const
    readonly responseSizeLimit: ResponseSizeLimit
    readonly subscriptionResponseSizeLimit: ResponseSizeLimit
    private readonly deadline: number
    private client: Promise<PoolClient> | undefined
    /** the indexed head in the request's snapshot; undefined while the request has read nothing */
    private head: IndexHead | null | undefined
    private timeoutMs: number
    private closed = false
    /** the request's transaction: its statements and its end, one at a time */
    private readonly connection = connectionQueue()

    constructor(private readonly options: RequestDbOptions) {
        this.deadline = Date.now() + options.budgetMs
        this.timeoutMs = options.budgetMs
        this.responseSizeLimit = new ResponseSizeLimit(options.maxResponseNodes)
        this.subscriptionResponseSizeLimit = new ResponseSizeLimit(options.maxResponseNodes)
    }

    async executeQuery<T>(query: Query<T>): Promise<T> {
        const rows = await this.run(query.sql, query.params, 'array')
        return query.map(rows as unknown[][])
    }

    subscription<T>(query: Query<T>): AsyncIterable<T> {
        const {pool, budgetMs, heads, publicize} = this.options
        return new LiveQuery(heads, async () => {
            try {
                return await inTransaction(pool, budgetMs, async client => query.map((await client.query({...prepared(client, query.sql), rowMode: 'array'}, query.params)).rows))
            } catch (err) {
                throw publicize(err)
            }
        })
    }

    /** The transaction our custom resolvers read through. */
    readTx(): ReadTx {
        return {query: async (sql, params) => await this.run(sql, params ?? [], 'object') as Record<string, unknown>[]}
    }

    /**
     * The indexed head the request's answer is of (its snapshot's first read): null when nothing is
     * indexed, undefined when the request read nothing from the database.
     */
    snapshotHead(): IndexHead | null | undefined {
        return this.head
    }

    /** The request's transaction, its snapshot taken by reading the indexed head: the answer and its head agree. */
    private async begin(): Promise<PoolClient> {
        const client = await begin(this.options.pool, this.options.budgetMs)
        if (!this.options.readsHead) return client
        try {
            this.head = await readHead(client)
            return client
        } catch (err) {
            await client.query('ROLLBACK').then(() => client.release(), e => client.release(e instanceof Error ? e : true))
            throw err
        }
    }

    /** Ends the transaction, if the request opened one. */
    async close(): Promise<void> {
        this.closed = true
        // after the statements under way (a resolver may still read when a sibling's error ended the request)
        await this.connection(() => this.end())
    }

    private async end(): Promise<void> {
        const pending = this.client
        this.client = undefined
        if (pending == null) return
        let client: PoolClient
        try {
            client = await pending
        } catch {
            return // never connected: nothing to end
        }
        try {
            await client.query('ROLLBACK') // read-only: nothing to commit
            client.release()
        } catch (err) {
            client.release(err instanceof Error ? err : true)
        }
    }

    /** The request's statements go out one at a time (resolvers read side by side, through one transaction). */
    private run(sql: string, params: unknown[], rowMode: 'array' | 'object'): Promise<unknown[]> {
        return this.connection(() => this.runNow(sql, params, rowMode))
    }

    private async runNow(sql: string, params: unknown[], rowMode: 'array' | 'object'): Promise<unknown[]> {
        if (this.closed) throw new Error('the request already ended')
        const client = await (this.client ??= this.begin())
        const remaining = this.deadline - Date.now()
        if (remaining <= 0) throw budgetExceeded(this.options.budgetMs)
        if (this.options.budgetMs - remaining > this.options.budgetMs / 4 && remaining < this.timeoutMs) {
            this.timeoutMs = remaining
            await client.query(`SET LOCAL statement_timeout = ${remaining}`)
        }
        const result = await client.query({...prepared(client, sql), ...(rowMode === 'array' ? {rowMode: 'array'} : {})}, params)
        return result.rows
    }
}

/** Statements prepared on one connection at most: beyond them a query shape runs unprepared (a client can send endless shapes). */
const MAX_PREPARED = 256
const preparedOn = new WeakMap<PoolClient, Set<string>>()

/**
 * The statement for `sql` on `client`: named after its text's hash, so that the connection parses and
 * plans it once and re-runs it (the generated API repeats a few shapes with new parameters), while the
 * connection holds fewer than MAX_PREPARED; unnamed afterwards.
 */
function prepared(client: PoolClient, sql: string): QueryConfig {
    const name = 'abst_' + createHash('sha1').update(sql).digest('hex').slice(0, 24)
    let names = preparedOn.get(client)
    if (names == null) preparedOn.set(client, names = new Set())
    if (!names.has(name)) {
        if (names.size >= MAX_PREPARED) return {text: sql}
        names.add(name)
    }
    return {name, text: sql}
}

async function begin(pool: Pool, budgetMs: number): Promise<PoolClient> {
    const client = await pool.connect()
    try {
        await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = ${budgetMs}`)
        return client
    } catch (err) {
        client.release(err instanceof Error ? err : true)
        throw err
    }
}

/** Runs `fn` in a read-only transaction of its own, within `budgetMs`. */
export async function inTransaction<T>(pool: Pool, budgetMs: number, fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await begin(pool, budgetMs)
    let result: T
    try {
        result = await fn(client)
    } catch (err) {
        await client.query('ROLLBACK').then(() => client.release(), e => client.release(e instanceof Error ? e : true))
        throw err
    }
    await client.query('ROLLBACK').then(() => client.release(), e => client.release(e instanceof Error ? e : true))
    return result
}
