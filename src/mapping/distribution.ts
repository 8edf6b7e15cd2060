import {Store} from '@subsquid/typeorm-store'
import {In, LessThanOrEqual} from 'typeorm'
import {distributionStatus, OPEN_STATUSES} from '../analytics/distributionStatus'
import {logId} from '../ids'
import {
    Distribution, DistributionKind, DistributionStatus, EntitlementBasis, Payment, RoundingRule,
} from '../model'
import {addr, ChainEvent, param} from './events'
import {BatchState} from './state'

// Payouts of our DistributionManager: what each distribution promised, was funded with, paid and returned.

const KINDS = [DistributionKind.DIVIDEND, DistributionKind.COUPON, DistributionKind.REDEMPTION, DistributionKind.OTHER]
const BASES = [EntitlementBasis.BY_WALLET, EntitlementBasis.BY_INVESTOR]
const ROUNDINGS = [RoundingRule.LARGEST_REMAINDER, RoundingRule.FLOOR]

export const distributionEntityId = (chainId: number, manager: string, id: bigint): string =>
    `${chainId}-${manager}-${id.toString().padStart(10, '0')}`

/**
 * The open distributions whose claim window closed by the batch's last block (`headTimestamp`, ms): they turn
 * EXPIRED with no event of theirs, so they are loaded and marked changed for `settleDistributionStatuses`.
 */
export async function loadExpiring(store: Store, state: BatchState, headTimestamp: number): Promise<void> {
    const rows = await store.findBy(Distribution, {chainId: state.chainId, status: In([...OPEN_STATUSES]), claimExpiry: LessThanOrEqual(new Date(headTimestamp))})
    state.distributions.adopt(rows)
    for (const d of rows) state.distributions.upsert(d.id, () => d)
}

/**
 * Every distribution the batch changed takes its status as of the batch's last block: the same row whatever the
 * batching, since it depends only on the totals and the time of the block it is written at.
 */
export function settleDistributionStatuses(state: BatchState, headTimestamp: number): void {
    for (const d of state.distributions.changedRows()) {
        d.status = distributionStatus({...d, cancelled: d.status === DistributionStatus.CANCELLED}, new Date(headTimestamp))
    }
}

export function wantDistributionRows(state: BatchState, ev: ChainEvent): void {
    if (ev.kind === 'DISTRIBUTION_MANAGER' && 'id' in ev.params) {
        state.distributions.want(distributionEntityId(state.chainId, ev.contract, param<bigint>(ev, 'id')))
    }
}

/** Applies one DistributionManager event; returns the distribution created, if any. */
export function applyDistributionEvent(state: BatchState, ev: ChainEvent): Distribution | undefined {
    if (ev.kind !== 'DISTRIBUTION_MANAGER') return undefined
    const c = state.chainId
    const id = distributionEntityId(c, ev.contract, param<bigint>(ev, 'id'))
    if (ev.name === 'DistributionCreated') {
        const tokenAddress = addr(ev, 'token')
        const recordTime = state.blockTimes.get(Number(param<bigint>(ev, 'recordBlock')))
        const d = state.distributions.upsert(id, () => new Distribution({id}))
        Object.assign(d, {
            chainId: c,
            manager: ev.contract,
            distributionId: param<bigint>(ev, 'id'),
            token: state.tokens.get(tokenAddress) ?? null,
            tokenAddress,
            paymentToken: addr(ev, 'paymentToken'),
            paymentTokenInfo: state.paymentTokens.get(addr(ev, 'paymentToken')) ?? null,
            kind: KINDS[param<number>(ev, 'kind')] ?? DistributionKind.OTHER,
            totalAmount: param<bigint>(ev, 'totalAmount'),
            recordBlock: Number(param<bigint>(ev, 'recordBlock')),
            recordBlockTime: recordTime == null ? null : new Date(recordTime),
            partition: null,
            merkleRoot: param<string>(ev, 'merkleRoot'),
            claimStart: new Date(Number(param<bigint>(ev, 'claimStart')) * 1000),
            claimExpiry: new Date(Number(param<bigint>(ev, 'claimExpiry')) * 1000),
            basis: BASES[param<number>(ev, 'basis')] ?? EntitlementBasis.BY_WALLET,
            includeFrozen: param<boolean>(ev, 'includeFrozen'),
            rounding: ROUNDINGS[param<number>(ev, 'rounding')] ?? RoundingRule.LARGEST_REMAINDER,
            policyURI: param<string>(ev, 'policyURI'),
            creator: addr(ev, 'creator'),
            status: DistributionStatus.CREATED,
            funded: 0n,
            paid: 0n,
            reclaimed: 0n,
            refunded: 0n,
            outstanding: 0n,
            computedMerkleRoot: null,
            rootMatches: null,
            createdAtBlock: ev.block.height,
            createdAt: new Date(ev.block.timestamp),
            createdTxHash: ev.txHash,
        })
        return d
    }
    const d = state.distributions.get(id)
    if (d == null) return undefined
    state.distributions.upsert(id, () => d)
    let cancelled = d.status === DistributionStatus.CANCELLED
    switch (ev.name) {
        case 'DistributionPartitionSet':
            // in the transaction that created it, before its entitlements are computed
            d.partition = param<string>(ev, 'partition')
            break
        case 'DistributionFunded':
            d.funded = param<bigint>(ev, 'totalFunded')
            break
        case 'PaymentMade': {
            const amount = param<bigint>(ev, 'amount')
            d.paid += amount
            state.payments.push(new Payment({
                id: logId(c, ev.block.height, ev.logIndex),
                chainId: c,
                distribution: d,
                holder: addr(ev, 'holder'),
                amount,
                manual: param<boolean>(ev, 'manual'),
                memo: null,
                actor: addr(ev, 'actor'),
                blockNumber: ev.block.height,
                timestamp: new Date(ev.block.timestamp),
                txHash: ev.txHash,
                logIndex: ev.logIndex,
            }))
            break
        }
        case 'ManualPaymentMemo': {
            const holder = addr(ev, 'holder')
            const payment = state.payments.findLast(p => p.txHash === ev.txHash && p.holder === holder && p.manual)
            if (payment) payment.memo = param<string>(ev, 'memo')
            break
        }
        case 'UnclaimedReclaimed':
            d.reclaimed += param<bigint>(ev, 'amount')
            break
        case 'DistributionCancelled':
            d.refunded = param<bigint>(ev, 'refunded')
            cancelled = true
            break
    }
    d.outstanding = d.funded - d.paid - d.reclaimed - d.refunded
    d.status = distributionStatus({...d, cancelled}, new Date(ev.block.timestamp))
    return undefined
}
