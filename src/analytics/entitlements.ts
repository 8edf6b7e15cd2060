import {OperatorError} from '../errors'

/**
 * Pro-rata entitlements of a distribution, computed from the holders of record: pure, exact
 * (`bigint` on-chain units only, no floating point anywhere), deterministic.
 *
 * The rules, which are the policy a distribution records on chain (DistributionManager's
 * `basis`, `includeFrozen` and `rounding`) made precise:
 *
 * 1. **Eligible balance of a wallet.** With `includeFrozen` its whole balance at the record
 *    block. Without it, `balance − frozen`, where `frozen` is what the token had frozen in that
 *    wallet at the record block: the partially frozen tokens (`TokensFrozen` − `TokensUnfrozen`),
 *    or the whole balance when the wallet address itself was frozen (`AddressFrozen`), capped at
 *    the balance. A wallet that is entirely frozen therefore has an eligible balance of 0: it gets
 *    no entitlement line and no Merkle leaf, and is reported in `excluded` (reason FULLY_FROZEN).
 *    Wallets with a zero balance are not holders and are dropped silently.
 * 2. **Units.** BY_WALLET: each wallet is a unit. BY_INVESTOR: the eligible balances of all the
 *    wallets of one investor (ONCHAINID identity registered for them at the record block) are
 *    added up into one unit; a wallet with no identity at the record block is a unit of its own.
 * 3. **Payee of a unit.** BY_WALLET: the wallet. BY_INVESTOR: the investor's wallet with the
 *    largest eligible balance; between equal balances, the lowest address (lower-case hex
 *    order). The line lists every contributing wallet.
 * 4. **Share.** `totalAmount × eligible(unit) / eligibleSupply`, where eligibleSupply is the sum
 *    of the eligible balances of all units. Every share is first floored; the remainder of each
 *    is `totalAmount × eligible mod eligibleSupply` (its exact fractional part, times
 *    eligibleSupply).
 * 5. **Rounding.** LARGEST_REMAINDER: the `leftover = totalAmount − Σ floors` units (always
 *    fewer than the number of units) go one each to the units with the largest remainders;
 *    between equal remainders, to the unit whose key — wallet address (BY_WALLET) or investor
 *    identity address (BY_INVESTOR; the wallet address for a wallet without identity) — is
 *    lowest in lower-case hex order. The shares then sum exactly to `totalAmount`.
 *    FLOOR: the floors only; the leftover stays unallocated (reported as `unallocated`; on chain it
 *    is reclaimed with the unclaimed rest).
 *
 * A unit whose share rounds to 0 keeps its line (amount 0) so that it stays visible, but gets no
 * Merkle leaf (see merkle.ts). Lines are sorted by payee address, ascending.
 *
 * Errors (EntitlementError): a non-positive amount, a malformed address, a negative balance or
 * frozen amount, the same wallet twice, and an eligible supply of zero (nothing to pro-rate on).
 */

export class EntitlementError extends OperatorError {}

/** DistributionManager.Basis, in the contract's order (the uint8 of events is the index). */
export const BASES = ['BY_WALLET', 'BY_INVESTOR'] as const
export type Basis = (typeof BASES)[number]
/** DistributionManager.Rounding, in the contract's order. */
export const ROUNDINGS = ['LARGEST_REMAINDER', 'FLOOR'] as const
export type Rounding = (typeof ROUNDINGS)[number]

/** The Basis of the contract's uint8 (DistributionCreated.basis). */
export function basisOf(value: number | bigint): Basis {
    const b = BASES[Number(value)]
    if (b === undefined) throw new EntitlementError(`unknown entitlement basis ${value}`)
    return b
}

/** The Rounding of the contract's uint8 (DistributionCreated.rounding). */
export function roundingOf(value: number | bigint): Rounding {
    const r = ROUNDINGS[Number(value)]
    if (r === undefined) throw new EntitlementError(`unknown rounding rule ${value}`)
    return r
}

/** One wallet at the record block. */
export interface HolderBalance {
    wallet: string
    /** the investor identity (ONCHAINID) registered for the wallet at the record block, if any */
    investor: string | null
    balance: bigint
    /** frozen at the record block: partially frozen tokens, or the whole balance of a frozen address */
    frozen: bigint
}

export interface EntitlementPolicy {
    basis: Basis
    includeFrozen: boolean
    rounding: Rounding
}

export interface WalletContribution {
    wallet: string
    balance: bigint
    /** the frozen amount counted (capped at the balance) */
    frozen: bigint
    eligible: bigint
}

export interface EntitlementLine {
    /** the payee wallet: the leaf's address */
    holder: string
    /** the unit's key: the wallet (BY_WALLET), the investor identity or, without one, the wallet (BY_INVESTOR) */
    unit: string
    /** the investor identity behind the unit, if known */
    investor: string | null
    /** the unit's eligible balance */
    eligible: bigint
    /** payment-token units entitled */
    amount: bigint
    /** `totalAmount × eligible mod eligibleSupply`: the fractional part of the exact share, times eligibleSupply */
    remainder: bigint
    /** whether the unit received one leftover unit (LARGEST_REMAINDER) */
    roundedUp: boolean
    /** the contributing wallets, by address */
    wallets: WalletContribution[]
}

export interface ExcludedWallet {
    wallet: string
    investor: string | null
    balance: bigint
    frozen: bigint
    reason: 'FULLY_FROZEN'
}

