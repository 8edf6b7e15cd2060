import {isDeepStrictEqual} from 'util'
import {IndexHead} from './indexHead'

/**
 * Tells subscriptions when the indexer committed: one look at the indexed head every `intervalMs`
 * for the whole process, and only while some subscription listens. An answer can only change when the
 * head does, so subscriptions re-run their query then, not on a timer each.
 */
export class HeadWatch {
    private readonly listeners = new Set<() => void>()
    private timer: NodeJS.Timeout | undefined
    private last: IndexHead | null | undefined

    constructor(private readonly read: () => Promise<IndexHead | null>, private readonly intervalMs: number, private readonly onError: (err: unknown) => void) {}

    /** Calls `listener` after each change of the head, until the returned function is called. */
    listen(listener: () => void): () => void {
        this.listeners.add(listener)
        this.timer ??= setInterval(() => void this.tick(), this.intervalMs)
        return () => {
            this.listeners.delete(listener)
            if (this.listeners.size === 0 && this.timer) {
                clearInterval(this.timer)
                this.timer = undefined
                this.last = undefined
            }
        }
    }

    get listening(): number {
        return this.listeners.size
    }

    private async tick(): Promise<void> {
        let head: IndexHead | null
        try {
            head = await this.read()
        } catch (err) {
            // a failed look is a change as far as subscriptions know: their own poll reports the failure
            this.onError(err)
            head = null
            this.last = undefined
        }
        if (this.last !== undefined && isDeepStrictEqual(head, this.last)) return
        this.last = head
        for (const l of [...this.listeners]) l()
    }
}

/**
 * A subscription's stream: the answer now, then a new answer each time the indexer's head moves and
 * the answer differs. return() (the client unsubscribed or its socket closed) ends it at once: no
 * poll starts after it, and a pending wait resolves as the end.
 */
export class LiveQuery<T> implements AsyncIterableIterator<T> {
    private previous: {value: T} | undefined
    private ended = false
    private changed = false
    private wake: (() => void) | undefined
    private readonly unlisten: () => void

    constructor(heads: HeadWatch, private readonly poll: () => Promise<T>) {
        this.unlisten = heads.listen(() => {
            this.changed = true
            this.wake?.()
        })
    }

    [Symbol.asyncIterator](): AsyncIterableIterator<T> {
        return this
    }

    async next(): Promise<IteratorResult<T>> {
        for (;;) {
            if (this.ended) return {done: true, value: undefined}
            if (this.previous != null) {
                if (!this.changed) await new Promise<void>(resolve => this.wake = resolve)
                this.wake = undefined
                if (this.ended) return {done: true, value: undefined}
                this.changed = false
            }
            let value: T
            try {
                value = await this.poll()
            } catch (err) {
                this.end()
                throw err
            }
            if (this.ended) return {done: true, value: undefined}
            if (this.previous != null && isDeepStrictEqual(this.previous.value, value)) continue
            this.previous = {value}
            return {done: false, value}
        }
    }

    async return(): Promise<IteratorResult<T>> {
        this.end()
        return {done: true, value: undefined}
    }

    private end(): void {
        if (this.ended) return
        this.ended = true
        this.unlisten()
        this.wake?.()
    }
}
