import {DistributionStatus} from '../model/generated/_distributionStatus'

/** A distribution's totals in raw payment-token units, its claim window's end, and whether it was cancelled. */
export interface DistributionTotals {
    cancelled: boolean
    totalAmount: bigint
    funded: bigint
    paid: bigint
    reclaimed: bigint
    claimExpiry: Date
}

/**
 * Where a distribution stands at block time `now` (the timestamp of the block the answer is about: the indexed
 * head when the row is written). First rule that holds: CANCELLED; RECLAIMED (some of the rest reclaimed);
 * PAID (paid >= totalAmount); EXPIRED (now >= claimExpiry: the DistributionManager closes funding and payments
 * when `block.timestamp >= claimExpiry`, and only then allows a reclaim); PAYING (some paid); FUNDED (funded in
 * full); CREATED.
 */
export function distributionStatus(d: DistributionTotals, now: Date): DistributionStatus {
    if (d.cancelled) return DistributionStatus.CANCELLED
    if (d.reclaimed > 0n) return DistributionStatus.RECLAIMED
    if (d.paid >= d.totalAmount) return DistributionStatus.PAID
    if (now.getTime() >= d.claimExpiry.getTime()) return DistributionStatus.EXPIRED
    if (d.paid > 0n) return DistributionStatus.PAYING
    if (d.funded >= d.totalAmount) return DistributionStatus.FUNDED
    return DistributionStatus.CREATED
}

/** Statuses a later block can change without an event of the distribution: the claim window closing. */
export const OPEN_STATUSES: readonly DistributionStatus[] = [DistributionStatus.CREATED, DistributionStatus.FUNDED, DistributionStatus.PAYING]
