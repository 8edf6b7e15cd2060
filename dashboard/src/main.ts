import {ApiError, query, subscribe} from './api'
import {CapTableRow, largestWithOthers, Sort, SortKey, sortRows} from './capTable'
import {bars, doughnut, lines} from './charts'
import {byId, fill, h, note, shortAddress} from './dom'
import {
    AUDIT, AuditEvent, Bucket, CAP_TABLE, ChainHead, Country, Distribution, DISTRIBUTIONS, HEAD, PaymentAsset, Reconciliation, RECONCILIATION,
    RECONCILIATION_SUMMARIES, ReconciliationSummary, reconciliationSummaries, TIME_SERIES, Token, TOKENS,
} from './queries'
import {seriesInterval} from './series'
import {formatUnits, groupDecimal, ratioForChart, sharePercent} from './units'

// The dashboard: one token at a time, every figure from the public GraphQL API, refreshed when the
// live subscription says the indexer committed a block. Amounts are shown in the token's units
// (formatUnits over the raw integers); payouts in their payment token's, or in its smallest unit when
// the token does not answer decimals().

interface AsOf {
    atBlock?: number
    atTimestamp?: string
}

const state = {
    tokens: [] as Token[],
    heads: [] as ChainHead[],
    token: null as Token | null,
    asOf: {} as AsOf,
    groupBy: 'WALLET',
    sort: {key: 'balance', descending: true} as Sort,
    rows: [] as CapTableRow[],
    distribution: null as string | null,
}
/** The latest request of each section: an answer to an older one is dropped. */
const latest = new Map<string, number>()
let requests = 0

const banner = byId('banner')
const picker = byId<HTMLSelectElement>('token-picker')
const live = byId('live')

const symbolOf = (t: Token) => t.symbol ?? shortAddress(t.address)
const units = (raw: string | null, t: Token) => raw == null ? '' : `${formatUnits(raw, t.decimals)} ${symbolOf(t)}`
/** A payout amount in its payment token's units; its smallest unit when the token's decimals are unknown. */
const paymentUnits = (raw: string, asset: PaymentAsset | null) => asset?.decimals == null
    ? `${formatUnits(raw, null)} units`
    : `${formatUnits(raw, asset.decimals)} ${asset.symbol ?? shortAddress(asset.address)}`
const time = (iso: string | null) => iso == null ? '' : iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')
const messageOf = (err: unknown) => err instanceof Error ? err.message : String(err)

/** Runs `load` for section `name`, showing loading and error in `noteEl`; an answer overtaken by a newer request is dropped. */
async function section<T>(name: string, noteEl: HTMLElement, load: () => Promise<T>, show: (data: T) => void, quiet = false): Promise<void> {
    const id = ++requests
    latest.set(name, id)
    if (!quiet) note(noteEl, 'loading', 'Loading…')
    try {
        const data = await load()
        if (latest.get(name) !== id) return
        note(noteEl, null)
        show(data)
    } catch (err) {
        if (latest.get(name) !== id) return
        note(noteEl, 'error', err instanceof ApiError && err.kind === 'unreachable' ? `${err.message}; retrying when it is back` : `Query error: ${messageOf(err)}`)
    }
}

// ---- tokens and the summary ----

