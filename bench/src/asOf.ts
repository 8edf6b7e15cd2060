import os from 'os'
import {Pool} from 'pg'
import {concentration} from '../../src/analytics/concentration'
import {applyMigrations} from '../../src/db'
import {Child} from '../../src/dev/children'
import {mulberry32} from '../../src/dev/random'
import {startTestDatabase} from '../../test/harness/testStack'
import {checkpointId, holdingId, logId, tokenId} from '../../src/ids'
import {measure, rssMb, Stats, shutDown, statsLine, startBenchApi, writeReports} from './common'

// `node lib-harness/bench/src/asOf.js` (also run by `npm run bench`): the as-of analytics at scale (issue 5).
//
// A throwaway database gets migrated and filled, through the real schema, with one token's
// history: 100,000 wallets minted, then transfers until the ledger holds 1,000,000 balance changes
// (wallets leaving and coming back, a tenth of the investors with a second wallet, ten countries),
// with the validity ranges and per-block checkpoints the indexer writes, and 1,000,000 audit rows.
// The model that generated it is kept in memory and is the oracle. Then the real API
// (lib/cli/serve.js) is timed, one request after another, as a client sees it:
//   capTable (100-row page with totals) as of random blocks       target p95 < 100 ms
//   concentration and jurisdictions as of random blocks            target p95 < 300 ms
//   GET /export/audit-trail.csv of the 1,000,000 rows              target: API memory growth < 200 MB
// Writes bench/reports/asof.{md,json}.

const WALLETS = Number(process.env.BENCH_ASOF_WALLETS ?? '100000')
const LEDGER_ROWS = Number(process.env.BENCH_ASOF_CHANGES ?? '1000000')
const AUDIT_ROWS = LEDGER_ROWS
const RUNS = Number(process.env.BENCH_ASOF_RUNS ?? '200')
const WARMUP = 5
const CHAIN_ID = 31337
const TOKEN = '0x00000000000000000000000000000000000a5e70'
const REGISTRY = '0x00000000000000000000000000000000000a5e71'
const STORAGE = '0x00000000000000000000000000000000000a5e72'
const AGENT = '0x00000000000000000000000000000000000a5e73'
const COUNTRIES = [840, 826, 276, 250, 756, 392, 36, 124, 528, 372]
const GENESIS_MS = Date.UTC(2026, 0, 1)
const say = (m: string) => console.log(`[bench:asof] ${m}`)

const address = (prefix: number, i: number): string => `0x${prefix.toString(16)}${i.toString(16).padStart(39, '0')}`
const walletAddress = (i: number): string => address(1, i)
const identityAddress = (i: number): string => address(2, i)
/** A tenth of the investors hold a second wallet: wallets past 90 % belong to every ninth identity. */
const investorOf = (wallet: number): number => (wallet < WALLETS * 0.9 ? wallet : (wallet - Math.floor(WALLETS * 0.9)) * 9)
const timeOf = (block: number): Date => new Date(GENESIS_MS + block * 2000)
const txHash = (block: number, log: number): string => `0x${block.toString(16).padStart(32, '0')}${log.toString(16).padStart(32, '0')}`

/** One token's history, column by column as the tables take it, plus what the oracle needs. */
interface Model {
    head: number
    /** ledger rows in chain order */
    wallet: Int32Array
    block: Int32Array
    balanceAfter: bigint[]
    validUntil: Int32Array
    /** per block with a change: supply, holders, investors after it */
    checkpoints: {block: number; supply: bigint; holders: number; investors: number; ledger: number}[]
}

