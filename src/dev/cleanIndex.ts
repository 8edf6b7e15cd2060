import {IndexDigest, indexDigest} from './digest'
import {createDatabaseOn, startIndexer, waitForHead} from './testStack'

/**
 * The digest of a fresh index of the chain as it is now: a new database, the indexer straight on the
 * node (no faults, no restarts, no reorgs), run to the head, then the database is dropped.
 * `env` is the indexer's environment without DB_URL.
 */
export async function cleanIndexDigest(serverUrl: string, rpcUrl: string, env: NodeJS.ProcessEnv): Promise<IndexDigest> {
    const db = await createDatabaseOn(serverUrl)
    try {
        const run = await startIndexer({...env, RPC_ETH_HTTP: rpcUrl, DB_URL: db.url}, false)
        try {
            await waitForHead(rpcUrl, db.url)
        } finally {
            await run.stop()
        }
        return await indexDigest(db.url)
    } finally {
        await db.stop()
    }
}
