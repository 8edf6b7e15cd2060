import {events} from '../abi/Token'
import {balanceChangeId, logId} from '../ids'
import {BalanceChange, Holding, Token, Transfer} from '../model'
import {classifyTransfer, holderCountDelta, ZERO_ADDRESS} from './rules'
import {BatchState} from './state'

export const TOKEN_TOPICS = [
    events.Transfer.topic,
    events.AddressFrozen.topic,
    events.TokensFrozen.topic,
    events.TokensUnfrozen.topic,
    events.Paused.topic,
    events.Unpaused.topic,
    events.UpdatedTokenInformation.topic,
    events.IdentityRegistryAdded.topic,
    events.ComplianceAdded.topic,
]

/** Where a fact comes from: enough for an auditor to find the transaction behind it. */
export interface Provenance {
    token: string
    block: {height: number; timestamp: number}
    logIndex: number
    txHash: string
    actor: string
    sighash: string | undefined
}

export type TokenEvent = Provenance & (
    | {type: 'Transfer'; from: string; to: string; amount: bigint}
    | {type: 'AddressFrozen'; wallet: string; frozen: boolean}
    | {type: 'TokensFrozen'; wallet: string; amount: bigint}
    | {type: 'TokensUnfrozen'; wallet: string; amount: bigint}
    | {type: 'Paused'}
    | {type: 'Unpaused'}
    | {type: 'UpdatedTokenInformation'; decimals: number; version: string; onchainID: string}
    | {type: 'IdentityRegistryAdded'; identityRegistry: string}
    | {type: 'ComplianceAdded'; compliance: string}
)

export type TokenEventBody = TokenEvent extends infer E ? E extends Provenance ? Omit<E, keyof Provenance> : never : never

export interface RawLog {
    topics: string[]
    data: string
}

/** Decodes one token log; throws on data that does not fit the event's ABI. */
export function decodeTokenLog(log: RawLog): TokenEventBody | undefined {
    switch (log.topics[0]) {
        case events.Transfer.topic: {
            const e = events.Transfer.decode(log)
            return {type: 'Transfer', from: e.from.toLowerCase(), to: e.to.toLowerCase(), amount: e.value}
        }
        case events.AddressFrozen.topic: {
            const e = events.AddressFrozen.decode(log)
            return {type: 'AddressFrozen', wallet: e._userAddress.toLowerCase(), frozen: e._isFrozen}
        }
        case events.TokensFrozen.topic: {
            const e = events.TokensFrozen.decode(log)
            return {type: 'TokensFrozen', wallet: e._userAddress.toLowerCase(), amount: e._amount}
        }
        case events.TokensUnfrozen.topic: {
            const e = events.TokensUnfrozen.decode(log)
            return {type: 'TokensUnfrozen', wallet: e._userAddress.toLowerCase(), amount: e._amount}
        }
        case events.Paused.topic:
            events.Paused.decode(log)
            return {type: 'Paused'}
        case events.Unpaused.topic:
            events.Unpaused.decode(log)
            return {type: 'Unpaused'}
        case events.UpdatedTokenInformation.topic: {
            const e = events.UpdatedTokenInformation.decode(log)
            return {
                type: 'UpdatedTokenInformation',
                decimals: e._newDecimals,
                version: e._newVersion,
                onchainID: e._newOnchainID.toLowerCase(),
            }
        }
        case events.IdentityRegistryAdded.topic: {
            const e = events.IdentityRegistryAdded.decode(log)
            return {type: 'IdentityRegistryAdded', identityRegistry: e._identityRegistry.toLowerCase()}
        }
        case events.ComplianceAdded.topic: {
            const e = events.ComplianceAdded.decode(log)
            return {type: 'ComplianceAdded', compliance: e._compliance.toLowerCase()}
        }
        default:
            return undefined
    }
}

/** Strings that the event only carries as hashes, read from the contract at the event's block. */
export interface TokenStrings {
    name: string | null
    symbol: string | null
}

export function applyTokenEvent(state: BatchState, ev: TokenEvent, strings: (token: string, block: number) => TokenStrings | undefined): void {
    const token = state.token(ev.token)
    if (token == null) return
    switch (ev.type) {
        case 'Transfer':
            return applyTransfer(state, token, ev)
        case 'AddressFrozen':
            touchedHolding(state, token, ev.wallet, ev).isFrozen = ev.frozen
            return
        case 'TokensFrozen':
            touchedHolding(state, token, ev.wallet, ev).frozenAmount += ev.amount
            return
        case 'TokensUnfrozen':
            touchedHolding(state, token, ev.wallet, ev).frozenAmount -= ev.amount
            return
        case 'Paused':
            token.paused = true
            return
        case 'Unpaused':
            token.paused = false
            return
        case 'UpdatedTokenInformation': {
            const s = strings(token.address, ev.block.height)
            if (s) {
                token.name = s.name
                token.symbol = s.symbol
            }
            token.decimals = ev.decimals
            token.version = ev.version
            token.onchainID = ev.onchainID
            return
        }
        case 'IdentityRegistryAdded':
            token.identityRegistry = ev.identityRegistry
            return
        case 'ComplianceAdded':
            token.compliance = ev.compliance
            return
    }
}

function applyTransfer(state: BatchState, token: Token, ev: Provenance & {from: string; to: string; amount: bigint}): void {
    const transfer = new Transfer({
        id: logId(state.chainId, ev.block.height, ev.logIndex),
        chainId: state.chainId,
        token,
        from: ev.from,
        to: ev.to,
        amount: ev.amount,
        kind: classifyTransfer(ev.from, ev.to, ev.sighash),
        actor: ev.actor,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
    })
    state.transfers.push(transfer)
    token.transferCount += 1
    if (ev.from === ZERO_ADDRESS) token.totalSupply += ev.amount
    else moveBalance(state, token, transfer, ev, ev.from, -ev.amount, 'from')
    if (ev.to === ZERO_ADDRESS) token.totalSupply -= ev.amount
    else moveBalance(state, token, transfer, ev, ev.to, ev.amount, 'to')
}

function moveBalance(
    state: BatchState,
    token: Token,
    transfer: Transfer,
    ev: Provenance,
    wallet: string,
    delta: bigint,
    side: 'from' | 'to',
): void {
    const holding = touchedHolding(state, token, wallet, ev)
    const before = holding.balance
    holding.balance += delta
    token.holderCount += holderCountDelta(before, holding.balance)
    if (holding.firstAcquiredBlock == null && holding.balance > 0n) {
        holding.firstAcquiredBlock = ev.block.height
        holding.firstAcquiredAt = new Date(ev.block.timestamp)
    }
    state.balanceChanges.push(new BalanceChange({
        id: balanceChangeId(state.chainId, ev.block.height, ev.logIndex, side),
        chainId: state.chainId,
        token,
        wallet,
        delta,
        balanceAfter: holding.balance,
        transfer,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
    }))
}

function touchedHolding(state: BatchState, token: Token, wallet: string, ev: Provenance): Holding {
    const holding = state.holding(token, wallet, ev.block)
    holding.lastChangedBlock = ev.block.height
    holding.lastChangedAt = new Date(ev.block.timestamp)
    return holding
}
