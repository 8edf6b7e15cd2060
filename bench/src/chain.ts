import fs from 'fs'
import path from 'path'
import {Interface} from 'ethers'
import {RunningAnvil, startAnvil} from '../../src/dev/anvil'
import {contractAt, contractInterface} from '../../src/dev/artifacts'
import {PROJECT_DIR} from '../../src/dev/children'
import {deployDemo, Deployment, KYC_TOPIC, readDeployment, writeDeployment} from '../../src/dev/deploy'
import {mulberry32} from '../../src/dev/random'
import {ACCOUNT, connect, devSigner, devWallet, sendChecked} from '../../src/dev/rpc'
import {minePending, runDemoScenario, runRandomTransfers, sendRaw} from '../../src/dev/scenario'
import {rpc} from '../../src/dev/status'
import {freePort} from '../../test/harness/testStack'

const BENCH_DIR = path.join(PROJECT_DIR, '.data', 'bench')

export interface BenchChain {
    anvil: RunningAnvil
    d: Deployment
    head: number
}

/**
 * What a generated chain must still answer after a reload: its head, and a call at an early block
 * (the indexer reads token names, countries and verification at past blocks; a chain reloaded without
 * its history fails them, and the indexer would do less work than on the chain it was generated on).
 */
interface Manifest {
    head: number
    headHash: string
    probes: Probe[]
}

/** A read at a past block and its answer on the chain as generated. */
interface Probe {
    method: string
    params: unknown[]
    result?: string
}

/**
 * The benchmarks' chain: the demo deployment and story plus `txs` random token transactions, one
 * transaction per transfer (the ingest ratio's chain).
 */
export function startBenchChain(txs: number, say: (m: string) => void): Promise<BenchChain> {
    return startCachedChain(txs, say)
}

/**
 * A chain of about `logs` Transfer logs for the linear-cost benchmark: the demo deployment and story, then
 * batchMint and batchTransfer transactions of many transfers each in large blocks (a million logs in
 * minutes), generated in this run and indexed from the anvil that made it, which answers the indexer's
 * calls at past blocks from the states it holds. Never saved: saved with every block's state, a chain
 * takes several times its memory on disk and to reload (6.6 GB and 18 GB for 200k logs).
 */
export async function startScaleChain(logs: number, say: (m: string) => void): Promise<BenchChain> {
    const anvil = await startAnvil({port: await freePort(), gasLimit: BLOCK_GAS_LIMIT})
    try {
        say(`generating a chain of about ${logs} Transfer logs in batch transactions (not cached)…`)
        const started = performance.now()
        const d = await deployDemo(anvil.url)
        await runDemoScenario(anvil.url, d)
        say(`sent ${await runTransferBatches(anvil.url, d, logs, 7)} transfers`)
        const head = Number(await rpc<string>(anvil.url, 'eth_blockNumber'))
        say(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s, head ${head}`)
        return {anvil, d, head}
    } catch (err) {
        await anvil.stop()
        throw err
    }
}

/**
 * The first run generates the chain, stops anvil cleanly so that it writes the whole chain with every
 * block's state, and records its head and a past call; every run (the first too) then reloads it and
 * checks both before using it, regenerating a cache that fails the check.
 */
async function startCachedChain(txs: number, say: (m: string) => void): Promise<BenchChain> {
    fs.mkdirSync(BENCH_DIR, {recursive: true})
    const files = {
        state: path.join(BENCH_DIR, `chain-${txs}.json`),
        deployment: path.join(BENCH_DIR, `deployment-${txs}.json`),
        manifest: path.join(BENCH_DIR, `manifest-${txs}.json`),
    }
    if (fs.existsSync(files.manifest)) {
        const loaded = await reload(files, say)
        if (loaded) return loaded
        say(`the cached chain ${files.state} is incomplete: regenerating it`)
    }
    await generate(txs, files, say)
    const loaded = await reload(files, say)
    if (loaded == null) throw new Error(`the chain just generated in ${files.state} does not reload complete: anvil lost its head or its history`)
    return loaded
}

async function generate(txs: number, files: {state: string; deployment: string; manifest: string}, say: (m: string) => void): Promise<void> {
    for (const f of Object.values(files)) fs.rmSync(f, {force: true})
    const anvil = await startAnvil({port: await freePort(), dumpState: files.state, preserveHistory: true, gasLimit: BLOCK_GAS_LIMIT})
    let manifest: Manifest
    let d: Deployment
    try {
        say(`generating a chain with ${txs} random token transactions (cached for the next run)…`)
        const started = performance.now()
        d = await deployDemo(anvil.url)
        await runDemoScenario(anvil.url, d)
        say(`sent ${await runRandomTransfers(anvil.url, d, txs, 7)} transactions`)
        manifest = await manifestOf(anvil.url, d)
        say(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s, head ${manifest.head}`)
    } finally {
        // SIGTERM and wait: anvil writes the state file on a clean exit only
        await anvil.stop()
    }
    await writeDeployment(files.deployment, d)
    fs.writeFileSync(files.manifest, JSON.stringify(manifest, null, 2) + '\n')
}

