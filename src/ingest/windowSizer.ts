/**
 * Catch-up window lengths: at most what `max` allows, and about WINDOW_LOGS logs each at the density
 * seen in windows that found no contracts (a window holds its logs, transactions and rows in memory;
 * past a few thousand logs a larger one saves little per log). Until then windows are short: a
 * deployment reveals contracts whose density is not known yet.
 */
export class WindowSizer {
    private blocks = 0
    private logs = 0

    constructor(private readonly max: () => number) {}

    next(): number {
        const cap = this.max()
        if (this.blocks === 0) return Math.min(cap, FIRST_WINDOW)
        return Math.max(1, Math.min(cap, Math.floor(WINDOW_LOGS * this.blocks / Math.max(1, this.logs))))
    }

    saw(blocks: number, logs: number): void {
        this.blocks += blocks
        this.logs += logs
    }
}

const FIRST_WINDOW = 100
const WINDOW_LOGS = 5000
