import path from 'path'
import {launchBrowser} from '../browser'

// `node lib-harness/test/harness/cli/dashboardScreenshot.js [dashboard url] [out.png]`: the README's
// screenshot (docs/dashboard.png) of the dashboard on the `npm start` demo stack: RIV30, with the
// reconciliation of its latest coupon open. Fails on any error the page logs.

async function main(): Promise<void> {
    const url = process.argv[2] ?? `http://localhost:${process.env.GQL_PORT ?? 4350}/`
    const out = process.argv[3] ?? path.resolve('docs', 'dashboard.png')
    const browser = await launchBrowser()
    try {
        const page = await browser.open(url)
        await page.locator('[data-testid=captable] tbody tr').first().waitFor()
        // the demo's payouts pay RIV30's holders
        const riv = await page.locator('[data-testid=token-picker] option', {hasText: 'RIV30'}).getAttribute('value')
        if (riv == null) throw new Error('the dashboard lists no RIV30: is this the npm start demo stack?')
        await page.selectOption('[data-testid=token-picker]', riv)
        // the first coupon listed (the demo's distribution 5): one holder overpaid by hand, one unpaid
        await page.locator('[data-testid=distributions] tr', {hasText: 'COUPON'}).locator('[data-testid=reconcile]').first().click()
        await page.locator('[data-testid=reconciliation] tbody tr').first().waitFor()
        await page.locator('[data-testid=audit] tbody tr').first().waitFor()
        await page.screenshot({path: out, fullPage: true})
        console.log(`wrote ${out}`)
    } finally {
        await browser.close()
    }
    if (browser.errors.length) throw new Error(`the page logged errors:\n${browser.errors.join('\n')}`)
}

main().catch(err => {
    console.error(err)
    process.exit(1)
})
