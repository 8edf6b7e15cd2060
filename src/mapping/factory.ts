import {events} from '../abi/TREXFactory'
import {tokenId} from '../ids'
import {Token} from '../model'
import {RawLog} from './token'
import {TokenInfo} from './tokenInfo'

export const SUITE_DEPLOYED_TOPIC = events.TREXSuiteDeployed.topic

/** The token a TREXFactory deployed; the rest of the suite arrives through the token's own events. */
export function decodeSuiteDeployed(log: RawLog): {token: string} {
    const e = events.TREXSuiteDeployed.decode(log)
    return {token: e._token.toLowerCase()}
}

export interface Discovery {
    address: string
    factory: string | null
    block: {height: number; timestamp: number}
    txHash: string
}

/** A token first seen at a block: supply and holders start at zero and are built from its Transfers. */
export function newToken(chainId: number, d: Discovery, info: Partial<TokenInfo> | undefined): Token {
    return new Token({
        id: tokenId(chainId, d.address),
        chainId,
        address: d.address,
        name: info?.name ?? null,
        symbol: info?.symbol ?? null,
        decimals: info?.decimals ?? null,
        version: info?.version ?? null,
        onchainID: info?.onchainID ?? null,
        identityRegistry: info?.identityRegistry ?? null,
        compliance: info?.compliance ?? null,
        factory: d.factory,
        totalSupply: 0n,
        holderCount: 0,
        paused: info?.paused ?? false,
        transferCount: 0,
        createdAtBlock: d.block.height,
        createdAt: new Date(d.block.timestamp),
        createdTxHash: d.txHash,
    })
}
