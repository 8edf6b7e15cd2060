import {DistributionContext, reconcile, ReconciliationReport} from '../analytics/reconciliation'
import {SqlQuery} from '../analytics/ownershipAt'
import {tokenInfoAtSql} from '../analytics/factsAt'
import {OperatorError} from '../errors'

export class UnknownDistributionError extends OperatorError {}

/** The distribution a reconciliation is about: its context (token, payment token, record block, totals) and policy. */
export interface DistributionSummary extends DistributionContext {
    manager: string
    distributionId: string
    kind: string
    entitlementError: string | null
}

const decimalsOf = (v: unknown): number | null => v == null ? null : Number(v)
const textOf = (v: unknown): string | null => v == null ? null : String(v)

/**
 * A distribution's reconciliation, from the indexed entitlements and payments (three queries): the distribution
 * with its token (symbol and decimals as of the record block) and payment token (symbol, decimals), joined in the first.
 */
export async function loadReconciliation(query: SqlQuery, id: string): Promise<{distribution: DistributionSummary; report: ReconciliationReport}> {
    const [row] = await query(
        `SELECT d.id, d.manager, d.distribution_id, d.token_address, d.payment_token, d.kind, d.status, d.total_amount, d.funded, d.paid,
                d.reclaimed, d.refunded, d.outstanding, d.record_block, d.claim_expiry, d.merkle_root, d.computed_merkle_root, d.entitlement_error,
                coalesce(info.value->>'symbol', t.symbol) AS token_symbol, coalesce((info.value->>'decimals')::int, t.decimals) AS token_decimals,
                p.symbol AS payment_symbol, p.decimals AS payment_decimals, d.record_block_time
         FROM distribution d
         LEFT JOIN token t ON t.id = d.token_id
         -- the security token as it was at the record block (a renamed token keeps its name of then)
         LEFT JOIN LATERAL ${tokenInfoAtSql('d.chain_id', 'd.token_address', 'd.record_block')} info ON true
         LEFT JOIN payment_token p ON p.chain_id = d.chain_id AND p.address = d.payment_token
         WHERE d.id = $1`, [id])
    if (row == null) throw new UnknownDistributionError(`unknown distribution "${id}" (ids look like <chainId>-<manager>-<10-digit number>; list them with { distributions { id } })`)
    const entitlements = await query('SELECT holder, expected FROM entitlement WHERE distribution_id = $1', [id])
    const payments = await query('SELECT holder, amount, manual, tx_hash, block_number, log_index FROM payment WHERE distribution_id = $1', [id])
    const report = reconcile({
        entitlements: entitlements.map(e => ({holder: String(e.holder), expected: BigInt(String(e.expected))})),
        payments: payments.map(p => ({
            holder: String(p.holder), amount: BigInt(String(p.amount)), manual: Boolean(p.manual),
            txHash: String(p.tx_hash), block: Number(p.block_number), logIndex: Number(p.log_index),
        })),
        onChainRoot: String(row.merkle_root),
        computedRoot: row.computed_merkle_root == null ? '' : String(row.computed_merkle_root),
    })
    const big = (k: string) => BigInt(String(row[k]))
    return {
        distribution: {
            id, manager: String(row.manager), distributionId: String(row.distribution_id),
            token: {address: String(row.token_address), symbol: textOf(row.token_symbol), decimals: decimalsOf(row.token_decimals)},
            paymentToken: {address: String(row.payment_token), symbol: textOf(row.payment_symbol), decimals: decimalsOf(row.payment_decimals)},
            kind: String(row.kind), status: String(row.status), totalAmount: big('total_amount'), funded: big('funded'), paid: big('paid'),
            reclaimed: big('reclaimed'), refunded: big('refunded'), outstanding: big('outstanding'), recordBlock: Number(row.record_block),
            recordBlockTime: row.record_block_time == null ? null : new Date(row.record_block_time as string | Date),
            claimExpiry: new Date(row.claim_expiry as string | Date),
            entitlementError: textOf(row.entitlement_error),
        },
        report,
    }
}