async function reload(files: {state: string; deployment: string; manifest: string}, say: (m: string) => void): Promise<BenchChain | null> {
    if (!fs.existsSync(files.state) || !fs.existsSync(files.deployment)) return null
    const expected = JSON.parse(fs.readFileSync(files.manifest, 'utf8')) as Manifest
    const anvil = await startAnvil({port: await freePort(), loadState: files.state, gasLimit: BLOCK_GAS_LIMIT})
    try {
        const d = await readDeployment(files.deployment)
        const head = Number(await rpc<string>(anvil.url, 'eth_blockNumber'))
        const headBlock = await rpc<{hash: string} | null>(anvil.url, 'eth_getBlockByNumber', [quantity(expected.head), false])
        const answers = await Promise.all(expected.probes.map(p => rpc<string>(anvil.url, p.method, p.params).catch((e: Error) => e.message)))
        const wrong = expected.probes.findIndex((p, i) => answers[i] !== p.result)
        if (head !== expected.head || headBlock?.hash !== expected.headHash || wrong >= 0) {
            say(`reloaded chain: head ${head} (expected ${expected.head})` + (wrong >= 0 ? `, ${expected.probes[wrong]!.method} at a past block answered ${answers[wrong]} (expected ${expected.probes[wrong]!.result})` : ''))
            await anvil.stop()
            return null
        }
        say(`reusing the generated chain in ${files.state} (head ${head} and ${answers.length} reads at past blocks checked)`)
        return {anvil, d, head}
    } catch (err) {
        await anvil.stop()
        throw err
    }
}

/** The head, the deployer's balance just after the deployment began, and the first token's supply halfway. */
async function manifestOf(url: string, d: Deployment): Promise<Manifest> {
    const head = Number(await rpc<string>(url, 'eth_blockNumber'))
    const headBlock = await rpc<{hash: string}>(url, 'eth_getBlockByNumber', [quantity(head), false])
    const mid = Math.floor((d.deployBlock + head) / 2)
    const probes: Probe[] = [
        {method: 'eth_getBalance', params: [d.deployer, quantity(d.deployBlock + 1)]},
        {method: 'eth_call', params: [{to: d.tokens[0]!.address, data: contractInterface('Token').encodeFunctionData('totalSupply', [])}, quantity(mid)]},
    ]
    for (const p of probes) p.result = await rpc<string>(url, p.method, p.params)
    return {head, headHash: headBlock.hash, probes}
}

const quantity = (n: number): string => '0x' + n.toString(16)

/**
 * A T-REX transfer costs at most about 74k gas (with the KYC claim check and modules that lightenCompliance
 * removes): 100 a transaction take 7.4M, 40 such transactions a block fit 500M gas, and a million logs fit
 * in 250 blocks.
 */
const BLOCK_GAS_LIMIT = 500_000_000
const TRANSFERS_PER_TX = 100
const TXS_PER_BLOCK = 40
const BATCH_GAS_LIMIT = 12_000_000n
const PRIORITY_FEE = 1_000_000_000n

