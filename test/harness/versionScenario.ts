import {readFileSync} from 'fs'
import {Contract, ContractFactory, InterfaceAbi, NonceManager, ZeroAddress} from 'ethers'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {ACCOUNT, connect, deployChecked, devSigner, sendChecked, waitMined} from '../../src/dev/rpc'

// A T-REX upgrade as an issuer runs one, after deployDemo (+ runDemoScenario): the reference implementation
// authority gets version 4.2.0 (a fresh Token implementation, 4.1.6's others) and switches both demo suites
// to it; HOT then moves to an authority of its own (changeImplementationAuthority, through an IAFactory),
// and the reference goes back to 4.1.6 — from then on HOT runs 4.2.0 and RIV30 4.1.6.

const UPGRADE = {major: 4, minor: 2, patch: 0}
const DEMO_VERSION = {major: 4, minor: 1, patch: 6}

export interface VersionStep {
    /** what the step did */
    what: string
    block: number
    txHash: string
}

export interface VersionScenarioResult {
    /** lowercase: the demo's reference authority */
    reference: string
    /** lowercase: the authority HOT moved to, deployed by the IAFactory */
    hotAuthority: string
    steps: VersionStep[]
}

/** IAFactory ships in the package's artifacts but not in its index. */
function iaFactory(deployer: NonceManager): ContractFactory {
    const path = require.resolve('@tokenysolutions/t-rex/artifacts/contracts/proxy/authority/IAFactory.sol/IAFactory.json')
    const {abi, bytecode} = JSON.parse(readFileSync(path, 'utf8')) as {abi: InterfaceAbi; bytecode: string}
    return new ContractFactory(abi, bytecode, deployer)
}

export async function runVersionScenario(rpcUrl: string, d: Deployment): Promise<VersionScenarioResult> {
    const provider = await connect(rpcUrl, d.chainId)
    const deployer = devSigner(ACCOUNT.deployer, provider)
    const reference = contractAt('TREXImplementationAuthority', d.implementationAuthority, deployer)
    const factory = contractAt('TREXFactory', d.trexFactory, deployer)
    const hot = d.tokens[0]!
    const steps: VersionStep[] = []
    const step = async (what: string, contract: Contract, method: string, args: unknown[]) => {
        const receipt = await sendChecked(what, contract, method, args)
        steps.push({what, block: receipt.blockNumber, txHash: receipt.hash})
    }

    const current = await reference.getFunction('getContracts')(DEMO_VERSION) as string[]
    const token = await deployChecked('Token', deployer, [])
    const upgrade = [await token.getAddress(), ...current.slice(1)]
    await step('add version 4.2.0', reference, 'addTREXVersion', [UPGRADE, upgrade])
    await step('use version 4.2.0', reference, 'useTREXVersion', [UPGRADE])

    // changeImplementationAuthority needs the reference to know its factory and an IA factory, and the
    // caller to own every contract of the suite: the TREXFactory kept the identity registry storage.
    await step('reference knows its TREXFactory', reference, 'setTREXFactory', [d.trexFactory])
    const deployed = await iaFactory(deployer).deploy(d.trexFactory)
    const tx = deployed.deploymentTransaction()
    if (tx) await waitMined(tx, 'IAFactory')
    await step('reference knows its IAFactory', reference, 'setIAFactory', [await deployed.getAddress()])
    await step('HOT storage owned by the issuer', factory, 'recoverContractOwnership', [hot.identityRegistryStorage, await deployer.getAddress()])
    await step('HOT to an authority of its own', reference, 'changeImplementationAuthority', [hot.address, ZeroAddress])
    const hotAuthority = (await contractAt('AbstractProxy', hot.address, provider).getFunction('getImplementationAuthority')() as string).toLowerCase()

    await step('reference back to 4.1.6', reference, 'useTREXVersion', [DEMO_VERSION])
    return {reference: d.implementationAuthority.toLowerCase(), hotAuthority, steps}
}
