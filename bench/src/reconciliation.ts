import fs from 'fs'
import os from 'os'
import path from 'path'
import {Pool} from 'pg'
import {entitlements, HolderBalance} from '../../src/analytics/entitlements'
import {merkleRootOf} from '../../src/analytics/merkle'
import {
    PaymentRecord, reconcile, RECONCILIATION_CSV_COLUMNS, RECONCILIATION_STATUSES, reconciliationCsv, ReconciliationReport,
    ReconciliationStatus,
} from '../../src/analytics/reconciliation'
import {loadReconciliation} from '../../src/api/reconciliationData'
import {applyMigrations} from '../../src/db'
import {Child} from '../../src/dev/children'
import {mulberry32} from '../../src/dev/random'
import {startTestDatabase} from '../../test/harness/testStack'
import {tokenId} from '../../src/ids'
import {distributionEntityId} from '../../src/mapping/distribution'
import {measure, REPORT_DIR, round1, rssMb, Stats, shutDown, statsLine, startBenchApi, statsOf} from './common'

// `node lib-harness/bench/src/reconciliation.js [holders]` (also run by `npm run bench`): how fast the API answers
// the reconciliation of one distribution with 10,000 holders (issue 4: under 1 s on 2 cores).
//
// A throwaway database gets migrated and filled with one realistic distribution: entitlements
// computed by our own largest-remainder code from random balances, ~10,000 payments (claims, agent
// payments in two parts, underpayments, overpayments, payments to wallets that held nothing, the
// unpaid rest) in shuffled chain order, and a second distribution of the same size as noise so the
// queries must pick their rows. Then the real API (lib/cli/serve.js) is started and timed:
//   (a) the GraphQL query distributionReconciliation(id) with totals and every line and payment,
//   (b) GET /export/distributions/<id>/reconciliation.csv,
//   (c) loadReconciliation in-process (the three SQL queries and the pure reconcile),
// each after a warm-up, sequentially, as a client sees it (request sent → whole body received).
// Every answer is checked against what was inserted. Writes bench/reports/reconciliation.{md,json}.

const HOLDERS = Number(process.argv[2] ?? process.env.BENCH_HOLDERS ?? '10000')
const REPEAT = Math.max(10, Number(process.env.BENCH_RECONCILIATION_REPEAT ?? '20'))
const WARMUP = Number(process.env.BENCH_RECONCILIATION_WARMUP ?? '3')
const TARGET_MS = 1000
const NON_HOLDERS = Math.max(1, Math.round(HOLDERS / 400))
const CHAIN_ID = 31337
const TOTAL = 1_250_000_000_000n // 1,250,000.000000 of a 6-decimal stablecoin
const say = (m: string) => console.log(`[bench:reconciliation] ${m}`)

// ---------------------------------------------------------------------------------------------
// Synthetic distribution

const rand = mulberry32(4)
const hex = (bytes: number): string => {
    let s = '0x'
    for (let i = 0; i < bytes; i++) s += Math.floor(rand() * 256).toString(16).padStart(2, '0')
    return s
}

interface SyntheticPayment extends PaymentRecord {
    actor: string
    memo: string | null
}

interface Expected {
    lines: number
    expected: bigint
    paid: bigint
    provenPaid: bigint
    manualPaid: bigint
    paymentCount: number
    byStatus: Record<ReconciliationStatus, {count: number; expected: bigint; paid: bigint}>
    /** holder → [status, expected, paid] */
    perHolder: Map<string, [ReconciliationStatus, bigint, bigint]>
}

interface Synthetic {
    id: string
    manager: string
    token: string
    agent: string
    root: string
    holders: HolderBalance[]
    entitlements: {holder: string; eligible: bigint; expected: bigint}[]
    payments: SyntheticPayment[]
    truth: Expected
}

function uniqueAddresses(n: number): string[] {
    const set = new Set<string>()
    while (set.size < n) set.add(hex(20))
    return [...set]
}

