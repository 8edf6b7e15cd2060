import http from 'http'
import {Logger} from '@subsquid/logger'
import {GraphQLSchema} from 'graphql'
import {CORSOptions, createYoga, Plugin} from 'graphql-yoga'
import {useServer} from 'graphql-ws/use/ws'
import LRUCache from 'lru-cache'
import {Pool} from 'pg'
import {WebSocketServer} from 'ws'
import {answerAfterBody, bodyTooLarge, declaredTooLarge, MAX_BODY_BYTES, refuseBody} from './bodyLimit'
import {dashboardHandler} from './dashboard'
import {ExportHandler} from './front'
import {Readiness} from './health'
import {IndexHead, IndexHeadReader} from './indexHead'
import {HeadWatch} from './liveQuery'
import {MAX_RESPONSE_NODES} from './queryLimits'
import {CODE, toPublic, userInputError} from './publicErrors'
import {requestGuards} from './requestGuards'
import {RequestDb} from './requestDb'
import {ApiSettings} from './settings'
import {lowercaseAddresses} from './addresses'

export interface ApiServerOptions {
    settings: ApiSettings
    schema: GraphQLSchema
    pool: Pool
    exports: ExportHandler
    readiness: Readiness
    log: Logger
}

/** Header of every GraphQL answer: the indexed block it was computed at, so a client can see staleness. */
export const HEIGHT_HEADER = 'x-indexed-height'

/**
 * The API: one HTTP server on one port with GraphQL (graphql-yoga) at /graphql, subscriptions over
 * the websocket on the same path (graphql-ws), /healthz, /readyz, the CSV exports under /export/ and
 * the dashboard at / and /dashboard (static files over the same public API).
 */
