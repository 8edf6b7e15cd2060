import {Store} from '@subsquid/typeorm-store'
import {blockId} from '../ids'
import {Chain, IndexedBlock} from '../model'
import {bulkWrite, trackedUpdate} from './bulkWrite'
import {ChainEvent} from './events'

// Times resolve to blocks through the blocks' own timestamps: the indexer keeps every block in which
// something it watches happened (the state changes nowhere else) and the head it has reached.

/** One row per block holding at least one watched event; a block seen again (a backfill) is rewritten the same. */
export async function saveIndexedBlocks(store: Store, chainId: number, events: readonly ChainEvent[]): Promise<void> {
    const blocks = new Map<number, IndexedBlock>()
    for (const {block} of events) {
        if (blocks.has(block.height)) continue
        blocks.set(block.height, new IndexedBlock({
            id: blockId(chainId, block.height), chainId, height: block.height, hash: block.hash, timestamp: new Date(block.timestamp),
        }))
    }
    await bulkWrite(store, 'upsert', [...blocks.values()])
}

/** The chain's head as indexed: the last block of the batch and its time (a rollback restores the previous head). */
export async function saveHead(store: Store, chainId: number, head: {height: number; timestamp: number}): Promise<void> {
    await trackedUpdate(store, Chain, [String(chainId)], 'UPDATE chain SET head_block = $2, head_timestamp = $3 WHERE id = $1',
        [String(chainId), head.height, new Date(head.timestamp)])
}