export interface EntitlementResult extends EntitlementPolicy {
    totalAmount: bigint
    /** Σ eligible balances: the denominator of every share */
    eligibleSupply: bigint
    /** Σ line amounts: totalAmount under LARGEST_REMAINDER */
    allocated: bigint
    /** totalAmount − allocated: 0 under LARGEST_REMAINDER, the floor's leftover under FLOOR */
    unallocated: bigint
    /** by holder address, ascending */
    lines: EntitlementLine[]
    /** holders left out because nothing of their balance is eligible */
    excluded: ExcludedWallet[]
}

const ADDRESS = /^0x[0-9a-f]{40}$/

function normalAddress(value: string, what: string): string {
    const a = value.toLowerCase()
    if (!ADDRESS.test(a)) throw new EntitlementError(`${what} "${value}" is not a 0x-prefixed 20-byte hex address`)
    return a
}

/** Plain code-point order of lower-case hex addresses (not locale order). */
export const compareAddress = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

interface Unit {
    key: string
    investor: string | null
    eligible: bigint
    wallets: WalletContribution[]
}

/** The pro-rata entitlements of `holders` to `totalAmount` under `policy`; see the rules above. */
export function entitlements(holders: readonly HolderBalance[], totalAmount: bigint, policy: EntitlementPolicy): EntitlementResult {
    if (totalAmount <= 0n) throw new EntitlementError(`the amount to distribute must be positive, got ${totalAmount}`)
    if (!BASES.includes(policy.basis)) throw new EntitlementError(`unknown entitlement basis ${String(policy.basis)}`)
    if (!ROUNDINGS.includes(policy.rounding)) throw new EntitlementError(`unknown rounding rule ${String(policy.rounding)}`)

    const seen = new Set<string>()
    const units = new Map<string, Unit>()
    const excluded: ExcludedWallet[] = []
    let holderCount = 0
    for (const h of holders) {
        const wallet = normalAddress(h.wallet, 'wallet')
        const investor = h.investor == null ? null : normalAddress(h.investor, `investor of ${wallet}`)
        if (seen.has(wallet)) throw new EntitlementError(`wallet ${wallet} is listed twice`)
        seen.add(wallet)
        if (h.balance < 0n) throw new EntitlementError(`wallet ${wallet} has a negative balance ${h.balance}`)
        if (h.frozen < 0n) throw new EntitlementError(`wallet ${wallet} has a negative frozen amount ${h.frozen}`)
        if (h.balance === 0n) continue
        holderCount++
        const frozen = h.frozen < h.balance ? h.frozen : h.balance
        const eligible = policy.includeFrozen ? h.balance : h.balance - frozen
        if (eligible === 0n) {
            excluded.push({wallet, investor, balance: h.balance, frozen, reason: 'FULLY_FROZEN'})
            continue
        }
        const key = policy.basis === 'BY_INVESTOR' && investor != null ? investor : wallet
        let unit = units.get(key)
        if (unit === undefined) {
            unit = {key, investor, eligible: 0n, wallets: []}
            units.set(key, unit)
        }
        unit.eligible += eligible
        unit.wallets.push({wallet, balance: h.balance, frozen, eligible})
    }

    let eligibleSupply = 0n
    for (const u of units.values()) eligibleSupply += u.eligible
    if (eligibleSupply === 0n) {
        throw new EntitlementError(holderCount === 0
            ? 'nothing to distribute on: no wallet held the token at the record block (total supply 0)'
            : `nothing to distribute on: all ${holderCount} holder(s) at the record block are entirely frozen and frozen balances are excluded`)
    }

    const lines: EntitlementLine[] = []
    let floors = 0n
    for (const u of units.values()) {
        u.wallets.sort((a, b) => compareAddress(a.wallet, b.wallet))
        const numerator = totalAmount * u.eligible
        const amount = numerator / eligibleSupply
        floors += amount
        lines.push({
            holder: payeeOf(u.wallets),
            unit: u.key,
            investor: u.investor,
            eligible: u.eligible,
            amount,
            remainder: numerator % eligibleSupply,
            roundedUp: false,
            wallets: u.wallets,
        })
    }

    const leftover = totalAmount - floors
    if (policy.rounding === 'LARGEST_REMAINDER' && leftover > 0n) {
        const order = [...lines].sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : compareAddress(a.unit, b.unit)))
        // leftover < number of units, since every remainder is below eligibleSupply and Σ remainders = leftover × eligibleSupply.
        for (let i = 0n; i < leftover; i++) {
            const line = order[Number(i)]!
            line.amount += 1n
            line.roundedUp = true
        }
    }

    lines.sort((a, b) => compareAddress(a.holder, b.holder))
    for (let i = 1; i < lines.length; i++) {
        if (lines[i]!.holder === lines[i - 1]!.holder) throw new EntitlementError(`wallet ${lines[i]!.holder} is the payee of two units`)
    }
    const allocated = lines.reduce((s, l) => s + l.amount, 0n)
    excluded.sort((a, b) => compareAddress(a.wallet, b.wallet))
    return {...policy, totalAmount, eligibleSupply, allocated, unallocated: totalAmount - allocated, lines, excluded}
}

/** The wallet with the largest eligible balance; between equals, the lowest address. */
function payeeOf(wallets: readonly WalletContribution[]): string {
    let best = wallets[0]!
    for (const w of wallets) {
        if (w.eligible > best.eligible || (w.eligible === best.eligible && compareAddress(w.wallet, best.wallet) < 0)) best = w
    }
    return best.wallet
}
