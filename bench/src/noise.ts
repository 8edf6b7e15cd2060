import fs from 'fs'
import http from 'http'
import path from 'path'
import {HDNodeWallet, JsonRpcProvider, keccak256, toUtf8Bytes} from 'ethers'
import {RunningAnvil, startAnvil} from '../../src/dev/anvil'
import {PROJECT_DIR, runCompiled} from '../../src/dev/children'
import {deployDemo, Deployment} from '../../src/dev/deploy'
import {digestDifferences, indexDigest} from '../../test/harness/digest'
import {postUpstream} from '../../test/harness/faultProxy'
import {HostedNodeCounts, HostedNodeOptions, startHostedNode} from '../../test/harness/hostedNode'
import {deployPayoutContract, payoutInterface} from '../../src/dev/payouts'
import {connect, devWallet} from '../../src/dev/rpc'
import {runDemoScenario, runRandomTransfers} from '../../src/dev/scenario'
import {readIndexStatus, rpc} from '../../src/dev/status'
import {createDatabaseOn, freePort, queryDb, startTestDatabase, TestDatabase} from '../../test/harness/testStack'

// `npm run bench`: the same T-REX history on a clean chain and on a noisy one, where five plain ERC-20
// tokens produce ≥ 95 % of the Transfer and Approval logs in the same blocks; our indexer over RPC on
// both (time to head, requests, bytes and logs the node sent), and through an emulated hosted node
// (capped log ranges and results, 429s, no trace API) against a clean run's digest.

const REPORT_DIR = path.join(PROJECT_DIR, 'bench', 'reports')
const RANDOM_TXS = Number(process.env.BENCH_NOISE_TXS ?? '25000')
const REPEAT = Number(process.env.BENCH_REPEAT ?? '3')
/** T-REX transactions per block in the random phase; the noise tokens add theirs to each of those blocks */
const PER_BLOCK = 5
const NOISE_TOKENS = 5
/** Transfer and Approval logs each noise token adds to a block: with 5 T-REX transactions, ≥ 95 % of the block's logs */
const SPRAY = 18
const APPROVALS = 4
/** empty blocks in the history, so the node's log-range cap bites */
const EMPTY_BLOCKS = 3000
/** an account no scenario uses */
const NOISE_ACCOUNT = 40
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
const APPROVAL_TOPIC = '0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925'
const say = (m: string) => console.log(`[bench:noise] ${m}`)

interface Chain {
    anvil: RunningAnvil
    d: Deployment
    head: number
    noiseTokens: string[]
}

interface Run {
    chain: 'clean' | 'noisy'
    mode: string
    seconds: number
    requests: number
    megabytes: number
    logsReceived: number
    watchedLogs: number
}

async function main(): Promise<void> {
    const db = await startTestDatabase(say)
    const chains: Chain[] = []
    try {
        for (const noisy of [false, true]) chains.push(await buildChain(noisy))
        const [clean, noisy] = chains as [Chain, Chain]
        if (clean.d.trexFactory !== noisy.d.trexFactory || clean.head !== noisy.head) throw new Error('the two chains do not hold the same T-REX history')
        const share = await noiseShare(noisy)
        say(`heads ${clean.head}; noise: ${share.noise} of ${share.all} Transfer/Approval logs (${(100 * share.noise / share.all).toFixed(1)} %)`)

        const runs: Run[] = []
        for (let i = 0; i < REPEAT; i++) {
            for (const [name, chain] of [['clean', clean], ['noisy', noisy]] as const) runs.push((await timeToHead(chain, name, db, 'catch-up by address', {})).run)
        }
        const processorOnly = (await timeToHead(noisy, 'noisy', db, 'processor alone (CATCHUP_WINDOW=0)', {CATCHUP_WINDOW: '0'})).run
        const hosted = await hostedNodeRun(noisy, db)
        writeReport(runs, processorOnly, hosted, share, noisy.head)
    } finally {
        for (const c of chains) await c.anvil.stop()
        await db.stop()
    }
}

