import {rpc} from '../../src/dev/status'

// Reorganising an anvil chain on purpose: drop the newest blocks, then the caller mines a different branch.

export async function chainHead(rpcUrl: string): Promise<number> {
    return Number(await rpc<string>(rpcUrl, 'eth_blockNumber'))
}

/** Drops the newest `depth` blocks (their transactions are discarded, not returned to the pool); returns the new head. */
export async function rollBack(rpcUrl: string, depth: number): Promise<number> {
    await rpc(rpcUrl, 'anvil_rollback', [depth])
    return chainHead(rpcUrl)
}

/** Mines empty blocks until the head is at least `height`. */
export async function mineTo(rpcUrl: string, height: number): Promise<number> {
    const head = await chainHead(rpcUrl)
    if (height > head) await rpc(rpcUrl, 'anvil_mine', ['0x' + (height - head).toString(16)])
    return Math.max(head, height)
}
