import {execFileSync} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {createClient} from 'graphql-ws'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import WebSocket from 'ws'
import {Child, PROJECT_DIR, runCompiled} from '../../src/dev/children'
import {freePort, runToExit} from '../harness/testStack'
import {contractAt} from '../../src/dev/artifacts'
import {connect} from '../../src/dev/rpc'
import {gql} from './gql'
import {commands, emptyFields, fencedBlocks, operations} from './readme'

interface Started {
    child: Child
    lines: string[]
}

/** `npm start` (its compiled entry) with its own data dir and ports, so it runs beside the other tests. */
describe('npm start', () => {
    let dataDir: string
    let env: NodeJS.ProcessEnv
    let gqlUrl: string

    beforeAll(async () => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-start-'))
        fs.chmodSync(dataDir, 0o755)
        const gqlPort = await freePort()
        gqlUrl = `http://127.0.0.1:${gqlPort}/graphql`
        env = {
            ...process.env,
            DB_URL: '',
            DB_HOST: '',
            RPC_ETH_HTTP: '',
            DATA_DIR: dataDir,
            ANVIL_PORT: String(await freePort()),
            EMBEDDED_PG_PORT: String(await freePort()),
            GQL_PORT: String(gqlPort),
            PROCESSOR_PROMETHEUS_PORT: String(await freePort()),
        }
    })

    afterAll(() => {
        fs.rmSync(dataDir, {recursive: true, force: true})
    })

    let running: Started | undefined
    const start = (): Started => {
        const lines: string[] = []
        const child = runCompiled('dev/start', env, l => lines.push(l))
        running = {child, lines}
        return running
    }

    // a failed expectation leaves its stack up: stop it, or the next test finds its ports taken
    afterEach(async () => {
        if (running && running.child.proc.exitCode == null && running.child.proc.signalCode == null) await stop(running)
        running = undefined
    })

    /** Ctrl-C as a terminal sends it: SIGINT to npm start's whole process group (runCompiled makes it a group leader). */
    const stop = async (s: Started) => {
        process.kill(-s.child.proc.pid!, 'SIGINT')
        return s.child.exited
    }

    /** The lines printed once the stack began to stop that warn or worse (a part cut off under another still running). */
    const warnedWhileStopping = (s: Started) => {
        const from = s.lines.findIndex(l => l.endsWith('[start] stopping…'))
        expect(from, 'the stack never said it was stopping').toBeGreaterThanOrEqual(0)
        return s.lines.slice(from).filter(l => /"level":[345]/.test(l))
    }

    /** The served tokens once they match the chain: symbol and total supply read with eth_call; gives up before the test does, printing the stack's last lines. */
    const tokensServed = async (s: Started, timeoutMs = 100_000) => {
        const deadline = Date.now() + timeoutMs
        for (;;) {
            try {
                const res = await gql<{tokens: {address: string; symbol: string; totalSupply: string; holderCount: number}[]}>(
                    gqlUrl, '{ tokens(limit: 1000, orderBy: symbol_ASC) { address symbol totalSupply holderCount } }')
                const provider = await connect(`http://127.0.0.1:${env.ANVIL_PORT}`)
                const onChain = await Promise.all(res.tokens.map(async t => {
                    const token = contractAt('Token', t.address, provider)
                    return {symbol: await token.symbol(), totalSupply: String(await token.totalSupply())}
                }))
                if (res.tokens.length === 5 && res.tokens.every((t, i) => t.symbol === onChain[i]!.symbol && t.totalSupply === onChain[i]!.totalSupply)) {
                    return res.tokens.map(({symbol, totalSupply, holderCount}) => ({symbol, totalSupply, holderCount}))
                }
            } catch {
                // not up yet
            }
            if (Date.now() > deadline) throw new Error(`tokens not served in time:\n${s.lines.slice(-40).join('\n')}`)
            await new Promise(r => setTimeout(r, 500))
        }
    }

    /** The demo's eight distributions, once the indexer has seen the last one's claim (the demo's last payout). */
    const distributionsServed = async (s: Started, timeoutMs = 120000) => {
        const deadline = Date.now() + timeoutMs
        for (;;) {
            try {
                const res = await gql<{distributions: {id: string; kind: string; status: string}[]}>(gqlUrl, '{ distributions(limit: 1000, orderBy: distributionId_ASC) { id kind status } }')
                if (res.distributions.length === 8 && res.distributions[7]!.status === 'PAYING') return res.distributions
            } catch {
                // not up yet
            }
            if (Date.now() > deadline) throw new Error(`distributions not served in time:\n${s.lines.slice(-40).join('\n')}`)
            await new Promise(r => setTimeout(r, 500))
        }
    }

    describe('when the configuration is malformed', () => {
        const refused = async (extra: NodeJS.ProcessEnv) => {
            const r = await runToExit('dev/start', {...env, STARTUP_RETRIES: '1', ...extra})
            expect(r.output).not.toContain('deploying')
            expect(r.output).not.toContain('GraphQL at')
            expect(r.code).toBe(2)
            return r.output
        }

        it('should refuse an invalid TOKENS before starting anything', async () => {
            expect(await refused({TOKENS: '0x12'})).toContain('TOKENS contains "0x12", which is not a 0x-prefixed 20-byte hex address')
        })

        it('should refuse STARTUP_RETRIES=abc instead of using the default', async () => {
            expect(await refused({STARTUP_RETRIES: 'abc'})).toContain('STARTUP_RETRIES="abc" is not a non-negative integer')
        })

        it('should refuse a START_BLOCK it would ignore', async () => {
            expect(await refused({START_BLOCK: '5'})).toContain('START_BLOCK="5" would skip the demo deployment')
        })

        it('should find a wrong DB_URL before deploying, naming the variable without the password', async () => {
            const output = await refused({DB_URL: 'postgres://squid:secret@127.0.0.1:9/squid'})
            expect(output).toContain('database postgres://squid:***@127.0.0.1:9/squid (DB_URL) is unreachable after 1 attempt(s)')
            expect(output).not.toContain('secret')
        })
    })

    describe('on a fresh machine', () => {
        it('should deploy the demo, index it and serve the tokens, then stop cleanly on Ctrl-C', async () => {
            const s = start()
            const tokens = await tokensServed(s)
            expect(tokens.map(t => t.symbol)).toEqual(['HOTA', 'HSN', 'LRF', 'MSN', 'RIV30'])
            expect(tokens.every(t => t.holderCount > 0)).toBe(true)
            expect(s.lines.join('\n')).toContain('the API reads the database as abst_api, which cannot write')
            // the dashboard's URL is printed, and the page is there
            expect(s.lines.join('\n')).toContain(`[start] dashboard at http://localhost:${new URL(gqlUrl).port}/ `)
            const page = await fetch(new URL('/', gqlUrl))
            expect([page.status, (await page.text()).includes('<script type="module" src="/dashboard/app.js">')]).toEqual([200, true])
            expect(fs.existsSync(path.join(dataDir, 'deployment.json'))).toBe(true)
            const payouts = await distributionsServed(s)
            expect(payouts.map(p => [p.kind, p.status])).toEqual([
                ['DIVIDEND', 'PAID'], ['COUPON', 'PAYING'], ['REDEMPTION', 'RECLAIMED'], ['COUPON', 'EXPIRED'],
                ['COUPON', 'PAYING'], ['DIVIDEND', 'PAYING'], ['DIVIDEND', 'PAYING'], ['OTHER', 'PAYING'],
            ])
            const reconciliation = async (id: string) => (await gql<{distributionReconciliation: {
                rootMatches: boolean; variance: string; rootDifferences: string[]; paymentToken: {symbol: string; decimals: number}
                lines: {status: string; manualPaid: string}[]
            }}>(gqlUrl, `{ distributionReconciliation(id: "${id}") { rootMatches variance rootDifferences paymentToken { symbol decimals } lines { status manualPaid } } }`)).distributionReconciliation
            const statusesOf = (r: {lines: {status: string}[]}) => [...new Set(r.lines.map(l => l.status))].sort()
            expect(await reconciliation(payouts[0]!.id)).toMatchObject({rootMatches: true, variance: '0', paymentToken: {symbol: 'tUSD', decimals: 6}})
            // one distribution for each finding the reconciliation can name
            expect(statusesOf(await reconciliation(payouts[4]!.id))).toEqual(['OVERPAID', 'PAID', 'UNPAID'])
            const manual = await reconciliation(payouts[5]!.id)
            expect(statusesOf(manual)).toEqual(['PAID', 'UNDERPAID', 'UNPAID'])
            expect(manual.lines.filter(l => l.status !== 'UNPAID').every(l => l.manualPaid !== '0')).toBe(true)
            expect(statusesOf(await reconciliation(payouts[6]!.id))).toEqual(['PAID_TO_NON_HOLDER', 'UNPAID'])
            const mismatch = await reconciliation(payouts[7]!.id)
            expect([mismatch.rootMatches, mismatch.rootDifferences.length, statusesOf(mismatch)]).toEqual([false, 1, ['OVERPAID', 'UNPAID']])
            // addresses are printed and saved as the index stores them, so that a pasted one matches
            const deployment = JSON.parse(fs.readFileSync(path.join(dataDir, 'deployment.json'), 'utf8')) as {trexFactory: string; tokens: {address: string}[]}
            expect(deployment.trexFactory).toBe(deployment.trexFactory.toLowerCase())
            for (const t of deployment.tokens) expect(s.lines.join('\n')).toContain(`at ${t.address.toLowerCase()}`)
            // a command run beside npm start finds its embedded database by itself; no password is printed
            expect(fs.statSync(path.join(dataDir, 'connection.json')).mode & 0o777).toBe(0o600)
            const {squidStatus} = await gql<{squidStatus: {height: number}}>(gqlUrl, '{ squidStatus { height } }')
            const prepared = await runToExit('cli/payoutPrepare', {...env, DB_URL: '', DB_HOST: ''},
                ['--token', deployment.tokens[1]!.address, '--record-block', String(squidStatus.height), '--amount', '1000', '--out', path.join(dataDir, 'payout')])
            expect(prepared.output).toContain('holders of record:')
            expect(prepared.code).toBe(0)
            expect(s.lines.join('\n')).not.toContain(':postgres@')
            // statements sent side by side on one connection (entitlements, reconciliation) are a use pg deprecates and pg 9 refuses
            expect(s.lines.filter(l => l.includes('DeprecationWarning'))).toEqual([])
            expect(await stop(s), s.lines.slice(-40).join('\n')).toBe(0)
            expect(s.lines.join('\n')).not.toMatch(/\n.*\s+at .*\(.*:\d+:\d+\)/)
            // stopped in order: the database outlives the indexer and API, so none of them is cut off and warns
            expect(warnedWhileStopping(s)).toEqual([])
        })
    })

    describe('when restarted on the same data', () => {
        it('should resume the same chain and index, and stop in order on Ctrl-C pressed twice', async () => {
            const s = start()
            await tokensServed(s)
            expect(s.lines.join('\n')).toContain('resumed the dev chain and its index')
            // a second Ctrl-C while the stack stops (under npm one Ctrl-C can arrive twice) does not cut the stop short
            process.kill(-s.child.proc.pid!, 'SIGINT')
            while (!s.lines.some(l => l.endsWith('[start] stopping…'))) await new Promise(r => setTimeout(r, 10))
            expect(await stop(s), s.lines.slice(-40).join('\n')).toBe(0)
            expect(warnedWhileStopping(s)).toEqual([])
        })
    })

    describe('when its terminal closes', () => {
        it('should stop the whole stack in order, as on Ctrl-C', async () => {
            const s = start()
            await tokensServed(s)
            const stack = Number(execFileSync('pgrep', ['-P', String(s.child.proc.pid), '-f', 'lib/dev/stack.js'], {encoding: 'utf8'}).trim())
            process.kill(-s.child.proc.pid!, 'SIGHUP')
            expect(await s.child.exited, s.lines.slice(-40).join('\n')).toBe(0)
            expect(warnedWhileStopping(s)).toEqual([])
            // the stack's process group (it, the database, the chain) is gone: process.kill(-pgid, 0) finds no process
            expect(() => process.kill(-stack, 0)).toThrow(/ESRCH/)
        })
    })

    describe('when the API crashes', () => {
        it('should start it again by itself and keep the rest of the stack up', async () => {
            const s = start()
            const before = await tokensServed(s)
            const stack = execFileSync('pgrep', ['-P', String(s.child.proc.pid), '-f', 'lib/dev/stack.js'], {encoding: 'utf8'}).trim()
            const api = execFileSync('pgrep', ['-P', stack, '-f', 'lib/cli/serve.js'], {encoding: 'utf8'}).trim()
            process.kill(Number(api), 'SIGKILL')
            expect(await tokensServed(s)).toEqual(before)
            expect(s.lines.join('\n')).toContain('the API stopped (exit SIGKILL); starting it again')
            expect(s.lines.join('\n')).not.toMatch(/the indexer stopped/)
            expect(await stop(s), s.lines.slice(-40).join('\n')).toBe(0)
        })
    })

    describe('README examples', () => {
        /** The first answer of a subscription, over the websocket as README says. */
        const firstEvent = (query: string) => new Promise<Record<string, unknown>>((resolve, reject) => {
            const client = createClient({url: gqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket})
            client.subscribe<Record<string, unknown>>({query}, {
                next: msg => {
                    void client.dispose()
                    if (msg.data) resolve(msg.data)
                    else reject(new Error(JSON.stringify(msg.errors)))
                },
                error: reject,
                complete: () => undefined,
            })
        })

        /** How each README command runs here: its compiled entry point, or a fetch of its URL from this stack. */
        const run = async (command: string): Promise<void> => {
            const curl = /^curl (?:-O )?'?(http:\/\/localhost:4350\/\S+?)'?$/.exec(command)
            if (curl) {
                const res = await fetch(curl[1]!.replace('http://localhost:4350', gqlUrl.replace('/graphql', '')))
                const text = await res.text()
                expect([command, res.status]).toEqual([command, 200])
                expect([command, text.trimEnd().split('\n').length > 1]).toEqual([command, true])
                return
            }
            const npm = /^npm run payout:prepare -- (.*)$/.exec(command)
            if (npm) {
                const args = npm[1]!.split(' ').map(a => a === 'payouts' ? path.join(dataDir, 'payouts') : a)
                const r = await runToExit('cli/payoutPrepare', {...env, DB_URL: '', DB_HOST: ''}, args)
                expect([command, r.code, r.output]).toEqual([command, 0, expect.stringContaining('wrote ')])
                return
            }
            // what CI itself runs: a fresh install, npm start (this test) and npm test
            if (['npm install && npm start', 'npm test'].includes(command)) return
            throw new Error(`README command this test cannot run: ${command}`)
        }

        it('should answer every GraphQL example and run every command of README on the demo, with data', async () => {
            const s = start()
            await tokensServed(s)
            await distributionsServed(s)
            const readme = fs.readFileSync(path.join(PROJECT_DIR, 'README.md'), 'utf8')
            const queries = fencedBlocks(readme, 'graphql').flatMap(operations)
            expect(queries.length).toBeGreaterThan(20)
            for (const query of queries) {
                const data = query.startsWith('subscription') ? await firstEvent(query) : await gql<Record<string, unknown>>(gqlUrl, query).catch((e: Error) => ({error: e.message}))
                expect([query, 'error' in data ? data.error : emptyFields(data)]).toEqual([query, []])
            }
            // the one template: indexing your own chain, with your node's URL and addresses
            const runnable = fencedBlocks(readme, 'bash').filter(b => !b.includes('your-node.example')).flatMap(commands)
            expect(runnable.filter(c => c.startsWith('curl')).length).toBeGreaterThanOrEqual(6)
            for (const command of runnable) await run(command)
            expect(await stop(s), s.lines.slice(-40).join('\n')).toBe(0)
        })
    })

    describe('when the saved chain holds a different genesis than the index', () => {
        it('should rebuild the dev chain and its database together, saying why', async () => {
            // what several Ctrl-C/restart cycles left in anvil's state file: other genesis blocks, the later blocks unchanged
            const stateFile = path.join(dataDir, 'anvil-state.json')
            const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {blocks: {header: {number: string; timestamp: string}}[]}
            for (const b of state.blocks) if (b.header.number === '0x0') b.header.timestamp = '0x' + (Number(b.header.timestamp) - 86400).toString(16)
            fs.writeFileSync(stateFile, JSON.stringify(state))
            const s = start()
            const tokens = await tokensServed(s)
            expect(tokens.map(t => t.symbol)).toEqual(['HOTA', 'HSN', 'LRF', 'MSN', 'RIV30'])
            expect(s.lines.join('\n')).toMatch(/the dev chain cannot resume exactly \(the chain's genesis 0x[0-9a-f]{64} differs from the indexed chain's genesis 0x[0-9a-f]{64}\): rebuilding the dev chain and its database/)
            expect(await stop(s), s.lines.slice(-40).join('\n')).toBe(0)
        })
    })

    describe('when the chain state was lost but the index remains', () => {
        it('should rebuild the dev chain and its database together, and say so', async () => {
            fs.rmSync(path.join(dataDir, 'anvil-state.json'))
            const s = start()
            const tokens = await tokensServed(s)
            expect(tokens.map(t => t.symbol)).toEqual(['HOTA', 'HSN', 'LRF', 'MSN', 'RIV30'])
            // the rebuilt database's migrations granted the read-only role again
            expect(s.lines.join('\n')).toContain('the API reads the database as abst_api, which cannot write')
            // the dashboard's URL is printed, and the page is there
            expect(s.lines.join('\n')).toContain(`[start] dashboard at http://localhost:${new URL(gqlUrl).port}/ `)
            const page = await fetch(new URL('/', gqlUrl))
            expect([page.status, (await page.text()).includes('<script type="module" src="/dashboard/app.js">')]).toEqual([200, true])
            expect(s.lines.join('\n')).toContain('the dev chain cannot resume exactly (the TREXFactory of deployment.json is not on the chain): rebuilding the dev chain and its database')
            expect(await stop(s), s.lines.slice(-40).join('\n')).toBe(0)
        })
    })
})
