import {IndexDigest, indexDigest} from './digest'
import {createDatabaseOn, startIndexer, TestDatabase, waitForHead} from './testStack'

/**
 * A fresh index of the chain as it is now, in a new database on `serverUrl`: the indexer straight on
 * the node (no faults, no restarts, no reorgs), run to the head. `env` configures the indexer (its
 * DB_URL and RPC_ETH_HTTP are replaced). The caller drops the database.
 */
export async function buildCleanIndex(serverUrl: string, rpcUrl: string, env: NodeJS.ProcessEnv): Promise<TestDatabase> {
    const db = await createDatabaseOn(serverUrl)
    try {
        const run = await startIndexer({...env, RPC_ETH_HTTP: rpcUrl, DB_URL: db.url}, false)
        try {
            await waitForHead(rpcUrl, db.url)
        } finally {
            await run.stop()
        }
        return db
    } catch (e) {
        await db.stop()
        throw e
    }
}

/** The digest of a fresh index of the chain as it is now (see buildCleanIndex); its database is dropped. */
export async function cleanIndexDigest(serverUrl: string, rpcUrl: string, env: NodeJS.ProcessEnv): Promise<IndexDigest> {
    const db = await buildCleanIndex(serverUrl, rpcUrl, env)
    try {
        return await indexDigest(db.url)
    } finally {
        await db.stop()
    }
}