function generate(): {model: Model; transfers: unknown[][]} {
    const rand = mulberry32(5)
    const n = LEDGER_ROWS
    const m: Model = {head: 0, wallet: new Int32Array(n), block: new Int32Array(n), balanceAfter: new Array<bigint>(n), validUntil: new Int32Array(n).fill(-1), checkpoints: []}
    const balance = new Array<bigint>(WALLETS).fill(0n)
    const lastRow = new Int32Array(WALLETS).fill(-1)
    const holdingWallets = new Int32Array(WALLETS)
    const transfers: unknown[][] = []
    let rows = 0
    let supply = 0n
    let holders = 0
    let investors = 0
    const move = (w: number, delta: bigint, block: number): void => {
        const before = balance[w]!
        balance[w] = before + delta
        const inv = investorOf(w)
        if (before === 0n && balance[w]! > 0n) {
            holders++
            holdingWallets[inv] = holdingWallets[inv]! + 1
            if (holdingWallets[inv] === 1) investors++
        } else if (before > 0n && balance[w] === 0n) {
            holders--
            holdingWallets[inv] = holdingWallets[inv]! - 1
            if (holdingWallets[inv] === 0) investors--
        }
        if (lastRow[w]! >= 0) m.validUntil[lastRow[w]!] = block
        lastRow[w] = rows
        m.wallet[rows] = w
        m.block[rows] = block
        m.balanceAfter[rows] = balance[w]!
        rows++
    }
    let block = 1
    let log = 0
    while (rows < n) {
        if (log === 10) {
            m.checkpoints.push({block, supply, holders, investors, ledger: rows})
            block++
            log = 0
        }
        let from: number
        let to: number
        let amount: bigint
        if (rows < WALLETS) {
            from = -1
            to = rows
            amount = BigInt(1 + Math.floor(rand() * 1e9)) * 1000n
            supply += amount
        } else {
            do from = Math.floor(rand() * WALLETS)
            while (balance[from] === 0n)
            do to = Math.floor(rand() * WALLETS)
            while (to === from)
            // One transfer in fifty empties the wallet; the others move up to a tenth of it.
            amount = rand() < 0.02 ? balance[from]! : 1n + BigInt(Math.floor(rand() * Number(balance[from]! / 10n > 1n ? balance[from]! / 10n : 1n)))
            if (amount > balance[from]!) amount = balance[from]!
            if (n - rows < 2) break
            move(from, -amount, block)
        }
        move(to, amount, block)
        transfers.push([logId(CHAIN_ID, block, log), from < 0 ? '0x0000000000000000000000000000000000000000' : walletAddress(from), walletAddress(to), amount.toString(), from < 0 ? 'MINT' : 'TRANSFER', block, log])
        log++
    }
    m.checkpoints.push({block, supply, holders, investors, ledger: rows})
    m.head = block
    return {model: {...m, wallet: m.wallet.subarray(0, rows), block: m.block.subarray(0, rows), balanceAfter: m.balanceAfter.slice(0, rows), validUntil: m.validUntil.subarray(0, rows)}, transfers}
}

/** The oracle: every wallet's balance at the end of `block`, from the model's ledger. */
function balancesAt(m: Model, block: number): Map<number, bigint> {
    const out = new Map<number, bigint>()
    for (let i = 0; i < m.wallet.length; i++) {
        if (m.block[i]! > block) break
        const b = m.balanceAfter[i]!
        if (b > 0n) out.set(m.wallet[i]!, b)
        else out.delete(m.wallet[i]!)
    }
    return out
}

async function insert(pool: Pool, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
    const chunk = 20000
    const list = columns.map(c => `"${c}"`).join(', ')
    const casts = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')
    for (let start = 0; start < rows.length; start += chunk) {
        const part = rows.slice(start, start + chunk)
        await pool.query(`INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${casts})`, columns.map((_, c) => part.map(r => r[c])))
    }
}

