/**
 * Catch-up window lengths: at most what `max` allows, and about WINDOW_LOGS logs each at the density
 * seen in windows that found no contracts (a window holds its logs, transactions and rows in memory;
 * a window that fetched more than MAX_WINDOW_LOGS ends earlier). Until such a window held logs,
 * windows start at one block and double: a deployment reveals contracts whose density is not known
 * yet, and the logs a window backfills for the contracts it discovers are not bounded by that cut.
 */
export class WindowSizer {
    private blocks = 0
    private logs = 0
    private probes = 0

    constructor(private readonly max: () => number) {}

    next(): number {
        const cap = this.max()
        // no log seen yet: a density of zero would make the next window the whole chain
        if (this.logs === 0) return Math.min(cap, 2 ** Math.min(MAX_DOUBLINGS, this.probes++))
        return Math.max(1, Math.min(cap, Math.floor(WINDOW_LOGS * this.blocks / Math.max(1, this.logs))))
    }

    saw(blocks: number, logs: number): void {
        this.blocks += blocks
        this.logs += logs
    }
}

const MAX_DOUBLINGS = 20
const WINDOW_LOGS = 5000
/** What one catch-up window fetches at most, in whole blocks (one block denser than this comes whole). */
export const MAX_WINDOW_LOGS = 2 * WINDOW_LOGS