async function loadTokens(quiet = false): Promise<void> {
    if (!quiet) note(banner, 'loading', 'Loading tokens…')
    let answer: {tokens: Token[]; chains: ChainHead[]}
    try {
        answer = await query(TOKENS)
    } catch (err) {
        byId('content').hidden = state.token == null
        const unreachable = err instanceof ApiError && err.kind === 'unreachable'
        note(banner, 'error', unreachable ? `${err.message}. Is the API running? Retrying every 5 s…` : `Query error: ${messageOf(err)}`)
        if (unreachable) setTimeout(() => void loadTokens(true), 5000)
        return
    }
    state.tokens = answer.tokens
    state.heads = answer.chains
    if (answer.tokens.length === 0) {
        byId('content').hidden = true
        picker.disabled = true
        note(banner, 'empty', 'No tokens indexed yet: the indexer has not found a token (or not reached its deployment). This page updates by itself when it does.')
        return
    }
    note(banner, null)
    const wanted = new URLSearchParams(location.hash.slice(1)).get('token')?.toLowerCase()
    const current = state.token && answer.tokens.find(t => t.id === state.token!.id)
    const chosen = current ?? answer.tokens.find(t => t.address === wanted) ?? answer.tokens[0]!
    fill(picker, answer.tokens.map(t => h('option', {value: t.id, selected: t.id === chosen.id}, `${symbolOf(t)} — ${t.name ?? t.address}`)))
    picker.disabled = false
    const changed = state.token?.id !== chosen.id
    state.token = chosen
    byId('content').hidden = false
    showSummary(chosen)
    if (changed) {
        state.distribution = new URLSearchParams(location.hash.slice(1)).get('distribution')
        refreshAll(false)
    }
}

function showSummary(t: Token): void {
    const head = state.heads.find(c => c.id === String(t.chainId))
    const card = (label: string, value: string, testid: string) => h('div', {class: 'card'}, h('span', {}, label), h('b', {'data-testid': testid}, value))
    fill(byId('summary'),
        card('Supply', units(t.totalSupply, t), 'supply'),
        card('Holders', String(t.holderCount), 'holders'),
        card('Investors', String(t.investorCount), 'investors'),
        card('State', t.paused ? 'paused' : 'active', 'paused'),
        card('Standard', t.standard, 'standard'),
        card('Address', t.address, 'address'),
        card('Indexed head', head?.headBlock == null ? 'none yet' : `block ${head.headBlock} (${time(head.headTimestamp)})`, 'head'),
    )
}

function refreshAll(quiet: boolean): void {
    const t = state.token
    if (t == null) return
    const pinned = state.asOf.atBlock != null || state.asOf.atTimestamp != null
    if (!quiet || !pinned) void loadCapTable(t, quiet)
    void loadSeries(t, quiet)
    void loadAudit(t, quiet)
    void loadDistributions(t, quiet)
}

// ---- cap table and its charts ----

function loadCapTable(t: Token, quiet: boolean): Promise<void> {
    const csv = new URLSearchParams({token: t.address})
    if (state.asOf.atBlock != null) csv.set('atBlock', String(state.asOf.atBlock))
    if (state.asOf.atTimestamp != null) csv.set('atTimestamp', state.asOf.atTimestamp)
    byId<HTMLAnchorElement>('captable-csv').href = `/export/cap-table.csv?${csv}`
    type Answer = {capTable: {block: number; timestamp: string | null; supply: string; holderCount: number; investorCount: number; rowCount: number; rows: CapTableRow[]}; jurisdictions: {countries: Country[]}}
    return section('capTable', byId('captable-note'),
        () => query<Answer>(CAP_TABLE, {token: t.address, ...state.asOf, groupBy: state.groupBy}),
        ({capTable: c, jurisdictions: j}) => {
            const beyond = c.rowCount > c.rows.length ? ` — the ${c.rows.length} largest of ${c.rowCount} rows` : ''
            byId('captable-at').textContent = `As of block ${c.block}${c.timestamp ? ` (${time(c.timestamp)} UTC)` : ''}: supply ${units(c.supply, t)}, ` +
                `${c.holderCount} holders, ${c.investorCount} investors${beyond}`
            byId('captable-at').dataset.block = String(c.block)
            state.rows = c.rows
            showRows(t)
            const supply = BigInt(c.supply)
            const slices = largestWithOthers(c.rows, supply, 8)
            doughnut(byId<HTMLCanvasElement>('holders-chart'), slices.map(s => s.label === 'others' ? 'others' : shortAddress(s.label)),
                slices.map(s => ratioForChart(s.amount, supply)), slices.map(s => units(String(s.amount), t)))
            bars(byId<HTMLCanvasElement>('country-chart'), j.countries.map(x => x.countryCode ?? (x.country == null ? 'unregistered' : String(x.country))),
                j.countries.map(x => ratioForChart(BigInt(x.balance), supply) * 100), j.countries.map(x => `${units(x.balance, t)}, ${x.holders} holders, ${sharePercent(x.share)}`), '% of supply')
            if (c.rows.length === 0) note(byId('captable-note'), 'empty', `No holders at block ${c.block}.`)
        }, quiet)
}

