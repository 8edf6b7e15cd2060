// Every id starts with the chain id, so several chains can share one database; numbers are zero-padded so ids sort.

const pad = (n: number, width: number): string => n.toString().padStart(width, '0')


export const tokenId = (chainId: number, token: string): string => `${chainId}-${token}`

export const holdingId = (chainId: number, token: string, wallet: string): string => `${chainId}-${token}-${wallet}`

/** Position of a log in the chain: block then log index. */
export const logId = (chainId: number, block: number, logIndex: number): string =>
    `${chainId}-${pad(block, 10)}-${pad(logIndex, 6)}`

export const balanceChangeId = (chainId: number, block: number, logIndex: number, side: 'from' | 'to'): string =>
    `${logId(chainId, block, logIndex)}-${side}`

export const checkpointId = (tokenEntityId: string, block: number): string => `${tokenEntityId}-${pad(block, 10)}`

export const blockId = (chainId: number, height: number): string => `${chainId}-${pad(height, 10)}`
