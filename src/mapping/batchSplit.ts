import {mulberry32} from '../dev/random'

// Where a batch ends must not change what the index holds. To test that, BATCH_SPLIT cuts each
// batch the processor delivers into smaller ones, handled one after another in the same transaction
// exactly as separate batches would be, and sizes the catch-up's windows the same way.

/** How to cut a delivered batch: not at all, into single blocks, or at seeded random points. */
export type BatchSplit = {mode: 'none'} | {mode: 'block'} | {mode: 'random'; seed: number}

/** Cuts `items` into consecutive non-empty runs, per `split`; `next` keeps a random split's sequence across batches. */
export function splitter(split: BatchSplit): <T>(items: readonly T[]) => T[][] {
    const rand = split.mode === 'random' ? mulberry32(split.seed) : undefined
    return <T>(items: readonly T[]): T[][] => {
        if (split.mode === 'none' || items.length === 0) return [[...items]]
        if (split.mode === 'block') return items.map(i => [i])
        const parts: T[][] = []
        let current: T[] = []
        for (const item of items) {
            current.push(item)
            // about one cut in three blocks: both long and single-block batches occur
            if (rand!() < 0.35) {
                parts.push(current)
                current = []
            }
        }
        if (current.length > 0) parts.push(current)
        return parts
    }
}

/** The next catch-up window's length in blocks, at most `max`: `max` itself, 1, or seeded random lengths. */
export function windowSizes(split: BatchSplit, max: number): () => number {
    if (split.mode === 'none') return () => max
    if (split.mode === 'block') return () => 1
    const rand = mulberry32(split.seed)
    // mostly short windows, now and then a long one
    return () => (rand() < 0.2 ? max : 1 + Math.floor(rand() * Math.min(max, 8)))
}
