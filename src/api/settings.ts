import {readEnvironment} from '../config'

/** The API's settings (README "Configuration"), validated at start: a bad value names its variable. */
export interface ApiSettings {
    port: number
    /** the interface the API listens on */
    host: string
    /** serve GraphiQL at /graphql to browsers */
    graphiql: boolean
    /** answer introspection queries */
    introspection: boolean
    /** origins allowed by CORS; empty: no CORS headers (same-origin only) */
    corsOrigins: string[]
    /** the most GraphQL requests handled at once; more are refused with 503 */
    maxConcurrentRequests: number
    /** the time one request may spend in the database, all of its statements together */
    requestTimeoutMs: number
    /** database connections of the GraphQL pool */
    dbPoolSize: number
    /** subscriptions one websocket may hold */
    maxSubscriptionsPerConnection: number
    /** how often subscriptions look whether the indexer committed a new block */
    subscriptionPollMs: number
    /** memory for cached answers */
    cacheBytes: number
    /** the node readiness compares the index with; unset: readiness reports no chain head */
    rpcUrl?: string
    /** blocks the index may trail the chain head and still be ready */
    readyMaxLag: number
}

/** How the API's database sessions name themselves (pg_stat_activity.application_name). */
export const API_APPLICATION_NAME = 'abst-api'

type Env = Record<string, string | undefined>

/** The API's settings from the environment, validated with every other variable (src/config.ts); throws ConfigError. */
export function apiSettings(env: Env = process.env): ApiSettings {
    const e = readEnvironment(env)
    const production = e.NODE_ENV === 'production'
    return {
        port: e.GQL_PORT ?? 4350,
        host: e.API_HOST ?? '127.0.0.1',
        graphiql: e.API_GRAPHIQL ?? !production,
        introspection: e.API_INTROSPECTION ?? !production,
        corsOrigins: e.API_CORS_ORIGINS,
        maxConcurrentRequests: e.API_MAX_CONCURRENT_REQUESTS ?? 64,
        requestTimeoutMs: e.API_REQUEST_TIMEOUT_MS ?? 10_000,
        dbPoolSize: e.API_DB_POOL_SIZE ?? 8,
        maxSubscriptionsPerConnection: e.API_MAX_SUBSCRIPTIONS_PER_CONNECTION ?? 200,
        subscriptionPollMs: e.API_SUBSCRIPTION_POLL_MS ?? 1000,
        cacheBytes: (e.API_CACHE_MB ?? 64) * 1024 * 1024,
        rpcUrl: e.RPC_ETH_HTTP,
        readyMaxLag: e.API_READY_MAX_LAG ?? 10,
    }
}