function showRows(t: Token): void {
    const table = byId<HTMLTableElement>('captable')
    for (const th of table.querySelectorAll<HTMLElement>('th[data-sort]')) {
        if (th.dataset.sort === state.sort.key) th.setAttribute('aria-sort', state.sort.descending ? 'descending' : 'ascending')
        else th.removeAttribute('aria-sort')
    }
    fill(table.tBodies[0]!, sortRows(state.rows, state.sort).map(r => h('tr', {'data-holder': r.holder},
        h('td', {class: 'addr', title: r.wallets.join('\n')}, r.holder, r.wallets.length > 1 ? ` (${r.wallets.length} wallets)` : ''),
        h('td', {class: 'addr'}, r.investor ?? ''),
        h('td', {}, r.countryCode ?? (r.country == null ? '' : String(r.country))),
        h('td', {class: 'num', 'data-col': 'balance'}, units(r.balance, t)),
        h('td', {class: 'num', 'data-col': 'frozen'}, r.frozenWallets.length > 0 ? 'wallet frozen' : r.frozenTokens === '0' ? '' : units(r.frozenTokens, t)),
        h('td', {class: 'num', 'data-col': 'share'}, sharePercent(r.share)),
    )))
}

// ---- time series ----

function loadSeries(t: Token, quiet: boolean): Promise<void> {
    const head = state.heads.find(c => c.id === String(t.chainId))?.headTimestamp
    const canvas = byId<HTMLCanvasElement>('series-chart')
    if (head == null) return Promise.resolve()
    const [from, to] = [new Date(t.createdAt), new Date(head)]
    const interval = seriesInterval(from, to)
    return section('series', byId('series-note'),
        () => query<{tokenTimeSeries: Bucket[]}>(TIME_SERIES, {token: t.address, interval, from: from.toISOString(), to: to.toISOString()}),
        ({tokenTimeSeries: b}) => {
            const whole = 10n ** BigInt(t.decimals ?? 0)
            lines(canvas, b.map(x => interval === 'HOUR' ? time(x.start).slice(0, 16) : x.start.slice(0, 10)), [
                {label: 'holders', values: b.map(x => x.holderCount)},
                {label: 'investors', values: b.map(x => x.investorCount)},
                // whole tokens, for the axis only
                {label: `supply (${symbolOf(t)})`, values: b.map(x => Number(BigInt(x.totalSupply) / whole)), right: true},
            ])
        }, quiet)
}

// ---- audit trail ----

const txLink = (hash: string) => h('a', {href: `#tx=${hash}`, class: 'addr', title: hash, 'data-tx': hash, onclick: (e: Event) => {
    e.preventDefault()
    byId<HTMLInputElement>('audit-tx').value = hash
    if (state.token) void loadAudit(state.token, false)
    byId('audit').scrollIntoView()
}}, shortAddress(hash))