async function fill(pool: Pool, m: Model, transfers: unknown[][]): Promise<void> {
    const token = tokenId(CHAIN_ID, TOKEN)
    const last = m.checkpoints.at(-1)!
    await pool.query(`INSERT INTO token (id, chain_id, address, name, symbol, decimals, identity_registry, total_supply, holder_count, investor_count, paused,
        transfer_count, balance_change_count, created_at_block, created_at) VALUES ($1, $2, $3, 'As-of bench', 'AOB', 6, $4, $5, $6, $7, false, $8, $9, 0, $10)`,
    [token, CHAIN_ID, TOKEN, REGISTRY, last.supply.toString(), last.holders, last.investors, transfers.length, m.wallet.length, timeOf(0)])
    await pool.query(`INSERT INTO watched_contract (id, chain_id, address, kind, identity_storage, discovered_by, discovered_at_block, discovered_tx_hash, token_id)
        VALUES ($1, $2, $3, 'IDENTITY_REGISTRY', $4, 'bench', 0, $5, $6)`, [tokenId(CHAIN_ID, REGISTRY), CHAIN_ID, REGISTRY, STORAGE, txHash(0, 0), token])
    await pool.query(`CREATE SCHEMA IF NOT EXISTS squid_processor;
        CREATE TABLE squid_processor.status (id int PRIMARY KEY, height int NOT NULL, hash text NOT NULL, nonce int NOT NULL DEFAULT 0);
        CREATE TABLE squid_processor.hot_block (height int PRIMARY KEY, hash text NOT NULL);
        INSERT INTO squid_processor.status VALUES (0, ${m.head}, '0x', 0)`)

    const t = (r: unknown[]) => [r[0], CHAIN_ID, token, r[1], r[2], r[3], r[4], AGENT, r[5], timeOf(r[5] as number), txHash(r[5] as number, r[6] as number), r[6]]
    await insert(pool, 'transfer', ['id', 'chain_id', 'token_id', 'from', 'to', 'amount', 'kind', 'actor', 'block_number', 'timestamp', 'tx_hash', 'log_index'],
        ['text', 'int', 'text', 'text', 'text', 'numeric', 'text', 'text', 'int', 'timestamptz', 'text', 'int'], transfers.map(t))
    say(`  ${transfers.length} transfers`)

    const ledger: unknown[][] = []
    // Ledger rows follow the transfers: a mint writes one ('to'), a transfer two ('from' then 'to').
    let row = 0
    for (const tr of transfers) {
        const [id, from, , amount, , block, log] = tr as [string, string, string, string, string, number, number]
        for (const side of from === '0x0000000000000000000000000000000000000000' ? ['to'] : ['from', 'to']) {
            const delta = side === 'from' ? `-${amount}` : amount
            const until = m.validUntil[row]!
            ledger.push([`${id}-${side}`, CHAIN_ID, token, walletAddress(m.wallet[row]!), delta, m.balanceAfter[row]!.toString(), id, block, timeOf(block), txHash(block, log), log, until < 0 ? null : until])
            row++
        }
    }
    await insert(pool, 'balance_change', ['id', 'chain_id', 'token_id', 'wallet', 'delta', 'balance_after', 'transfer_id', 'block_number', 'timestamp', 'tx_hash', 'log_index', 'valid_until_block'],
        ['text', 'int', 'text', 'text', 'numeric', 'numeric', 'text', 'int', 'timestamptz', 'text', 'int', 'int'], ledger)
    say(`  ${ledger.length} balance changes`)

    await insert(pool, 'token_checkpoint', ['id', 'chain_id', 'token_id', 'block_number', 'total_supply', 'holder_count', 'investor_count', 'balance_change_count'],
        ['text', 'int', 'text', 'int', 'numeric', 'int', 'int', 'int'],
        m.checkpoints.map(c => [checkpointId(token, c.block), CHAIN_ID, token, c.block, c.supply.toString(), c.holders, c.investors, c.ledger]))

    const final = balancesAt(m, m.head)
    const firstBlock = new Int32Array(WALLETS).fill(-1)
    for (let i = 0; i < m.wallet.length; i++) if (firstBlock[m.wallet[i]!]! < 0) firstBlock[m.wallet[i]!] = m.block[i]!
    const wallets = Array.from({length: WALLETS}, (_, w) => w)
    await insert(pool, 'holding', ['id', 'chain_id', 'token_id', 'wallet', 'balance', 'frozen_amount', 'is_frozen', 'first_acquired_block', 'first_acquired_at', 'last_changed_block', 'last_changed_at'],
        ['text', 'int', 'text', 'text', 'numeric', 'numeric', 'bool', 'int', 'timestamptz', 'int', 'timestamptz'],
        wallets.map(w => [holdingId(CHAIN_ID, TOKEN, walletAddress(w)), CHAIN_ID, token, walletAddress(w), (final.get(w) ?? 0n).toString(), '0', false, firstBlock[w], timeOf(firstBlock[w]!), m.head, timeOf(m.head)]))
    const identities = [...new Set(wallets.map(investorOf))]
    await insert(pool, 'identity', ['id', 'chain_id', 'address', 'country'], ['text', 'int', 'text', 'int'],
        identities.map(i => [tokenId(CHAIN_ID, identityAddress(i)), CHAIN_ID, identityAddress(i), COUNTRIES[i % COUNTRIES.length]]))
    await insert(pool, 'identity_wallet', ['id', 'chain_id', 'storage', 'wallet', 'investor', 'country', 'active', 'registered_at_block', 'registered_at', 'identity_id'],
        ['text', 'int', 'text', 'text', 'text', 'int', 'bool', 'int', 'timestamptz', 'text'],
        wallets.map(w => [`${CHAIN_ID}-${STORAGE}-${walletAddress(w)}`, CHAIN_ID, STORAGE, walletAddress(w), identityAddress(investorOf(w)), COUNTRIES[investorOf(w) % COUNTRIES.length],
            true, 0, timeOf(0), tokenId(CHAIN_ID, identityAddress(investorOf(w)))]))
    say(`  ${WALLETS} holdings and registrations, ${identities.length} identities`)

    // The audit trail: a registration per wallet (at block 0), every transfer, then freeze/unfreeze pairs up to the row count.
    const audit: unknown[][] = wallets.map(w => [logId(CHAIN_ID, 0, w), 'IDENTITY_STORED', null, STORAGE, 'IDENTITY_REGISTRY_STORAGE', walletAddress(w), identityAddress(investorOf(w)), null, null,
        0, w, JSON.stringify({investorAddress: walletAddress(w), identity: identityAddress(investorOf(w))})])
    for (const [id, from, to, amount, kind, block, log] of transfers as [string, string, string, string, string, number, number][]) {
        audit.push([id, kind, token, TOKEN, 'TOKEN', kind === 'MINT' ? to : from, null, kind === 'MINT' ? null : to, amount, block, log, JSON.stringify({from, to, value: amount})])
    }
    const rand = mulberry32(6)
    while (audit.length < AUDIT_ROWS) {
        const block = 1 + Math.floor(rand() * m.head)
        const w = walletAddress(Math.floor(rand() * WALLETS))
        for (const [kind, log] of [['TOKENS_FROZEN', 100], ['TOKENS_UNFROZEN', 101]] as const) {
            audit.push([logId(CHAIN_ID, block, log + 2 * audit.length), kind, token, TOKEN, 'TOKEN', w, null, null, '1', block, log, JSON.stringify({_userAddress: w, _amount: '1'})])
        }
    }
    await insert(pool, 'audit_event', ['id', 'chain_id', 'kind', 'token_id', 'contract', 'contract_kind', 'subject', 'investor', 'counterparty', 'amount', 'actor', 'block_number', 'timestamp', 'tx_hash', 'log_index', 'params'],
        ['text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'numeric', 'text', 'int', 'timestamptz', 'text', 'int', 'jsonb'],
        audit.map(a => [a[0], CHAIN_ID, a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], AGENT, a[9], timeOf(a[9] as number), txHash(a[9] as number, a[10] as number), a[10], a[11]]))
    say(`  ${audit.length} audit rows`)
    await pool.query('VACUUM ANALYZE')
}

