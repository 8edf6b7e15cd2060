import os from 'os'
import {Gauge, Registry} from 'prom-client'
import prometheusServer = require('@subsquid/util-internal-prometheus-server')
import {describe, expect, it} from 'vitest'
import {redactUrlLabels, serveProcessorMetrics} from '../../src/metrics'

describe('.redactUrlLabels()', () => {
    describe('when a url label carries credentials, a key in the path and a query', () => {
        it('should keep only the origin', () => {
            expect(redactUrlLabels('sqd_rpc_request_count{url="https://user:pw@node.example:8443/v2/SECRET?apikey=K",kind="success"} 3'))
                .toBe('sqd_rpc_request_count{url="https://node.example:8443",kind="success"} 3')
        })
    })
})

describe('.serveProcessorMetrics()', () => {
    describe('when the processor starts its metrics server', () => {
        it('should listen on the configured host only and print no API key', async () => {
            serveProcessorMetrics({host: '127.0.0.1', port: 0})
            const registry = new Registry()
            const gauge = new Gauge({name: 'sqd_rpc_request_count', help: 'requests', labelNames: ['url', 'kind'], registers: [registry]})
            gauge.set({url: 'https://node.example/v2/SECRET?apikey=K', kind: 'success'}, 7)
            const server = await prometheusServer.createPrometheusServer(registry, 0)
            try {
                const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text()
                expect(text).toContain('sqd_rpc_request_count{url="https://node.example",kind="success"} 7')
                expect(text).not.toContain('SECRET')
                expect(text).not.toContain('apikey')
                // another interface of this machine (IPv6 loopback where it has no other)
                const external = Object.values(os.networkInterfaces()).flat().find(i => i != null && !i.internal && i.family === 'IPv4')
                const other = external ? external.address : '[::1]'
                expect(await fetch(`http://${other}:${server.port}/metrics`).then(() => 'answered', () => 'refused')).toBe('refused')
            } finally {
                await server.close()
            }
        })
    })
})