export function createApiServer(o: ApiServerOptions): http.Server {
    const {settings, schema, pool, log} = o
    const heads = new IndexHeadReader(pool)
    const watch = new HeadWatch(() => heads.current(), settings.subscriptionPollMs, err => log.warn(`looking for the indexed head failed: ${String(err)}`))
    const publicize = (err: unknown) => toPublic(err, (id, e) => log.error({err: e, errorId: id}, `internal error ${id}`), settings.requestTimeoutMs)
    const newDb = (readsHead = false) => new RequestDb({pool, budgetMs: settings.requestTimeoutMs, maxResponseNodes: MAX_RESPONSE_NODES, heads: watch, publicize, readsHead})
    const graphqlPath = '/graphql'
    const yoga = createYoga<{openreader: RequestDb; transport?: 'websocket'}>({
        schema,
        graphqlEndpoint: graphqlPath,
        graphiql: settings.graphiql ? {title: 'abst-squid', subscriptionsProtocol: 'WS'} : false,
        landingPage: false,
        logging: false,
        cors: corsPolicy(settings.corsOrigins),
        maskedErrors: {isDev: false, maskError: publicize},
        // bounded by our own response cache instead; an unbounded parse cache was how persisted queries grew memory
        parserAndValidationCache: false,
        batching: false,
        plugins: [...requestGuards({introspection: settings.introspection}), lowercaseAddresses(), refusePersistedQueries(), subscriptionsOnlyOverWebsocket(settings),
            ...(settings.corsOrigins.length > 0 ? [varyByOrigin()] : [])],
    })

    // the answer with yoga's headers (CORS among them), as the first client got it
    const cache = settings.cacheBytes > 0
        ? new LRUCache<string, CachedAnswer>({maxSize: settings.cacheBytes, sizeCalculation: (v, k) => v.text.length + k.length + JSON.stringify(v.headers).length})
        : undefined
    let inFlight = 0
    const dashboard = dashboardHandler()

    const graphql = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
        if (inFlight >= settings.maxConcurrentRequests) {
            answerAfterBody(req, res, 503, {'content-type': 'application/json; charset=utf-8', 'retry-after': '1'},
                JSON.stringify({errors: [{message: `the API is answering its limit of ${settings.maxConcurrentRequests} requests at once; retry shortly`, extensions: {code: CODE.unavailable}}]}))
            return
        }
        inFlight++
        try {
            const body = req.method === 'POST' ? await readBody(req, res) : undefined
            if (body === null) return
            let head: IndexHead | null
            try {
                head = await heads.current()
            } catch (err) {
                sendJson(res, 503, {errors: [publicize(err)]}, null)
                return
            }
            const cacheable = cache != null && (req.method === 'POST' || req.method === 'GET') && !acceptsHtml(req)
            // the origin too: the cached headers hold the CORS answer to that origin
            const key = cacheable && head ? `${head.height}:${head.hash}\n${req.method}\n${url.search}\n${req.headers.accept ?? ''}\n${req.headers.origin ?? ''}\n${body?.toString('utf8') ?? ''}` : undefined
            const hit = key && cache?.get(key)
            if (hit) {
                res.writeHead(200, {...hit.headers, [HEIGHT_HEADER]: String(head!.height)})
                res.end(hit.text)
                return
            }
            // once something is indexed the head's tables exist: the request's snapshot can read it
            const db = newDb(head != null)
            let response: Response
            try {
                response = await yoga.fetch(new URL(req.url ?? '/', 'http://localhost'), {method: req.method, headers: headersOf(req), body: body?.toString('utf8')}, {openreader: db})
            } finally {
                await db.close()
            }
            const text = await response.text()
            const headers: Record<string, string> = {}
            response.headers.forEach((v, k) => headers[k] = v)
            // the indexer may commit between the head read above and the request's snapshot: the answer is of the snapshot's head
            const seen = db.snapshotHead()
            const answeredAt = seen === undefined ? head : seen
            const sameHead = answeredAt?.height === head?.height && answeredAt?.hash === head?.hash
            if (key && sameHead && response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('application/json') && !text.includes('"errors"')) cache?.set(key, {text, headers})
            res.writeHead(response.status, answeredAt ? {...headers, [HEIGHT_HEADER]: String(answeredAt.height)} : headers)
            res.end(text)
        } finally {
            inFlight--
        }
    }

    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost')
        const fail = (err: unknown) => {
            if (!res.headersSent) sendJson(res, 500, {errors: [publicize(err)]}, null)
            else res.destroy()
        }
        if (url.pathname.startsWith('/export/')) {
            o.exports(url, res).catch(err => {
                if (res.headersSent) return void res.destroy()
                res.writeHead(500, {'content-type': 'text/plain; charset=utf-8'})
                res.end(`export failed: ${publicize(err).message}\n`)
            })
        } else if (url.pathname === '/healthz') {
            sendJson(res, 200, {status: 'up'}, null)
        } else if (url.pathname === '/readyz') {
            o.readiness.check().then(r => sendJson(res, r.ready ? 200 : 503, r, null), fail)
        } else if (url.pathname === graphqlPath || (req.method === 'OPTIONS')) {
            graphql(req, res, url).catch(fail)
        } else if (!dashboard(req, res, url.pathname)) {
            sendJson(res, 404, {errors: [{message: `nothing at ${url.pathname}: GraphQL is at ${graphqlPath}, health at /healthz and /readyz, exports under /export/, the dashboard at /`}]}, null)
        }
    })
    server.on('clientError', (_err, socket) => socket.destroy())
    // longer than clients' and load balancers' idle timeouts: the server never closes a connection a client is about to reuse
    server.keepAliveTimeout = 65_000

    const wss = new WebSocketServer({server, path: graphqlPath, maxPayload: MAX_BODY_BYTES})
    const dbs = new Map<string, RequestDb>()
    useServer<Record<string, unknown>, {socket: unknown}>({
        onSubscribe: async (ctx, id, payload) => {
            if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
                return [userInputError(`this connection already holds ${settings.maxSubscriptionsPerConnection} operations, the most one websocket may; complete some or open another connection`)]
            }
            const db = newDb()
            const {schema: s, execute, subscribe, contextFactory, parse, validate} = yoga.getEnveloped({openreader: db, transport: 'websocket', params: payload})
            try {
                const args = {
                    schema: s, operationName: payload.operationName, document: parse(payload.query), variableValues: payload.variables,
                    contextValue: await contextFactory(), rootValue: {execute, subscribe},
                }
                const errors = validate(args.schema, args.document)
                if (errors.length > 0) {
                    await db.close()
                    return errors.map(publicize)
                }
                dbs.set(`${id}`, db)
                return args
            } catch (err) {
                await db.close()
                return [publicize(err)]
            }
        },
        execute: args => (args.rootValue as {execute: typeof import('graphql').execute}).execute(args),
        subscribe: args => (args.rootValue as {subscribe: typeof import('graphql').subscribe}).subscribe(args),
        onNext: (_ctx, _id, _payload, _args, result) => result.errors ? {...result, errors: result.errors.map(e => publicize(e).toJSON())} : undefined,
        onError: (_ctx, _id, _payload, errors) => errors.map(e => publicize(e).toJSON()),
        onComplete: async (_ctx, id) => {
            const db = dbs.get(id)
            dbs.delete(id)
            await db?.close()
        },
    }, wss)
    server.once('close', () => wss.close())
    return server
}

