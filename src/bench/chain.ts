import fs from 'fs'
import path from 'path'
import {RunningAnvil, startAnvil} from '../dev/anvil'
import {PROJECT_DIR} from '../dev/children'
import {deployDemo, Deployment, readDeployment, writeDeployment} from '../dev/deploy'
import {runDemoScenario, runRandomTransfers} from '../dev/scenario'
import {rpc} from '../dev/status'
import {freePort} from '../dev/testStack'

const BENCH_DIR = path.join(PROJECT_DIR, '.data', 'bench')

export interface BenchChain {
    anvil: RunningAnvil
    d: Deployment
    head: number
}

/**
 * The benchmarks' chain: the demo deployment and story plus `txs` random token transactions. The
 * first run generates it and anvil saves it on stop; later runs (and the other benchmarks) reload it.
 */
export async function startBenchChain(txs: number, say: (m: string) => void): Promise<BenchChain> {
    fs.mkdirSync(BENCH_DIR, {recursive: true})
    const stateFile = path.join(BENCH_DIR, `chain-${txs}.json`)
    const deploymentFile = path.join(BENCH_DIR, `deployment-${txs}.json`)
    const cached = fs.existsSync(stateFile) && fs.existsSync(deploymentFile)
    const anvil = await startAnvil(cached ? {port: await freePort(), loadState: stateFile} : {port: await freePort(), dumpState: stateFile})
    try {
        let d: Deployment
        if (cached) {
            d = await readDeployment(deploymentFile)
            say(`reusing the generated chain in ${stateFile}`)
        } else {
            say(`generating a chain with ${txs} random token transactions (cached for the next run)…`)
            d = await deployDemo(anvil.url)
            await runDemoScenario(anvil.url, d)
            const sent = await runRandomTransfers(anvil.url, d, txs, 7)
            say(`sent ${sent} transactions`)
            await writeDeployment(deploymentFile, d)
        }
        return {anvil, d, head: Number(await rpc<string>(anvil.url, 'eth_blockNumber'))}
    } catch (err) {
        await anvil.stop()
        throw err
    }
}
