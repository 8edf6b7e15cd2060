import type {TestProject} from 'vitest/node'
import {deployDemo} from '../src/dev/deploy'
import {runDemoScenario} from '../src/dev/scenario'
import {startTestChain, startTestDatabase} from './harness/testStack'

/** One shared chain with the demo T-REX deployment and scenario, like T-REX's own deployment fixture. */
export default async function setup(project: TestProject) {
    const log = (m: string) => console.log(`[setup] ${m}`)
    const anvil = await startTestChain()
    const db = await startTestDatabase(log)
    const deployment = await deployDemo(anvil.url)
    await runDemoScenario(anvil.url, deployment)
    project.provide('rpcUrl', anvil.url)
    project.provide('dbUrl', db.url)
    project.provide('deployment', JSON.stringify(deployment))
    return async () => {
        await db.stop()
        await anvil.stop()
    }
}

declare module 'vitest' {
    export interface ProvidedContext {
        rpcUrl: string
        dbUrl: string
        deployment: string
    }
}
