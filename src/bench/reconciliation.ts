import {entitlements, HolderBalance} from '../analytics/entitlements'
import {entitlementTree, merkleRootOf, proofsOf} from '../analytics/merkle'
import {PaymentRecord, reconcile, reconciliationCsv} from '../analytics/reconciliation'

// `node lib/bench/reconciliation.js [holders]`: the pure payout computations at scale (default 10,000
// holders), medians of REPEAT runs. The database reads and the GraphQL layer come on top.

const HOLDERS = Number(process.argv[2] ?? process.env.BENCH_HOLDERS ?? '10000')
const REPEAT = Number(process.env.BENCH_REPEAT ?? '5')

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.floor(s.length / 2)]!
}

function time<T>(what: string, fn: () => T): T {
    const runs: number[] = []
    let result: T | undefined
    for (let i = 0; i < REPEAT; i++) {
        const start = performance.now()
        result = fn()
        runs.push(performance.now() - start)
    }
    console.log(`${what.padEnd(44)} ${median(runs).toFixed(1).padStart(8)} ms (median of ${REPEAT})`)
    return result!
}

const address = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}`
const holders: HolderBalance[] = Array.from({length: HOLDERS}, (_, i) => ({
    wallet: address(i),
    investor: address(1_000_000 + Math.floor(i / 2)),
    balance: BigInt(1_000_000 + i * 7_919),
    frozen: i % 50 === 0 ? 1_000n : 0n,
}))
const amount = 1_250_000_000_000n
console.log(`${HOLDERS} holders, amount ${amount}`)

const byWallet = time('entitlements (by wallet, largest remainder)', () =>
    entitlements(holders, amount, {basis: 'BY_WALLET', includeFrozen: false, rounding: 'LARGEST_REMAINDER'}))
time('entitlements (by investor)', () => entitlements(holders, amount, {basis: 'BY_INVESTOR', includeFrozen: true, rounding: 'LARGEST_REMAINDER'}))
const root = time('merkleRootOf', () => merkleRootOf(byWallet.lines))
const tree = time('entitlementTree (library, for proofs and dump)', () => entitlementTree(byWallet.lines))
time('proofsOf (every proof)', () => proofsOf(tree))
const expected = byWallet.lines.map(l => ({holder: l.holder, expected: l.amount}))
const payments: PaymentRecord[] = byWallet.lines.map((l, i) => ({
    holder: l.holder, amount: i % 10 === 0 ? l.amount + 1n : l.amount, manual: i % 10 === 0, txHash: `0x${i.toString(16)}`, block: i, logIndex: 0,
}))
const report = time('reconcile', () => reconcile({entitlements: expected, payments, onChainRoot: root, computedRoot: root}))
time('reconciliationCsv', () => reconciliationCsv(report))
