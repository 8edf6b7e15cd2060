import {batchCall, NodeLimits, RpcBatchClient} from '../rpc/nodeLimits'
import {tokenId} from '../ids'
import {ContractKind} from '../model/generated/_contractKind'
import type {PaymentToken} from '../model'
import {addr, ChainEvent} from './events'
import {InfoRequest, infoKey, PAYMENT_TOKEN_FIELDS, TokenInfo} from './tokenInfo'

// The ERC-20s distributions pay in: symbol, name and decimals read once, at the block of the first distribution
// paying in each, so that every payout amount can be shown in its own units. And the time of each distribution's
// record block, which the indexer has not seen when nothing it watches happened in that block.

/** The reads for the payment tokens this batch's distributions reveal, each at its first distribution's block. */
export function paymentTokenReads(known: {has(address: string): boolean}, events: ChainEvent[]): InfoRequest[] {
    const first = new Map<string, number>()
    for (const ev of events) {
        if (ev.kind !== ContractKind.DISTRIBUTION_MANAGER || ev.name !== 'DistributionCreated') continue
        const address = addr(ev, 'paymentToken')
        if (!known.has(address) && !first.has(address)) first.set(address, ev.block.height)
    }
    return [...first].map(([token, block]) => ({token, block, fields: PAYMENT_TOKEN_FIELDS}))
}

/** A PaymentToken row's fields. */
export type PaymentTokenFields = Omit<PaymentToken, 'distributions'>

/**
 * The payment tokens of `reads`, from what the node answered: a view that reverted or returned something
 * that is not an ERC-20 string or uint8 (a bytes32 symbol, no decimals()) is recorded as null, never an error.
 */
export function paymentTokensOf(chainId: number, reads: InfoRequest[], info: ReadonlyMap<string, Partial<TokenInfo>>): PaymentTokenFields[] {
    return reads.map(r => {
        const i = info.get(infoKey(r.token, r.block))
        return {
            id: tokenId(chainId, r.token),
            chainId,
            address: r.token,
            name: i?.name ?? null,
            symbol: i?.symbol ?? null,
            decimals: i?.decimals ?? null,
            discoveredAtBlock: r.block,
        }
    })
}

/** The record blocks of this batch's new distributions. */
export const recordBlocksOf = (events: ChainEvent[]): number[] => [...new Set(events
    .filter(ev => ev.kind === ContractKind.DISTRIBUTION_MANAGER && ev.name === 'DistributionCreated')
    .map(ev => Number(ev.params.recordBlock)))]

/** Each block's time (ms) as the node's header says, in JSON-RPC batches the node accepts. */
export async function readBlockTimes(client: RpcBatchClient, blocks: number[], limits: NodeLimits): Promise<Map<number, number>> {
    const headers = await batchCall<{timestamp: string} | null>(client, blocks.map(b => ({method: 'eth_getBlockByNumber', params: ['0x' + b.toString(16), false]})), limits)
    const out = new Map<number, number>()
    blocks.forEach((b, i) => {
        const h = headers[i]
        if (h != null) out.set(b, Number(BigInt(h.timestamp)) * 1000)
    })
    return out
}