function synthesize(n: number): Synthetic {
    const [manager, token, agent, ...wallets] = uniqueAddresses(n + NON_HOLDERS + 3)
    const holderWallets = wallets.slice(0, n)
    const strangers = wallets.slice(n)
    // Skewed balances (a few whales, a long tail), 18 decimals; some partly frozen, included.
    const holders: HolderBalance[] = holderWallets.map(wallet => ({
        wallet,
        investor: null,
        balance: BigInt(Math.floor(Math.exp(rand() * 9) * 1e6)) * 10n ** 12n + BigInt(Math.floor(rand() * 1e12)),
        frozen: rand() < 0.02 ? 10n ** 18n : 0n,
    }))
    const ent = entitlements(holders, TOTAL, {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'})
    const root = merkleRootOf(ent.lines)

    const payments: Omit<SyntheticPayment, 'txHash' | 'block' | 'logIndex'>[] = []
    const truth: Expected = {
        lines: 0, expected: 0n, paid: 0n, provenPaid: 0n, manualPaid: 0n, paymentCount: 0,
        byStatus: Object.fromEntries(RECONCILIATION_STATUSES.map(s => [s, {count: 0, expected: 0n, paid: 0n}])) as Expected['byStatus'],
        perHolder: new Map(),
    }
    const pay = (holder: string, amount: bigint, manual: boolean) => {
        payments.push({holder, amount, manual, actor: manual ? agent! : holder, memo: manual && rand() < 0.5 ? 'paid off-chain request #' + payments.length : null})
        truth.paid += amount
        truth.paymentCount++
        if (manual) truth.manualPaid += amount
        else truth.provenPaid += amount
    }
    const line = (holder: string, status: ReconciliationStatus, expected: bigint, paid: bigint) => {
        truth.lines++
        truth.expected += expected
        const s = truth.byStatus[status]
        s.count++
        s.expected += expected
        s.paid += paid
        truth.perHolder.set(holder, [status, expected, paid])
    }
    for (const l of ent.lines) {
        const e = l.amount
        const r = rand()
        if (e < 2n) throw new Error(`a share of ${e} units is too small for this synthetic mix`)
        if (r < 0.80) { // claimed with a proof
            pay(l.holder, e, false)
            line(l.holder, 'PAID', e, e)
        } else if (r < 0.84) { // paid by an agent in two parts
            const part = e / 3n
            pay(l.holder, part, true)
            pay(l.holder, e - part, true)
            line(l.holder, 'PAID', e, e)
        } else if (r < 0.90) { // nothing yet
            line(l.holder, 'UNPAID', e, 0n)
        } else if (r < 0.95) { // an agent paid part of it
            const part = e * BigInt(1 + Math.floor(rand() * 98)) / 100n
            pay(l.holder, part, true)
            line(l.holder, 'UNDERPAID', e, part)
        } else { // claimed, then an agent paid again
            const extra = 1n + e * BigInt(Math.floor(rand() * 50)) / 100n
            pay(l.holder, e, false)
            pay(l.holder, extra, true)
            line(l.holder, 'OVERPAID', e, e + extra)
        }
    }
    for (const s of strangers) {
        const amount = BigInt(1 + Math.floor(rand() * 5_000_000_000))
        pay(s, amount, true)
        line(s, 'PAID_TO_NON_HOLDER', 0n, amount)
    }
    // Chain order unrelated to holder order: shuffle, then number blocks and log indexes.
    for (let i = payments.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1))
        ;[payments[i], payments[j]] = [payments[j]!, payments[i]!]
    }
    const placed: SyntheticPayment[] = payments.map((p, i) => ({...p, txHash: hex(32), block: 20_000_000 + Math.floor(i / 3), logIndex: 1 + (i % 3) * 2}))
    return {
        id: distributionEntityId(CHAIN_ID, manager!, 7n), manager: manager!, token: token!, agent: agent!, root, holders,
        entitlements: ent.lines.map(l => ({holder: l.holder, eligible: l.eligible, expected: l.amount})),
        payments: placed, truth,
    }
}

