import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import {AddressInfo} from 'net'
import {describe, expect, it} from 'vitest'
import {CapTableRow, largestWithOthers, sortRows} from '../../dashboard/src/capTable'
import {seriesInterval} from '../../dashboard/src/series'
import {formatUnits, groupDecimal, ratioForChart, sharePercent} from '../../dashboard/src/units'
import {dashboardHandler} from '../../src/api/dashboard'

const row = (holder: string, balance: string, countryCode: string | null = null, frozenTokens = '0'): CapTableRow => ({
    holder, investor: null, wallets: [holder], balance, frozenTokens, frozenWallets: [], share: '0', verified: true, country: null, countryCode,
})

describe('the dashboard', () => {
    describe('formatUnits()', () => {
        it('should print raw amounts in the token\'s units exactly, grouped, without trailing zeros', () => {
            expect(formatUnits('2000000000', 6)).toBe('2,000')
            expect(formatUnits('49000000000', 6)).toBe('49,000')
            expect(formatUnits('1500001', 6)).toBe('1.500001')
            expect(formatUnits('-1500001', 6)).toBe('-1.500001')
            expect(formatUnits('1', 18)).toBe('0.000000000000000001')
            expect(formatUnits('0', 6)).toBe('0')
            expect(formatUnits('1234', 0)).toBe('1,234')
            expect(formatUnits('1234567', null)).toBe('1,234,567')
        })

        it('should stay exact beyond a float\'s 53 bits', () => {
            expect(formatUnits('123456789012345678901234567890', 18)).toBe('123,456,789,012.34567890123456789')
        })

        it('should refuse a string that is not an integer', () => {
            expect(() => formatUnits('1.5', 6)).toThrow('"1.5" is not an integer amount')
        })
    })

    describe('groupDecimal()', () => {
        it('should group the whole part of the decimal strings of the API and keep the fraction as it is', () => {
            expect([groupDecimal('2000.5'), groupDecimal('-1234567.000001'), groupDecimal('12')]).toEqual(['2,000.5', '-1,234,567.000001', '12'])
            expect(() => groupDecimal('1e6')).toThrow('"1e6" is not a decimal amount')
        })
    })

    describe('sharePercent()', () => {
        it('should truncate the share to a percentage with two places', () => {
            expect(sharePercent('0.4267316566')).toBe('42.67 %')
            expect(sharePercent('1.0000000000')).toBe('100.00 %')
            expect(sharePercent('0.0000999999')).toBe('0.00 %')
            expect(sharePercent('0')).toBe('0.00 %')
        })
    })

    describe('ratioForChart()', () => {
        it('should give the slice of the whole, and 0 of nothing', () => {
            expect(ratioForChart(1n, 4n)).toBe(0.25)
            expect(ratioForChart(1n, 0n)).toBe(0)
        })
    })

    describe('sortRows()', () => {
        const rows = [row('0xb', '20', 'FR', '5'), row('0xa', '3', 'DE'), row('0xc', '100000000000000000000001', null)]
        it('should compare balances as integers, not as text', () => {
            expect(sortRows(rows, {key: 'balance', descending: true}).map(r => r.holder)).toEqual(['0xc', '0xb', '0xa'])
            expect(sortRows(rows, {key: 'balance', descending: false}).map(r => r.holder)).toEqual(['0xa', '0xb', '0xc'])
        })

        it('should sort by country, holder and frozen amount, leaving its input as it was', () => {
            expect(sortRows(rows, {key: 'country', descending: false}).map(r => r.holder)).toEqual(['0xc', '0xa', '0xb'])
            expect(sortRows(rows, {key: 'holder', descending: true}).map(r => r.holder)).toEqual(['0xc', '0xb', '0xa'])
            expect(sortRows(rows, {key: 'frozenTokens', descending: true})[0]!.holder).toBe('0xb')
            expect(rows.map(r => r.holder)).toEqual(['0xb', '0xa', '0xc'])
        })
    })

    describe('largestWithOthers()', () => {
        it('should give the largest holders and what the rest of the supply holds as "others"', () => {
            const rows = [row('0xa', '10'), row('0xb', '50'), row('0xc', '30')]
            expect(largestWithOthers(rows, 100n, 2)).toEqual([{label: '0xb', amount: 50n}, {label: '0xc', amount: 30n}, {label: 'others', amount: 20n}])
            expect(largestWithOthers(rows, 90n, 3)).toEqual([{label: '0xb', amount: 50n}, {label: '0xc', amount: 30n}, {label: '0xa', amount: 10n}])
        })
    })

    describe('seriesInterval()', () => {
        it('should choose hours for days, days for months and weeks for years', () => {
            const from = new Date('2026-01-01T00:00:00Z')
            expect(seriesInterval(from, new Date('2026-01-03T23:00:00Z'))).toBe('HOUR')
            expect(seriesInterval(from, new Date('2026-06-01T00:00:00Z'))).toBe('DAY')
            expect(seriesInterval(from, new Date('2028-01-01T00:00:00Z'))).toBe('WEEK')
        })
    })

    describe('dashboardHandler()', () => {
        const serve = async (dir: string, run: (get: (p: string, method?: string) => Promise<Response>) => Promise<void>) => {
            const handle = dashboardHandler(dir)
            const server = http.createServer((req, res) => {
                if (!handle(req, res, new URL(req.url ?? '/', 'http://x').pathname)) res.writeHead(418).end()
            })
            await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
            const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
            try {
                await run((p, method = 'GET') => fetch(base + p, {method}))
            } finally {
                server.close()
            }
        }

        it('should serve the page at / and /dashboard and its files under /dashboard/, and pass on every other path', async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-dash-'))
            fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>')
            fs.writeFileSync(path.join(dir, 'app.js'), 'export {}')
            fs.writeFileSync(path.join(dir, '.tsbuildinfo'), '{}')
            await serve(dir, async get => {
                for (const p of ['/', '/dashboard', '/dashboard/']) {
                    const res = await get(p)
                    expect([p, res.status, res.headers.get('content-type'), await res.text()]).toEqual([p, 200, 'text/html; charset=utf-8', '<!doctype html>'])
                    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'")
                }
                expect((await get('/dashboard/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
                expect((await get('/dashboard/.tsbuildinfo')).status).toBe(404)
                expect((await get('/dashboard/../package.json')).status).toBe(418)
                expect((await get('/dashboard/app.js', 'POST')).status).toBe(405)
                expect((await get('/graphql')).status).toBe(418)
            })
            fs.rmSync(dir, {recursive: true, force: true})
        })

        it('should say how to build the dashboard when it is not built', async () => {
            await serve(path.join(os.tmpdir(), 'abst-no-such-dashboard'), async get => {
                const res = await get('/')
                expect([res.status, await res.text()]).toEqual([404, 'the dashboard is not built: run `npm run build` (it bundles dashboard/ into lib/dashboard/)\n'])
            })
        })
    })
})
