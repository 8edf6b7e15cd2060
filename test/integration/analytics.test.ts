import {Contract, formatUnits} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {ACCOUNT, connect, devSigner, devWallet, sendChecked} from '../../src/dev/rpc'
import {demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {gql, gqlRaw} from './gql'

const dbUrl = inject('dbUrl')
/** ethers' formatting as an independent oracle of the decimal forms: its "1.0" is "1" in the API */
const units = (raw: bigint, decimals: bigint | number) => formatUnits(raw, decimals).replace(/\.0$/, '')
const lc = (a: string) => a.toLowerCase()

interface CapTableRow {holder: string; investor: string | null; wallets: string[]; balance: string; share: string; country: number | null}
interface CapTable {block: number; supply: string; holderCount: number; investorCount: number; rowCount: number; rows: CapTableRow[]}

describe('the analytics API', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let riv: Contract
    let head: number
    let secondWallet: string
    let wallets: string[]

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        // Investor 0 gets a second wallet on RIV30's registry and moves part of its bonds there.
        const provider = await connect(chain.url)
        const agent = devSigner(ACCOUNT.agent, provider)
        secondWallet = devWallet(16, provider).address
        const bond = d.tokens[1]!
        await sendChecked('register a second wallet of investor 0', contractAt('IdentityRegistry', bond.identityRegistry, agent), 'registerIdentity',
            [secondWallet, d.investors[0]!.identity, d.investors[0]!.country])
        await sendChecked('investor 0 moves bonds to its second wallet', contractAt('Token', bond.address, devSigner(d.investors[0]!.privateKeyIndex, provider)), 'transfer',
            [secondWallet, 9_000_000_000n])
        // Three hours later, one more transfer: the hourly series has a gap to carry over.
        await provider.send('evm_increaseTime', [3 * 3600])
        await sendChecked('investor 0 moves more bonds, 3 hours later', contractAt('Token', bond.address, devSigner(d.investors[0]!.privateKeyIndex, provider)), 'transfer',
            [secondWallet, 1_000_000n])
        riv = contractAt('Token', bond.address, provider)
        wallets = [...d.investors.map(i => lc(i.wallet)), lc(devWallet(ACCOUNT.recoveryWallet, provider).address), lc(secondWallet)]
        run = await startIndexer(demoEnv(chain, db, d), true)
        head = await waitForHead(chain.url, db.url)
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    const capTable = async (args: string) => (await gql<{capTable: CapTable}>(run.gqlUrl,
        `{ capTable(token: "${d.tokens[1]!.address}", ${args}) { block supply holderCount investorCount rowCount rows { holder investor wallets balance share country } } }`)).capTable

    describe('.capTable()', () => {
        it('should equal balanceOf at the block tag for every wallet, at past blocks', async () => {
            for (const block of [d.deployBlock + 55, d.deployBlock + 60, d.deployBlock + 66, head - 3, head]) {
                const t = await capTable(`atBlock: ${block}, limit: 1000`)
                expect(t.block).toBe(block)
                expect([block, BigInt(t.supply)]).toEqual([block, await riv.totalSupply({blockTag: block})])
                const indexed = new Map(t.rows.map(r => [r.holder, BigInt(r.balance)]))
                for (const w of wallets) expect([block, w, indexed.get(w) ?? 0n]).toEqual([block, w, await riv.balanceOf(w, {blockTag: block})])
            }
        })

        it('should merge an investor\'s wallets when grouped by investor', async () => {
            const byWallet = await capTable('limit: 1000')
            const byInvestor = await capTable('groupBy: INVESTOR, limit: 1000')
            const investor0 = lc(d.investors[0]!.identity)
            const merged = byInvestor.rows.find(r => r.holder === investor0)!
            expect(merged.wallets.sort()).toEqual([lc(d.investors[0]!.wallet), lc(secondWallet)].sort())
            expect(BigInt(merged.balance)).toBe(await riv.balanceOf(d.investors[0]!.wallet) + await riv.balanceOf(secondWallet))
            expect(merged.country).toBe(d.investors[0]!.country)
            expect(byInvestor.rows).toHaveLength(byWallet.rows.length - 1)
            expect(byInvestor.investorCount).toBe(byInvestor.rows.length)
        })

        it('should page largest first and count the rows over minBalance', async () => {
            const all = await capTable('limit: 1000')
            const page = await capTable('limit: 2, offset: 1, minBalance: "1"')
            expect(page.rows.map(r => r.holder)).toEqual(all.rows.slice(1, 3).map(r => r.holder))
            expect(BigInt(all.rows[0]!.balance) >= BigInt(all.rows[1]!.balance)).toBe(true)
            // A short page near the top walks the ledger largest first; a long one reads every holder: both agree.
            for (const block of [d.deployBlock + 60, head]) {
                const whole = await capTable(`atBlock: ${block}, limit: 1000`)
                for (let offset = 0; offset < whole.rows.length; offset++) {
                    const one = await capTable(`atBlock: ${block}, limit: 1, offset: ${offset}`)
                    expect([block, offset, one.rows.map(r => r.holder), one.holderCount]).toEqual([block, offset, [whole.rows[offset]!.holder], whole.holderCount])
                }
            }
            const rich = await capTable('minBalance: "10000000000"')
            expect(rich.rowCount).toBe(all.rows.filter(r => BigInt(r.balance) >= 10_000_000_000n).length)
        })

        it('should take a time and answer as of the last block at or before it', async () => {
            const provider = await connect(chain.url)
            const block = d.deployBlock + 62
            const time = new Date(((await provider.getBlock(block))!.timestamp) * 1000).toISOString()
            // Several anvil blocks share a second: "as of that time" is the end of the last of them.
            let last = block
            while (last < head && (await provider.getBlock(last + 1))!.timestamp * 1000 <= Date.parse(time)) last++
            const t = await capTable(`atTimestamp: "${time}", limit: 1000`)
            expect(t.block).toBeLessThanOrEqual(last)
            expect(BigInt(t.supply)).toBe(await riv.totalSupply({blockTag: last}))
        })
    })

    describe('when a client gets the arguments wrong', () => {
        const error = async (q: string) => (await gqlRaw(run.gqlUrl, q)).body.errors?.[0]?.message
        it('should say what is wrong', async () => {
            expect(await error('{ capTable(token: "0x12") { supply } }')).toBe('token "0x12" is not a 0x-prefixed 20-byte hex address')
            expect(await error('{ capTable(token: "0x0000000000000000000000000000000000000001") { supply } }')).toMatch(/unknown token|not indexed|no token/i)
            expect(await error(`{ capTable(token: "${d.tokens[1]!.address}", atBlock: ${head + 1000}) { supply } }`)).toMatch(/beyond the indexed head/)
            expect(await error(`{ capTable(token: "${d.tokens[1]!.address}", atBlock: ${head}, atTimestamp: "2026-01-01T00:00:00Z") { supply } }`)).toBe('give atBlock or atTimestamp, not both')
            expect(await error(`{ capTable(token: "${d.tokens[1]!.address}", limit: 0) { supply } }`)).toBe('limit 0 must be an integer from 1 to 1000')
            expect(await error(`{ capTable(token: "${d.tokens[1]!.address}", limit: 5000) { supply } }`)).toBe('limit 5000 must be an integer from 1 to 1000')
            expect(await error(`{ capTable(token: "${d.tokens[1]!.address}", minBalance: "-5") { supply } }`)).toMatch(/minBalance "-5"/)
            expect(await error(`{ capTable(token: "${d.tokens[1]!.address}", atTimestamp: "yesterday") { supply } }`)).toBe('atTimestamp "yesterday" is not an ISO 8601 date or date-time')
        })
    })

    describe('.concentration()', () => {
        it('should count the holders and give the largest share from the chain\'s balances', async () => {
            const c = (await gql<{concentration: {holderCount: number; supply: string; top1: string; hhi: string; gini: string; holdersToMajority: number}}>(run.gqlUrl,
                `{ concentration(token: "${d.tokens[1]!.address}") { holderCount supply top1 hhi gini holdersToMajority } }`)).concentration
            const balances = (await Promise.all(wallets.map(w => riv.balanceOf(w) as Promise<bigint>))).filter(b => b > 0n).sort((a, b) => (a > b ? -1 : 1))
            const supply = balances.reduce((s, b) => s + b, 0n)
            expect(c.holderCount).toBe(balances.length)
            expect(c.supply).toBe(String(supply))
            expect(c.top1).toBe(`0.${(balances[0]! * 10n ** 10n / supply).toString().padStart(10, '0')}`)
            let acc = 0n
            const majority = balances.findIndex(b => (acc += b) * 2n > supply) + 1
            expect(c.holdersToMajority).toBe(majority)
        })
    })

    describe('.jurisdictions()', () => {
        it('should sum the chain\'s balances per registered country', async () => {
            const j = (await gql<{jurisdictions: {symbol: string; decimals: number; countries: {country: number | null; holders: number; balance: string; balanceDecimal: string}[]}}>(run.gqlUrl,
                `{ jurisdictions(token: "${d.tokens[1]!.address}") { symbol decimals countries { country holders balance balanceDecimal } } }`)).jurisdictions
            expect([j.symbol, j.decimals]).toEqual([await riv.symbol(), Number(await riv.decimals())])
            for (const c of j.countries) expect(c.balanceDecimal).toBe(units(BigInt(c.balance), j.decimals))
            const ir = contractAt('IdentityRegistry', d.tokens[1]!.identityRegistry, await connect(chain.url))
            const expected = new Map<number, {holders: number; balance: bigint}>()
            for (const w of wallets) {
                const b: bigint = await riv.balanceOf(w)
                if (b === 0n) continue
                const country = Number(await ir.investorCountry(w))
                const e = expected.get(country) ?? {holders: 0, balance: 0n}
                expected.set(country, {holders: e.holders + 1, balance: e.balance + b})
            }
            expect(new Map(j.countries.map(c => [c.country!, {holders: c.holders, balance: BigInt(c.balance)}]))).toEqual(expected)
        })
    })

    describe('.ownershipHistory()', () => {
        it('should end at the wallet\'s balance, and at the sum of an investor\'s wallets', async () => {
            type H = {ownershipHistory: {accountKind: string; wallets: string[]; changeCount: number; changes: {balanceAfter: string; accountBalanceAfter: string; kind: string}[]}}
            const w = (await gql<H>(run.gqlUrl, `{ ownershipHistory(token: "${d.tokens[1]!.address}", account: "${d.investors[2]!.wallet}") { accountKind wallets changeCount changes { balanceAfter accountBalanceAfter kind } } }`)).ownershipHistory
            expect(w.accountKind).toBe('WALLET')
            expect(BigInt(w.changes.at(-1)!.balanceAfter)).toBe(await riv.balanceOf(d.investors[2]!.wallet))
            const decimals = (await gql<{ownershipHistory: {decimals: number; changes: {delta: string; deltaDecimal: string; balanceAfterDecimal: string}[]}}>(run.gqlUrl,
                `{ ownershipHistory(token: "${d.tokens[1]!.address}", account: "${d.investors[2]!.wallet}") { decimals changes { delta deltaDecimal balanceAfterDecimal } } }`)).ownershipHistory
            expect(decimals.decimals).toBe(Number(await riv.decimals()))
            for (const c of decimals.changes) expect(c.deltaDecimal).toBe(units(BigInt(c.delta), decimals.decimals))
            expect(decimals.changes.at(-1)!.balanceAfterDecimal).toBe(units(await riv.balanceOf(d.investors[2]!.wallet), decimals.decimals))
            expect(w.changes.map(c => c.kind)).toEqual(['MINT', 'TRANSFER'])
            const inv = (await gql<H>(run.gqlUrl, `{ ownershipHistory(token: "${d.tokens[1]!.address}", account: "${d.investors[0]!.identity}") { accountKind wallets changeCount changes { balanceAfter accountBalanceAfter kind } } }`)).ownershipHistory
            expect(inv.accountKind).toBe('INVESTOR')
            expect(inv.wallets).toEqual([lc(d.investors[0]!.wallet), lc(secondWallet)].sort())
            expect(BigInt(inv.changes.at(-1)!.accountBalanceAfter)).toBe(await riv.balanceOf(d.investors[0]!.wallet) + await riv.balanceOf(secondWallet))
            expect(inv.changeCount).toBe(inv.changes.length)
        })
    })

    describe('.tokenTimeSeries()', () => {
        it('should recount the transfers per bucket and end at the chain\'s supply', async () => {
            const provider = await connect(chain.url)
            const first = new Date((await provider.getBlock(d.deployBlock + 1))!.timestamp * 1000)
            const last = new Date((await provider.getBlock(head))!.timestamp * 1000)
            type B = {start: string; totalSupply: string; holderCount: number; transferCount: number; volume: string}
            const series = async (interval: string) => (await gql<{tokenTimeSeries: B[]}>(run.gqlUrl,
                `{ tokenTimeSeries(token: "${d.tokens[1]!.address}", interval: ${interval}, from: "${first.toISOString()}", to: "${last.toISOString()}") { start totalSupply holderCount transferCount volume } }`)).tokenTimeSeries
            const transfers = (await gql<{transfers: {amount: string; timestamp: string}[]}>(run.gqlUrl,
                `{ transfers(where: {token: {address_eq: "${lc(d.tokens[1]!.address)}"}}, limit: 10000) { amount timestamp } }`)).transfers
            const hours = await series('HOUR')
            expect(hours.length).toBeGreaterThanOrEqual(4)
            for (const h of hours) {
                const start = Date.parse(h.start)
                const inside = transfers.filter(t => Date.parse(t.timestamp) >= start && Date.parse(t.timestamp) < start + 3_600_000)
                expect([h.start, h.transferCount, BigInt(h.volume)]).toEqual([h.start, inside.length, inside.reduce((s, t) => s + BigInt(t.amount), 0n)])
            }
            expect(hours.some(h => h.transferCount === 0)).toBe(true)
            expect(BigInt(hours.at(-1)!.totalSupply)).toBe(await riv.totalSupply())
            const withUnits = (await gql<{tokenTimeSeries: {totalSupplyDecimal: string; volume: string; volumeDecimal: string}[]}>(run.gqlUrl,
                `{ tokenTimeSeries(token: "${d.tokens[1]!.address}", interval: HOUR, from: "${first.toISOString()}", to: "${last.toISOString()}") { totalSupplyDecimal volume volumeDecimal } }`)).tokenTimeSeries
            expect(withUnits.at(-1)!.totalSupplyDecimal).toBe(units(await riv.totalSupply(), await riv.decimals()))
            for (const b of withUnits) expect(b.volumeDecimal).toBe(units(BigInt(b.volume), await riv.decimals()))
            const days = await series('DAY')
            expect(days.reduce((s, b) => s + b.transferCount, 0)).toBe(transfers.length)
            expect(days.at(-1)!.holderCount).toBe(hours.at(-1)!.holderCount)
        })
    })
})
