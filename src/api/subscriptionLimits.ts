import {buildClientSchema, getIntrospectionQuery, GraphQLSchema, IntrospectionQuery, parse} from 'graphql'
import {check, DEFAULT_LIMITS} from './queryLimits'
import {Screen} from './wsRelay'

interface SubscribeMessage {
    id?: unknown
    type?: unknown
    payload?: {query?: unknown; variables?: unknown; operationName?: unknown}
}

/**
 * Holds graphql-ws `subscribe` messages (subscriptions, and queries sent over the socket) to the
 * depth, alias and complexity limits HTTP requests get from server-extension/check.ts. A refused one
 * is answered with the protocol's `error` message for its id, as if the server had refused it; any
 * other message, or one that does not parse, goes on to the server, which answers it as usual.
 */
export function screenSubscriptions(schema: GraphQLSchema): Screen {
    return message => {
        let m: SubscribeMessage
        try {
            m = JSON.parse(message) as SubscribeMessage
        } catch {
            return null
        }
        if (m?.type !== 'subscribe' || typeof m.payload?.query !== 'string') return null
        let refusal: string | null
        try {
            const variables = m.payload.variables
            const operationName = m.payload.operationName
            refusal = check(parse(m.payload.query, {noLocation: true}), DEFAULT_LIMITS, {
                schema,
                variables: variables != null && typeof variables === 'object' ? variables as Record<string, unknown> : null,
                operationName: typeof operationName === 'string' ? operationName : null,
            })
        } catch {
            return null // a syntax error: the server names it
        }
        return refusal == null ? null : {reply: JSON.stringify({id: m.id, type: 'error', payload: [{message: refusal}]})}
    }
}

/** The schema the server on `url` serves, from its introspection: the checks need it to tell lists from objects. */
export async function fetchSchema(url: string): Promise<GraphQLSchema> {
    const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: getIntrospectionQuery()})})
    const body = await res.json() as {data?: IntrospectionQuery; errors?: {message: string}[]}
    if (body.data == null) throw new Error(`introspection of ${url} failed: HTTP ${res.status} ${JSON.stringify(body.errors)}`)
    return buildClientSchema(body.data)
}
