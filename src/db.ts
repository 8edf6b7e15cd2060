import {createOrmConfig} from '@subsquid/typeorm-config'
import {createConnectionOptions} from '@subsquid/typeorm-config/lib/connectionOptions'
import {PoolConfig} from 'pg'
import {DataSource} from 'typeorm'
import {redactUrl} from './config'
import {OperatorError} from './errors'

/** Where the database is, for messages: host, port and name, never the password. */
export function describeDatabase(): string {
    const o = createConnectionOptions()
    return o.url != null ? redactUrl(o.url) : `postgres://${o.username}@${o.host}:${o.port}/${o.database}`
}

export async function withDataSource<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
    const ds = new DataSource({...createOrmConfig(), subscribers: [], synchronize: false, migrationsRun: false, logging: false})
    await ds.initialize()
    try {
        return await fn(ds)
    } finally {
        await ds.destroy().catch(() => undefined)
    }
}

export async function applyMigrations(): Promise<number> {
    return withDataSource(async ds => (await ds.runMigrations({transaction: 'all'})).length)
}

/** The migrations of this build the database has not had yet (reads only: the API calls it too). */
export async function pendingMigrations(): Promise<string[]> {
    return withDataSource(async ds => {
        const [table] = await ds.query(`SELECT to_regclass('migrations') AS t`) as {t: string | null}[]
        const rows = table?.t == null ? [] : await ds.query('SELECT name FROM migrations') as {name: string}[]
        const applied = new Set(rows.map(r => r.name))
        return ds.migrations.map(m => m.name ?? m.constructor.name).filter(name => !applied.has(name))
    })
}

export class ChainMismatchError extends OperatorError {}

/**
 * Records the chain this database indexes, or refuses when it already holds another chain
 * with the same id: two histories must never mix.
 */
export async function guardChain(chainId: number, genesisHash: string, startBlock: number): Promise<void> {
    await withDataSource(async ds => {
        const rows: {genesis_hash: string}[] = await ds.query('SELECT genesis_hash FROM chain WHERE id = $1', [String(chainId)])
        const known = rows[0]
        if (known == null) {
            await ds.query('INSERT INTO chain (id, genesis_hash, first_indexed_block) VALUES ($1, $2, $3)', [String(chainId), genesisHash, startBlock])
            return
        }
        if (known.genesis_hash !== genesisHash) {
            throw new ChainMismatchError(
                `The database ${describeDatabase()} holds chain ${chainId} with genesis ${known.genesis_hash}, ` +
                `but the RPC serves a chain whose genesis is ${genesisHash}. Refusing to mix two chains. ` +
                `Point DB_URL at an empty database, or reset this one with \`npm run reindex\` (drops all indexed data).`,
            )
        }
    })
}

/** Drops every indexed row and the processor's progress, then recreates the schema. */
export async function resetDatabase(): Promise<void> {
    await withDataSource(async ds => {
        await ds.query('DROP SCHEMA IF EXISTS squid_processor CASCADE')
        await ds.query('DROP SCHEMA public CASCADE')
        await ds.query('CREATE SCHEMA public')
    })
    await applyMigrations()
}

/** node-postgres settings for the same database, for readers outside TypeORM (the export endpoints). */
export function poolConfig(): PoolConfig {
    const o = createConnectionOptions()
    return o.url != null ? {connectionString: o.url} : {host: o.host, port: o.port, database: o.database, user: o.username, password: o.password}
}

export class DeepReorgError extends OperatorError {}

/**
 * The block the processor last finalized must still be on the chain. When it is not, the chain
 * reorganised deeper than FINALITY_CONFIRMATION: no indexer can roll that back (Subsquid would stop
 * with "already indexed block … was not found on chain"); say so, and how to recover.
 */
export async function guardFinalized(blockHash: (height: number) => Promise<string | null>): Promise<void> {
    const rows: {height: number; hash: string}[] = await withDataSource(async ds => {
        const exists: {t: string | null}[] = await ds.query(`SELECT to_regclass('squid_processor.status') AS t`)
        return exists[0]?.t == null ? [] : ds.query('SELECT height, hash FROM squid_processor.status WHERE id = 0')
    })
    const status = rows[0]
    if (status == null || status.height < 0) return
    const onChain = await blockHash(status.height)
    if (onChain === status.hash) return
    throw new DeepReorgError(
        `The chain reorganised deeper than the finality setting: block ${status.height} was indexed as final with hash ${status.hash}, ` +
        `but the chain now has ${onChain == null ? 'no such block' : `hash ${onChain}`} there. The index cannot be rolled back that far. ` +
        `Recover with \`npm run reindex\` (drops the index; the next start rebuilds it from START_BLOCK), and consider a larger FINALITY_CONFIRMATION.`,
    )
}
