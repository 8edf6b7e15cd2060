import http from 'http'
import {reconciliationCsv} from '../analytics/reconciliation'
import {SqlQuery} from '../analytics/ownershipAt'
import {loadReconciliation, UnknownDistributionError} from './reconciliationData'
import {ExportHandler} from './front'

/** GET /export/distributions/<id>/reconciliation.csv */
export function exportHandler(query: SqlQuery): ExportHandler {
    return async (url: URL, res: http.ServerResponse) => {
        const m = /^\/export\/distributions\/([^/]+)\/reconciliation\.csv$/.exec(url.pathname)
        if (m == null) {
            res.writeHead(404, {'content-type': 'text/plain'})
            res.end('unknown export; try /export/distributions/<distribution id>/reconciliation.csv\n')
            return
        }
        try {
            const {report} = await loadReconciliation(query, decodeURIComponent(m[1]!))
            res.writeHead(200, {'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="reconciliation-${m[1]}.csv"`})
            res.end(reconciliationCsv(report))
        } catch (err) {
            if (!(err instanceof UnknownDistributionError)) throw err
            res.writeHead(404, {'content-type': 'text/plain'})
            res.end(`${err.message}\n`)
        }
    }
}
