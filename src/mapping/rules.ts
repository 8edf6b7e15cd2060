// Pure rules of the token ledger; no entity classes, so they test without a database.
import {functions} from '../abi/Token'
import {TransferKind} from '../model/generated/_transferKind'

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

// Forced moves and recoveries emit a plain Transfer: only the called function tells them apart.
const KIND_BY_SELECTOR = new Map<string, TransferKind>([
    [functions.forcedTransfer.selector, TransferKind.FORCED],
    [functions.batchForcedTransfer.selector, TransferKind.FORCED],
    [functions.recoveryAddress.selector, TransferKind.RECOVERY],
])

export function classifyTransfer(from: string, to: string, sighash: string | undefined): TransferKind {
    if (from === ZERO_ADDRESS) return TransferKind.MINT
    if (to === ZERO_ADDRESS) return TransferKind.BURN
    return (sighash && KIND_BY_SELECTOR.get(sighash)) || TransferKind.TRANSFER
}

/** A holder is a wallet with a balance above zero (frozen tokens count). */
export function holderCountDelta(before: bigint, after: bigint): number {
    return Number(after > 0n) - Number(before > 0n)
}
