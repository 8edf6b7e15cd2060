import {Pool, PoolClient} from 'pg'

/** The last block the indexer committed: a finalized one or the newest hot (unfinalized) one. */
export interface IndexHead {
    height: number
    hash: string
}

export const HEAD_SQL = `SELECT height, hash FROM squid_processor.hot_block
    UNION ALL SELECT height, hash FROM squid_processor.status WHERE id = 0
    ORDER BY height DESC LIMIT 1`

// Prepared once per connection (named): the hottest statement of the API.
const HEAD_QUERY = {name: 'abst_index_head', text: HEAD_SQL}

/**
 * Reads the indexed head for requests, one query for all the requests waiting at once: a caller gets
 * the result of a query that started after it asked (never an older one), so an answer keyed by it is
 * never staler than the request.
 */
export class IndexHeadReader {
    private running: Promise<IndexHead | null> | undefined
    private queued: Promise<IndexHead | null> | undefined

    constructor(private readonly pool: Pool) {}

    current(): Promise<IndexHead | null> {
        if (this.queued) return this.queued
        if (this.running == null) return this.start()
        const after = this.running.catch(() => null)
        this.queued = after.then(() => {
            this.queued = undefined
            return this.start()
        })
        return this.queued
    }

    private start(): Promise<IndexHead | null> {
        const run = readHead(this.pool).finally(() => {
            if (this.running === run) this.running = undefined
        })
        this.running = run
        return run
    }
}

/** null before the indexer's first commit (its status tables do not exist yet, or hold no block). */
export async function readHead(db: Pool | PoolClient): Promise<IndexHead | null> {
    try {
        const {rows} = await db.query<{height: string; hash: string}>(HEAD_QUERY)
        const row = rows[0]
        return row == null || Number(row.height) < 0 ? null : {height: Number(row.height), hash: row.hash}
    } catch (err) {
        if ((err as {code?: string}).code === UNDEFINED_TABLE) return null
        throw err
    }
}

const UNDEFINED_TABLE = '42P01'