async function insert(pool: Pool, s: Synthetic): Promise<void> {
    const q = (sql: string, params: unknown[]) => pool.query(sql, params)
    const paymentToken = '0x' + 'ab'.repeat(20)
    await q(`INSERT INTO token (id, chain_id, address, name, symbol, decimals, version, total_supply, holder_count, investor_count, paused,
                                transfer_count, balance_change_count, created_at_block, created_at, created_tx_hash)
             VALUES ($1, $2, $3, 'Bench Real Estate Fund', 'BREF', 18, '4.1.6', $4, $5, $5, false, $6, $6, 19000000, now() - interval '90 days', $7)`,
        [tokenId(CHAIN_ID, s.token), CHAIN_ID, s.token, String(s.holders.reduce((a, h) => a + h.balance, 0n)), s.holders.length, s.holders.length * 3, hex(32)])
    const distribution = (id: string, number: bigint, root: string, paid: bigint) => q(
        `INSERT INTO distribution (id, chain_id, manager, distribution_id, token_address, payment_token, kind, total_amount, record_block,
                                   merkle_root, claim_start, claim_expiry, basis, include_frozen, rounding, policy_uri, creator, status,
                                   funded, paid, reclaimed, refunded, outstanding, computed_merkle_root, root_matches, entitlement_error,
                                   created_at_block, created_at, created_tx_hash, token_id)
         VALUES ($1, $2, $3, $4, $5, $6, 'DIVIDEND', $7, 19999000, $8, now() - interval '30 days', now() + interval '60 days', 'BY_WALLET', true,
                 'LARGEST_REMAINDER', 'ipfs://bench-policy', $9, 'PAYING', $7, $10, 0, 0, $11, $8, true, NULL, 19999100,
                 now() - interval '31 days', $12, $13)`,
        [id, CHAIN_ID, s.manager, String(number), s.token, paymentToken, String(TOTAL), root, s.agent, String(paid), String(TOTAL - paid), hex(32),
            tokenId(CHAIN_ID, s.token)])
    await distribution(s.id, 7n, s.root, s.truth.paid)
    await q(`INSERT INTO entitlement (id, chain_id, holder, investor, eligible_balance, expected, distribution_id)
             SELECT $1::text || '-' || h, $2, h, NULL, b::numeric, e::numeric, $1 FROM unnest($3::text[], $4::text[], $5::text[]) AS t(h, b, e)`,
        [s.id, CHAIN_ID, s.entitlements.map(e => e.holder), s.entitlements.map(e => String(e.eligible)), s.entitlements.map(e => String(e.expected))])
    await q(`INSERT INTO payment (id, chain_id, holder, amount, manual, memo, actor, block_number, timestamp, tx_hash, log_index, distribution_id)
             SELECT $1::text || '-' || lpad(b::text, 10, '0') || '-' || lpad(l::text, 6, '0'), ${CHAIN_ID}, h, a::numeric, m, memo, actor, b,
                    to_timestamp(1700000000 + (b - 20000000) * 12), tx, l, $2
             FROM unnest($3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::int[], $9::text[], $10::int[]) AS t(h, a, m, memo, actor, b, tx, l)`,
        [String(CHAIN_ID), s.id, s.payments.map(p => p.holder), s.payments.map(p => String(p.amount)), s.payments.map(p => p.manual),
            s.payments.map(p => p.memo), s.payments.map(p => p.actor), s.payments.map(p => p.block), s.payments.map(p => p.txHash),
            s.payments.map(p => p.logIndex)])
    // Noise: an earlier, fully paid distribution of the same token to the same number of wallets.
    const noise = distributionEntityId(CHAIN_ID, s.manager, 6n)
    const each = TOTAL / BigInt(s.holders.length)
    await distribution(noise, 6n, hex(32), each * BigInt(s.holders.length))
    await q(`INSERT INTO entitlement (id, chain_id, holder, investor, eligible_balance, expected, distribution_id)
             SELECT $1::text || '-' || w, $2, w, NULL, 1000000000000000000, $3::numeric, $1
             FROM (SELECT '0x' || lpad(to_hex(i), 40, '0') AS w FROM generate_series(1, $4::int) AS i) AS g`,
        [noise, CHAIN_ID, String(each), s.holders.length])
    await q(`INSERT INTO payment (id, chain_id, holder, amount, manual, memo, actor, block_number, timestamp, tx_hash, log_index, distribution_id)
             SELECT $1::text || '-' || lpad((19000000 + i)::text, 10, '0') || '-000000', ${CHAIN_ID}, w, $2::numeric, false, NULL, w, 19000000 + i,
                    to_timestamp(1690000000 + i * 12), '0x' || md5(w) || md5(w || 'x'), 0, $3
             FROM (SELECT i, '0x' || lpad(to_hex(i), 40, '0') AS w FROM generate_series(1, $4::int) AS i) AS g`,
        [String(CHAIN_ID), String(each), noise, s.holders.length])
    await pool.query('ANALYZE token, distribution, entitlement, payment')
}