interface CapTableAnswer {
    block: number
    supply: string
    holderCount: number
    investorCount: number
    rowCount: number
    rows: {holder: string; balance: string; share: string; investor: string | null; country: number | null}[]
}

/** The answer against the model: totals, and the page as the oracle's top 100 (largest first, ties by address). */
function checkCapTable(m: Model, a: CapTableAnswer, offset: number): void {
    const held = balancesAt(m, a.block)
    const cp = [...m.checkpoints].reverse().find(c => c.block <= a.block)
    const supply = [...held.values()].reduce((x, y) => x + y, 0n)
    const investors = new Set([...held.keys()].map(investorOf)).size
    const top = [...held].map(([w, b]) => ({holder: walletAddress(w), balance: b}))
        .sort((x, y) => (x.balance === y.balance ? (x.holder < y.holder ? -1 : 1) : x.balance > y.balance ? -1 : 1)).slice(offset, offset + 100)
    const got = {supply: a.supply, holders: a.holderCount, investors: a.investorCount, page: a.rows.map(r => `${r.holder}:${r.balance}`)}
    const want = {supply: supply.toString(), holders: held.size, investors, page: top.map(r => `${r.holder}:${r.balance}`)}
    if (JSON.stringify(got) !== JSON.stringify(want) || cp?.supply !== supply) {
        throw new Error(`capTable at block ${a.block} differs from the model: ${JSON.stringify(got).slice(0, 400)} vs ${JSON.stringify(want).slice(0, 400)}`)
    }
}

