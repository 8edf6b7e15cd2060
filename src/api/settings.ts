import {ConfigError, parseNat, readEnvironment} from '../config'

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

export function apiSettings(env: Env = process.env): ApiSettings {
    const production = env.NODE_ENV === 'production'
    return {
        port: parseNat('GQL_PORT', env.GQL_PORT, 4350),
        host: parseHost('API_HOST', env.API_HOST, '127.0.0.1'),
        graphiql: parseBool('API_GRAPHIQL', env.API_GRAPHIQL, !production),
        introspection: parseBool('API_INTROSPECTION', env.API_INTROSPECTION, !production),
        corsOrigins: parseOrigins('API_CORS_ORIGINS', env.API_CORS_ORIGINS),
        maxConcurrentRequests: positive('API_MAX_CONCURRENT_REQUESTS', env.API_MAX_CONCURRENT_REQUESTS, 64),
        requestTimeoutMs: positive('API_REQUEST_TIMEOUT_MS', env.API_REQUEST_TIMEOUT_MS, 10_000),
        dbPoolSize: positive('API_DB_POOL_SIZE', env.API_DB_POOL_SIZE, 8),
        maxSubscriptionsPerConnection: positive('API_MAX_SUBSCRIPTIONS_PER_CONNECTION', env.API_MAX_SUBSCRIPTIONS_PER_CONNECTION, 200),
        subscriptionPollMs: positive('API_SUBSCRIPTION_POLL_MS', env.API_SUBSCRIPTION_POLL_MS, 1000),
        cacheBytes: parseNat('API_CACHE_MB', env.API_CACHE_MB, 64) * 1024 * 1024,
        rpcUrl: readEnvironment(env).RPC_ETH_HTTP,
        readyMaxLag: parseNat('API_READY_MAX_LAG', env.API_READY_MAX_LAG, 10),
    }
}

function positive(name: string, value: string | undefined, fallback: number): number {
    const n = parseNat(name, value, fallback)
    if (n === 0) throw new ConfigError(`${name}="${value}" must be at least 1`)
    return n
}

export function parseBool(name: string, value: string | undefined, fallback: boolean): boolean {
    if (value == null || value.trim() === '') return fallback
    const v = value.trim().toLowerCase()
    if (['1', 'true', 'yes', 'on'].includes(v)) return true
    if (['0', 'false', 'no', 'off'].includes(v)) return false
    throw new ConfigError(`${name}="${value}" is not a boolean (true/false, 1/0, yes/no, on/off)`)
}

function parseHost(name: string, value: string | undefined, fallback: string): string {
    if (value == null || value.trim() === '') return fallback
    const v = value.trim()
    if (!/^[A-Za-z0-9.:\-[\]]+$/.test(v)) throw new ConfigError(`${name}="${value}" is not a host name or IP address`)
    return v
}

/** Comma-separated origins (scheme://host[:port]), or * for any. */
export function parseOrigins(name: string, value: string | undefined): string[] {
    if (value == null || value.trim() === '') return []
    return value.split(',').map(s => s.trim()).filter(s => s !== '').map(o => {
        if (o === '*') return o
        let url: URL
        try {
            url = new URL(o)
        } catch {
            throw new ConfigError(`${name} contains "${o}", which is not an origin such as https://dashboard.example.com`)
        }
        if (url.origin !== o) throw new ConfigError(`${name} contains "${o}", which is not an origin (scheme://host[:port], no path): did you mean ${url.origin}?`)
        return o
    })
}
