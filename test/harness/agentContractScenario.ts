import {Contract, parseEther, parseUnits} from 'ethers'
import {contractAt, contractInterface} from '../../src/dev/artifacts'
import {Deployment, ECDSA_KEY_TYPE, identityKey, MANAGEMENT_PURPOSE} from '../../src/dev/deploy'
import {deployPayoutContract} from '../../src/dev/payouts'
import {ACCOUNT, connect, deployChecked, devSigner, devWallet, sendChecked, waitMined} from '../../src/dev/rpc'

// Agents acting through contracts, as on real deployments: T-REX's AgentManager and a batching contract
// of ours, each an agent of the bond token (RIV30) and its identity registry, driven by an operator account.

const lc = (address: string): string => address.toLowerCase()

/** Accounts of this scenario (after the demo's: 15 is its recovery wallet). */
const OPERATOR = 16
const FIRST_FRESH_WALLET = 20

/** One investor with several wallets in the token's registry, acted on through one agent contract (addresses lower-case). */
export interface ActedInvestor {
    identity: string
    /** the identity one wallet is moved to */
    newIdentity: string
    /** the investor's demo wallet: partly force-moved, partly frozen, then recovered */
    first: string
    /** a second wallet registered for the same identity: its identity is updated */
    second: string
    /** the wallet `first` is recovered to */
    replacement: string
}

export interface AgentContractScenario {
    token: string
    identityRegistry: string
    agentManager: string
    batchCaller: string
    /** the account that sends every agent-contract transaction (the actor) */
    operator: string
    /** through AgentManager, one transaction per action */
    managed: ActedInvestor & {txs: {forced: string; freeze: string; addressFrozen: string; identity: string; recovery: string}}
    /** through BatchCaller, every action in one transaction */
    batched: ActedInvestor & {tx: string}
}

/** Runs the scenario on the demo deployment (after runDemoScenario: investors 2 and 3 hold RIV30). */
export async function runAgentContractScenario(rpcUrl: string, d: Deployment): Promise<AgentContractScenario> {
    const provider = await connect(rpcUrl, d.chainId)
    const deployer = devSigner(ACCOUNT.deployer, provider)
    const agent = devSigner(ACCOUNT.agent, provider)
    const operator = devSigner(OPERATOR, provider)
    const operatorAddress = await operator.getAddress()
    await waitMined(await deployer.sendTransaction({to: operatorAddress, value: parseEther('10')}), 'fund the operator')
    const bond = d.tokens[1]!
    const token = contractAt('Token', bond.address, deployer)
    const registry = contractAt('IdentityRegistry', bond.identityRegistry, deployer)
    const idFactory = contractAt('Factory', d.idFactory, deployer)
    const units = (amount: string) => parseUnits(amount, bond.decimals)
    const identityOf = async (wallet: string, salt: string): Promise<string> => {
        await sendChecked(`identity for ${salt}`, idFactory, 'createIdentity', [wallet, salt])
        return idFactory.getFunction('getIdentity')(wallet) as Promise<string>
    }

    // The operator's ONCHAINID: AgentManager checks the caller is a key of the identity holding the role.
    const operatorIdentity = await identityOf(operatorAddress, 'agent-operator')
    const manager = await deployChecked('AgentManager', deployer, [bond.address])
    for (const role of ['addTransferManager', 'addFreezer', 'addRecoveryAgent', 'addWhiteListManager']) {
        await sendChecked(`AgentManager ${role}`, manager, role, [operatorIdentity])
    }
    const batch = await deployPayoutContract('BatchCaller', operator)
    for (const contract of [await manager.getAddress(), await batch.getAddress()]) {
        await sendChecked('agent contract as token agent', token, 'addAgent', [contract])
        await sendChecked('agent contract as registry agent', registry, 'addAgent', [contract])
    }

    const prepare = async (position: number, fresh: number): Promise<ActedInvestor> => {
        const investor = d.investors[position]!
        const second = devWallet(fresh, provider).address
        const replacement = devWallet(fresh + 1, provider).address
        await sendChecked(`second wallet of investor ${position}`, registry.connect(agent) as Contract, 'registerIdentity',
            [second, investor.identity, investor.country])
        // recoveryAddress requires the new wallet as a management key of the investor's identity.
        await sendChecked(`replacement key of investor ${position}`, contractAt('Identity', investor.identity, devSigner(investor.privateKeyIndex, provider)),
            'addKey', [identityKey(replacement), MANAGEMENT_PURPOSE, ECDSA_KEY_TYPE])
        const newIdentity = await identityOf(second, `moved-${position}`)
        return {identity: lc(investor.identity), newIdentity: lc(newIdentity), first: lc(investor.wallet), second: lc(second), replacement: lc(replacement)}
    }
    const a = await prepare(2, FIRST_FRESH_WALLET)
    const b = await prepare(3, FIRST_FRESH_WALLET + 2)

    const am = manager.connect(operator) as Contract
    const hash = async (step: string, method: string, args: unknown[]) => (await sendChecked(step, am, method, [...args, operatorIdentity])).hash
    const managed = {
        ...a,
        txs: {
            forced: await hash('forced transfer through AgentManager', 'callForcedTransfer', [a.first, b.first, units('1000')]),
            freeze: await hash('partial freeze through AgentManager', 'callFreezePartialTokens', [a.first, units('500')]),
            addressFrozen: await hash('wallet freeze through AgentManager', 'callSetAddressFrozen', [a.second, true]),
            identity: await hash('identity update through AgentManager', 'callUpdateIdentity', [a.second, a.newIdentity]),
            recovery: await hash('recovery through AgentManager', 'callRecoveryAddress', [a.first, a.replacement, a.identity]),
        },
    }

    const t = contractInterface('Token')
    const r = contractInterface('IdentityRegistry')
    const receipt = await sendChecked('agent actions through BatchCaller', batch, 'execute', [
        [bond.address, bond.address, bond.address, bond.identityRegistry],
        [
            t.encodeFunctionData('forcedTransfer', [b.first, a.replacement, units('100')]),
            t.encodeFunctionData('freezePartialTokens', [b.first, units('200')]),
            t.encodeFunctionData('recoveryAddress', [b.first, b.replacement, b.identity]),
            r.encodeFunctionData('updateIdentity', [b.second, b.newIdentity]),
        ],
    ])
    return {
        token: lc(bond.address),
        identityRegistry: lc(bond.identityRegistry),
        agentManager: lc(await manager.getAddress()),
        batchCaller: lc(await batch.getAddress()),
        operator: lc(operatorAddress),
        managed,
        batched: {...b, tx: receipt.hash},
    }
}
