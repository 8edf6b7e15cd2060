import {Contract, formatUnits} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {ACCOUNT, connect, devWallet} from '../../src/dev/rpc'
import {demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {csvRecords, parseCsv} from './csv'
import {gql} from './gql'

const dbUrl = inject('dbUrl')
const lc = (a: string) => a.toLowerCase()

const AUDIT_COLUMNS = [
    'id', 'chain_id', 'kind', 'token_id', 'token_symbol', 'token_decimals', 'contract', 'contract_kind', 'subject', 'investor', 'counterparty',
    'counterparty_investor', 'amount', 'amount_decimal', 'actor', 'block_number', 'timestamp', 'tx_hash', 'log_index', 'params',
]
/** ethers' formatting, as an independent oracle: "2000.0" there is "2000" in the exports */
const units = (raw: bigint, decimals: number) => formatUnits(raw, decimals).replace(/\.0$/, '')

describe('the exports', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let riv: Contract
    let head: number
    let exportBase: string

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        riv = contractAt('Token', d.tokens[1]!.address, await connect(chain.url))
        run = await startIndexer(demoEnv(chain, db, d), true)
        head = await waitForHead(chain.url, db.url)
        exportBase = run.gqlUrl.replace('/graphql', '/export')
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    const get = async (path: string) => {
        const res = await fetch(`${exportBase}${path}`)
        return {
            status: res.status, type: res.headers.get('content-type') ?? '', symbol: res.headers.get('x-token-symbol'), decimals: res.headers.get('x-token-decimals'),
            text: await res.text(),
        }
    }

    /** ids of the audit events matching a GraphQL where clause, with the total count, id ascending. */
    const gqlAudit = async (where: string) => {
        const r = await gql<{auditEventsConnection: {totalCount: number}; auditEvents: {id: string}[]}>(run.gqlUrl,
            `{ auditEventsConnection(orderBy: id_ASC, where: {${where}}) { totalCount }
               auditEvents(orderBy: id_ASC, where: {${where}}, limit: 100000) { id } }`)
        return {count: r.auditEventsConnection.totalCount, ids: r.auditEvents.map(e => e.id)}
    }

    describe('/export/audit-trail.csv', () => {
        it('should export every audit event with a header line and parseable params', async () => {
            const res = await get('/audit-trail.csv')
            expect(res.status, res.text).toBe(200)
            expect(res.type).toMatch(/^text\/csv/)
            const {header, records} = csvRecords(res.text)
            expect(header).toEqual(AUDIT_COLUMNS)
            const expected = await gqlAudit('')
            expect(expected.count).toBeGreaterThan(100)
            expect(records.map(r => r.id)).toEqual(expected.ids)
            for (const r of records) expect(typeof JSON.parse(r.params!)).toBe('object')
        })

        it('should filter by token and kinds like the GraphQL API', async () => {
            const res = await get(`/audit-trail.csv?token=${d.tokens[1]!.address}&kind=MINT,FORCED_TRANSFER`)
            expect(res.status, res.text).toBe(200)
            const {records} = csvRecords(res.text)
            const expected = await gqlAudit(`token: {address_eq: "${lc(d.tokens[1]!.address)}"}, kind_in: [MINT, FORCED_TRANSFER]`)
            // RIV30: a batch mint, three single mints and one forced transfer in the demo scenario.
            expect(expected.count).toBeGreaterThanOrEqual(5)
            expect(records).toHaveLength(expected.count)
            expect(records.map(r => r.id)).toEqual(expected.ids)
            expect(new Set(records.map(r => r.kind))).toEqual(new Set(['MINT', 'FORCED_TRANSFER']))
            expect(new Set(records.map(r => r.token_id))).toEqual(new Set([`${d.chainId}-${lc(d.tokens[1]!.address)}`]))
            // The forced transfer 9 → 5 of 2000 RIV30 (6 decimals).
            const forced = records.filter(r => r.kind === 'FORCED_TRANSFER')
            expect(forced).toHaveLength(1)
            const decimals = Number(await riv.decimals({blockTag: Number(forced[0]!.block_number)}))
            expect([forced[0]!.amount, forced[0]!.amount_decimal, forced[0]!.token_symbol, forced[0]!.token_decimals])
                .toEqual(['2000000000', '2000', await riv.symbol({blockTag: Number(forced[0]!.block_number)}), String(decimals)])
            for (const r of records) expect(r.amount_decimal).toBe(units(BigInt(r.amount!), decimals))
        })

        describe('when the token was renamed', () => {
            it('should name each row\'s token by the symbol the chain answered at that row\'s block', async () => {
                // HOT: the demo story renames it (setName, setSymbol) after its first mints and transfers
                const hot = contractAt('Token', d.tokens[0]!.address, await connect(chain.url))
                const records = csvRecords((await get(`/audit-trail.csv?token=${d.tokens[0]!.address}`)).text).records
                const blocks = [...new Set(records.map(r => Number(r.block_number)))]
                const symbolAt = new Map(await Promise.all(blocks.map(async b => [b, await hot.symbol({blockTag: b}) as string] as const)))
                expect(new Set(symbolAt.values()).size).toBe(2)
                for (const r of records) expect([r.id, r.token_symbol]).toEqual([r.id, symbolAt.get(Number(r.block_number))])
            })
        })

        it('should filter by block and time range like the GraphQL API', async () => {
            const all = csvRecords((await get('/audit-trail.csv')).text).records
            const from = Number(all[Math.floor(all.length / 3)]!.block_number)
            const to = Number(all[Math.floor((2 * all.length) / 3)]!.block_number)
            const byBlock = csvRecords((await get(`/audit-trail.csv?fromBlock=${from}&toBlock=${to}`)).text).records
            const expected = await gqlAudit(`blockNumber_gte: ${from}, blockNumber_lte: ${to}`)
            expect(byBlock.map(r => r.id)).toEqual(expected.ids)
            expect(byBlock.every(r => Number(r.block_number) >= from && Number(r.block_number) <= to)).toBe(true)

            const fromTime = all[Math.floor(all.length / 3)]!.timestamp!
            const toTime = all[Math.floor((2 * all.length) / 3)]!.timestamp!
            const byTime = csvRecords((await get(`/audit-trail.csv?fromTime=${encodeURIComponent(fromTime)}&toTime=${encodeURIComponent(toTime)}`)).text).records
            const expectedByTime = await gqlAudit(`timestamp_gte: "${fromTime}", timestamp_lte: "${toTime}"`)
            expect(byTime.length).toBeGreaterThan(0)
            expect(byTime.map(r => r.id)).toEqual(expectedByTime.ids)
        })

        it('should return only events whose subject or counterparty is the account', async () => {
            const wallet = lc(d.investors[9]!.wallet)
            const res = await get(`/audit-trail.csv?account=${d.investors[9]!.wallet.toUpperCase().replace('0X', '0x')}`)
            expect(res.status, res.text).toBe(200)
            const {records} = csvRecords(res.text)
            expect(records.length).toBeGreaterThan(0)
            for (const r of records) expect([r.id, r.subject === wallet || r.counterparty === wallet]).toEqual([r.id, true])
            const expected = await gqlAudit(`OR: [{subject_eq: "${wallet}"}, {counterparty_eq: "${wallet}"}]`)
            expect(records.map(r => r.id)).toEqual(expected.ids)
            // the forced transfer 9 → 5 involves it, on either side
            expect(records.some(r => r.kind === 'FORCED_TRANSFER' && (r.subject === wallet || r.counterparty === wallet))).toBe(true)
            // and the account filter is not simply "all events"
            expect(records.length).toBeLessThan((await gqlAudit('')).count)
        })

        it('should read a whole-day toTime as inclusive of that day', async () => {
            const all = csvRecords((await get('/audit-trail.csv')).text).records
            const day = all[Math.floor(all.length / 2)]!.timestamp!.slice(0, 10)
            const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString()
            const res = await get(`/audit-trail.csv?toTime=${day}`)
            expect(res.status, res.text).toBe(200)
            const expected = await gqlAudit(`timestamp_lt: "${nextDay}"`)
            expect(expected.ids).toContain(all[Math.floor(all.length / 2)]!.id)
            expect(csvRecords(res.text).records.map(r => r.id)).toEqual(expected.ids)
        })

        it("should export an investor's history across all its wallets", async () => {
            const identity = lc(d.investors[9]!.identity)
            const res = await get(`/audit-trail.csv?investor=${identity}`)
            expect(res.status, res.text).toBe(200)
            const {records} = csvRecords(res.text)
            const expected = await gqlAudit(`OR: [{investor_eq: "${identity}"}, {counterpartyInvestor_eq: "${identity}"}]`)
            expect(expected.count).toBeGreaterThan(0)
            expect(records.map(r => r.id)).toEqual(expected.ids)
            for (const r of records) expect([r.id, r.investor === identity || r.counterparty_investor === identity]).toEqual([r.id, true])
        })

        it('should return a header line only when nothing matches', async () => {
            const res = await get(`/audit-trail.csv?fromBlock=${head + 1000}`)
            expect(res.status).toBe(200)
            expect(parseCsv(res.text)).toEqual([AUDIT_COLUMNS])
        })
    })

    describe('/export/audit-trail.jsonl', () => {
        it('should stream one JSON object per line, ids ascending, same rows as the CSV', async () => {
            const res = await get(`/audit-trail.jsonl?token=${d.tokens[1]!.address}`)
            expect(res.status, res.text).toBe(200)
            expect(res.type).toMatch(/^application\/x-ndjson/)
            expect(res.text.endsWith('\n')).toBe(true)
            const lines = res.text.trimEnd().split('\n').map(l => JSON.parse(l) as Record<string, unknown>)
            const ids = lines.map(l => String(l.id))
            expect(ids).toEqual([...ids].sort())
            const byPosition = lines.map(l => [l.block_number as number, l.log_index as number])
            expect(byPosition).toEqual([...byPosition].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!))
            const csv = csvRecords((await get(`/audit-trail.csv?token=${d.tokens[1]!.address}`)).text).records
            expect(ids).toEqual(csv.map(r => r.id))
            expect(Object.keys(lines[0]!)).toEqual(AUDIT_COLUMNS)
            expect(typeof lines[0]!.block_number).toBe('number')
            expect(typeof lines[0]!.params).toBe('object')
            expect(lines[0]!.params).toEqual(JSON.parse(csv[0]!.params!))
            expect(lines[0]).toMatchObject({token_symbol: 'RIV30', token_decimals: 6})
        })
    })

    describe('/export/cap-table.csv', () => {
        it('should equal balanceOf at the block tag for every wallet, at past blocks and at the head', async () => {
            const provider = await connect(chain.url)
            const wallets = [...d.investors.map(i => lc(i.wallet)), lc(devWallet(ACCOUNT.recoveryWallet, provider).address)]
            for (const block of [d.deployBlock + 60, head - 3, undefined]) {
                const res = await get(`/cap-table.csv?token=${d.tokens[1]!.address}${block == null ? '' : `&atBlock=${block}`}`)
                expect(res.status, res.text).toBe(200)
                const {header, records} = csvRecords(res.text)
                expect(header).toEqual(['wallet', 'investor', 'balance', 'frozen', 'share', 'balance_decimal', 'frozen_decimal'])
                expect([res.symbol, res.decimals]).toEqual([await riv.symbol({blockTag: block ?? head}), String(await riv.decimals({blockTag: block ?? head}))])
                const tag = block ?? head
                const supply = await riv.totalSupply({blockTag: tag})
                const indexed = new Map(records.map(r => [r.wallet!, BigInt(r.balance!)]))
                for (const w of wallets) expect([tag, w, indexed.get(w) ?? 0n]).toEqual([tag, w, await riv.balanceOf(w, {blockTag: tag})])
                expect(records.reduce((s, r) => s + BigInt(r.balance!), 0n)).toBe(supply)
                for (const r of records) {
                    expect(r.share).toMatch(/^\d\.\d{18}$/)
                    expect(BigInt(r.share!.replace('.', ''))).toBe(BigInt(r.balance!) * 10n ** 18n / supply)
                    expect(BigInt(r.frozen!)).toBeLessThanOrEqual(BigInt(r.balance!))
                    expect([r.balance_decimal, r.frozen_decimal]).toEqual([units(BigInt(r.balance!), 6), units(BigInt(r.frozen!), 6)])
                }
            }
        })

        it('should be the cap table of the last indexed block at or before atTimestamp', async () => {
            const block = d.deployBlock + 60
            const timestamp = new Date((await (await connect(chain.url)).getBlock(block))!.timestamp * 1000).toISOString()
            const byTime = await fetch(`${exportBase}/cap-table.csv?token=${d.tokens[1]!.address}&atTimestamp=${encodeURIComponent(timestamp)}`)
            const text = await byTime.text()
            expect(byTime.status, text).toBe(200)
            const at = Number(byTime.headers.get('x-block-number'))
            expect(at).toBeGreaterThanOrEqual(block)
            const byBlock = await get(`/cap-table.csv?token=${d.tokens[1]!.address}&atBlock=${at}`)
            expect(text).toBe(byBlock.text)
        })

        it('should name the investor behind each wallet', async () => {
            const {records} = csvRecords((await get(`/cap-table.csv?token=${d.tokens[1]!.address}`)).text)
            const byWallet = new Map(records.map(r => [r.wallet, r.investor]))
            for (const inv of d.investors) {
                if (byWallet.has(lc(inv.wallet))) expect(byWallet.get(lc(inv.wallet))).toBe(lc(inv.identity))
            }
        })
    })

    describe('bad input', () => {
        const bad: [string, number, RegExp][] = [
            ['/audit-trail.csv?token=0x1234', 400, /token=0x1234 is not an address/],
            ['/audit-trail.csv?account=nobody', 400, /account=nobody is not an address/],
            ['/audit-trail.jsonl?kind=MINT,MINTED', 400, /kind=MINT,MINTED: unknown audit event kind MINTED/],
            ['/audit-trail.csv?fromBlock=1.5', 400, /fromBlock=1\.5 is not a block number/],
            ['/audit-trail.csv?toBlock=-3', 400, /toBlock=-3 is not a block number/],
            ['/audit-trail.csv?fromTime=yesterday', 400, /fromTime=yesterday is not an ISO 8601 date/],
            ['/audit-trail.csv?toTime=2024-13-45', 400, /toTime=2024-13-45 is not an ISO 8601 date/],
            ['/audit-trail.csv?fromBlock=20&toBlock=10', 400, /fromBlock=20 is after toBlock=10/],
            ['/audit-trail.csv?fromTime=2025-01-02&toTime=2025-01-01', 400, /fromTime=2025-01-02 is after toTime=2025-01-01/],
            [`/audit-trail.csv?token=0x${'ab'.repeat(20)}`, 404, /is not indexed/],
            ['/cap-table.csv', 400, /token is required/],
            ['/cap-table.csv?token=0xzz', 400, /token=0xzz is not an address/],
            ['/cap-table.csv?token=TOKEN&atBlock=1', 400, /token=TOKEN is not an address/],
            [`/cap-table.csv?token=0x${'ab'.repeat(20)}`, 404, /is not indexed/],
            ['/nothing-here.csv', 404, /unknown export/],
            ['/audit-trail.csv?kinds=MINT', 400, /unknown parameter kinds=MINT; expected token, account, investor, kind/],
            ['/audit-trail.csv?toTime=2024-02-31', 400, /toTime=2024-02-31 is not an ISO 8601 date/],
            ['/audit-trail.csv?fromBlock=2147483648', 400, /fromBlock=2147483648 is out of range/],
            ['/audit-trail.csv?kind=MINT&kind=BURN', 400, /kind is given more than once/],
            [`/cap-table.csv?token=0x${'ab'.repeat(20)}&atTimestamp=2024-02-30`, 400, /atTimestamp=2024-02-30 is not an ISO 8601 date/],
            [`/cap-table.csv?token=0x${'ab'.repeat(20)}&at=1`, 400, /unknown parameter at=1; expected token, atBlock, atTimestamp/],
        ]
        it.each(bad)('GET %s → %i', async (path, status, message) => {
            const res = await get(path)
            expect(res.status, res.text).toBe(status)
            expect(res.type).toMatch(/^text\/plain/)
            expect(res.text).toMatch(message)
        })

        it('should answer 400 for a cap table block that is malformed or beyond the indexed head', async () => {
            const malformed = await get(`/cap-table.csv?token=${d.tokens[1]!.address}&atBlock=latest`)
            expect([malformed.status, malformed.text]).toEqual([400, expect.stringMatching(/atBlock=latest is not a block number/)])
            const beyond = await get(`/cap-table.csv?token=${d.tokens[1]!.address}&atBlock=${head + 1000}`)
            expect([beyond.status, beyond.text]).toEqual([400, expect.stringMatching(new RegExp(`record block ${head + 1000} is beyond the indexed head`))])
            const before = await get(`/cap-table.csv?token=${d.tokens[1]!.address}&atBlock=0`)
            expect([before.status, before.text]).toEqual([400, expect.stringMatching(/before token .* was deployed/)])
        })
    })
})
