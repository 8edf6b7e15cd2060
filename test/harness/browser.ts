import fs from 'fs'
import os from 'os'
import path from 'path'
import {BrowserContext, chromium, Page} from 'playwright-core'

// Headless Chromium (Debian's package, not a downloaded build) for the dashboard's browser tests and
// its README screenshot. The flags keep it off the network beyond the page: without them it reaches
// for updates, sync and field trials on a machine that has no network.

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync']

export interface Browser {
    context: BrowserContext
    /** a new page that records every console error and uncaught exception into `errors` */
    open(url: string): Promise<Page>
    errors: string[]
    close(): Promise<void>
}

/** Chromium with a fresh profile (a new temporary directory, removed by close()), 1280×900 pages. */
export async function launchBrowser(): Promise<Browser> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-chromium-'))
    const context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: ARGS, viewport: {width: 1280, height: 900}})
    const errors: string[] = []
    return {
        context,
        errors,
        async open(url) {
            const page = await context.newPage()
            page.on('console', m => {
                if (m.type() === 'error') errors.push(m.text())
            })
            page.on('pageerror', e => errors.push(e.message))
            await page.goto(url)
            return page
        },
        async close() {
            await context.close()
            fs.rmSync(profile, {recursive: true, force: true})
        },
    }
}
