import http from 'http'
import {Pool} from 'pg'
import {reconciliationCsv} from '../analytics/reconciliation'
import {SqlQuery} from '../analytics/ownershipAt'
import {exportLimits} from '../config'
import {poolConfig} from '../db'
import {loadReconciliation, UnknownDistributionError} from './reconciliationData'
import {ExportHandler} from './front'
import {ExportInputError, ExportLimits, streamAuditTrail, streamCapTable} from './streamExports'

const USAGE = 'unknown export; try /export/audit-trail.csv, /export/audit-trail.jsonl, /export/cap-table.csv?token=<address>, ' +
    'or /export/distributions/<distribution id>/reconciliation.csv\n'

/**
 * The `/export/…` routes (columns and filters documented in ./streamExports.ts):
 * - GET /export/audit-trail.csv, /export/audit-trail.jsonl — streamed from a Postgres cursor (ERC-1400: &token=…&partition=…)
 * - GET /export/cap-table.csv?token=<address>[&atBlock=<block> | &atTimestamp=<time>][&partition=<partition>]
 * - GET /export/distributions/<id>/reconciliation.csv
 *
 * Takes the API's connection pool (streaming needs a dedicated connection per export). A bare query
 * function is still accepted: the exports then open a small pool of their own from the environment.
 * `limits` default to EXPORT_WRITE_TIMEOUT_MS and EXPORT_QUEUE_TIMEOUT_MS.
 */
export function exportHandler(db: Pool | SqlQuery, limits: ExportLimits = exportLimits()): ExportHandler {
    let ownPool: Pool | undefined
    const pool = (): Pool => typeof db === 'function' ? (ownPool ??= new Pool({...poolConfig(), max: 2})) : db
    const query: SqlQuery = typeof db === 'function' ? db : async (sql, params) => (await db.query(sql, params)).rows
    return async (url: URL, res: http.ServerResponse) => {
        try {
            switch (url.pathname) {
                case '/export/audit-trail.csv':
                    return await streamAuditTrail(pool(), url, res, 'csv', limits)
                case '/export/audit-trail.jsonl':
                    return await streamAuditTrail(pool(), url, res, 'jsonl', limits)
                case '/export/cap-table.csv':
                    return await streamCapTable(pool(), url, res, limits)
            }
            const m = /^\/export\/distributions\/([^/]+)\/reconciliation\.csv$/.exec(url.pathname)
            if (m == null) {
                res.writeHead(404, {'content-type': 'text/plain'})
                res.end(USAGE)
                return
            }
            const {distribution, report} = await loadReconciliation(query, decodeURIComponent(m[1]!))
            res.writeHead(200, {'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="reconciliation-${m[1]}.csv"`})
            res.end(reconciliationCsv(report, distribution))
        } catch (err) {
            if (res.headersSent) throw err
            if (err instanceof ExportInputError) {
                res.writeHead(err.status, {'content-type': 'text/plain; charset=utf-8', ...err.status === 503 ? {'retry-after': '5'} : {}})
                res.end(`${err.message}\n`)
                return
            }
            if (!(err instanceof UnknownDistributionError)) throw err
            res.writeHead(404, {'content-type': 'text/plain'})
            res.end(`${err.message}\n`)
        }
    }
}
