// Which call emitted each log of a transaction, from a node's call trace: pure, no RPC.
import {RawLog} from './catalog'

/** The call into a contract that emitted one of its logs (through the contract's proxy: the call into the proxy). */
export interface ReachingCall {
    /** the call's calldata: 4-byte selector, then the ABI-encoded arguments */
    input: string
    /** calldata of the frame that made the call; undefined when the transaction itself called the contract */
    callerInput: string | undefined
}

/** One frame of debug_traceTransaction with `{tracer: 'callTracer', tracerConfig: {withLog: true}}`. */
export interface CallTracerFrame {
    /** CALL, STATICCALL, DELEGATECALL, CALLCODE, CREATE, CREATE2, SELFDESTRUCT */
    type: string
    to?: string
    input: string
    /** set when the frame reverted: its logs and its sub-calls' are not in the receipt */
    error?: string
    calls?: CallTracerFrame[]
    /** `position`: how many of this frame's sub-calls ran before the log (hex) */
    logs?: {address: string; topics: string[]; data: string; position?: string}[]
}

/** One entry of Parity's trace_transaction. */
export interface ParityTrace {
    /** call, create, suicide, reward */
    type: string
    action: {to?: string; input?: string; callType?: string}
    /** set when the call reverted */
    error?: string
    /** the path of child indexes from the top-level call ([] for it) */
    traceAddress: number[]
}

/** A log as the trace shows it, with the call that emitted it. */
export interface TracedLog extends RawLog {
    address: string
    call: ReachingCall
}

/** What a transaction's trace says about its calls. */
export interface TxCalls {
    /** every log of the transaction in emission order (the receipt's order); empty when the trace has none (Parity, a tracer without withLog) */
    logs: TracedLog[]
    /** per contract address (lower-case): every successful call into it, in execution order */
    into: Map<string, ReachingCall[]>
}

const DELEGATING = new Set(['DELEGATECALL', 'CALLCODE'])

/** The logs and calls of a callTracer result; reverted frames are left out with everything under them. */
export function callsOfCallTrace(root: CallTracerFrame): TxCalls {
    const out: TxCalls = {logs: [], into: new Map()}
    const visit = (frame: CallTracerFrame, reaching: ReachingCall | undefined, parentInput: string | undefined): void => {
        const type = frame.type.toUpperCase()
        if (frame.error != null || type === 'STATICCALL') return // a static call emits nothing
        // A delegate call runs in its caller's context: its logs belong to the call that reached that contract.
        const call = DELEGATING.has(type) && reaching ? reaching : {input: frame.input, callerInput: parentInput}
        if (!DELEGATING.has(type) && frame.to) push(out.into, frame.to.toLowerCase(), call)
        const children = frame.calls ?? []
        // Logs without a position (an older tracer) are taken as emitted after the sub-calls.
        const byPosition = groupBy(frame.logs ?? [], l => Math.min(Number(l.position ?? children.length), children.length))
        for (let i = 0; i <= children.length; i++) {
            for (const l of byPosition.get(i) ?? []) out.logs.push({address: l.address.toLowerCase(), topics: l.topics, data: l.data, call})
            const child = children[i]
            if (child) visit(child, call, frame.input)
        }
    }
    visit(root, undefined, undefined)
    return out
}

/** The calls of a Parity trace (it has no logs); reverted calls are left out with everything under them. */
export function callsOfParityTrace(traces: readonly ParityTrace[]): TxCalls {
    const byPath = new Map(traces.map(t => [t.traceAddress.join(','), t]))
    const reverted = (path: number[]): boolean => {
        for (let n = path.length; n >= 0; n--) if (byPath.get(path.slice(0, n).join(','))?.error != null) return true
        return false
    }
    const out: TxCalls = {logs: [], into: new Map()}
    for (const t of traces) {
        const {to, input, callType} = t.action
        if (t.type !== 'call' || callType !== 'call' || !to || input == null || reverted(t.traceAddress)) continue
        const parent = t.traceAddress.length > 0 ? byPath.get(t.traceAddress.slice(0, -1).join(',')) : undefined
        push(out.into, to.toLowerCase(), {input, callerInput: parent?.action.input})
    }
    return out
}

/** A watched log of the transaction: its coordinates and content, and the functions that can emit it. */
export interface WatchedLog extends RawLog {
    /** the caller's key for the log */
    key: string
    address: string
    /** selectors of the functions that emit such a log; undefined: any call into the contract may have */
    emitters?: ReadonlySet<string>
}

/**
 * The call(s) that emitted each watched log of one transaction, `logs` in log-index order. When the
 * trace shows logs, the n-th log of a given content is the n-th the trace shows with that content:
 * exactly one call. Otherwise the candidates: the calls into the log's contract whose function can
 * emit it (several when the transaction called that contract more than once).
 */
export function placeLogs(tx: TxCalls, logs: readonly WatchedLog[]): Map<string, ReachingCall[]> {
    const traced = groupBy(tx.logs, contentKey)
    const out = new Map<string, ReachingCall[]>()
    for (const log of logs) {
        const exact = traced.get(contentKey(log))?.shift()?.call
        const candidates = exact ? [exact]
            : (tx.into.get(log.address.toLowerCase()) ?? []).filter(c => log.emitters == null || log.emitters.has(c.input.slice(0, 10)))
        if (candidates.length > 0) out.set(log.key, candidates)
    }
    return out
}

function contentKey(log: RawLog & {address: string}): string {
    return `${log.address.toLowerCase()}|${log.topics.join(',').toLowerCase()}|${log.data.toLowerCase()}`
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key)
    if (list) list.push(value)
    else map.set(key, [value])
}

function groupBy<K, V>(items: readonly V[], key: (item: V) => K): Map<K, V[]> {
    const out = new Map<K, V[]>()
    for (const item of items) push(out, key(item), item)
    return out
}