/** The demo deployment and story, empty blocks, then seeded random token transactions; on the noisy chain every random block also carries the noise. */
async function buildChain(noisy: boolean): Promise<Chain> {
    const anvil = await startAnvil({port: await freePort(), pruneHistory: 100})
    const provider = await connect(anvil.url)
    const noiseWallet = devWallet(NOISE_ACCOUNT, provider)
    await provider.send('anvil_setBalance', [noiseWallet.address, '0x' + (10n ** 24n).toString(16)])
    // deployed on both chains by an account the scenarios never use: the T-REX addresses stay the same
    const noiseTokens: string[] = []
    for (let i = 0; i < NOISE_TOKENS; i++) noiseTokens.push(await (await deployPayoutContract('NoiseToken', noiseWallet, [`NOISE${i}`, noiseWallet.address, 10n ** 30n])).getAddress())
    const proxy = noisy ? await startNoiseProxy(anvil.url, provider, noiseWallet, noiseTokens) : undefined
    try {
        const url = proxy?.url ?? anvil.url
        say(`generating the ${noisy ? 'noisy' : 'clean'} chain…`)
        const d = await deployDemo(url)
        await runDemoScenario(url, d)
        await provider.send('anvil_mine', ['0x' + EMPTY_BLOCKS.toString(16)])
        await runRandomTransfers(url, d, RANDOM_TXS, 7, PER_BLOCK)
        return {anvil, d, head: Number(await rpc<string>(anvil.url, 'eth_blockNumber')), noiseTokens}
    } finally {
        await proxy?.close()
    }
}

/**
 * A JSON-RPC proxy that, before forwarding each evm_mine, sends the noise tokens' transactions to the
 * pending pool: the block then holds them next to the T-REX transactions.
 */
async function startNoiseProxy(upstream: string, provider: JsonRpcProvider, wallet: HDNodeWallet, tokens: string[]): Promise<{url: string; close(): Promise<void>}> {
    const target = new URL(upstream)
    const noise = payoutInterface('NoiseToken')
    const recipients = Array.from({length: SPRAY}, (_, i) => '0x' + keccak256(toUtf8Bytes(`noise recipient ${i}`)).slice(26))
    const spenders = recipients.slice(0, APPROVALS)
    const chainId = (await provider.getNetwork()).chainId
    let nonce = await provider.getTransactionCount(wallet.address, 'pending')
    const sendNoise = async () => {
        const block = await provider.getBlock('latest')
        const maxFeePerGas = (block?.baseFeePerGas ?? 0n) * 2n + 1_000_000_000n
        for (const token of tokens) {
            for (const data of [noise.encodeFunctionData('spray', [recipients, 1n]), noise.encodeFunctionData('approveMany', [spenders, 1n])]) {
                const raw = await wallet.signTransaction({type: 2, chainId, nonce: nonce++, to: token, data, gasLimit: 700_000n, maxFeePerGas, maxPriorityFeePerGas: 1_000_000_000n})
                await postUpstream(target, Buffer.from(JSON.stringify({jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw]})))
            }
        }
    }
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c as Buffer))
        req.on('end', () => {
            const body = Buffer.concat(chunks)
            void (async () => {
                if (body.includes('"evm_mine"')) await sendNoise()
                const answer = await postUpstream(target, body)
                res.writeHead(answer.status, {'content-type': 'application/json'}).end(answer.body)
            })().catch(err => res.writeHead(500).end(String(err)))
        })
    })
    const port = await freePort()
    await new Promise<void>(r => server.listen(port, '127.0.0.1', r))
    return {url: `http://127.0.0.1:${port}`, close: () => new Promise<void>(r => server.close(() => r()))}
}

/** How many Transfer and Approval logs the chain holds, and how many of them the noise tokens emitted. */
async function noiseShare(chain: Chain): Promise<{all: number; noise: number}> {
    const logs = await logsOf(chain.anvil.url, chain.d.deployBlock, chain.head, {topics: [[TRANSFER_TOPIC, APPROVAL_TOPIC]]})
    const noise = new Set(chain.noiseTokens.map(a => a.toLowerCase()))
    return {all: logs.length, noise: logs.filter(l => noise.has(l.address.toLowerCase())).length}
}

async function logsOf(url: string, from: number, to: number, filter: {address?: string[]; topics?: unknown[]}): Promise<{address: string}[]> {
    let out: {address: string}[] = []
    for (let b = from; b <= to; b += 1000) {
        out = out.concat(await rpc<{address: string}[]>(url, 'eth_getLogs', [{...filter, fromBlock: '0x' + b.toString(16), toBlock: '0x' + Math.min(to, b + 999).toString(16)}]))
    }
    return out
}

