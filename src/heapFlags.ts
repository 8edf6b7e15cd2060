/**
 * The indexer's Node flags: a heap limit of `heapMb` MiB unless NODE_OPTIONS sets one. Without a limit
 * V8 sizes the heap from the machine's memory and lets it grow long before collecting (RSS 0.5-0.7 GB
 * on a chain of 50k-200k transfers, against a live heap of about 100 MB); with one it collects sooner.
 */
export function heapFlags(heapMb: number, nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
    return heapMb > 0 && !nodeOptions.includes('--max-old-space-size') ? [`--max-old-space-size=${heapMb}`] : []
}