function loadAudit(t: Token, quiet: boolean): Promise<void> {
    const where: Record<string, unknown> = {token: {id_eq: t.id}}
    const [kind, from, to, tx] = ['audit-kind', 'audit-from', 'audit-to', 'audit-tx'].map(id => byId<HTMLInputElement>(id).value.trim())
    if (kind) where.kind_eq = kind.toUpperCase()
    if (from) where.timestamp_gte = `${from}T00:00:00Z`
    if (to) where.timestamp_lt = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString()
    if (tx) where.txHash_eq = tx.toLowerCase()
    return section('audit', byId('audit-note'), () => query<{auditEvents: AuditEvent[]}>(AUDIT, {where}), ({auditEvents: events}) => {
        fill(byId<HTMLTableElement>('audit').tBodies[0]!, events.map(e => h('tr', {'data-id': e.id},
            h('td', {}, String(e.blockNumber)), h('td', {}, time(e.timestamp)), h('td', {'data-col': 'kind'}, e.kind), h('td', {}, txLink(e.txHash)),
            h('td', {class: 'addr', title: e.subject ?? ''}, shortAddress(e.subject ?? '')), h('td', {class: 'addr', title: e.counterparty ?? ''}, shortAddress(e.counterparty ?? '')),
            h('td', {class: 'num', 'data-col': 'amount'}, e.amount == null ? '' : e.contractKind === 'TOKEN' ? units(e.amount, t) : e.amountDecimal != null ? groupDecimal(e.amountDecimal) : paymentUnits(e.amount, null)),
        )))
        if (events.length === 0) note(byId('audit-note'), 'empty', 'No events match these filters.')
    }, quiet)
}

// ---- distributions ----

function loadDistributions(t: Token, quiet: boolean): Promise<void> {
    return section('distributions', byId('distributions-note'), () => query<{distributions: Distribution[]}>(DISTRIBUTIONS, {token: t.address}), ({distributions: ds}) => {
        fill(byId<HTMLTableElement>('distributions').tBodies[0]!, ds.map(d => h('tr', {'data-id': d.id, class: d.id === state.distribution ? 'selected' : undefined},
            h('td', {}, d.distributionId), h('td', {}, d.kind), h('td', {'data-col': 'status'}, d.status), h('td', {}, String(d.recordBlock)),
            h('td', {class: 'num'}, paymentUnits(d.totalAmount, d.paymentTokenInfo)), h('td', {class: 'num'}, paymentUnits(d.paid, d.paymentTokenInfo)), h('td', {class: 'num'}, paymentUnits(d.outstanding, d.paymentTokenInfo)),
            h('td', {class: d.rootMatches === false ? 'bad' : 'good'}, d.rootMatches == null ? 'not computed' : d.rootMatches ? 'matches' : 'MISMATCH'),
            h('td', {'data-col': 'reconciliation'}),
            h('td', {}, h('button', {type: 'button', 'data-testid': 'reconcile', onclick: () => openDistribution(d.id)}, 'Reconcile')),
        )))
        if (ds.length === 0) note(byId('distributions-note'), 'empty', `No distributions pay ${symbolOf(t)} holders.`)
        else void loadSummaries(ds.slice(0, RECONCILIATION_SUMMARIES))
        if (state.distribution != null && ds.some(d => d.id === state.distribution)) void loadReconciliation(state.distribution, quiet)
    }, quiet)
}

/** Each distribution's reconciliation in a word: exact, or how many holders differ and the variance. */
function loadSummaries(ds: Distribution[]): Promise<void> {
    const ids = ds.map(d => d.id)
    const cell = (id: string) => byId<HTMLTableElement>('distributions').querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"] td[data-col=reconciliation]`)
    return section('summaries', byId('distributions-note'),
        () => query<Record<string, ReconciliationSummary>>(reconciliationSummaries(ids.length), Object.fromEntries(ids.map((id, i) => [`id${i}`, id]))),
        answer => ids.forEach((id, i) => {
            const r = answer[`r${i}`]
            const el = cell(id)
            if (r == null || el == null) return
            const differ = r.byStatus.filter(s => s.status !== 'PAID').reduce((n, s) => n + s.count, 0)
            el.className = differ === 0 && r.variance === '0' && r.rootMatches ? 'good' : 'bad'
            el.textContent = (differ === 0 && r.variance === '0' ? 'exact' : `${differ} holder${differ === 1 ? '' : 's'} differ · variance ${paymentUnits(r.variance, ds[i]!.paymentTokenInfo)}`) +
                (r.rootMatches ? '' : ' · root differs')
        }), true)
}

