import http from 'http'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {ApiRun, createDatabaseOn, queryDb, runToExit, startApi, TestDatabase} from '../harness/testStack'
import {gql} from './gql'

const dbUrl = inject('dbUrl')
const ROWS = 300_000
const WRITE_TIMEOUT_MS = 20_000

interface Download {
    res: http.IncomingMessage
    /** resolves when the server ends or cuts the response: whether it arrived complete */
    ended: Promise<'complete' | 'cut'>
}

/** A GET whose body is not read: the client stalls after the headers. */
function stalledDownload(url: string): Promise<Download> {
    return new Promise((resolve, reject) => {
        http.get(url, res => {
            res.pause()
            const ended = new Promise<'complete' | 'cut'>(done => {
                res.once('end', () => done('complete'))
                res.once('error', () => done('cut'))
                res.once('close', () => done(res.complete ? 'complete' : 'cut'))
            })
            resolve({res, ended})
        }).once('error', reject)
    })
}

async function bodyOf(res: http.IncomingMessage): Promise<string> {
    res.setEncoding('utf8')
    let text = ''
    for await (const chunk of res) text += String(chunk)
    return text
}

describe('the exports under load', () => {
    let db: TestDatabase
    let api: ApiRun
    let base: string

    beforeAll(async () => {
        db = await createDatabaseOn(dbUrl)
        const migrated = await runToExit('cli/reindex', {DB_URL: db.url}, ['--yes'])
        expect(migrated.code, migrated.output).toBe(0)
        // an audit trail far larger than what socket buffers hold, so that a client that stops reading stalls the export
        await queryDb(db.url, `INSERT INTO audit_event (id, chain_id, kind, contract, contract_kind, actor, block_number, "timestamp", tx_hash, log_index, params)
            SELECT '31337-' || lpad(g::text, 10, '0') || '-000000', 31337, 'TRANSFER', '0x${'11'.repeat(20)}', 'TOKEN', '0x${'22'.repeat(20)}', g,
                   '2026-06-29T09:00:00Z'::timestamptz + g * interval '1 second', '0x${'33'.repeat(32)}', 0, '{"note": "padding padding padding padding"}'::jsonb
              FROM generate_series(1, ${ROWS}) g`)
        api = await startApi({DB_URL: db.url, EXPORT_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS), EXPORT_QUEUE_TIMEOUT_MS: '1000'})
        base = api.gqlUrl.replace('/graphql', '/export')
    })

    afterAll(async () => {
        await api?.stop()
        await db?.stop()
    })

    describe('when clients stop reading their exports', () => {
        it('should answer 503 once every export connection is held, cut the stalled readers off, and serve the others', async () => {
            const stalled: Download[] = []
            let lastStalledAt = 0
            let busy: {status: number; retryAfter: string | string[] | undefined; text: string; ms: number} | undefined
            for (let i = 0; i < 20 && busy == null; i++) {
                const started = Date.now()
                const d = await stalledDownload(`${base}/audit-trail.csv`)
                if (d.res.statusCode === 200) {
                    stalled.push(d)
                    lastStalledAt = Date.now()
                }
                else busy = {status: d.res.statusCode ?? 0, retryAfter: d.res.headers['retry-after'], text: await bodyOf(d.res), ms: Date.now() - started}
            }
            expect(stalled.length).toBeGreaterThan(0)
            expect(busy).toEqual({status: 503, retryAfter: '5', text: expect.stringContaining('every export connection is busy'), ms: expect.any(Number)})
            expect(busy!.ms).toBeLessThan(5000)
            // GraphQL goes on meanwhile
            expect(await gql<{auditEventsConnection: {totalCount: number}}>(api.gqlUrl, '{ auditEventsConnection(orderBy: id_ASC) { totalCount } }'))
                .toEqual({auditEventsConnection: {totalCount: ROWS}})
            // the write timeout cuts the stalled readers off, which frees their connections for the next export
            const deadline = Date.now() + 60_000
            let next = await fetch(`${base}/audit-trail.csv?fromBlock=${ROWS - 9}`)
            while (next.status === 503 && Date.now() < deadline) {
                await next.body?.cancel()
                next = await fetch(`${base}/audit-trail.csv?fromBlock=${ROWS - 9}`)
            }
            expect(next.status).toBe(200)
            expect((await next.text()).trimEnd().split('\r\n')).toHaveLength(1 + 10)
            // once the last has been stalled past the timeout, reading again, each stalled client finds its
            // download cut short (a paused socket sees no close); one not cut would now receive it all
            await new Promise(r => setTimeout(r, Math.max(0, lastStalledAt + WRITE_TIMEOUT_MS + 3000 - Date.now())))
            for (const s of stalled) s.res.resume()
            expect(await Promise.all(stalled.map(s => s.ended))).toEqual(stalled.map(() => 'cut'))
            for (const s of stalled) s.res.destroy()
        })
    })
})