/** Our indexer from an empty database to the chain's head through a counting proxy: seconds from its start, and what the node sent. */
async function timeToHead(chain: Chain, name: 'clean' | 'noisy', server: TestDatabase, mode: string, env: NodeJS.ProcessEnv, node: HostedNodeOptions = {}): Promise<{run: Run; db: TestDatabase; counts: HostedNodeCounts; restarts: number}> {
    const proxy = await startHostedNode(chain.anvil.url, await freePort(), {maxLogRange: 1e9, maxResults: 1e9, maxBatch: 1e6, ...node})
    const db = await createDatabaseOn(server.url)
    const output: string[] = []
    const started = performance.now()
    const child = runCompiled('cli/process', {
        ...process.env, ...env, DB_URL: db.url, RPC_ETH_HTTP: proxy.url, TREX_FACTORIES: chain.d.trexFactory,
        START_BLOCK: String(chain.d.deployBlock), FINALITY_CONFIRMATION: '10', PROCESSOR_PROMETHEUS_PORT: String(await freePort()),
    }, l => output.push(l))
    try {
        for (;;) {
            const s = await readIndexStatus(db.url).catch(() => null)
            if (s && s.height >= chain.head) break
            if (child.proc.exitCode != null) throw new Error(`the indexer exited:\n${output.slice(-20).join('\n')}`)
            await new Promise(r => setTimeout(r, 20))
        }
        const seconds = (performance.now() - started) / 1000
        const watched = (await queryDb<{address: string}>(db.url, 'SELECT address FROM watched_contract')).map(r => r.address)
        let watchedLogs = 0
        for (let i = 0; i < watched.length; i += 500) watchedLogs += (await logsOf(chain.anvil.url, chain.d.deployBlock, chain.head, {address: watched.slice(i, i + 500)})).length
        const c = proxy.counts
        const run = {chain: name, mode, seconds, requests: c.requests, megabytes: c.bytesSent / 1e6, logsReceived: c.logsSent, watchedLogs}
        say(`${name}, ${mode}: ${seconds.toFixed(2)} s, ${c.requests} requests, ${run.megabytes.toFixed(2)} MB, ${c.logsSent} logs received, ${watchedLogs} logs of watched contracts`)
        return {run, db, counts: {...c}, restarts: output.filter(l => l.includes('restarting from its last committed block')).length}
    } finally {
        child.proc.kill('SIGTERM')
        await child.exited
        await proxy.close()
    }
}

interface HostedRun {
    /** supervisor restarts on the way (a node limit must never cause one) */
    restarts: number
    counts: HostedNodeCounts
    digestDifferences: string[]
    seconds: number
}

