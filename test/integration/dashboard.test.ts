import fs from 'fs'
import path from 'path'
import {Contract, formatUnits as ethersFormatUnits} from 'ethers'
import {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {EntitlementLine, entitlements} from '../../src/analytics/entitlements'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {agentPay, buildEntitlementTree, chainTime, createDistribution, deployPayouts, entitlementProofs, fundDistribution, mintStablecoin, payoutContractAt, pushPayments} from '../../src/dev/payouts'
import {ACCOUNT, connect, devSigner, devWallet, sendChecked} from '../../src/dev/rpc'
import {Browser, launchBrowser} from '../harness/browser'
import {createDatabaseOn, demoEnv, IndexerRun, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {gql} from './gql'

const dbUrl = inject('dbUrl')
const ARTIFACTS = path.resolve('test-artifacts')
const tUSD = (whole: number) => BigInt(whole) * 1_000_000n
const DAY = 24 * 60 * 60
const lc = (a: string) => a.toLowerCase()

/** `raw` in human units as the page should print it, from ethers' own formatter: 50980000000n, 6 → '50,980 RIV30'. */
function human(raw: bigint, decimals: number, symbol: string): string {
    const [whole, fraction] = ethersFormatUnits(raw, decimals).split('.')
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    return `${fraction == null || /^0*$/.test(fraction) ? grouped : `${grouped}.${fraction.replace(/0+$/, '')}`} ${symbol}`
}

interface CapTableAnswer {block: number; supply: string; holderCount: number; rows: {holder: string; balance: string}[]}

describe('the dashboard', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let d: Deployment
    let riv: Contract
    let browser: Browser
    let page: Page
    let base: string
    let head: number
    let distributionId: string
    let fair: EntitlementLine[]
    let unpaid: EntitlementLine
    /** a payout amount as the page should print it: in tUSD's units, its symbol and decimals read from the chain */
    let paid: (raw: bigint) => string

    const rivAddress = () => lc(d.tokens[1]!.address)
    const capTable = (atBlock: number) => gql<{capTable: CapTableAnswer}>(run.gqlUrl,
        `{ capTable(token: "${rivAddress()}", atBlock: ${atBlock}, limit: 1000) { block supply holderCount rows { holder balance } } }`).then(a => a.capTable)
    const shot = (name: string) => page.screenshot({path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true})
    const shownBlock = () => page.getByTestId('captable-at').getAttribute('data-block')
    const balanceCell = (holder: string) => page.locator(`[data-testid=captable] tr[data-holder="${holder}"] td[data-col=balance]`)

    beforeAll(async () => {
        ({chain, db, d} = await startDemoChain(dbUrl))
        const provider = await connect(chain.url)
        riv = contractAt('Token', d.tokens[1]!.address, provider)
        // A dividend on RIV30 with two discrepancies: every holder but the last pushed, one unit too much paid by hand to the first.
        const payouts = await deployPayouts(chain.url, ACCOUNT.deployer)
        const manager = payoutContractAt('DistributionManager', payouts.manager, devSigner(ACCOUNT.agent, provider))
        const stablecoin = payoutContractAt('TestStablecoin', payouts.stablecoin, devSigner(ACCOUNT.deployer, provider))
        await mintStablecoin(stablecoin, d.agent, tUSD(10_000))
        const [symbol, decimals] = [await stablecoin.symbol() as string, Number(await stablecoin.decimals())]
        paid = raw => human(raw, decimals, symbol)
        const recordBlock = (await provider.getBlockNumber()) - 1
        const candidates = [...d.investors.map(i => i.wallet), devWallet(ACCOUNT.recoveryWallet, provider).address]
        const balances = await Promise.all(candidates.map(async w => ({wallet: lc(w), investor: null, frozen: 0n, balance: await riv.balanceOf(w, {blockTag: recordBlock}) as bigint})))
        fair = entitlements(balances.filter(b => b.balance > 0n), tUSD(1000), {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'}).lines
        const tree = buildEntitlementTree(fair.map(l => ({holder: l.holder, amount: l.amount})))
        const now = await chainTime(provider)
        const one = await createDistribution(manager, {
            kind: 'DIVIDEND', token: d.tokens[1]!.address, paymentToken: payouts.stablecoin, totalAmount: tUSD(1000), recordBlock, merkleRoot: tree.root,
            claimStart: now - 10, claimExpiry: now + DAY, basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER', policyURI: 'ipfs://policy',
        })
        await fundDistribution(manager, one.id, tUSD(1000))
        unpaid = fair.at(-1)!
        await pushPayments(manager, one.id, [...entitlementProofs(tree).values()].filter(p => lc(p.holder) !== unpaid.holder))
        await agentPay(manager, one.id, fair[0]!.holder, 1n, 'rounding correction')
        distributionId = `${d.chainId}-${lc(payouts.manager)}-${String(one.id).padStart(10, '0')}`

        // the page must not need introspection, which production APIs turn off
        run = await startIndexer({...demoEnv(chain, db, d), API_INTROSPECTION: 'false'}, true)
        head = await waitForHead(chain.url, db.url)
        base = new URL('/', run.gqlUrl).href
        fs.mkdirSync(ARTIFACTS, {recursive: true})
        browser = await launchBrowser()
        page = await browser.open(`${base}#token=${rivAddress()}`)
    })

    afterAll(async () => {
        await browser?.close()
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    describe('GET / and /dashboard', () => {
        it('should serve the page and its bundle from the API\'s own port, nothing from elsewhere', async () => {
            for (const p of ['/', '/dashboard']) {
                const res = await fetch(new URL(p, base))
                expect([p, res.status, res.headers.get('content-type')]).toEqual([p, 200, 'text/html; charset=utf-8'])
                expect((await res.text()).match(/(src|href)="[^"]*"/g)?.filter(a => /"(https?:)?\/\//.test(a))).toEqual([])
            }
            const bundle = await fetch(new URL('/dashboard/app.js', base))
            expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
            expect((await fetch(new URL('/dashboard/nothing.js', base))).status).toBe(404)
        })
    })

    describe('when the page loads', () => {
        it('should show the token\'s cap table equal to the GraphQL answer and to balanceOf, in human units', async () => {
            await expect.poll(shownBlock, {timeout: 20_000}).toBe(String(head))
            const answer = await capTable(head)
            expect(await page.locator('[data-testid=captable] tbody tr').count()).toBe(answer.rows.length)
            for (const r of answer.rows) {
                expect(BigInt(r.balance)).toBe(await riv.balanceOf(r.holder, {blockTag: head}))
                expect([r.holder, await balanceCell(r.holder).textContent()]).toEqual([r.holder, human(BigInt(r.balance), 6, 'RIV30')])
            }
            // the demo story's largest RIV30 holder, and the supply, as a person reads them
            expect(await page.locator('[data-testid=captable] tbody tr').first().locator('td[data-col=balance]').textContent()).toBe('49,000 RIV30')
            expect(await page.getByTestId('supply').textContent()).toBe(human(await riv.totalSupply({blockTag: head}), 6, 'RIV30'))
            expect(await page.getByTestId('supply').textContent()).toBe('118,500 RIV30')
            expect(await page.getByTestId('holders').textContent()).toBe(String(answer.holderCount))
            await shot('loaded')
        })

        it('should sort the cap table by the column whose header is clicked, amounts as numbers', async () => {
            const balances = async () => Promise.all((await page.locator('[data-testid=captable] td[data-col=balance]').allTextContents())
                .map(t => BigInt(t.replace(/ RIV30$/, '').replace(/,/g, '').replace(/^(\d+)(?:\.(\d+))?$/, (_, w: string, f = '') => w + f.padEnd(6, '0')))))
            const descending = await balances()
            await page.locator('[data-testid=captable] th[data-sort=balance]').click()
            const ascending = await balances()
            expect(ascending).toEqual([...descending].reverse())
            expect(ascending).toEqual([...ascending].sort((a, b) => a < b ? -1 : a > b ? 1 : 0))
            await page.locator('[data-testid=captable] th[data-sort=balance]').click()
            expect(await balances()).toEqual(descending)
        })
    })

    describe('when the as-of block or time changes', () => {
        it('should show the holders then, as balanceOf at that block tag', async () => {
            const earlier = d.deployBlock + 55
            const then = await capTable(earlier)
            const now = await capTable(head)
            // the block is only worth asking about if the holdings differ from now
            expect(then.rows.map(r => `${r.holder}:${r.balance}`)).not.toEqual(now.rows.map(r => `${r.holder}:${r.balance}`))
            await page.getByTestId('asof-block').fill(String(earlier))
            await page.getByTestId('asof-apply').click()
            await expect.poll(shownBlock, {timeout: 10_000}).toBe(String(earlier))
            expect(await page.locator('[data-testid=captable] tbody tr').count()).toBe(then.holderCount)
            for (const r of then.rows) {
                expect(BigInt(r.balance)).toBe(await riv.balanceOf(r.holder, {blockTag: earlier}))
                expect([r.holder, await balanceCell(r.holder).textContent()]).toEqual([r.holder, human(BigInt(r.balance), 6, 'RIV30')])
            }
            expect(await page.getByTestId('captable-at').textContent()).toContain(`supply ${human(await riv.totalSupply({blockTag: earlier}), 6, 'RIV30')}`)
            await shot('as-of')
            // a time: the last indexed block at or before it, as the API resolves atTimestamp
            const at = new Date(Number((await (await connect(chain.url)).getBlock(earlier))!.timestamp) * 1000).toISOString().slice(0, 19)
            const byTime = (await gql<{capTable: CapTableAnswer}>(run.gqlUrl, `{ capTable(token: "${rivAddress()}", atTimestamp: "${at}Z") { block supply } }`)).capTable
            expect(byTime.block).toBeGreaterThanOrEqual(earlier)
            await page.getByTestId('asof-block').fill('')
            await page.getByTestId('asof-time').fill(at)
            await page.getByTestId('asof-apply').click()
            await expect.poll(shownBlock, {timeout: 10_000}).toBe(String(byTime.block))
            expect(await page.getByTestId('captable-at').textContent()).toContain(`supply ${human(await riv.totalSupply({blockTag: byTime.block}), 6, 'RIV30')}`)
            await page.getByTestId('asof-latest').click()
            await expect.poll(shownBlock, {timeout: 10_000}).toBe(String(head))
        })
    })

    describe('when a distribution is reconciled', () => {
        it('should highlight the overpaid and the unpaid holder, and only them', async () => {
            const row = page.locator(`[data-testid=distributions] tr[data-id="${distributionId}"]`)
            await expect.poll(() => row.locator('td[data-col=reconciliation]').textContent(), {timeout: 10_000})
                .toBe(`2 holders differ · variance ${paid(1n - unpaid.amount)}`)
            expect(await row.locator('td[data-col=reconciliation]').getAttribute('class')).toBe('bad')
            await row.locator('[data-testid=reconcile]').click()
            const line = (holder: string) => page.locator(`[data-testid=reconciliation] tr[data-holder="${holder}"]`)
            await line(unpaid.holder).waitFor({timeout: 10_000})
            const overpaid = fair[0]!.holder
            expect(await line(overpaid).getAttribute('class')).toBe('discrepancy')
            expect(await line(overpaid).locator('td[data-col=status]').textContent()).toBe('OVERPAID')
            expect(await line(overpaid).locator('td[data-col=difference]').textContent()).toBe(paid(1n))
            expect(await line(unpaid.holder).getAttribute('class')).toBe('discrepancy')
            expect(await line(unpaid.holder).locator('td[data-col=status]').textContent()).toBe('UNPAID')
            expect(await line(unpaid.holder).locator('td[data-col=difference]').textContent()).toBe(paid(-unpaid.amount))
            expect(await page.locator('[data-testid=reconciliation] tr.discrepancy').count()).toBe(2)
            expect(await page.locator('[data-testid=reconciliation] tbody tr').count()).toBe(fair.length)
            expect(await page.getByTestId('discrepancy-count').textContent()).toContain(`2 of ${fair.length} holders differ`)
            const csv = await page.getByTestId('reconciliation-csv').getAttribute('href')
            expect(csv).toBe(`/export/distributions/${distributionId}/reconciliation.csv`)
            expect((await fetch(new URL(csv!, base))).status).toBe(200)
            await shot('reconciliation')
        })
    })

    describe('when a transfer is made after the page loaded', () => {
        it('should show it in the audit trail and the cap table without a reload', async () => {
            await page.evaluate('window.__sameDocument = true')
            const [from, to] = [d.investors[0]!, d.investors[1]!]
            const receipt = await sendChecked('investor 0 sends RIV30 to investor 1', contractAt('Token', d.tokens[1]!.address, devSigner(from.privateKeyIndex, await connect(chain.url))),
                'transfer', [to.wallet, 1_234_567n])
            await page.locator(`[data-testid=audit] a[data-tx="${receipt.hash}"]`).waitFor({timeout: 30_000})
            await expect.poll(shownBlock, {timeout: 10_000}).toBe(String(receipt.blockNumber))
            expect(await balanceCell(lc(to.wallet)).textContent()).toBe(human(await riv.balanceOf(to.wallet, {blockTag: receipt.blockNumber}), 6, 'RIV30'))
            expect(await page.getByTestId('live').textContent()).toBe(`live · block ${receipt.blockNumber}`)
            expect(await page.evaluate('window.__sameDocument')).toBe(true)
            await shot('live')
        })

        it('should have logged no error in the browser console', () => {
            expect(browser.errors).toEqual([])
        })
    })

    describe('when a query fails', () => {
        it('should say what the API answered, in the section that asked', async () => {
            await page.getByTestId('audit-kind').fill('NOT_A_KIND')
            await page.getByTestId('audit-kind').press('Enter')
            const error = page.locator('#audit-note.error')
            await error.waitFor({timeout: 10_000})
            expect(await error.textContent()).toMatch(/^Query error: .*NOT_A_KIND/)
        })
    })

    describe('when the API stops', () => {
        it('should say it is unreachable, and that the live connection is lost', async () => {
            await run.stop()
            await page.getByTestId('audit-kind').fill('')
            await page.getByTestId('audit-kind').press('Enter')
            const error = page.locator('#audit-note.error')
            await expect.poll(() => error.textContent(), {timeout: 10_000}).toBe(`the API at ${base.slice(0, -1)}/graphql is unreachable; retrying when it is back`)
            await expect.poll(() => page.getByTestId('live').textContent(), {timeout: 10_000}).toBe('the live connection closed; reconnecting…')
            await shot('unreachable')
        })
    })

    describe('when no token is indexed yet', () => {
        it('should say so instead of an empty table', async () => {
            // a second indexer of the same chain from its head on: the factory's tokens were all deployed before
            const empty = await createDatabaseOn(dbUrl)
            const fresh = await startIndexer({...demoEnv(chain, empty, d), START_BLOCK: String(await (await connect(chain.url)).getBlockNumber())}, true)
            try {
                expect((await gql<{tokens: unknown[]}>(fresh.gqlUrl, '{ tokens(limit: 1) { id } }')).tokens).toEqual([])
                const other = await browser.open(new URL('/dashboard', fresh.gqlUrl).href)
                const banner = other.getByTestId('banner')
                await expect.poll(() => banner.textContent(), {timeout: 10_000}).toMatch(/^No tokens indexed yet/)
                expect(await other.locator('#content').isHidden()).toBe(true)
                await other.screenshot({path: path.join(ARTIFACTS, 'dashboard-empty.png')})
            } finally {
                await fresh.stop()
                await empty.stop()
            }
        })
    })
})