// ---------------------------------------------------------------------------------------------
// Checks: every answer must be the reconciliation of what was inserted.

function check(what: string, ok: boolean, detail: () => string): void {
    if (!ok) throw new Error(`${what}: ${detail()}`)
}

interface LineLike {
    holder: string
    status: string
    expected: string | bigint
    paid: string | bigint
    payments: number
}

function checkAnswer(what: string, truth: Expected, totals: {expected: string; paid: string; variance: string}, byStatus: {status: string; count: number; expected: string; paid: string}[], lines: LineLike[]): void {
    check(`${what}: line count`, lines.length === truth.lines, () => `${lines.length} lines, inserted ${truth.lines}`)
    check(`${what}: Σ expected`, totals.expected === String(truth.expected), () => `${totals.expected} ≠ ${truth.expected}`)
    check(`${what}: Σ paid`, totals.paid === String(truth.paid), () => `${totals.paid} ≠ ${truth.paid}`)
    check(`${what}: variance`, totals.variance === String(truth.paid - truth.expected), () => `${totals.variance} ≠ ${truth.paid - truth.expected}`)
    for (const s of RECONCILIATION_STATUSES) {
        const got = byStatus.find(b => b.status === s)
        const want = truth.byStatus[s]
        check(`${what}: ${s}`, got != null && got.count === want.count && got.expected === String(want.expected) && got.paid === String(want.paid),
            () => `got ${JSON.stringify(got)}, built ${want.count} lines, expected ${want.expected}, paid ${want.paid}`)
    }
    let previous = ''
    let payments = 0
    for (const l of lines) {
        check(`${what}: order`, l.holder > previous, () => `${l.holder} after ${previous}`)
        previous = l.holder
        const want = truth.perHolder.get(l.holder)
        check(`${what}: line ${l.holder}`, want != null && want[0] === l.status && String(want[1]) === String(l.expected) && String(want[2]) === String(l.paid),
            () => `got ${l.status} ${l.expected} ${l.paid}, built ${want?.join(' ')}`)
        payments += l.payments
    }
    check(`${what}: payment count`, payments === truth.paymentCount, () => `${payments} ≠ ${truth.paymentCount}`)
}

const GQL_QUERY = `query Reconcile($id: String!) {
  distributionReconciliation(id: $id) {
    id status totalAmount funded paid reclaimed refunded outstanding expected variance
    onChainRoot computedRoot rootMatches rootDifferences unconfirmedHolders entitlementError
    byStatus { status count expected paid }
    lines {
      holder status expected paid difference provenPaid manualPaid
      payments { amount manual txHash blockNumber logIndex }
    }
  }
}`

interface GqlReconciliation {
    paid: string
    expected: string
    variance: string
    rootMatches: boolean
    rootDifferences: string[]
    byStatus: {status: string; count: number; expected: string; paid: string}[]
    lines: {holder: string; status: string; expected: string; paid: string; payments: {blockNumber: number; logIndex: number}[]}[]
}

