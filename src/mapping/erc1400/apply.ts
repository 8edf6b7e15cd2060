import {balanceChangeId, logId} from '../../ids'
import {AuditEvent, ClassificationSource, FactKind, PartitionBalanceChange, PartitionTransfer, Token, Transfer, TransferKind} from '../../model'
import {addr, ChainEvent, param} from '../events'
import {Classified, holderCountDelta, ZERO_ADDRESS} from '../rules'
import {BatchState} from '../state'
import {recordTransfer, wantTokenRows} from '../token'
import {MovementPlan, PARTITION_EVENTS, PartitionMove, partitionMoveOf} from './movements'
import {partitionName} from './state'

// The events of an ERC-1400 token (ContractKind ERC1400_TOKEN): the ERC-20 Transfer keeps the whole-token
// ledger as for T-REX tokens; the partition events keep the ledger by partition; operators and documents
// are facts with a past (FactVersion OPERATOR, PARTITION_OPERATOR, DOCUMENT).

/** Declares the rows the event will touch, and notes it in the batch's movement plan (chain order). */
export function wantErc1400Rows(state: BatchState, ev: ChainEvent): void {
    const {plan} = state.erc1400
    const completed = plan.add(ev)
    if (ev.name === 'Transfer') wantTokenRows(state, ev)
    if (PARTITION_EVENTS.has(ev.name)) {
        const m = partitionMoveOf(ev)
        state.erc1400.want(ev.contract, m.partition, [m.from, m.to].filter(w => w !== ZERO_ADDRESS))
    }
    if (completed) state.erc1400.want(ev.contract, String(ev.params._toPartition), [partitionMoveOf(completed).to])
}

/** A Transfer forced by a controller (ERC-1644) is FORCED, like a T-REX forcedTransfer; else by its addresses. */
function classify(ev: ChainEvent, from: string, to: string, forced: boolean): Classified<TransferKind> {
    if (forced) return {value: TransferKind.FORCED, by: ClassificationSource.TX_EVENTS}
    if (from === ZERO_ADDRESS) return {value: TransferKind.MINT, by: ClassificationSource.ADDRESS}
    if (to === ZERO_ADDRESS) return {value: TransferKind.BURN, by: ClassificationSource.ADDRESS}
    return {value: TransferKind.TRANSFER, by: ev.txTo === ev.contract ? ClassificationSource.TX_SELECTOR : ClassificationSource.TX_EVENTS}
}

/** Applies one event of an ERC-1400 token; returns a Transfer's kind (the audit row names it). */
export function applyErc1400Event(state: BatchState, ev: ChainEvent): Classified<TransferKind> | undefined {
    const token = state.token(ev.contract)
    if (token == null) return undefined
    switch (ev.name) {
        case 'Transfer': {
            const kind = classify(ev, addr(ev, 'from'), addr(ev, 'to'), state.erc1400.plan.isForced(ev))
            recordTransfer(state, token, ev, kind)
            return kind
        }
        case 'TransferByPartition':
        case 'IssuedByPartition':
        case 'RedeemedByPartition':
            applyMove(state, token, ev)
            return undefined
        case 'AuthorizedOperator':
        case 'RevokedOperator': {
            const holder = addr(ev, 'tokenHolder')
            const operator = addr(ev, 'operator')
            state.facts.set(FactKind.OPERATOR, token.address, `${holder}|${operator}`, ev.name === 'AuthorizedOperator' ? {holder, operator} : null, ev, token)
            return undefined
        }
        case 'AuthorizedOperatorByPartition':
        case 'RevokedOperatorByPartition': {
            const partition = param<string>(ev, 'partition')
            const holder = addr(ev, 'tokenHolder')
            const operator = addr(ev, 'operator')
            state.facts.set(FactKind.PARTITION_OPERATOR, token.address, `${partition}|${holder}|${operator}`,
                ev.name === 'AuthorizedOperatorByPartition' ? {partition, holder, operator} : null, ev, token)
            return undefined
        }
        case 'DocumentUpdated':
        case 'DocumentRemoved': {
            const name = param<string>(ev, '_name')
            state.facts.set(FactKind.DOCUMENT, token.address, name, ev.name === 'DocumentUpdated'
                ? {name, nameText: partitionName(name), uri: param<string>(ev, '_uri'), documentHash: param<string>(ev, '_documentHash')}
                : null, ev, token)
            return undefined
        }
        default:
            return undefined
    }
}

