// Pure rules of the token ledger; no entity classes, so they test without a database.
import {functions as dvd} from '../abi/DVDTransferManager'
import {functions} from '../abi/Token'
import {ClassificationSource} from '../model/generated/_classificationSource'
import {TransferKind} from '../model/generated/_transferKind'
import {ReachingCall} from './callFrames'

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

// Forced moves and recoveries emit a plain Transfer: the function called on the token tells them apart.
const KIND_BY_TOKEN_CALL = new Map<string, TransferKind>([
    [functions.forcedTransfer.selector, TransferKind.FORCED],
    [functions.batchForcedTransfer.selector, TransferKind.FORCED],
    [functions.recoveryAddress.selector, TransferKind.RECOVERY],
])
// A DVD settlement is a transferFrom made by the DVD manager's takeDVDTransfer.
const KIND_BY_CALLER_CALL = new Map<string, TransferKind>([[dvd.takeDVDTransfer.selector, TransferKind.DVD]])
/** Both, matched against the transaction's own selector when no trace shows the call that reached the token. */
const KIND_BY_TX_SELECTOR = new Map([...KIND_BY_TOKEN_CALL, ...KIND_BY_CALLER_CALL])

/** A decision and what it rests on. */
export interface Classified<T> {
    value: T
    by: ClassificationSource
}

/** What is known of the call behind a Transfer: a ChainEvent fits. */
export interface TransferOrigin {
    /** the token that emitted the Transfer */
    contract: string
    /** the transaction's own call: the contract it called and the selector */
    txTo: string | undefined
    sighash: string | undefined
    /** from a call trace: the call(s) into the token that may have emitted it */
    calls?: readonly ReachingCall[]
}

/**
 * The kind of a Transfer: by zero addresses; then by the call that reached the token (from a trace:
 * its function, or its caller's for a DVD settlement); then by the transaction's selector; and for a
 * call through a contract with no usable trace (a multisig, say) by the events of the same
 * transaction. `txEvents`: the names of the transaction's watched events.
 */
export function classifyTransfer(from: string, to: string, origin: TransferOrigin, txEvents: ReadonlySet<string> = new Set()): Classified<TransferKind> {
    if (from === ZERO_ADDRESS) return {value: TransferKind.MINT, by: ClassificationSource.ADDRESS}
    if (to === ZERO_ADDRESS) return {value: TransferKind.BURN, by: ClassificationSource.ADDRESS}
    const traced = unanimous((origin.calls ?? []).map(kindOfCall))
    if (traced) return {value: traced, by: ClassificationSource.CALL_TRACE}
    const bySelector = origin.sighash ? KIND_BY_TX_SELECTOR.get(origin.sighash) : undefined
    if (bySelector) return {value: bySelector, by: ClassificationSource.TX_SELECTOR}
    // The transaction called the token itself: its selector is the call that reached the token.
    if (origin.txTo === origin.contract) return {value: TransferKind.TRANSFER, by: ClassificationSource.TX_SELECTOR}
    if (txEvents.has('RecoverySuccess')) return {value: TransferKind.RECOVERY, by: ClassificationSource.TX_EVENTS}
    if (txEvents.has('DVDTransferExecuted')) return {value: TransferKind.DVD, by: ClassificationSource.TX_EVENTS}
    return {value: TransferKind.TRANSFER, by: ClassificationSource.TX_EVENTS}
}

function kindOfCall(call: ReachingCall): TransferKind {
    return KIND_BY_TOKEN_CALL.get(call.input.slice(0, 10))
        ?? (call.callerInput ? KIND_BY_CALLER_CALL.get(call.callerInput.slice(0, 10)) : undefined)
        ?? TransferKind.TRANSFER
}

/** The one value all candidates agree on; undefined when there are none or they disagree. */
export function unanimous<T>(values: readonly T[]): T | undefined {
    return values.length > 0 && values.every(v => v === values[0]) ? values[0] : undefined
}

/** A holder is a wallet with a balance above zero (frozen tokens count). */
export function holderCountDelta(before: bigint, after: bigint): number {
    return Number(after > 0n) - Number(before > 0n)
}

/** ISO 3166-1 numeric → alpha-2, for the countries an ERC-3643 registry stores as uint16. */
export function countryAlpha2(numeric: number): string | null {
    return ISO_3166[numeric] ?? null
}

const ISO_3166: Record<number, string> = {
    4: 'AF', 8: 'AL', 12: 'DZ', 20: 'AD', 24: 'AO', 32: 'AR', 36: 'AU', 40: 'AT', 44: 'BS', 48: 'BH', 50: 'BD', 56: 'BE',
    60: 'BM', 76: 'BR', 100: 'BG', 124: 'CA', 136: 'KY', 152: 'CL', 156: 'CN', 158: 'TW', 170: 'CO', 191: 'HR', 196: 'CY',
    203: 'CZ', 208: 'DK', 233: 'EE', 246: 'FI', 250: 'FR', 276: 'DE', 292: 'GI', 300: 'GR', 344: 'HK', 348: 'HU', 352: 'IS',
    356: 'IN', 360: 'ID', 372: 'IE', 376: 'IL', 380: 'IT', 392: 'JP', 398: 'KZ', 410: 'KR', 414: 'KW', 428: 'LV', 438: 'LI',
    440: 'LT', 442: 'LU', 446: 'MO', 458: 'MY', 470: 'MT', 484: 'MX', 492: 'MC', 504: 'MA', 528: 'NL', 554: 'NZ', 566: 'NG',
    578: 'NO', 604: 'PE', 608: 'PH', 616: 'PL', 620: 'PT', 634: 'QA', 642: 'RO', 643: 'RU', 682: 'SA', 688: 'RS', 702: 'SG',
    703: 'SK', 705: 'SI', 710: 'ZA', 724: 'ES', 752: 'SE', 756: 'CH', 764: 'TH', 784: 'AE', 792: 'TR', 804: 'UA', 818: 'EG',
    826: 'GB', 840: 'US', 858: 'UY', 862: 'VE', 704: 'VN',
}
