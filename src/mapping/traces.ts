// Call traces for the events whose meaning depends on the call that emitted them, when that call was made through another contract.
import {functions as dvd} from '../abi/DVDTransferManager'
import {functions as ir} from '../abi/IdentityRegistry'
import {functions as irs} from '../abi/IdentityRegistryStorage'
import {functions as token} from '../abi/Token'
import {ContractKind} from '../model/generated/_contractKind'
import {CallTracerFrame, callsOfCallTrace, callsOfParityTrace, ParityTrace, placeLogs, ReachingCall, TxCalls} from './callFrames'
import {ChainEvent} from './events'
import {ZERO_ADDRESS} from './rules'
import {RpcBatchClient} from '../rpc/nodeLimits'

/** RPC_TRACES: `auto` tries debug_traceTransaction, then Parity's trace_transaction; `debug` or `parity` only that one; `off` none. */
export type TraceMode = 'auto' | 'debug' | 'parity' | 'off'
type TraceMethod = 'debug_traceTransaction' | 'trace_transaction'

const METHODS: Record<TraceMode, TraceMethod[]> = {
    auto: ['debug_traceTransaction', 'trace_transaction'],
    debug: ['debug_traceTransaction'],
    parity: ['trace_transaction'],
    off: [],
}

/** Per event (`<contract kind>.<name>`) whose meaning depends on its call: the selectors of the functions that emit it. */
const EMITTERS: Record<string, ReadonlySet<string>> = {
    'TOKEN.Transfer': new Set([
        token.transfer, token.transferFrom, token.batchTransfer, token.forcedTransfer, token.batchForcedTransfer,
        token.recoveryAddress, token.mint, token.batchMint, token.burn, token.batchBurn,
    ].map(f => f.selector)),
    'IDENTITY_REGISTRY_STORAGE.IdentityModified': new Set([irs.modifyStoredIdentity.selector]),
    'IDENTITY_REGISTRY.IdentityUpdated': new Set([ir.updateIdentity.selector]),
}

const emittersOf = (ev: ChainEvent): ReadonlySet<string> | undefined => EMITTERS[`${ev.kind}.${ev.name}`]

/** A Transfer's kind depends on its call unless a zero address makes it a mint or burn; an identity change's wallet always does. */
function needsCall(ev: ChainEvent): boolean {
    if (emittersOf(ev) == null) return false
    return ev.name !== 'Transfer' || (String(ev.params.from).toLowerCase() !== ZERO_ADDRESS && String(ev.params.to).toLowerCase() !== ZERO_ADDRESS)
}

/**
 * The transaction's own call settles it: the transaction called the emitting contract itself, or
 * called a watched contract whose function says what reached the emitter (a DVD manager's
 * takeDVDTransfer settles its transfers; a registry's updateIdentity names the wallet its storage modifies).
 */
function settledByTransaction(ev: ChainEvent, registry: KnownContracts): boolean {
    if (ev.txTo == null) return false
    if (ev.txTo === ev.contract) return true
    const called = registry.get(ev.txTo)
    if (ev.name === 'Transfer') return called?.kind === ContractKind.DVD_MANAGER && ev.sighash === dvd.takeDVDTransfer.selector
    return ev.name === 'IdentityModified' && called?.identityStorage === ev.contract && ev.sighash === ir.updateIdentity.selector
}

/** What tracing needs of the watched contracts (a ContractRegistry fits): a contract's kind and, for a registry, its storage. */
export interface KnownContracts {
    get(address: string): {kind: ContractKind; identityStorage?: string | null} | undefined
}

/** A JSON-RPC error answer, kept instead of thrown. */
interface RpcFailure {
    rpcError: {code: number; message: string}
}

type TraceAnswer = CallTracerFrame | ParityTrace[] | RpcFailure | null

/** An error answer that means the node does not offer the method (rather than failing one transaction). */
function refusal(a: TraceAnswer): string | undefined {
    if (a == null || !('rpcError' in a)) return undefined
    const {code, message} = a.rpcError
    const aboutMethod = /\b(method|namespace|api)\b|debug_|trace_/i.test(message) && /\bnot\b|unsupported|disabled|denied|forbidden|allow/i.test(message)
    return code === -32601 || code === -32604 || aboutMethod ? `${code} ${message}` : undefined
}

/** An HTTP status that refuses the request itself (a gateway blocking the method); 408 and 429 are retried by the client. */
function httpRefusal(err: unknown): string | undefined {
    const status = (err as {response?: {status?: unknown}} | null)?.response?.status
    return typeof status === 'number' && ((status >= 400 && status < 500 && status !== 408 && status !== 429) || status === 501) ? `HTTP ${status}` : undefined
}