/** One partition movement: its row, the partition ledger of both wallets, and the partitions' totals. */
function applyMove(state: BatchState, token: Token, ev: ChainEvent): void {
    const {plan} = state.erc1400
    const m = partitionMoveOf(ev)
    const transferLog = plan.transferLogOf(ev)
    const toPartition = ev.name === 'RedeemedByPartition' ? null : plan.toPartitionOf(ev, m.partition)
    const forced = transferLog != null && plan.isForced({block: ev.block, logIndex: transferLog})
    const kind = classify(ev, m.from, m.to, forced)
    const movement = new PartitionTransfer({
        id: logId(state.chainId, ev.block.height, ev.logIndex),
        chainId: state.chainId,
        token,
        partition: m.partition,
        toPartition,
        from: m.from,
        to: m.to,
        amount: m.value,
        kind: kind.value,
        classifiedBy: kind.by,
        operator: m.operator,
        data: m.data,
        operatorData: m.operatorData,
        // The Transfer row of the same movement (inserted before this one when the batch is saved).
        transfer: transferLog == null ? null : new Transfer({id: logId(state.chainId, ev.block.height, transferLog)}),
        actor: ev.actor,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
    })
    state.erc1400.movements.push(movement)
    if (m.from !== ZERO_ADDRESS) movePartition(state, token, movement, ev, m.partition, m.from, -m.value, 'from')
    if (toPartition != null) movePartition(state, token, movement, ev, toPartition, m.to, m.value, 'to')
    for (const partition of new Set([m.partition, toPartition ?? m.partition])) {
        const p = state.erc1400.partition(token, partition, ev.block.height)
        state.facts.set(FactKind.PARTITION_SUPPLY, token.address, partition, {totalSupply: p.totalSupply.toString(), holderCount: p.holderCount}, ev, token)
    }
}

function movePartition(state: BatchState, token: Token, movement: PartitionTransfer, ev: ChainEvent, partition: string, wallet: string, delta: bigint, side: 'from' | 'to'): void {
    const holding = state.erc1400.holding(token, partition, wallet, ev.block.height)
    const before = holding.balance
    holding.balance += delta
    holding.lastChangedBlock = ev.block.height
    if (holding.firstAcquiredBlock == null && holding.balance > 0n) holding.firstAcquiredBlock = ev.block.height
    const p = state.erc1400.partition(token, partition, ev.block.height)
    p.totalSupply += delta
    p.holderCount += holderCountDelta(before, holding.balance)
    state.erc1400.addChange(new PartitionBalanceChange({
        id: balanceChangeId(state.chainId, ev.block.height, ev.logIndex, side),
        chainId: state.chainId,
        token,
        partition,
        wallet,
        delta,
        balanceAfter: holding.balance,
        movement,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
        validUntilBlock: null,
    }))
}

const lower = (v: unknown): string | null => (typeof v === 'string' && v.toLowerCase() !== ZERO_ADDRESS ? v.toLowerCase() : null)

/**
 * The wallet, other party and amount of an ERC-1400 event's audit row, in the names its signatures use
 * (the generic rules in ../audit.ts know the T-REX names).
 */
export function erc1400AuditParties(ev: ChainEvent, plan: MovementPlan): Partial<Pick<AuditEvent, 'subject' | 'counterparty' | 'amount'>> {
    const p = ev.params
    if (PARTITION_EVENTS.has(ev.name)) {
        const m: PartitionMove = partitionMoveOf(ev)
        return {subject: lower(m.from) ?? lower(m.to), counterparty: lower(m.from) ? lower(m.to) : null, amount: m.value}
    }
    switch (ev.name) {
        case 'AuthorizedOperator':
        case 'RevokedOperator':
        case 'AuthorizedOperatorByPartition':
        case 'RevokedOperatorByPartition':
            return {subject: lower(p.tokenHolder), counterparty: lower(p.operator)}
        case 'Issued':
            return {subject: lower(p._to), amount: p._value as bigint}
        case 'Redeemed':
            return {subject: lower(p._from), amount: p._value as bigint}
        case 'ControllerTransfer':
            return {subject: lower(p._from), counterparty: lower(p._to), amount: p._value as bigint}
        case 'ControllerRedemption':
            return {subject: lower(p._tokenHolder), amount: p._value as bigint}
        case 'ChangedPartition': {
            // the event names no holder: the transfer it completes does (the one whose tokens changed partition)
            const move = plan.changedMoveOf(ev)
            return {subject: move ? lower(partitionMoveOf(move).to) : null, amount: p._value as bigint}
        }
        default:
            return {}
    }
}