/**
 * The bond's owner removes its required claim topic and its compliance modules: each transfer then checks
 * the receiver's registration only, and the node keeps a third of the call trace per transfer, so that a
 * million transfers fit in this machine's memory (anvil holds every transaction's trace: about 29 KB per
 * transfer with the KYC claim check and the country module). What the indexer does per Transfer log is
 * the same; the removals are indexed like any other.
 */
async function lightenCompliance(provider: Awaited<ReturnType<typeof connect>>, token: Deployment['tokens'][number]): Promise<void> {
    const owner = devSigner(ACCOUNT.deployer, provider)
    await sendChecked('remove the KYC claim topic', contractAt('ClaimTopicsRegistry', token.claimTopicsRegistry, owner), 'removeClaimTopic', [KYC_TOPIC])
    const compliance = contractAt('ModularCompliance', token.compliance, owner)
    for (const module of await compliance.getFunction('getModules').staticCall() as string[]) {
        await sendChecked('remove a compliance module', compliance, 'removeModule', [module])
    }
}

/**
 * About `logs` transfers of the bond token (no balance cap): the agent's batchMint to random investors
 * and verified investors' batchTransfer of one unit to random others, `TRANSFERS_PER_TX` a transaction. Mints
 * outnumber transfers' units so that no balance runs dry; every block is checked for reverts.
 */
async function runTransferBatches(url: string, d: Deployment, logs: number, seed: number): Promise<number> {
    const provider = await connect(url, d.chainId)
    const rand = mulberry32(seed)
    const token = d.tokens[1]!
    await lightenCompliance(provider, token)
    const tokenInterface: Interface = contractInterface('Token')
    const agent = devWallet(ACCOUNT.agent, provider)
    // the demo story leaves some wallets unregistered (a recovered one): they can neither receive nor send
    const registry = contractInterface('IdentityRegistry')
    const verified = await Promise.all(d.investors.map(async i => registry.decodeFunctionResult('isVerified',
        await rpc<string>(url, 'eth_call', [{to: token.identityRegistry, data: registry.encodeFunctionData('isVerified', [i.wallet])}, 'latest']))[0] as boolean))
    const investors = d.investors.filter((_, k) => verified[k]).map(i => devWallet(i.privateKeyIndex, provider))
    const nonces = new Map<string, number>()
    for (const w of [agent, ...investors]) nonces.set(w.address, await provider.getTransactionCount(w.address, 'pending'))
    const unit = 10n ** BigInt(token.decimals)
    const pickOther = (not: string) => {
        for (;;) {
            const w = investors[Math.floor(rand() * investors.length)]!
            if (w.address !== not) return w.address
        }
    }
    const block = await provider.getBlock('latest')
    const maxFeePerGas = (block?.baseFeePerGas ?? 0n) * 4n + PRIORITY_FEE
    let sent = 0
    let inBlock = 0
    await provider.send('evm_setAutomine', [false])
    try {
        for (let i = 0; sent < logs; i++) {
            // the first block only mints, so that every investor holds something before it sends
            const from = i < TXS_PER_BLOCK || i % 2 === 0 ? agent : investors[Math.floor(rand() * investors.length)]!
            const to = Array.from({length: TRANSFERS_PER_TX}, () => pickOther(from.address))
            const data = from === agent
                ? tokenInterface.encodeFunctionData('batchMint', [to, to.map(() => unit * 1000n)])
                : tokenInterface.encodeFunctionData('batchTransfer', [to, to.map(() => unit)])
            const nonce = nonces.get(from.address)!
            nonces.set(from.address, nonce + 1)
            await sendRaw(provider, await from.signTransaction({
                type: 2, chainId: d.chainId, nonce, to: token.address, data,
                gasLimit: BATCH_GAS_LIMIT, maxFeePerGas, maxPriorityFeePerGas: PRIORITY_FEE,
            }))
            sent += TRANSFERS_PER_TX
            if (++inBlock === TXS_PER_BLOCK) {
                await minePending(provider)
                inBlock = 0
            }
        }
        if (inBlock > 0) await minePending(provider)
    } finally {
        await provider.send('evm_setAutomine', [true])
    }
    return sent
}
