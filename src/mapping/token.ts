import {balanceChangeId, logId, tokenId} from '../ids'
import {BalanceChange, FactKind, Holding, Token, TokenHourlySnapshot, Transfer, TransferKind} from '../model'
import {addr, ChainEvent, param} from './events'
import {FactSource} from './facts'
import {Provenance} from './registry'
import {Classified, classifyTransfer, holderCountDelta, ZERO_ADDRESS} from './rules'
import {BatchState} from './state'

/** Strings that UpdatedTokenInformation only carries as hashes, read from the contract at the event's block. */
export interface TokenStrings {
    name: string | null
    symbol: string | null
}

/** Declares the rows a token event will touch, so they load in bulk before any is applied. */
export function wantTokenRows(state: BatchState, ev: ChainEvent): void {
    switch (ev.name) {
        case 'Transfer':
            for (const w of [addr(ev, 'from'), addr(ev, 'to')]) if (w !== ZERO_ADDRESS) state.wantHolding(ev.contract, w)
            state.snapshots.want(snapshotId(tokenId(state.chainId, ev.contract), ev.block.timestamp))
            return
        case 'AddressFrozen':
        case 'TokensFrozen':
        case 'TokensUnfrozen':
            state.wantHolding(ev.contract, addr(ev, '_userAddress'))
    }
}

/** Applies one token event; returns a Transfer's kind and what decided it (the audit trail names them). */
export function applyTokenEvent(
    state: BatchState,
    ev: ChainEvent,
    txEvents: ReadonlySet<string>,
    strings: (token: string, block: number) => TokenStrings | undefined,
): Classified<TransferKind> | undefined {
    const token = state.token(ev.contract)
    if (token == null) return undefined
    switch (ev.name) {
        case 'Transfer':
            return applyTransfer(state, token, ev, txEvents)
        case 'AddressFrozen':
            freeze(state, token, ev, h => { h.isFrozen = param<boolean>(ev, '_isFrozen') })
            return undefined
        case 'TokensFrozen':
            freeze(state, token, ev, h => { h.frozenAmount += param<bigint>(ev, '_amount') })
            return undefined
        case 'TokensUnfrozen':
            freeze(state, token, ev, h => { h.frozenAmount -= param<bigint>(ev, '_amount') })
            return undefined
        case 'Paused':
            token.paused = true
            break
        case 'Unpaused':
            token.paused = false
            break
        case 'UpdatedTokenInformation': {
            const s = strings(token.address, ev.block.height)
            if (s) {
                token.name = s.name
                token.symbol = s.symbol
            }
            token.decimals = param<number>(ev, '_newDecimals')
            token.version = param<string>(ev, '_newVersion')
            token.onchainID = addr(ev, '_newOnchainID')
            break
        }
        case 'IdentityRegistryAdded':
            token.identityRegistry = addr(ev, '_identityRegistry')
            break
        case 'ComplianceAdded':
            token.compliance = addr(ev, '_compliance')
            break
        default:
            return undefined
    }
    recordTokenInfo(state, token, ev)
    return undefined
}

/** The token's information from the end of this event's block (name, symbol, registry, compliance, paused, …). */
export function recordTokenInfo(state: BatchState, token: Token, at: FactSource): void {
    state.facts.set(FactKind.TOKEN_INFO, token.address, '', {
        name: token.name ?? null, symbol: token.symbol ?? null, decimals: token.decimals ?? null, version: token.version ?? null,
        onchainID: token.onchainID ?? null, identityRegistry: token.identityRegistry ?? null, compliance: token.compliance ?? null, paused: token.paused,
    }, at, token)
}

/** A wallet's freeze changes: the holding follows, and the FREEZE fact (none while nothing is frozen). */
function freeze(state: BatchState, token: Token, ev: ChainEvent, change: (h: Holding) => void): void {
    const h = touchedHolding(state, token, addr(ev, '_userAddress'), ev)
    change(h)
    const frozen = h.isFrozen || h.frozenAmount !== 0n
    state.facts.set(FactKind.FREEZE, token.address, h.wallet, frozen ? {isFrozen: h.isFrozen, frozenTokens: h.frozenAmount.toString()} : null, ev, token)
}