/** The noisy chain through an emulated hosted node (2,000-block and 10,000-result log caps, 5 % rate-limited, no traces) against a direct run. */
async function hostedNodeRun(chain: Chain, server: TestDatabase): Promise<HostedRun> {
    const direct = await timeToHead(chain, 'noisy', server, 'direct, for the digest', {})
    // our requests start wider than the node serves, so its range cap bites
    const hosted = await timeToHead(chain, 'noisy', server, 'hosted-node emulation', {RPC_MAX_LOG_RANGE: '10000'}, {maxLogRange: 2000, maxResults: 10_000, maxBatch: 100, rateLimitShare: 0.05, seed: 3})
    try {
        return {
            restarts: hosted.restarts,
            counts: hosted.counts,
            digestDifferences: digestDifferences(await indexDigest(direct.db.url), await indexDigest(hosted.db.url)),
            seconds: hosted.run.seconds,
        }
    } finally {
        await direct.db.stop()
        await hosted.db.stop()
    }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function writeReport(runs: Run[], processorOnly: Run, hosted: HostedRun, share: {all: number; noise: number}, head: number): void {
    const of = (chain: 'clean' | 'noisy') => runs.filter(r => r.chain === chain)
    const summary = (chain: 'clean' | 'noisy') => {
        const rs = of(chain)
        return {seconds: median(rs.map(r => r.seconds)), requests: median(rs.map(r => r.requests)), megabytes: median(rs.map(r => r.megabytes)),
            logsReceived: median(rs.map(r => r.logsReceived)), watchedLogs: rs[0]!.watchedLogs}
    }
    const clean = summary('clean')
    const noisy = summary('noisy')
    const ratios = {time: noisy.seconds / clean.seconds, bytes: noisy.megabytes / clean.megabytes, logs: noisy.logsReceived / noisy.watchedLogs}
    const targets = {time: ratios.time <= 1.15, bytes: ratios.bytes <= 1.2, logs: ratios.logs <= 1.1, hosted: hosted.digestDifferences.length === 0 && hosted.restarts === 0}
    const report = {date: new Date().toISOString(), head, randomTxs: RANDOM_TXS, repeat: REPEAT, noiseShare: share, clean, noisy, ratios, targets, runs, processorOnly, hosted}
    fs.mkdirSync(REPORT_DIR, {recursive: true})
    fs.writeFileSync(path.join(REPORT_DIR, 'noise.json'), JSON.stringify(report, null, 2) + '\n')
    const row = (name: string, r: {seconds: number; requests: number; megabytes: number; logsReceived: number; watchedLogs: number}) =>
        `| ${name} | ${r.seconds.toFixed(2)} | ${r.requests} | ${r.megabytes.toFixed(2)} | ${r.logsReceived} | ${r.watchedLogs} |`
    const ok = (b: boolean) => (b ? 'met' : 'NOT met')
    fs.writeFileSync(path.join(REPORT_DIR, 'noise.md'), [
        '# Noise benchmark: cost follows the watched contracts',
        '',
        `${report.date}; two anvil chains with the same T-REX history (demo story, ${EMPTY_BLOCKS} empty blocks, ${RANDOM_TXS} seeded`,
        `random token transactions, ${PER_BLOCK} a block; head ${head}); on the noisy one ${NOISE_TOKENS} plain ERC-20 tokens add`,
        `${SPRAY} Transfer and ${APPROVALS} Approval logs each to every block of the random phase: ${share.noise} of ${share.all}`,
        `Transfer/Approval logs (${(100 * share.noise / share.all).toFixed(1)} %) are noise. Our indexer from an empty database, time`,
        `from its start to the head, requests and bytes the node answered and logs in its eth_getLogs answers, counted by a proxy;`,
        `median of ${REPEAT} alternating rounds. 2-core machine.`,
        '',
        '| run | seconds to head | requests | MB received | logs received | logs of watched contracts |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        row('clean chain', clean),
        row('noisy chain', noisy),
        row('noisy chain, processor alone (CATCHUP_WINDOW=0), for contrast', processorOnly),
        '',
        `- noisy / clean time: **${ratios.time.toFixed(2)}** (target ≤ 1.15: ${ok(targets.time)})`,
        `- noisy / clean bytes: **${ratios.bytes.toFixed(2)}** (target ≤ 1.2: ${ok(targets.bytes)})`,
        `- logs received / logs of watched contracts, noisy chain: **${ratios.logs.toFixed(2)}** (target ≤ 1.1: ${ok(targets.logs)}; the`,
        '  processor reads whole blocks only for the last blocks before the head)',
        '',
        '## Hosted-node emulation',
        '',
        'The noisy chain through a proxy that refuses eth_getLogs over 2,000 blocks ("block range is too large") or 10,000',
        'results, answers 5 % of requests with HTTP 429 or JSON-RPC -32005, and has no trace API:',
        '',
        `- reached the head in ${hosted.seconds.toFixed(2)} s with ${hosted.restarts} restarts; ${hosted.counts.requests} requests, ${hosted.counts.rangeRefused} ranges refused,`,
        `  ${hosted.counts.resultsRefused} result counts refused, ${hosted.counts.rateLimitedHttp + hosted.counts.rateLimitedRpc} rate-limited, ${hosted.counts.methodNotFound} trace calls refused`,
        `- digest against a direct run: ${hosted.digestDifferences.length === 0 ? '**equal**' : `differs in ${hosted.digestDifferences.join(', ')}`}`,
        '',
    ].join('\n'))
    say(`report written to bench/reports/noise.md: time ${ratios.time.toFixed(2)}, bytes ${ratios.bytes.toFixed(2)}, logs ${ratios.logs.toFixed(2)}`)
}

main().catch(err => {
    console.error(err)
    process.exit(1)
})
