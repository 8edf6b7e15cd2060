import {Client} from 'pg'

// How the API tells a running indexer from a stopped one: the indexer holds a session-level advisory
// lock on a connection of its own for as long as its process lives. Postgres releases it when that
// process exits or its connection drops, whatever the cause (a crash, a deep reorg, a kill).

/** 'abst' as a number: pg_locks shows it as classid 0, objid INDEXER_LOCK_KEY, objsubid 1. */
export const INDEXER_LOCK_KEY = 0x61627374

/**
 * Takes the presence lock on a connection kept until the process exits; false when another indexer
 * of this database holds it already (then readiness follows that one).
 */
export async function holdIndexerPresence(config: ConstructorParameters<typeof Client>[0], warn: (m: string) => void): Promise<boolean> {
    const client = new Client(config)
    client.on('error', err => warn(`the indexer's presence lock connection dropped (${err.message}): the API reports the indexer stopped until it restarts`))
    await client.connect()
    const {rows} = await client.query<{held: boolean}>('SELECT pg_try_advisory_lock($1) AS held', [INDEXER_LOCK_KEY])
    if (!rows[0]!.held) await client.end()
    return rows[0]!.held
}

/** Whether some session of this database holds the presence lock: an indexer is running. */
export const INDEXER_RUNNING_SQL = `SELECT EXISTS (
    SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
    WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = ${INDEXER_LOCK_KEY} AND l.objsubid = 1 AND l.granted
      AND d.datname = current_database()) AS running`
