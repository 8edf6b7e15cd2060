// Pure rules of the token ledger; no entity classes, so they test without a database.
import {functions as dvd} from '../abi/DVDTransferManager'
import {functions} from '../abi/Token'
import {TransferKind} from '../model/generated/_transferKind'

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

// Forced moves, recoveries and DVD settlements emit a plain Transfer: the called function tells them apart.
const KIND_BY_SELECTOR = new Map<string, TransferKind>([
    [functions.forcedTransfer.selector, TransferKind.FORCED],
    [functions.batchForcedTransfer.selector, TransferKind.FORCED],
    [functions.recoveryAddress.selector, TransferKind.RECOVERY],
    [dvd.takeDVDTransfer.selector, TransferKind.DVD],
])

/**
 * The kind of a Transfer: by zero addresses, then by the selector of the transaction's call, then
 * (for calls through a contract we do not know, e.g. a multisig) by the events of the same transaction.
 */
export function classifyTransfer(from: string, to: string, sighash: string | undefined, txEvents: ReadonlySet<string> = new Set()): TransferKind {
    if (from === ZERO_ADDRESS) return TransferKind.MINT
    if (to === ZERO_ADDRESS) return TransferKind.BURN
    const bySelector = sighash ? KIND_BY_SELECTOR.get(sighash) : undefined
    if (bySelector) return bySelector
    if (txEvents.has('RecoverySuccess')) return TransferKind.RECOVERY
    if (txEvents.has('DVDTransferExecuted')) return TransferKind.DVD
    return TransferKind.TRANSFER
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
