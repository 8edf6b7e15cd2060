import {Client} from 'pg'

export interface IndexStatus {
    height: number
    hash: string
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>

/**
 * The last block the processor committed, or null on a database it has never written. Unfinalized
 * (hot) blocks live in their own table; the status row holds the last finalized one.
 */
export async function indexStatus(query: Query): Promise<IndexStatus | null> {
    const exists = await query(`SELECT to_regclass('squid_processor.status') AS t`)
    if (exists[0]?.t == null) return null
    const row = (await query(`SELECT height, hash FROM squid_processor.hot_block
        UNION ALL SELECT height, hash FROM squid_processor.status WHERE id = 0
        ORDER BY height DESC LIMIT 1`))[0]
    return row == null || Number(row.height) < 0 ? null : {height: Number(row.height), hash: String(row.hash)}
}

export async function readIndexStatus(dbUrl: string): Promise<IndexStatus | null> {
    const client = new Client({connectionString: dbUrl})
    await client.connect()
    try {
        return await indexStatus(async sql => (await client.query(sql)).rows)
    } finally {
        await client.end()
    }
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
    const res = await fetch(url, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({jsonrpc: '2.0', id: 1, method, params}),
    })
    const body = await res.json() as {result?: T; error?: {message: string}}
    if (body.error) throw new Error(`${method}: ${body.error.message}`)
    return body.result as T
}

/** Waits until the index has reached `height` (or the deadline passes). */
export async function waitForIndex(dbUrl: string, height: number, timeoutMs: number): Promise<IndexStatus> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
        const s = await readIndexStatus(dbUrl).catch(() => null)
        if (s && s.height >= height) return s
        if (Date.now() > deadline) throw new Error(`index did not reach block ${height} within ${timeoutMs} ms (at ${s?.height ?? 'nothing'})`)
        await new Promise(r => setTimeout(r, 200))
    }
}
