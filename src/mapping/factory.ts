import {tokenId} from '../ids'
import {Token, TokenStandard} from '../model'
import {TokenInfo} from './tokenInfo'

export interface TokenSighting {
    address: string
    factory: string | null
    block: {height: number; timestamp: number}
    txHash: string
}

/** A token first seen at a block: supply and holders start at zero and are built from its Transfers. */
export function newToken(chainId: number, d: TokenSighting, standard = TokenStandard.ERC3643): Token {
    return new Token({
        id: tokenId(chainId, d.address),
        chainId,
        address: d.address,
        standard,
        name: null,
        symbol: null,
        decimals: null,
        version: null,
        onchainID: null,
        identityRegistry: null,
        compliance: null,
        factory: d.factory,
        totalSupply: 0n,
        holderCount: 0,
        investorCount: 0,
        paused: false,
        transferCount: 0,
        balanceChangeCount: 0,
        createdAtBlock: d.block.height,
        createdAt: new Date(d.block.timestamp),
        createdTxHash: d.txHash,
    })
}

/** Views read at the discovery block; the token's own events in the batch then apply on top. */
export function applyTokenInfo(token: Token, info: Partial<TokenInfo> | undefined): void {
    if (info == null) return
    token.name = info.name ?? token.name
    token.symbol = info.symbol ?? token.symbol
    token.decimals = info.decimals ?? token.decimals
    token.version = info.version ?? token.version
    token.onchainID = info.onchainID ?? token.onchainID
    token.identityRegistry = info.identityRegistry ?? token.identityRegistry
    token.compliance = info.compliance ?? token.compliance
    token.paused = info.paused ?? token.paused
}