function applyTransfer(state: BatchState, token: Token, ev: ChainEvent, txEvents: ReadonlySet<string>): Classified<TransferKind> {
    const kind = classifyTransfer(addr(ev, 'from'), addr(ev, 'to'), ev, txEvents)
    recordTransfer(state, token, ev, kind)
    return kind
}

/** An ERC-20 Transfer of kind `kind`: its row, the ledger of both wallets, supply, holders and the hour's figures. */
export function recordTransfer(state: BatchState, token: Token, ev: ChainEvent, kind: Classified<TransferKind>): void {
    const from = addr(ev, 'from')
    const to = addr(ev, 'to')
    const amount = param<bigint>(ev, 'value')
    const transfer = new Transfer({
        id: logId(state.chainId, ev.block.height, ev.logIndex),
        chainId: state.chainId,
        token,
        from,
        to,
        amount,
        kind: kind.value,
        classifiedBy: kind.by,
        actor: ev.actor,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
    })
    state.transfers.push(transfer)
    token.transferCount += 1
    if (from === ZERO_ADDRESS) token.totalSupply += amount
    else moveBalance(state, token, transfer, ev, from, -amount, 'from')
    if (to === ZERO_ADDRESS) token.totalSupply -= amount
    else moveBalance(state, token, transfer, ev, to, amount, 'to')
    recordHour(state, token, ev, amount)
    state.checkpoint(token, ev.block.height)
}

const hourOf = (timestampMs: number): number => Math.floor(timestampMs / 3_600_000) * 3600
const snapshotId = (token: string, timestampMs: number): string => `${token}-${String(hourOf(timestampMs)).padStart(10, '0')}`

/** The token's figures at the end of the hour, for time series that never rescan transfers. */
function recordHour(state: BatchState, token: Token, ev: ChainEvent, amount: bigint): void {
    const id = snapshotId(token.id, ev.block.timestamp)
    const s = state.snapshots.upsert(id, () => new TokenHourlySnapshot({
        id, chainId: state.chainId, hour: new Date(hourOf(ev.block.timestamp) * 1000), transferCount: 0, volume: 0n,
    }))
    Object.assign(s, {token, totalSupply: token.totalSupply, holderCount: token.holderCount, investorCount: token.investorCount, lastBlock: ev.block.height})
    s.transferCount += 1
    s.volume += amount
}

function moveBalance(state: BatchState, token: Token, transfer: Transfer, ev: Provenance, wallet: string, amount: bigint, side: 'from' | 'to'): void {
    const holding = touchedHolding(state, token, wallet, ev)
    const before = holding.balance
    holding.balance += amount
    const delta = holderCountDelta(before, holding.balance)
    token.holderCount += delta
    state.investors.walletHolding(token, wallet, delta)
    token.balanceChangeCount += 1
    if (holding.firstAcquiredBlock == null && holding.balance > 0n) {
        holding.firstAcquiredBlock = ev.block.height
        holding.firstAcquiredAt = new Date(ev.block.timestamp)
    }
    state.addBalanceChange(new BalanceChange({
        id: balanceChangeId(state.chainId, ev.block.height, ev.logIndex, side),
        chainId: state.chainId,
        token,
        wallet,
        delta: amount,
        balanceAfter: holding.balance,
        transfer,
        blockNumber: ev.block.height,
        timestamp: new Date(ev.block.timestamp),
        txHash: ev.txHash,
        logIndex: ev.logIndex,
        validUntilBlock: null,
    }))
}

function touchedHolding(state: BatchState, token: Token, wallet: string, ev: Provenance): Holding {
    const holding = state.holding(token, wallet, ev.block)
    holding.lastChangedBlock = ev.block.height
    holding.lastChangedAt = new Date(ev.block.timestamp)
    return holding
}
