import {RpcClient} from '@subsquid/rpc-client'

export interface ChainIdentity {
    chainId: number
    genesisHash: string
    head: number
}

/** Asks the node which chain it serves; fails fast so the caller's retry names the URL. */
export async function readChainIdentity(url: string): Promise<ChainIdentity> {
    const client = new RpcClient({url, retryAttempts: 0, requestTimeout: 5000, log: null})
    try {
        const [chainId, genesis, head] = await client.batchCall<string | {hash: string}>([
            {method: 'eth_chainId', params: []},
            {method: 'eth_getBlockByNumber', params: ['0x0', false]},
            {method: 'eth_blockNumber', params: []},
        ])
        if (typeof chainId !== 'string' || typeof head !== 'string' || genesis == null || typeof genesis !== 'object') {
            throw new Error('the node gave an unexpected answer to eth_chainId / eth_getBlockByNumber(0)')
        }
        return {chainId: Number(chainId), genesisHash: genesis.hash, head: Number(head)}
    } finally {
        client.close()
    }
}

export async function blockHashAt(url: string, height: number): Promise<string | null> {
    const client = new RpcClient({url, retryAttempts: 3, requestTimeout: 10000, log: null})
    try {
        const block = await client.call<{hash: string} | null>('eth_getBlockByNumber', ['0x' + height.toString(16), false])
        return block?.hash ?? null
    } finally {
        client.close()
    }
}
