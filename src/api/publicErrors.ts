import {randomUUID} from 'crypto'
import {GraphQLError} from 'graphql'

// What a client may read of a failure. A user's mistake says what was wrong with which argument;
// an unavailable database or an exhausted budget says so; anything else is an error id, with the
// details in the API's log under that id. No stack, SQL, parameter, path or driver text in any mode.

export const CODE = {
    badUserInput: 'BAD_USER_INPUT',
    timeout: 'REQUEST_TIMEOUT',
    unavailable: 'SERVICE_UNAVAILABLE',
    internal: 'INTERNAL_SERVER_ERROR',
} as const

type PublicCode = typeof CODE[keyof typeof CODE]

/** An error whose message is meant for the client as it is. */
export function publicError(code: PublicCode, message: string): GraphQLError {
    const err = new GraphQLError(message, undefined, undefined, undefined, undefined, undefined, {code})
    // a public error is about the request, never about where the server was when it found it
    err.stack = undefined
    return err
}

export const userInputError = (message: string) => publicError(CODE.badUserInput, message)

export function budgetExceeded(budgetMs: number): GraphQLError {
    return publicError(CODE.timeout, `the request exceeded its database time budget of ${budgetMs} ms: ask for fewer rows or a narrower filter`)
}

const CONNECTION_LOST = /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i
const QUERY_CANCELED = '57014'

/** The public form of a failure thrown while executing: itself when already public, else classified or masked. */
export function toPublic(err: unknown, log: (id: string, err: unknown) => void, requestTimeoutMs: number): GraphQLError {
    const original = err instanceof GraphQLError && err.originalError != null ? err.originalError : err
    if (original instanceof GraphQLError && isPublic(original)) return withLocation(original, err)
    // graphql-js's own refusal of an argument while executing ("Argument "limit" of non-null type "Int!" must not be null.")
    if (original instanceof GraphQLError && original !== err && original.originalError == null) return withLocation(userInputError(original.message), err)
    if (err instanceof GraphQLError && !isServerFailure(original)) {
        // about the request itself: its syntax, validation, a variable's coercion (no path: nothing ran yet)
        if (err.originalError == null || err.path == null) return requestError(err)
    }
    // openreader's own refusals (apollo's UserInputError: "response might exceed the size limit")
    if (original instanceof Error && (original as {extensions?: {code?: unknown}}).extensions?.code === CODE.badUserInput) {
        return withLocation(userInputError(original.message), err)
    }
    const code = (original as {code?: unknown} | null)?.code
    if (code === QUERY_CANCELED) return withLocation(budgetExceeded(requestTimeoutMs), err)
    if (original instanceof Error && CONNECTION_LOST.test(original.message)) {
        return withLocation(publicError(CODE.unavailable, 'the database is unavailable; retry shortly'), err)
    }
    const id = randomUUID()
    log(id, original)
    const masked = publicError(CODE.internal, `internal error ${id} (the API's log has the details under this id)`)
    masked.extensions!.errorId = id
    return withLocation(masked, err)
}

/** A failure of the database, its driver or the network: never the request's fault as such. */
function isServerFailure(err: unknown): boolean {
    if (!(err instanceof Error) || err instanceof GraphQLError) return false
    const e = err as {code?: unknown; severity?: unknown; errno?: unknown}
    return typeof e.code === 'string' || e.severity != null || e.errno != null || err instanceof RangeError
}

/** A request error as graphql-js words it, without the stack or the error it wraps. */
function requestError(err: GraphQLError): GraphQLError {
    // yoga copies the wrapped error (a JSON parser's message, say) into the extensions: not for clients
    const {originalError: _wrapped, ...extensions} = err.extensions ?? {}
    const out = new GraphQLError(err.message, err.nodes, err.source, err.positions, err.path, undefined, extensions)
    out.stack = undefined
    return out
}

function isPublic(err: GraphQLError): boolean {
    const code = err.extensions?.code
    return typeof code === 'string' && (Object.values(CODE) as string[]).includes(code) && code !== CODE.internal
}

/** Keeps where in the query the failure happened (the path of the field), never where in the server. */
function withLocation(pub: GraphQLError, at: unknown): GraphQLError {
    if (!(at instanceof GraphQLError) || (at.path == null && at.nodes == null) || pub === at) return pub
    const located = new GraphQLError(pub.message, at.nodes, at.source, at.positions, at.path, undefined, pub.extensions)
    located.stack = undefined
    return located
}