function checkGraphql(body: string, truth: Expected): void {
    const json = JSON.parse(body) as {data?: {distributionReconciliation: GqlReconciliation}; errors?: unknown}
    check('GraphQL: errors', json.errors == null && json.data != null, () => JSON.stringify(json.errors).slice(0, 500))
    const r = json.data!.distributionReconciliation
    check('GraphQL: root', r.rootMatches && r.rootDifferences.length === 0, () => `rootMatches ${r.rootMatches}, ${r.rootDifferences.length} differences`)
    check('GraphQL: distribution paid', r.paid === String(truth.paid), () => `${r.paid} ≠ ${truth.paid}`)
    for (const l of r.lines) {
        for (let i = 1; i < l.payments.length; i++) {
            const a = l.payments[i - 1]!
            const b = l.payments[i]!
            check('GraphQL: payments in chain order', a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex), () => l.holder)
        }
    }
    checkAnswer('GraphQL', truth, r, r.byStatus, r.lines.map(l => ({...l, payments: l.payments.length})))
}

function checkCsv(body: string, truth: Expected): void {
    const rows = body.trimEnd().split('\n')
    check('CSV: header', rows[0] === RECONCILIATION_CSV_COLUMNS.join(','), () => rows[0] ?? '')
    const total = rows[rows.length - 1]!.split(',')
    check('CSV: TOTAL row', total[0] === 'TOTAL', () => total.join(','))
    const lines = rows.slice(1, -1).map(r => r.split(','))
    // Per status from the rows themselves, so the CSV is checked without the report behind it.
    const byStatus = RECONCILIATION_STATUSES.map(status => {
        const mine = lines.filter(l => l[1] === status)
        return {status, count: mine.length, expected: String(mine.reduce((a, l) => a + BigInt(l[2]!), 0n)), paid: String(mine.reduce((a, l) => a + BigInt(l[3]!), 0n))}
    })
    checkAnswer('CSV', truth, {expected: total[2]!, paid: total[3]!, variance: total[4]!}, byStatus,
        lines.map(l => ({holder: l[0]!, status: l[1]!, expected: l[2]!, paid: l[3]!, payments: Number(l[7])})))
    check('CSV: payment count', Number(total[7]) === truth.paymentCount, () => `${total[7]} ≠ ${truth.paymentCount}`)
}

function checkReport(report: ReconciliationReport, truth: Expected): void {
    const t = report.totals
    checkAnswer('loadReconciliation', truth, {expected: String(t.expected), paid: String(t.paid), variance: String(t.variance)},
        RECONCILIATION_STATUSES.map(s => ({status: s, count: t.byStatus[s].count, expected: String(t.byStatus[s].expected), paid: String(t.byStatus[s].paid)})),
        report.lines.map(l => ({...l, payments: l.payments.length})))
    check('loadReconciliation: proven/manual', t.provenPaid === truth.provenPaid && t.manualPaid === truth.manualPaid, () => `${t.provenPaid}/${t.manualPaid}`)
}

// ---------------------------------------------------------------------------------------------
// Timing

function timePure<T>(name: string, fn: () => T): {stats: Stats; result: T} {
    let result: T = fn()
    const times: number[] = []
    for (let i = 0; i < Math.min(REPEAT, 10); i++) {
        const start = performance.now()
        result = fn()
        times.push(performance.now() - start)
    }
    const stats = statsOf(name, times)
    say(`${name.padEnd(52)} p50 ${stats.p50Ms.toFixed(1).padStart(7)} ms  (pure, in this process)`)
    return {stats, result}
}

