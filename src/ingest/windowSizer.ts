/**
 * Catch-up window lengths: at most what `max` allows, and about WINDOW_LOGS logs each at the density
 * seen so far (a window holds its logs, transactions and rows in memory). Density can jump (a quiet
 * token starts trading): the fetch stops asking once it holds more than MAX_WINDOW_LOGS logs and the
 * window ends there, at whole blocks; while the density is not settled, the fetch's ranges ramp up
 * (see rampFrom). Until a window held logs, windows start at one block and double.
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

    /**
     * Whether the density seen holds for the next window: not before a window held logs, nor after one
     * that revealed contracts (their density is not known yet) or ended early (denser than expected).
     */
    settled = false

    /**
     * Where the next window's eth_getLogs ranges start, fetched after `last` (see LogsWanted.rampFrom): after a
     * window cut short, the blocks that held RAMP_LOGS logs at its density (it measured the dense stretch:
     * from one block, the ramp took ten rounds to reach it, each waiting for the handler of the window
     * before); else one block while the density is not settled; null once it is.
     */
    rampFrom(last: {from: number; to: number; logs: readonly unknown[]; cut: boolean}): number | null {
        if (last.cut) return Math.max(1, Math.floor(RAMP_LOGS * (last.to - last.from + 1) / Math.max(1, last.logs.length)))
        return this.settled ? null : 1
    }

    /** A window of `blocks` held `logs`; `settled`: it revealed no contract and was not cut short. */
    saw(blocks: number, logs: number, settled: boolean): void {
        this.blocks += blocks
        this.logs += logs
        this.settled = settled && this.logs > 0
    }
}

const MAX_DOUBLINGS = 20
const WINDOW_LOGS = 5000
/** What one catch-up window fetches at most, in whole blocks (one block denser than this comes whole). */
export const MAX_WINDOW_LOGS = 2 * WINDOW_LOGS
/** Logs the first eth_getLogs range after a window cut short should hold at its density: a quarter of a capped node's answer (10,000). */
const RAMP_LOGS = 2500
