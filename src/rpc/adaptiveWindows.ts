import {createLogger} from '@subsquid/logger'
import {withBackoff} from './backoff'
import {classifyNodeError, NodeRefusalError} from './nodeErrors'

// Asking a node for a span of units (blocks of eth_getLogs, calls of a batch) in windows it accepts:
// smaller when it refuses, larger again once it keeps answering.

const log = createLogger('abst:rpc')

/** Windows requested at once (the RPC client caps its own concurrency too). */
const IN_FLIGHT = 4
/** Answered windows in a row after which a window first tries twice the size, up to the maximum. */
const GROW_AFTER = 4

/**
 * The window size in units: starts at `max` (or ramps up from 1), halves on refusals (never below 1), and after answers in a
 * row lets one window try twice the size while the others keep to the current one. Each refused try
 * doubles the answers needed before the next: a node with a fixed cap costs a few refused requests.
 */
export class WindowSize {
    current: number
    private answeredInRow = 0
    private patience = GROW_AFTER
    /** a doubled size that one window is trying */
    private trial?: {size: number; taken: boolean}
    private ramping: boolean

    /**
     * `itemsPerWindow`: a window answered with more items than this narrows the next ones to about that
     * many (a node without a result cap answers anything). `rampFrom` (needs `itemsPerWindow`): start at
     * that many units (at most `max`) and double after each answer holding at most half that many (of a
     * window at least half the current size), until the first refusal or crowded answer, rather than
     * trusting `max` at once: where items may be dense, no answer is large.
     */
    constructor(readonly max: number, readonly options: {itemsPerWindow?: number; rampFrom?: number | null} = {}) {
        const rampFrom = options.itemsPerWindow != null ? options.rampFrom : null
        this.ramping = rampFrom != null
        this.current = rampFrom != null ? Math.max(1, Math.min(max, rampFrom)) : max
    }

    /** The size of the next window: the trial size for one window, else the current size. */
    next(): number {
        if (this.trial == null || this.trial.taken) return this.current
        this.trial.taken = true
        return this.trial.size
    }

    /** The node answered a window of `tried` units with `items` items. */
    answered(tried: number, items: number): void {
        const target = this.options.itemsPerWindow
        if (target != null && items > target) {
            this.current = Math.max(1, Math.min(this.current, Math.floor(tried * target / items)))
            this.trial = undefined
            this.answeredInRow = 0
            this.ramping = false
            return
        }
        if (this.ramping && target != null && 2 * items <= target && 2 * tried >= this.current && this.current < this.max) {
            this.current = Math.min(this.max, this.current * 2)
            return
        }
        if (tried > this.current) { // the trial (or a window sent before a refusal) was answered: that size works
            this.current = tried
            this.trial = undefined
            this.answeredInRow = 0
            return
        }
        if (++this.answeredInRow < this.patience || this.current >= this.max || this.trial != null) return
        this.trial = {size: Math.min(this.max, this.current * 2), taken: false}
        this.answeredInRow = 0
    }

    /** The node refused a window of `tried` units as too large. */
    refused(tried: number): void {
        this.answeredInRow = 0
        this.ramping = false
        if (tried > this.current) { // the trial, or a window sent before an earlier refusal
            if (this.trial?.taken) {
                this.patience *= 2
                this.trial = undefined
            }
            return
        }
        this.current = Math.max(1, Math.floor(tried / 2))
        this.trial = undefined
    }
}

export interface WindowedRequest<T> {
    /** asks the node for units from..to (inclusive); its answer, in unit order */
    fetch(from: number, to: number): Promise<T[]>
    /** names a window in log lines and errors, e.g. "eth_getLogs of 3 address(es) over blocks 100-2099" */
    describe(from: number, to: number): string
    /** the unit's name for errors: "block", "call" */
    unit: string
    /** what the operator can do when even one unit is refused */
    refusalHint: string
    size: WindowSize
    /** ms one window may spend waiting out rate limits and outages (withBackoff) */
    retryBudgetMs: number
}

/** Units from..to as far as they were fetched: the answers for from..`to`, in unit order. */
export interface Prefix<T> {
    items: T[]
    to: number
}

/**
 * The answers for units from..to (inclusive), concatenated in unit order. Windows of the current size
 * (one of them, now and then, of twice that: see WindowSize) go out IN_FLIGHT at a time; a window the node refuses as too large (or leaves unanswered until the
 * timeout) is asked again in windows of the reduced size; a single unit refused as too large fails
 * with NodeRefusalError naming the node's message. Rate limits and outages are waited out (withBackoff).
 */
export async function fetchInWindows<T>(from: number, to: number, req: WindowedRequest<T>): Promise<T[]> {
    return (await fetchUntil(from, to, req, Infinity)).items
}

/**
 * Like `fetchInWindows`, but no window is sent once `enough` items have come back: the answer covers
 * from..`to` of the result, where every window sent ended (all of from..to when `enough` was not reached).
 * With a finite `enough` the windows go out one at a time, each answer deciding whether another is needed:
 * windows in flight past it were read in whole and dropped (a catch-up window of 10,000 logs on a chain of
 * 4,000 a block fetched up to four ranges more, which nearly doubled the indexer's peak memory).
 */
export async function fetchUntil<T>(from: number, to: number, req: WindowedRequest<T>, enough: number): Promise<Prefix<T>> {
    const parts: {from: number; items: T[]}[] = []
    let next = from
    let failed = false
    let fetched = 0
    const worker = async (): Promise<void> => {
        while (!failed && next <= to && fetched < enough) {
            const start = next
            const end = Math.min(to, start + req.size.next() - 1)
            next = end + 1
            try {
                const got = await fetchWindow(start, end, req)
                parts.push(...got)
                for (const p of got) fetched += p.items.length
            } catch (err) {
                failed = true // the others stop taking windows
                throw err
            }
        }
    }
    await Promise.all(Array.from({length: Number.isFinite(enough) ? 1 : IN_FLIGHT}, worker))
    // every window taken was answered: they cover from..next-1 without a gap
    const items: T[] = []
    for (const p of parts.sort((a, b) => a.from - b.from)) for (const item of p.items) items.push(item)
    return {items, to: next - 1}
}

async function fetchWindow<T>(from: number, to: number, req: WindowedRequest<T>): Promise<{from: number; items: T[]}[]> {
    try {
        const items = await withBackoff(() => req.fetch(from, to), req.describe(from, to), req.retryBudgetMs, from === to)
        req.size.answered(to - from + 1, items.length)
        return [{from, items}]
    } catch (err) {
        const e = classifyNodeError(err)
        if (e.kind !== 'tooLarge' && e.kind !== 'timeout') throw err
        if (from === to) {
            throw new NodeRefusalError(`${req.describe(from, to)}: the node refuses even a single ${req.unit} (${e.message}); ${req.refusalHint}`)
        }
        req.size.refused(to - from + 1)
        log.info(`${req.describe(from, to)}: ${e.message}; asking ${req.size.current} ${req.unit}(s) at a time`)
        const parts: {from: number; items: T[]}[] = []
        for (let start = from; start <= to;) {
            // equal pieces of at most the current size (which may shrink further while we go): no 1-unit leftovers
            const left = to - start + 1
            const end = start + Math.ceil(left / Math.ceil(left / req.size.current)) - 1
            parts.push(...await fetchWindow(start, end, req))
            start = end + 1
        }
        return parts
    }
}
