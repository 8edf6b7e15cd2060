import {Client, createClient} from 'graphql-ws'

// The page's only access to data: the public GraphQL API, over HTTP for queries and over the
// graphql-ws websocket (same port, same path) for the live head. Nothing here needs introspection.

export const GRAPHQL_PATH = '/graphql'

/** Why a query has no answer: the API could not be reached, or it answered with errors (their messages). */
export class ApiError extends Error {
    constructor(readonly kind: 'unreachable' | 'query', message: string) {
        super(message)
    }
}

interface GraphQLAnswer<T> {
    data?: T | null
    errors?: {message: string}[]
}

/** Runs a query over HTTP POST; throws ApiError. */
export async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response
    try {
        res = await fetch(GRAPHQL_PATH, {method: 'POST', headers: {'content-type': 'application/json', accept: 'application/json'}, body: JSON.stringify({query: text, variables})})
    } catch {
        throw new ApiError('unreachable', `the API at ${location.origin}${GRAPHQL_PATH} is unreachable`)
    }
    let body: GraphQLAnswer<T>
    try {
        body = await res.json() as GraphQLAnswer<T>
    } catch {
        throw new ApiError(res.status >= 500 ? 'unreachable' : 'query', `the API answered HTTP ${res.status} without a GraphQL answer`)
    }
    if (body.errors?.length) throw new ApiError('query', body.errors.map(e => e.message).join('; '))
    if (body.data == null) throw new ApiError('query', `the API answered HTTP ${res.status} without data`)
    return body.data
}

export interface LiveHandlers<T> {
    next: (data: T) => void
    /** the websocket is open (again) */
    connected: () => void
    /** the websocket closed or the subscription failed; the client reconnects by itself */
    lost: (message: string) => void
}

/** Subscribes to `text` over the websocket, reconnecting forever; returns the client (dispose() ends it). */
export function subscribe<T>(text: string, on: LiveHandlers<T>): Client {
    const client = createClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        on: {connected: on.connected, closed: () => on.lost('the live connection closed; reconnecting…')},
    })
    const start = (): void => void client.subscribe<T>({query: text}, {
        next: r => {
            if (r.errors?.length) on.lost(r.errors.map(e => e.message).join('; '))
            else if (r.data) on.next(r.data)
        },
        error: err => {
            on.lost(err instanceof Error ? err.message : 'the live subscription failed')
            setTimeout(start, 2000)
        },
        complete: () => undefined,
    })
    start()
    return client
}
