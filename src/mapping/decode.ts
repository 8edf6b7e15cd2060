import {Logger} from '@subsquid/logger'
import {logId} from '../ids'
import {ContractKind, SkippedLog} from '../model'
import {SourceLog} from './backfill'
import {decodeEvent} from './catalog'
import {ChainEvent} from './events'
import {ContractRegistry, Provenance} from './registry'
import {BatchState} from './state'

export function provenanceOf(log: SourceLog): Provenance {
    if (log.transaction == null) throw new Error(`log ${log.id} came without its transaction: the processor's log request must set transaction: true`)
    return {
        block: log.block,
        logIndex: log.logIndex,
        txHash: log.transactionHash,
        actor: log.transaction.from,
        txTo: log.transaction.to?.toLowerCase(),
        sighash: log.transaction.sighash,
        input: log.transaction.input,
    }
}

/** A log's event as its contract's ABI decodes it (null: not an event we index), or why it does not fit. */
type Decoded = {ev: ChainEvent | null} | {err: unknown}

/** Per log, its decoding: discovery and the batch's event loop read every log, the ABI decodes it once. */
const decodedLogs = new WeakMap<SourceLog, Decoded>()

/** The log's event if its contract's ABI knows it; throws when the log does not fit that ABI. */
export function eventOf(kind: ContractKind, log: SourceLog): ChainEvent | null {
    let d = decodedLogs.get(log)
    if (d == null) {
        try {
            const decoded = decodeEvent(kind, log)
            d = {ev: decoded ? {...provenanceOf(log), contract: log.address, kind, raw: log, ...decoded} : null}
        } catch (err) {
            d = {err}
        }
        decodedLogs.set(log, d)
    }
    if ('err' in d) throw d.err
    return d.ev
}

/** Every log of a watched contract, decoded once; a log that does not fit its ABI is kept as skipped. */
export function decodeAll(logs: SourceLog[], registry: ContractRegistry, state: BatchState, logger: Logger): ChainEvent[] {
    const events: ChainEvent[] = []
    for (const log of logs) {
        const kind = registry.get(log.address)?.kind
        if (kind == null) continue
        try {
            const ev = eventOf(kind, log)
            if (ev) events.push(ev)
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err)
            state.skipped.push(new SkippedLog({
                id: logId(state.chainId, log.block.height, log.logIndex),
                chainId: state.chainId,
                address: log.address,
                topic0: log.topics[0] ?? null,
                blockNumber: log.block.height,
                txHash: log.transactionHash,
                logIndex: log.logIndex,
                reason,
            }))
            logger.warn(`skipped undecodable log ${log.address} at block ${log.block.height} index ${log.logIndex}: ${reason}`)
        }
    }
    return events
}
