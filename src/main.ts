import {holdingId, logId} from './ids'
import {SkippedLog} from './model'
import {ZERO_ADDRESS} from './mapping/rules'
import {decodeSuiteDeployed, Discovery, newToken, SUITE_DEPLOYED_TOPIC} from './mapping/factory'
import {BatchState} from './mapping/state'
import {applyTokenEvent, decodeTokenLog, TokenEvent} from './mapping/token'
import {ALL_FIELDS, fetchTokenInfo, InfoRequest, infoKey, NAME_AND_SYMBOL} from './mapping/tokenInfo'
import {Log, ProcessorContext} from './processor'

export interface HandlerConfig {
    chainId: number
    factories: ReadonlySet<string>
    listedTokens: ReadonlySet<string>
}

/** The batch handler: decode every log once, apply in memory, save in bulk. */
export function createHandler(cfg: HandlerConfig) {
    return async (ctx: ProcessorContext): Promise<void> => {
        const state = await BatchState.load(ctx.store, cfg.chainId)
        const {discoveries, events} = decodeBatch(ctx, state, cfg)

        await state.loadHoldings(ctx.store, events.flatMap(holdingIdsOf(cfg.chainId)))
        const info = await fetchTokenInfo(ctx._chain.client, infoRequests(discoveries, events))

        for (const d of discoveries) state.addToken(newToken(cfg.chainId, d, info.get(infoKey(d.address, d.block.height))))
        for (const ev of events) {
            applyTokenEvent(state, ev, (token, block) => {
                const i = info.get(infoKey(token, block))
                return i && {name: i.name ?? null, symbol: i.symbol ?? null}
            })
        }

        await state.save(ctx.store)
    }
}

function decodeBatch(ctx: ProcessorContext, state: BatchState, cfg: HandlerConfig) {
    const discoveries: Discovery[] = []
    const known = new Set(state.tokens.keys())
    const discover = (d: Discovery) => {
        if (known.has(d.address)) return
        known.add(d.address)
        discoveries.push(d)
    }
    const skip = (log: Log, err: unknown) => {
        state.skipped.push(new SkippedLog({
            id: logId(cfg.chainId, log.block.height, log.logIndex),
            chainId: cfg.chainId,
            address: log.address,
            topic0: log.topics[0] ?? null,
            blockNumber: log.block.height,
            txHash: log.transactionHash,
            logIndex: log.logIndex,
            reason: err instanceof Error ? err.message : String(err),
        }))
        ctx.log.warn(`skipped undecodable log ${log.address} at block ${log.block.height} index ${log.logIndex}: ${String(err)}`)
    }

    // Discovery first: a token's initialisation logs precede its factory's event in the same transaction.
    for (const block of ctx.blocks) {
        for (const log of block.logs) {
            if (log.topics[0] === SUITE_DEPLOYED_TOPIC && cfg.factories.has(log.address)) {
                try {
                    const {token} = decodeSuiteDeployed(log)
                    discover({address: token, factory: log.address, block: block.header, txHash: log.transactionHash})
                } catch (err) {
                    skip(log, err)
                }
            } else if (cfg.listedTokens.has(log.address)) {
                discover({address: log.address, factory: null, block: block.header, txHash: log.transactionHash})
            }
        }
    }

    const events: TokenEvent[] = []
    for (const block of ctx.blocks) {
        for (const log of block.logs) {
            if (!known.has(log.address)) continue
            let body
            try {
                body = decodeTokenLog(log)
            } catch (err) {
                skip(log, err)
                continue
            }
            if (body == null) continue
            events.push({
                ...body,
                token: log.address,
                block: block.header,
                logIndex: log.logIndex,
                txHash: log.transactionHash,
                actor: senderOf(log),
                sighash: log.transaction?.sighash,
            })
        }
    }
    return {discoveries, events}
}

function senderOf(log: Log): string {
    if (log.transaction == null) throw new Error(`log ${log.id} came without its transaction: the processor's log request must set transaction: true`)
    return log.transaction.from
}

const holdingIdsOf = (chainId: number) => (ev: TokenEvent): string[] => {
    switch (ev.type) {
        case 'Transfer':
            return [ev.from, ev.to].filter(w => w !== ZERO_ADDRESS).map(w => holdingId(chainId, ev.token, w))
        case 'AddressFrozen':
        case 'TokensFrozen':
        case 'TokensUnfrozen':
            return [holdingId(chainId, ev.token, ev.wallet)]
        default:
            return []
    }
}

function infoRequests(discoveries: Discovery[], events: TokenEvent[]): InfoRequest[] {
    return [
        ...discoveries.map(d => ({token: d.address, block: d.block.height, fields: ALL_FIELDS})),
        ...events.filter(ev => ev.type === 'UpdatedTokenInformation')
            .map(ev => ({token: ev.token, block: ev.block.height, fields: NAME_AND_SYMBOL})),
    ]
}