const timed = async <T>(name: string, fn: () => Promise<T>, check?: (result: T) => void, bytes?: (result: T) => number): Promise<Stats> => {
    const stats = await measure(name, WARMUP, REPEAT, fn, check, bytes)
    say(statsLine(stats))
    return stats
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
    const loadStart = os.loadavg()
    say(`${HOLDERS} holders, ${NON_HOLDERS} paid non-holders; ${WARMUP} warm-up + ${REPEAT} timed runs each; ${os.cpus().length} CPUs`)
    let t = performance.now()
    const s = synthesize(HOLDERS)
    say(`synthesized ${s.entitlements.length} entitlements and ${s.payments.length} payments in ${Math.round(performance.now() - t)} ms`)

    const db = await startTestDatabase(say)
    process.env.DB_URL = db.url
    const pool = new Pool({connectionString: db.url, max: 2})
    let api: Child | undefined
    try {
        t = performance.now()
        const applied = await applyMigrations()
        say(`applied ${applied} migration(s) in ${Math.round(performance.now() - t)} ms`)
        t = performance.now()
        await insert(pool, s)
        const [{version}] = (await pool.query('SELECT version()')).rows as [{version: string}]
        say(`inserted in ${Math.round(performance.now() - t)} ms (${version.split(' ').slice(0, 2).join(' ')})`)

        const {api: child, base} = await startBenchApi(db.url)
        api = child
        say(`API up on ${base}`)

        const gql = async () => {
            const res = await fetch(`${base}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: GQL_QUERY, variables: {id: s.id}})})
            const body = await res.text()
            if (!res.ok) throw new Error(`GraphQL answered ${res.status}: ${body.slice(0, 500)}`)
            return body
        }
        const csvUrl = `${base}/export/distributions/${encodeURIComponent(s.id)}/reconciliation.csv`
        const csv = async () => {
            const res = await fetch(csvUrl)
            const body = await res.text()
            if (!res.ok) throw new Error(`CSV export answered ${res.status}: ${body.slice(0, 500)}`)
            return body
        }
        const query = async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as Record<string, unknown>[]

        const graphql = await timed('(a) GraphQL distributionReconciliation, all lines', gql, b => checkGraphql(b, s.truth), b => Buffer.byteLength(b))
        const export_ = await timed('(b) GET …/reconciliation.csv', csv, b => checkCsv(b, s.truth), b => Buffer.byteLength(b))
        const inProcess = await timed('(c) loadReconciliation, in-process', () => loadReconciliation(query, s.id), r => checkReport(r.report, s.truth))
        const sqlOnly = await timed('    of which the SQL queries (same 3, in-process)', async () => {
            await query('SELECT * FROM distribution WHERE id = $1', [s.id])
            await query('SELECT holder, expected FROM entitlement WHERE distribution_id = $1', [s.id])
            await query('SELECT holder, amount, manual, tx_hash, block_number, log_index FROM payment WHERE distribution_id = $1', [s.id])
        })
        const apiPeakRssMb = rssMb(child.proc.pid, 'VmHWM')

        // The pure computations on the same data, for the breakdown.
        const pure = [
            timePure('entitlements (by wallet, largest remainder)', () => entitlements(s.holders, TOTAL, {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'})).stats,
            timePure('merkleRootOf (at indexing, not per query)', () => merkleRootOf(s.entitlements.map(e => ({holder: e.holder, amount: e.expected})))).stats,
        ]
        const rec = timePure('reconcile', () => reconcile({
            entitlements: s.entitlements.map(e => ({holder: e.holder, expected: e.expected})), payments: s.payments, onChainRoot: s.root, computedRoot: s.root,
        }))
        const {distribution} = await loadReconciliation(query, s.id)
        pure.push(rec.stats, timePure('reconciliationCsv', () => reconciliationCsv(rec.result, distribution)).stats)

        const worst = Math.max(graphql.p95Ms, export_.p95Ms, inProcess.p95Ms)
        const met = worst < TARGET_MS
        writeReport({
            date: new Date().toISOString(),
            holders: HOLDERS,
            nonHolders: NON_HOLDERS,
            lines: s.truth.lines,
            payments: s.payments.length,
            statuses: Object.fromEntries(RECONCILIATION_STATUSES.map(st => [st, s.truth.byStatus[st].count])),
            totalExpected: String(s.truth.expected),
            totalPaid: String(s.truth.paid),
            noise: `a second distribution with ${HOLDERS} entitlements and ${HOLDERS} payments in the same tables`,
            warmup: WARMUP,
            repeat: REPEAT,
            machine: {
                cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, postgres: version.split(',')[0],
                loadAverageBefore: loadStart.map(x => round1(x)), loadAverageAfter: os.loadavg().map(x => round1(x)),
            },
            apiPeakRssMb,
            measurements: {graphql, csv: export_, loadReconciliation: inProcess, sqlOnly},
            pure,
            targetMs: TARGET_MS,
            criterion: 'p95 of each of (a), (b), (c) under the target',
            worstP95Ms: worst,
            met,
        })
        say(`target < ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'} (worst p95 ${worst} ms); report in bench/reports/reconciliation.md`)
    } finally {
        await shutDown(api, pool, db)
    }
}

interface Report {
    date: string
    holders: number
    nonHolders: number
    lines: number
    payments: number
    statuses: Record<string, number>
    totalExpected: string
    totalPaid: string
    noise: string
    warmup: number
    repeat: number
    machine: {cpus: number; cpuModel: string; node: string; postgres: string | undefined; loadAverageBefore: number[]; loadAverageAfter: number[]}
    apiPeakRssMb: number
    measurements: {graphql: Stats; csv: Stats; loadReconciliation: Stats; sqlOnly: Stats}
    pure: Stats[]
    targetMs: number
    criterion: string
    worstP95Ms: number
    met: boolean
}

function writeReport(r: Report): void {
    fs.mkdirSync(REPORT_DIR, {recursive: true})
    fs.writeFileSync(path.join(REPORT_DIR, 'reconciliation.json'), JSON.stringify(r, null, 2) + '\n')
    const m = r.measurements
    const kb = (b?: number) => (b == null ? '' : `${Math.round(b / 1024)} KiB`)
    const row = (what: string, x: Stats) => `| ${what} | ${x.p50Ms.toFixed(1)} | ${x.p95Ms.toFixed(1)} | ${x.maxMs.toFixed(1)} | ${x.runs} | ${kb(x.bytes)} |`
    const md = [
        '# Reconciliation benchmark',
        '',
        `${r.date}; ${r.machine.cpus}-core machine (${r.machine.cpuModel}), Node ${r.machine.node}, ${r.machine.postgres};`,
        `load average ${r.machine.loadAverageBefore.join(' / ')} before, ${r.machine.loadAverageAfter.join(' / ')} after (the machine is shared).`,
        '',
        `One distribution of ${r.holders.toLocaleString('en')} holders: entitlements from random skewed balances by our largest-remainder`,
        `code (Σ ${r.totalExpected} units), ${r.payments.toLocaleString('en')} payments in shuffled chain order (Σ ${r.totalPaid} units),`,
        `${r.lines.toLocaleString('en')} reconciliation lines: ${Object.entries(r.statuses).map(([k, v]) => `${v} ${k}`).join(', ')}.`,
        `Also in the tables: ${r.noise}.`,
        `Served by the real API (\`lib/cli/serve.js\`: Subsquid graphql-server behind our front), database on the same machine.`,
        `${r.warmup} warm-up requests, then ${r.repeat} timed sequential ones each, from request sent to whole body received;`,
        'the first and last answer of each are checked against the inserted rows (line count, totals, per-status counts and sums, every line).',
        '',
        '| what | p50 ms | p95 ms | max ms | runs | answer |',
        '| --- | --- | --- | --- | --- | --- |',
        row('(a) GraphQL `distributionReconciliation(id)`, totals + all lines + their payments', m.graphql),
        row('(b) `GET /export/distributions/<id>/reconciliation.csv`', m.csv),
        row('(c) `loadReconciliation` in-process (3 SQL queries + reconcile)', m.loadReconciliation),
        row('… of which the 3 SQL queries alone', m.sqlOnly),
        '',
        `Target: under ${r.targetMs} ms on 2 cores (${r.criterion}): **${r.met ? 'met' : 'NOT met'}** (worst p95 ${r.worstP95Ms.toFixed(1)} ms).`,
        `Peak RSS of the API process: ${r.apiPeakRssMb} MB.`,
        '',
        'Pure computations on the same data, in the benchmark process (p50):',
        '',
        '| computation | p50 ms |',
        '| --- | --- |',
        ...r.pure.map(p => `| ${p.name} | ${p.p50Ms.toFixed(1)} |`),
        '',
    ].join('\n')
    fs.writeFileSync(path.join(REPORT_DIR, 'reconciliation.md'), md)
}

main().then(() => process.exit(0), err => {
    console.error(err)
    process.exit(1)
})