async function main(): Promise<void> {
    const loadStart = os.loadavg()
    let t = performance.now()
    const {model, transfers} = generate()
    say(`generated ${model.wallet.length} balance changes of ${WALLETS} wallets over ${model.head} blocks in ${Math.round(performance.now() - t)} ms`)
    const db = await startTestDatabase(say)
    process.env.DB_URL = db.url
    const pool = new Pool({connectionString: db.url, max: 2})
    let api: Child | undefined
    try {
        await applyMigrations()
        t = performance.now()
        await fill(pool, model, transfers)
        const insertSeconds = Math.round((performance.now() - t) / 1000)
        const [{version}] = (await pool.query('SELECT version()')).rows as [{version: string}]
        say(`inserted in ${insertSeconds} s (${version.split(' ').slice(0, 2).join(' ')})`)
        const sizes = (await pool.query(`SELECT relname AS name, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
            WHERE relname IN ('balance_change', 'token_checkpoint', 'audit_event', 'IDX_balance_change_valid_at', 'IDX_balance_change_ranked') ORDER BY relname`)).rows as {name: string; size: string}[]

        const {api: child, base} = await startBenchApi(db.url)
        api = child
        const gql = async <T>(query: string): Promise<T> => {
            const res = await fetch(`${base}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query})})
            const body = await res.json() as {data?: T; errors?: {message: string}[]}
            if (!res.ok || body.errors) throw new Error(`GraphQL answered ${res.status}: ${JSON.stringify(body.errors)}`)
            return body.data!
        }
        const rand = mulberry32(7)
        const blocks = Array.from({length: Math.max(RUNS, 50) + WARMUP}, () => 1 + Math.floor(rand() * model.head))
        const page = (offset: number, groupBy = 'WALLET') => (run: number) => gql<{capTable: CapTableAnswer}>(
            `{ capTable(token: "${TOKEN}", atBlock: ${blocks[run]}, limit: 100, offset: ${offset}, groupBy: ${groupBy}) { block supply holderCount investorCount rowCount
               rows { holder investor wallets balance share frozenTokens frozenWallets country countryCode firstAcquiredBlock } } }`).then(d => d.capTable)
        const stats: Stats[] = []
        const timed = async <T>(s: Promise<Stats>) => {
            const x = await s
            say(statsLine(x))
            stats.push(x)
            return x
        }
        const capTable = await timed(measure('capTable, 100-row page + totals, random blocks', WARMUP, RUNS, page(0), a => checkCapTable(model, a, 0)))
        await timed(measure('capTable, page at offset 50,000, random blocks', WARMUP, 20, page(50_000), a => checkCapTable(model, a, 50_000)))
        await timed(measure('capTable grouped by investor, random blocks', 1, 10, page(0, 'INVESTOR')))
        const conc = await timed(measure('concentration, random blocks', WARMUP, Math.min(RUNS, 50), run => gql<{concentration: {block: number; holderCount: number; supply: string; hhi: string; gini: string}}>(
            `{ concentration(token: "${TOKEN}", atBlock: ${blocks[run]}) { block holderCount supply top1 top10 hhi gini holdersToMajority } }`).then(d => d.concentration), c => {
            const want = concentration([...balancesAt(model, c.block).values()])
            if (c.holderCount !== want.holderCount || c.hhi !== want.hhi || c.gini !== want.gini) throw new Error(`concentration at ${c.block} differs from the model`)
        }))
        const juris = await timed(measure('jurisdictions, random blocks', WARMUP, Math.min(RUNS, 50), run => gql<{jurisdictions: {block: number; countries: {holders: number}[]}}>(
            `{ jurisdictions(token: "${TOKEN}", atBlock: ${blocks[run]}) { block supply countries { country holders balance share } } }`).then(d => d.jurisdictions), j => {
            const holders = j.countries.reduce((s, c) => s + c.holders, 0)
            if (holders !== balancesAt(model, j.block).size || j.countries.length !== COUNTRIES.length) throw new Error(`jurisdictions at ${j.block} differ from the model`)
        }))

        // The export: lines counted as they stream; the API's memory sampled meanwhile.
        const before = rssMb(child.proc.pid)
        let peak = before
        const sampler = setInterval(() => { peak = Math.max(peak, rssMb(child.proc.pid)) }, 50)
        t = performance.now()
        const res = await fetch(`${base}/export/audit-trail.csv`)
        let lines = 0
        let bytes = 0
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            bytes += chunk.length
            for (const b of chunk) if (b === 10) lines++
        }
        const exportSeconds = (performance.now() - t) / 1000
        clearInterval(sampler)
        peak = Math.max(peak, rssMb(child.proc.pid))
        if (lines !== AUDIT_ROWS + 1) throw new Error(`the export has ${lines} lines, expected ${AUDIT_ROWS} rows and a header`)
        const growth = peak - before
        say(`audit-trail.csv: ${lines - 1} rows, ${Math.round(bytes / 1048576)} MiB in ${exportSeconds.toFixed(1)} s; API RSS ${before} → peak ${peak} MiB (growth ${growth} MiB)`)

        const targets = [
            {what: 'capTable p95 < 100 ms', value: capTable.p95Ms, met: capTable.p95Ms < 100},
            {what: 'concentration p95 < 300 ms', value: conc.p95Ms, met: conc.p95Ms < 300},
            {what: 'jurisdictions p95 < 300 ms', value: juris.p95Ms, met: juris.p95Ms < 300},
            {what: '1M-row CSV export: API memory growth < 200 MB', value: growth, met: growth < 200},
        ]
        const report = {
            date: new Date().toISOString(), wallets: WALLETS, balanceChanges: model.wallet.length, blocks: model.head, auditRows: AUDIT_ROWS,
            holdersAtHead: model.checkpoints.at(-1)!.holders, insertSeconds, sizes,
            machine: {cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, postgres: version.split(',')[0], loadAverageBefore: loadStart, loadAverageAfter: os.loadavg()},
            measurements: stats, export: {rows: lines - 1, bytes, seconds: exportSeconds, rssBeforeMb: before, rssPeakMb: peak, growthMb: growth}, targets,
        }
        const md = [
            '# As-of analytics benchmark',
            '',
            `${report.date} · ${report.machine.cpus} × ${report.machine.cpuModel} · Node ${report.machine.node} · ${report.machine.postgres}`,
            '',
            `One token: ${WALLETS.toLocaleString('en')} wallets, ${model.wallet.length.toLocaleString('en')} balance changes over ${model.head.toLocaleString('en')} blocks ` +
            `(${report.holdersAtHead.toLocaleString('en')} holders at the head), ${AUDIT_ROWS.toLocaleString('en')} audit rows, inserted through the real schema in ${insertSeconds} s. ` +
            'Requests to the real API (lib/cli/serve.js), one after another, each at a seeded random block; the first and last answer of each series checked against the generating model.',
            '',
            '| query | p50 ms | p95 ms | max ms | runs |',
            '|---|---:|---:|---:|---:|',
            ...stats.map(s => `| ${s.name} | ${s.p50Ms} | ${s.p95Ms} | ${s.maxMs} | ${s.runs} |`),
            '',
            `Export: \`GET /export/audit-trail.csv\`, ${(lines - 1).toLocaleString('en')} rows (${Math.round(bytes / 1048576)} MiB) in ${exportSeconds.toFixed(1)} s; API resident memory ${before} MiB before, ${peak} MiB at most during it (growth ${growth} MiB).`,
            '',
            '| target | measured | met |',
            '|---|---:|---|',
            ...targets.map(x => `| ${x.what} | ${x.value} | ${x.met ? 'yes' : 'NO'} |`),
            '',
            'Sizes: ' + sizes.map(s => `${s.name} ${s.size}`).join(', '),
            '',
            'Design: each ledger row carries validUntilBlock (the block of the wallet\'s next change); a GiST index on (token, int4range(block, validUntil)) finds the rows valid at any block, ' +
            'a (token, balance desc, wallet) index with the range included serves a page largest-first, and token_checkpoint gives supply, holders and investors at any block in one lookup. ' +
            'capTable picks the ranked walk or the range read by the rows each would touch (src/analytics/ledgerAt.ts pagePlan).',
        ]
        writeReports('asof', report, md)
        say(`targets: ${targets.map(x => `${x.what}: ${x.met ? 'met' : 'NOT met'}`).join('; ')}; report in bench/reports/asof.md`)
    } finally {
        await shutDown(api, pool, db)
    }
}

main().catch(err => {
    console.error(err)
    process.exit(1)
})
