// How the logs of one ERC-1400 transaction fit together; pure, no entities. A movement emits an ERC-20
// Transfer and a partition event (TransferByPartition, IssuedByPartition or RedeemedByPartition) in either
// order: they are one movement. A ChangedPartition after a TransferByPartition says the tokens landed in
// another partition. A ControllerTransfer or ControllerRedemption (ERC-1644) follows the Transfers it forced.
import {ZERO_ADDRESS} from '../rules'

/** The part of a decoded log the plan reads (a ChainEvent fits). */
export interface PlannedLog {
    contract: string
    name: string
    txHash: string
    block: {height: number}
    logIndex: number
    params: Record<string, unknown>
}

/** One partition-level movement, in the parameter names of any supported signature. */
export interface PartitionMove {
    partition: string
    from: string
    to: string
    value: bigint
    /** null where the signature has none (Polymath's IssuedByPartition) */
    operator: string | null
    data: string | null
    operatorData: string | null
}

export const PARTITION_EVENTS = new Set(['TransferByPartition', 'IssuedByPartition', 'RedeemedByPartition'])

/** The first of `names` the log has (signatures differ in underscores and in amount/value). */
function field(ev: PlannedLog, ...names: string[]): unknown {
    for (const n of names) if (n in ev.params) return ev.params[n]
    throw new Error(`${ev.name} of ${ev.contract} has none of ${names.join(', ')}`)
}

function optional(ev: PlannedLog, ...names: string[]): string | null {
    for (const n of names) if (n in ev.params) return String(ev.params[n])
    return null
}

const address = (v: unknown): string => String(v).toLowerCase()

/** A partition event as a movement: issuance from and redemption to the zero address. */
export function partitionMoveOf(ev: PlannedLog): PartitionMove {
    const value = field(ev, '_value', 'value', 'amount', '_amount') as bigint
    const operator = optional(ev, '_operator', 'operator')
    const data = optional(ev, '_data', 'data')
    const operatorData = optional(ev, '_operatorData', 'operatorData')
    const common = {value, operator: operator && address(operator), data, operatorData}
    switch (ev.name) {
        case 'TransferByPartition':
            return {...common, partition: String(field(ev, '_fromPartition', 'fromPartition')), from: address(field(ev, '_from', 'from')), to: address(field(ev, '_to', 'to'))}
        case 'IssuedByPartition':
            return {...common, partition: String(field(ev, 'partition', '_partition')), from: ZERO_ADDRESS, to: address(field(ev, 'to', '_to'))}
        case 'RedeemedByPartition':
            return {...common, partition: String(field(ev, 'partition', '_partition')), from: address(field(ev, 'from', '_from')), to: ZERO_ADDRESS}
        default:
            throw new Error(`${ev.name} is not a partition movement`)
    }
}

export const logKey = (ev: {block: {height: number}; logIndex: number}): string => `${ev.block.height}:${ev.logIndex}`

interface TxLogs {
    transfers: PlannedLog[]
    moves: PlannedLog[]
}

/**
 * Built from a batch's ERC-1400 logs in chain order (every log of a transaction is in the same batch),
 * read when they are applied.
 */
export class MovementPlan {
    /** partition event → the log index of the Transfer of the same movement */
    private readonly transferOf = new Map<string, number>()
    /** TransferByPartition → the partition a following ChangedPartition moved the tokens into */
    private readonly destinations = new Map<string, string>()
    /** ChangedPartition → the TransferByPartition whose destination it names */
    private readonly changes = new Map<string, PlannedLog>()
    /** Transfers a controller made (ERC-1644) */
    private readonly forced = new Set<string>()
    private readonly pairedTransfers = new Set<string>()
    private readonly txs = new Map<string, TxLogs>()

    /** Notes one log; for a ChangedPartition, returns the TransferByPartition whose destination it names. */
    add(ev: PlannedLog): PlannedLog | undefined {
        const tx = this.txOf(ev)
        switch (ev.name) {
            case 'Transfer':
                tx.transfers.push(ev)
                this.pair(tx)
                return
            case 'TransferByPartition':
            case 'IssuedByPartition':
            case 'RedeemedByPartition':
                tx.moves.push(ev)
                this.pair(tx)
                return
            case 'ChangedPartition':
                return this.changed(tx, ev)
            case 'ControllerTransfer':
                this.force(tx, address(field(ev, '_from', 'from')), address(field(ev, '_to', 'to')))
                return
            case 'ControllerRedemption':
                this.force(tx, address(field(ev, '_tokenHolder', 'tokenHolder', '_from', 'from')), ZERO_ADDRESS)
        }
        return undefined
    }

    /** The log index of the Transfer that is the same movement as this partition event, if the token emitted one. */
    transferLogOf(ev: PlannedLog): number | undefined {
        return this.transferOf.get(logKey(ev))
    }

    /** Where the tokens of a TransferByPartition landed: its partition unless a ChangedPartition followed. */
    toPartitionOf(ev: PlannedLog, fromPartition: string): string {
        return this.destinations.get(logKey(ev)) ?? fromPartition
    }

    /** The TransferByPartition a ChangedPartition completes (noted by add). */
    changedMoveOf(changed: PlannedLog): PlannedLog | undefined {
        return this.changes.get(logKey(changed))
    }

    isForced(transfer: {block: {height: number}; logIndex: number}): boolean {
        return this.forced.has(logKey(transfer))
    }

    private txOf(ev: PlannedLog): TxLogs {
        const key = `${ev.txHash}|${ev.contract}`
        let tx = this.txs.get(key)
        if (tx == null) this.txs.set(key, tx = {transfers: [], moves: []})
        return tx
    }

    /** Pairs each partition event with the nearest unpaired Transfer of the same parties and amount. */
    private pair(tx: TxLogs): void {
        for (const m of tx.moves) {
            if (this.transferOf.has(logKey(m))) continue
            const move = partitionMoveOf(m)
            const match = tx.transfers
                .filter(t => !this.pairedTransfers.has(logKey(t)) && address(t.params.from) === move.from && address(t.params.to) === move.to && t.params.value === move.value)
                .sort((a, b) => Math.abs(a.logIndex - m.logIndex) - Math.abs(b.logIndex - m.logIndex))[0]
            if (match == null) continue
            this.transferOf.set(logKey(m), match.logIndex)
            this.pairedTransfers.add(logKey(match))
        }
    }

    private changed(tx: TxLogs, ev: PlannedLog): PlannedLog {
        const fromPartition = String(field(ev, '_fromPartition', 'fromPartition'))
        const value = field(ev, '_value', 'value') as bigint
        const move = tx.moves.filter(m => m.name === 'TransferByPartition' && m.logIndex < ev.logIndex && !this.destinations.has(logKey(m)))
            .filter(m => {
                const p = partitionMoveOf(m)
                return p.partition === fromPartition && p.value === value
            }).at(-1)
        if (move == null) throw new Error(`ChangedPartition at ${logKey(ev)} follows no TransferByPartition of ${value} from ${fromPartition} in its transaction`)
        this.destinations.set(logKey(move), String(field(ev, '_toPartition', 'toPartition')))
        this.changes.set(logKey(ev), move)
        return move
    }

    /** The Transfers from `from` to `to` before the controller's event, not already forced. */
    private force(tx: TxLogs, from: string, to: string): void {
        for (const t of tx.transfers) if (address(t.params.from) === from && address(t.params.to) === to) this.forced.add(logKey(t))
    }
}