function openDistribution(id: string): void {
    state.distribution = id
    setHash()
    for (const tr of byId<HTMLTableElement>('distributions').tBodies[0]!.rows) tr.classList.toggle('selected', tr.dataset.id === id)
    void loadReconciliation(id, false)
}

function loadReconciliation(id: string, quiet: boolean): Promise<void> {
    const view = byId('distribution')
    view.hidden = false
    const status = h('p', {class: 'note'})
    if (!quiet) fill(view, status)
    return section('reconciliation', status, () => query<{distributionReconciliation: Reconciliation}>(RECONCILIATION, {id}), ({distributionReconciliation: r}) => {
        const rootDiffers = new Set(r.rootDifferences)
        const fact = (label: string, value: string | Node, cls?: string) => [h('dt', {}, label), h('dd', {class: cls}, value)]
        const discrepancies = r.lines.filter(l => l.status !== 'PAID').length
        const pay = (raw: string) => paymentUnits(raw, r.paymentToken)
        fill(view,
            h('h3', {}, `Distribution ${r.id}: expected vs paid per holder`),
            h('dl', {class: 'facts'},
                fact('Status', r.status),
                fact('Paid in', r.paymentToken.symbol == null ? r.paymentToken.address : `${r.paymentToken.symbol} (${r.paymentToken.address})`),
                fact('Record block', `${r.recordBlock}${r.recordBlockTime == null ? '' : ` (${time(r.recordBlockTime)})`}`), fact('Claims until', time(r.claimExpiry)),
                fact('Total', pay(r.totalAmount)), fact('Funded', pay(r.funded)), fact('Paid', pay(r.paid)),
                fact('Reclaimed', pay(r.reclaimed)), fact('Refunded', pay(r.refunded)),
                fact('Outstanding', pay(r.outstanding)), fact('Expected', pay(r.expected)),
                fact('Variance (paid − expected)', pay(r.variance), r.variance === '0' ? 'good' : 'bad'),
                fact('Still owed to holders', pay(r.owed), r.owed === '0' ? undefined : 'bad'), fact('Paid beyond entitlements', pay(r.excess), r.excess === '0' ? undefined : 'bad'),
                fact('Left undistributed (rounding)', pay(r.undistributed)),
                fact('Merkle root', r.rootMatches ? 'matches the indexer\'s entitlements' : `MISMATCH: on chain ${r.onChainRoot}, computed ${r.computedRoot}`, r.rootMatches ? 'good' : 'bad'),
            ),
            r.entitlementError ? h('p', {class: 'note error'}, `Entitlements could not be computed: ${r.entitlementError}`) : null,
            r.unconfirmedHolders.length > 0 ? h('p', {class: 'note error'}, `Unconfirmed (owed, not claimed, roots differ): ${r.unconfirmedHolders.join(', ')}`) : null,
            h('p', {'data-testid': 'discrepancy-count', class: discrepancies > 0 ? 'bad' : 'good'},
                discrepancies === 0 ? 'Every holder was paid exactly what it is owed.' : `${discrepancies} of ${r.lines.length} holders differ from their entitlement (highlighted).`,
                ' ', h('a', {href: `/export/distributions/${encodeURIComponent(r.id)}/reconciliation.csv`, 'data-testid': 'reconciliation-csv'}, 'Reconciliation CSV')),
            h('div', {class: 'scroll'}, h('table', {'data-testid': 'reconciliation'},
                h('thead', {}, h('tr', {}, h('th', {}, 'Holder'), h('th', {}, 'Status'), h('th', {class: 'num'}, 'Expected'), h('th', {class: 'num'}, 'Paid'),
                    h('th', {class: 'num'}, 'Difference'), h('th', {class: 'num'}, 'Paid by hand'), h('th', {}, 'Payments'))),
                h('tbody', {}, r.lines.map(l => h('tr', {'data-holder': l.holder, class: l.status !== 'PAID' || rootDiffers.has(l.holder) ? 'discrepancy' : undefined},
                    h('td', {class: 'addr'}, l.holder), h('td', {class: 'status', 'data-col': 'status'}, l.status, rootDiffers.has(l.holder) ? ' (root differs)' : ''),
                    h('td', {class: 'num'}, pay(l.expected)), h('td', {class: 'num'}, pay(l.paid)),
                    h('td', {class: 'num', 'data-col': 'difference'}, pay(l.difference)), h('td', {class: 'num'}, l.manualPaid === '0' ? '' : pay(l.manualPaid)),
                    h('td', {}, [...new Set(l.payments.map(p => p.txHash))].flatMap((hash, i) => [i > 0 ? ' ' : null, txLink(hash)])),
                ))),
            )),
        )
    }, quiet)
}

