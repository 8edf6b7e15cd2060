import {reconcile, ReconciliationReport} from '../analytics/reconciliation'
import {SqlQuery} from '../analytics/ownershipAt'
import {OperatorError} from '../errors'

export class UnknownDistributionError extends OperatorError {}

export interface DistributionSummary {
    id: string
    manager: string
    distributionId: string
    token: string
    kind: string
    status: string
    totalAmount: bigint
    funded: bigint
    paid: bigint
    reclaimed: bigint
    refunded: bigint
    outstanding: bigint
    recordBlock: number
    entitlementError: string | null
}

/** A distribution's reconciliation, from the indexed entitlements and payments (three queries). */
export async function loadReconciliation(query: SqlQuery, id: string): Promise<{distribution: DistributionSummary; report: ReconciliationReport}> {
    const [row] = await query(
        `SELECT id, manager, distribution_id, token_address, kind, status, total_amount, funded, paid, reclaimed, refunded, outstanding,
                record_block, merkle_root, computed_merkle_root, entitlement_error
         FROM distribution WHERE id = $1`, [id])
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
            id, manager: String(row.manager), distributionId: String(row.distribution_id), token: String(row.token_address),
            kind: String(row.kind), status: String(row.status), totalAmount: big('total_amount'), funded: big('funded'), paid: big('paid'),
            reclaimed: big('reclaimed'), refunded: big('refunded'), outstanding: big('outstanding'), recordBlock: Number(row.record_block),
            entitlementError: row.entitlement_error == null ? null : String(row.entitlement_error),
        },
        report,
    }
}
