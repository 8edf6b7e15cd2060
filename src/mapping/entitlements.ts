import {Store} from '@subsquid/typeorm-store'
import {entitlements} from '../analytics/entitlements'
import {merkleRootOf} from '../analytics/merkle'
import {ownershipAt} from '../analytics/ownershipAt'
import {OperatorError} from '../errors'
import {oneAtATime} from '../oneConnection'
import {Distribution, Entitlement} from '../model'
import {bulkWrite, entityManagerOf} from './bulkWrite'
import {fillDecimals} from './decimals'

/**
 * What each holder of record is owed, computed independently from our own ledger at the record
 * block with the policy the distribution recorded on chain, and whether our Merkle root equals
 * the one on chain. Runs after the batch's writes, in its transaction: the record block may be in it.
 */
export async function computeEntitlements(store: Store, created: Distribution[], head: number): Promise<void> {
    if (created.length === 0) return
    const em = entityManagerOf(store)
    const query = oneAtATime((sql: string, params?: unknown[]) => em.query(sql, params) as Promise<Record<string, unknown>[]>)
    const rows: Entitlement[] = []
    for (const d of created) {
        try {
            const own = await ownershipAt(query, {token: d.tokenAddress, block: d.recordBlock, chainId: d.chainId, head, partition: d.partition})
            const result = entitlements(own.holders, d.totalAmount, {basis: d.basis, includeFrozen: d.includeFrozen, rounding: d.rounding})
            for (const line of result.lines) {
                rows.push(new Entitlement({
                    id: `${d.id}-${line.holder}`,
                    chainId: d.chainId,
                    distribution: d,
                    holder: line.holder,
                    investor: line.investor,
                    eligibleBalance: line.eligible,
                    expected: line.amount,
                }))
            }
            d.computedMerkleRoot = merkleRootOf(result.lines.filter(l => l.amount > 0n))
            d.rootMatches = d.computedMerkleRoot === d.merkleRoot
            d.entitlementError = null
        } catch (err) {
            // A policy the ledger cannot satisfy is a finding for the auditor, not a reason to stop indexing.
            if (!(err instanceof OperatorError)) throw err
            Object.assign(d, {computedMerkleRoot: null, rootMatches: false, entitlementError: err.message})
        }
    }
    // the eligible balance is in the security token's units, what it is owed in the payment token's
    fillDecimals(rows, ['eligibleBalance'], e => e.distribution.token?.decimals)
    fillDecimals(rows, ['expected'], e => e.distribution.paymentTokenInfo?.decimals)
    await bulkWrite(store, 'insert', rows)
    await bulkWrite(store, 'upsert', created)
}