interface CachedAnswer {
    text: string
    headers: Record<string, string>
}

/**
 * The body, at most MAX_BODY_BYTES; null when refused (the answer is sent). Read by events, not
 * `for await`, whose early exit destroys the socket before the 413 reaches the client.
 */
function readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | null> {
    const declared = declaredTooLarge(req)
    if (declared) {
        refuseBody(req, res, declared)
        return Promise.resolve(null)
    }
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = []
        let size = 0
        const stop = () => {
            req.removeListener('data', onData)
            req.removeListener('end', onEnd)
            req.removeListener('error', reject)
            req.removeListener('close', onClose)
        }
        const onData = (chunk: Buffer) => {
            size += chunk.length
            if (size <= MAX_BODY_BYTES) return void chunks.push(chunk)
            stop()
            refuseBody(req, res, bodyTooLarge(MAX_BODY_BYTES, false))
            resolve(null)
        }
        const onEnd = () => {
            stop()
            resolve(Buffer.concat(chunks))
        }
        const onClose = () => {
            stop()
            reject(new Error('the client closed the connection before sending its whole body'))
        }
        req.on('data', onData)
        req.once('end', onEnd)
        req.once('error', reject)
        req.once('close', onClose)
    })
}

function headersOf(req: http.IncomingMessage): [string, string][] {
    const out: [string, string][] = []
    for (const [k, v] of Object.entries(req.headers)) {
        if (v == null) continue
        out.push([k, Array.isArray(v) ? v.join(', ') : v])
    }
    return out
}

const acceptsHtml = (req: http.IncomingMessage) => (req.headers.accept ?? '').includes('text/html')

function sendJson(res: http.ServerResponse, status: number, body: unknown, head: IndexHead | null): void {
    const headers: Record<string, string> = {'content-type': 'application/json; charset=utf-8'}
    if (head) headers[HEIGHT_HEADER] = String(head.height)
    res.writeHead(status, headers)
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

/**
 * CORS headers only for an allowed origin: any other gets none (yoga alone names the one allowed
 * origin, or "null", to every origin). The indexed height header is readable cross-origin.
 */
function corsPolicy(origins: string[]): false | ((request: Request) => CORSOptions) {
    if (origins.length === 0) return false
    const any = origins.includes('*')
    return request => {
        const origin = request.headers.get('origin')
        if (origin == null || !(any || origins.includes(origin))) return false
        // no cookies or HTTP auth: a browser need not send credentials, and is not told it may
        return {origin: any ? '*' : origin, methods: ['GET', 'POST'], exposedHeaders: [HEIGHT_HEADER], credentials: false}
    }
}

/** With CORS on, an answer's headers depend on its request's Origin: every answer says so, for shared caches. */
function varyByOrigin(): Plugin {
    return {
        onResponse({response}) {
            const vary = response.headers.get('vary')
            if (!vary?.split(',').some(v => v.trim().toLowerCase() === 'origin')) response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin')
        },
    }
}

/** Automatic persisted queries are not offered: a request that registers or names one is told to send the query text. */
function refusePersistedQueries(): Plugin {
    return {
        onParams({params, setResult}) {
            if ((params.extensions as {persistedQuery?: unknown} | undefined)?.persistedQuery != null) {
                setResult({errors: [userInputError('persisted queries are not supported: send the query text in "query" (without extensions.persistedQuery)')]})
            }
        },
    }
}

/** Subscriptions over HTTP would hold a request open per client outside the websocket's limits: refused, pointing at it. */
function subscriptionsOnlyOverWebsocket(settings: ApiSettings): Plugin<{transport?: 'websocket'}> {
    return {
        onSubscribe({args, setResultAndStopExecution}) {
            if (args.contextValue.transport === 'websocket') return
            setResultAndStopExecution({
                errors: [userInputError(`subscriptions are served over the websocket: connect to ws://<host>:${settings.port}/graphql with the graphql-transport-ws protocol (e.g. the graphql-ws client)`)],
            })
        },
    }
}