// ---- controls, hash and live updates ----

function setHash(): void {
    const p = new URLSearchParams()
    if (state.token) p.set('token', state.token.address)
    if (state.distribution) p.set('distribution', state.distribution)
    history.replaceState(null, '', `#${p}`)
}

picker.addEventListener('change', () => {
    state.token = state.tokens.find(t => t.id === picker.value) ?? null
    state.distribution = null
    byId('distribution').hidden = true
    setHash()
    if (state.token) {
        showSummary(state.token)
        refreshAll(false)
    }
})

byId<HTMLFormElement>('asof').addEventListener('submit', e => {
    e.preventDefault()
    const block = byId<HTMLInputElement>('asof-block').value.trim()
    const at = byId<HTMLInputElement>('asof-time').value.trim()
    state.asOf = block !== '' ? {atBlock: Number(block)} : at !== '' ? {atTimestamp: `${at.length === 16 ? `${at}:00` : at}Z`} : {}
    if (state.token) void loadCapTable(state.token, false)
})
byId('asof-latest').addEventListener('click', () => {
    byId<HTMLInputElement>('asof-block').value = ''
    byId<HTMLInputElement>('asof-time').value = ''
    state.asOf = {}
    if (state.token) void loadCapTable(state.token, false)
})
byId<HTMLSelectElement>('group-by').addEventListener('change', e => {
    state.groupBy = (e.target as HTMLSelectElement).value
    if (state.token) void loadCapTable(state.token, false)
})
for (const th of byId<HTMLTableElement>('captable').querySelectorAll<HTMLElement>('th[data-sort]')) {
    th.addEventListener('click', () => {
        const key = th.dataset.sort as SortKey
        state.sort = {key, descending: state.sort.key === key ? !state.sort.descending : key !== 'holder' && key !== 'country'}
        if (state.token) showRows(state.token)
    })
}
byId<HTMLFormElement>('audit-filters').addEventListener('submit', e => {
    e.preventDefault()
    if (state.token) void loadAudit(state.token, false)
})

let lastHead = ''
let connections = 0
subscribe<{chains: ChainHead[]}>(HEAD, {
    connected: () => {
        live.className = 'live on'
        live.textContent = 'live'
        // back after a lost connection: what failed meanwhile is asked again, even if the head has not moved
        if (connections++ > 0) void loadTokens(true).then(() => refreshAll(true))
    },
    lost: message => {
        live.className = 'live off'
        live.textContent = message
    },
    next: ({chains}) => {
        const head = state.token ? chains.find(c => c.id === String(state.token!.chainId)) : chains[0]
        live.className = 'live on'
        live.textContent = head?.headBlock == null ? 'live' : `live · block ${head.headBlock}`
        live.dataset.block = String(head?.headBlock ?? '')
        const key = JSON.stringify(chains)
        if (key === lastHead) return
        const first = lastHead === ''
        lastHead = key
        // the first answer is the head the page just loaded at; every later one is a new block
        if (!first || state.tokens.length === 0) void loadTokens(true).then(() => refreshAll(true))
    },
})
void loadTokens()