/** Where the one-line notices go (the batch's logger). */
export interface TraceLog {
    warn(message: string): void
}

/**
 * Reads, once per transaction and in one JSON-RPC batch per handler batch, the call traces the
 * batch's events need: only for transactions that did not call the emitting contract themselves
 * (through an AgentManager, a multisig, a batching contract). A node that refuses a trace method is
 * not asked again; without any, those events are classified by the transaction's selector and events.
 */
export class CallTraces {
    private readonly methods: TraceMethod[]

    constructor(mode: TraceMode) {
        this.methods = [...METHODS[mode]]
    }

    /** `events`, with `calls` set on those made through another contract as far as the node's traces tell. */
    async attach(client: RpcBatchClient, events: ChainEvent[], registry: KnownContracts, log: TraceLog): Promise<ChainEvent[]> {
        const needed = new Set(events.filter(ev => needsCall(ev) && !settledByTransaction(ev, registry)))
        if (needed.size === 0 || this.methods.length === 0) return events
        const byTx = new Map<string, ChainEvent[]>()
        for (const ev of events) {
            const list = byTx.get(ev.txHash)
            if (list) list.push(ev)
            else byTx.set(ev.txHash, [ev])
        }
        const traces = await this.read(client, [...new Set([...needed].map(ev => ev.txHash))], log)
        const calls = new Map<ChainEvent, ReachingCall[]>()
        for (const [hash, tx] of traces) {
            // Every watched log of the transaction takes part: the n-th of a content is matched with the n-th the trace shows.
            const ofTx = byTx.get(hash) ?? []
            const placed = placeLogs(tx, ofTx.map((ev, i) => ({key: String(i), address: ev.contract, ...ev.raw, emitters: emittersOf(ev)})))
            ofTx.forEach((ev, i) => {
                const found = placed.get(String(i))
                if (found && needed.has(ev)) calls.set(ev, found)
            })
        }
        return events.map(ev => {
            const found = calls.get(ev)
            return found ? {...ev, calls: found} : ev
        })
    }

    /** The traces of `hashes` by the first method the node answers; transactions it could not trace are left out. */
    private async read(client: RpcBatchClient, hashes: string[], log: TraceLog): Promise<Map<string, TxCalls>> {
        while (this.methods.length > 0) {
            const method = this.methods[0]!
            const answers = await requestTraces(client, method, hashes)
            const refused = Array.isArray(answers) ? answers.map(refusal).find(r => r != null) : answers.refused
            if (refused == null && Array.isArray(answers)) return parseAll(method, hashes, answers, log)
            this.methods.shift()
            const next = this.methods[0]
            log.warn(`the node refuses ${method} (${refused}): ` + (next ? `reading call traces with ${next}`
                : 'no call traces, so transfers made through contracts are classified by the transaction\'s selector and events (classifiedBy TX_SELECTOR / TX_EVENTS), and identity changes by the storage read at their block (STORAGE_READ)'))
        }
        return new Map()
    }
}

/** Each answered transaction's calls; one line names those the node could not trace (classified by the transaction's selector and events). */
function parseAll(method: TraceMethod, hashes: string[], answers: TraceAnswer[], log: TraceLog): Map<string, TxCalls> {
    const out = new Map<string, TxCalls>()
    const failed: string[] = []
    answers.forEach((a, i) => {
        const tx = parse(method, a)
        if (tx) out.set(hashes[i]!, tx)
        else failed.push(`${hashes[i]}: ${a != null && 'rpcError' in a ? a.rpcError.message : 'no trace'}`)
    })
    if (failed.length > 0) log.warn(`${method} gave no trace for ${failed.length} transaction(s), classified without one (first: ${failed[0]})`)
    return out
}

/** One JSON-RPC batch (split by the client at its batch size): each transaction's trace or error; `refused` when the HTTP request itself was. */
async function requestTraces(client: RpcBatchClient, method: TraceMethod, hashes: string[]): Promise<TraceAnswer[] | {refused: string}> {
    try {
        return await client.batchCall<TraceAnswer>(hashes.map(h => ({
            method,
            params: method === 'debug_traceTransaction' ? [h, {tracer: 'callTracer', tracerConfig: {withLog: true}}] : [h],
        })), {validateError: info => ({rpcError: {code: info.code, message: info.message}})})
    } catch (err) {
        const refused = httpRefusal(err)
        if (refused == null) throw err
        return {refused}
    }
}

function parse(method: TraceMethod, a: TraceAnswer): TxCalls | undefined {
    if (a == null || 'rpcError' in a) return undefined
    if (method === 'trace_transaction') return Array.isArray(a) ? callsOfParityTrace(a) : undefined
    return Array.isArray(a) ? undefined : callsOfCallTrace(a)
}
