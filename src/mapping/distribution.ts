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

/** Where the money of a distribution stands, from its totals. */
export function distributionStatus(d: {cancelled: boolean; totalAmount: bigint; funded: bigint; paid: bigint; reclaimed: bigint}): DistributionStatus {
    if (d.cancelled) return DistributionStatus.CANCELLED
    if (d.reclaimed > 0n) return DistributionStatus.RECLAIMED
    if (d.paid > 0n) return DistributionStatus.PAYING
    if (d.funded >= d.totalAmount) return DistributionStatus.FUNDED
    return DistributionStatus.CREATED
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
        const d = state.distributions.upsert(id, () => new Distribution({id}))
        Object.assign(d, {
            chainId: c,
            manager: ev.contract,
            distributionId: param<bigint>(ev, 'id'),
            token: state.tokens.get(tokenAddress) ?? null,
            tokenAddress,
            paymentToken: addr(ev, 'paymentToken'),
            kind: KINDS[param<number>(ev, 'kind')] ?? DistributionKind.OTHER,
            totalAmount: param<bigint>(ev, 'totalAmount'),
            recordBlock: Number(param<bigint>(ev, 'recordBlock')),
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
    d.status = distributionStatus({...d, cancelled})
    return undefined
}
