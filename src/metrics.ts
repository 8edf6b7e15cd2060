import * as http from 'http'
import type {AddressInfo} from 'net'
import type {Registry} from 'prom-client'
import prometheusServer = require('@subsquid/util-internal-prometheus-server')

interface ListeningServer {
    readonly port: number
    close(): Promise<void>
}

/** Where the processor's Prometheus metrics listen (METRICS_HOST, PROCESSOR_PROMETHEUS_PORT). */
export interface MetricsSettings {
    host: string
    /** 0: a free port, named in the indexer's log */
    port: number
}

/**
 * Serves the processor's metrics on `settings.host` instead of every interface, with each `url` label
 * cut to the URL's origin: the SDK labels its RPC counters with the endpoint's path and query, where
 * hosted nodes carry the API key. The SDK has no setting for either, so its one server factory
 * (@subsquid/util-internal-prometheus-server, called when the processor starts) is replaced; call
 * this before the processor runs.
 */
export function serveProcessorMetrics(settings: MetricsSettings): void {
    const factory = prometheusServer as {createPrometheusServer: (registry: Registry, port?: number | string) => Promise<ListeningServer>}
    factory.createPrometheusServer = registry => listen(registry, settings)
}

/** `url="…"` labels as origins only (scheme, host and port): no credentials, path or query. */
export function redactUrlLabels(text: string): string {
    return text.replace(/url="([^"]*)"/g, (_, url: string) => `url="${originOf(url)}"`)
}

function originOf(url: string): string {
    try {
        return new URL(url).origin
    } catch {
        return 'unparsable'
    }
}

function listen(registry: Registry, settings: MetricsSettings): Promise<ListeningServer> {
    const server = http.createServer((req, res) => {
        if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== '/metrics') {
            res.writeHead(404, {'content-type': 'text/plain'}).end('not found: the metrics are at /metrics')
            return
        }
        registry.metrics().then(
            text => res.writeHead(200, {'content-type': registry.contentType}).end(redactUrlLabels(text)),
            (err: unknown) => res.writeHead(500, {'content-type': 'text/plain'}).end(`metrics failed: ${err instanceof Error ? err.message : String(err)}`),
        )
    })
    return new Promise((resolve, reject) => {
        server.once('error', reject).listen(settings.port, settings.host, () => resolve({
            port: (server.address() as AddressInfo).port,
            close: () => new Promise<void>((done, fail) => server.close(err => err ? fail(err) : done())),
        }))
    })
}
