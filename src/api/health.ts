import {Pool} from 'pg'
import {rpc} from '../dev/status'
import {INDEXER_RUNNING_SQL} from '../indexerPresence'
import {readHead} from './indexHead'

/** What /readyz answers: ready only when every reason is absent. */
export interface ReadinessReport {
    ready: boolean
    /** why not ready, each a sentence */
    reasons: string[]
    indexedHeight: number | null
    chainHead: number | null
    lag: number | null
    indexerRunning: boolean | null
}

export interface Readiness {
    check(): Promise<ReadinessReport>
}

/**
 * Ready when the database answers, an indexer is running (its presence lock, src/indexerPresence.ts),
 * no history index is still deferred by a first catch-up (src/ingest/deferredIndexes.ts),
 * the index trails the chain head by at most `maxLag` blocks, and the last block the indexer finalized
 * is still on the chain (else the chain reorganised deeper than finality and the index serves an
 * abandoned branch).
 */
export function readiness(pool: Pool, rpcUrl: string | undefined, maxLag: number): Readiness {
    return {
        async check() {
            const reasons: string[] = []
            const report: ReadinessReport = {ready: false, reasons, indexedHeight: null, chainHead: null, lag: null, indexerRunning: null}
            let finalized: {height: number; hash: string} | undefined
            try {
                const head = await readHead(pool)
                report.indexedHeight = head?.height ?? null
                if (head == null) reasons.push('the indexer has not committed any block yet')
                report.indexerRunning = (await pool.query<{running: boolean}>(INDEXER_RUNNING_SQL)).rows[0]!.running
                if (!report.indexerRunning) reasons.push('the indexer is not running: the index no longer follows the chain')
                const deferred = Number((await pool.query<{n: string}>('SELECT count(*) AS n FROM deferred_index')).rows[0]!.n)
                if (deferred > 0) reasons.push(`catching up: ${deferred} history indexes are deferred until the index first reaches the chain head`)
                if (head != null) finalized = (await pool.query<{height: string; hash: string}>('SELECT height, hash FROM squid_processor.status WHERE id = 0')).rows
                    .map(r => ({height: Number(r.height), hash: r.hash}))[0]
            } catch (err) {
                reasons.push(`the database is unreachable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`)
            }
            if (rpcUrl == null) {
                reasons.push('no chain to compare with: RPC_ETH_HTTP is not set')
            } else {
                try {
                    report.chainHead = Number(await rpc<string>(rpcUrl, 'eth_blockNumber'))
                    if (report.indexedHeight != null) {
                        report.lag = report.chainHead - report.indexedHeight
                        if (report.lag > maxLag) reasons.push(`catching up: ${report.lag} blocks behind the chain head, more than API_READY_MAX_LAG=${maxLag}`)
                    }
                    if (finalized != null && finalized.height >= 0) {
                        const block = await rpc<{hash: string} | null>(rpcUrl, 'eth_getBlockByNumber', ['0x' + finalized.height.toString(16), false])
                        if (block?.hash !== finalized.hash) {
                            reasons.push(`the chain reorganised deeper than finality: block ${finalized.height} was indexed as final with hash ${finalized.hash}, ` +
                                `the chain now has ${block == null ? 'no such block' : block.hash}; the index serves an abandoned branch (recover with npm run reindex)`)
                        }
                    }
                } catch (err) {
                    reasons.push(`the chain node is unreachable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`)
                }
            }
            report.ready = reasons.length === 0
            return report
        },
    }
}
