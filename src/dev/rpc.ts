import {
    Contract,
    ContractTransactionReceipt,
    FetchRequest,
    HDNodeWallet,
    isCallException,
    JsonRpcProvider,
    NonceManager,
} from 'ethers'
import { ArtifactName, contractAt, contractFactory } from './artifacts'

/** anvil's default mnemonic; it pre-funds the first ANVIL_FUNDED_ACCOUNTS accounts. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'
export const ANVIL_FUNDED_ACCOUNTS = 10

/** Account indexes (BIP-44 m/44'/60'/0'/0/i) of the demo roles. */
export const ACCOUNT = {
    deployer: 0,
    agent: 1,
    claimIssuer: 2,
    firstInvestor: 3,
    investorCount: 10,
    recoveryWallet: 15,
} as const

async function fetchChainId(rpcUrl: string): Promise<number> {
    const req = new FetchRequest(rpcUrl)
    req.setHeader('content-type', 'application/json')
    req.body = JSON.stringify({jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: []})
    const res = await req.send()
    res.assertOk()
    return Number(res.bodyJson.result)
}

/**
 * Static network (no chain-id polling) and no response cache: the default 250 ms cache of
 * getTransactionCount gives "nonce too low" right after a transaction. batchMaxCount 1 removes
 * the 10 ms batching stall that every sequential request would otherwise pay. anvil's automine
 * can answer eth_sendRawTransaction just before the block exists; a short polling interval keeps
 * tx.wait() from then sleeping the default 4 s.
 */
export async function connect(rpcUrl: string, chainId?: number): Promise<JsonRpcProvider> {
    const id = chainId ?? await fetchChainId(rpcUrl)
    return new JsonRpcProvider(rpcUrl, id, {
        staticNetwork: true,
        cacheTimeout: -1,
        batchMaxCount: 1,
        pollingInterval: 20,
    })
}

let hdRoot: HDNodeWallet | undefined

export function devWallet(index: number, provider: JsonRpcProvider): HDNodeWallet {
    // The seed derivation (PBKDF2) is the slow part: do it once, lazily.
    hdRoot ??= HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, "m/44'/60'/0'/0")
    return hdRoot.deriveChild(index).connect(provider)
}

/** A signer that counts its own nonces, so back-to-back transactions never collide. */
export function devSigner(index: number, provider: JsonRpcProvider): NonceManager {
    return new NonceManager(devWallet(index, provider))
}

export function revertReason(e: unknown): string {
    if (isCallException(e)) {
        return e.reason ?? `${e.shortMessage} (data ${e.data ?? 'none'})`
    }
    return e instanceof Error ? e.message : String(e)
}

/**
 * Simulates the call first so that a would-be revert fails loudly with the step's name
 * instead of surfacing as an opaque gas-estimation error.
 */
export async function sendChecked(
    step: string,
    contract: Contract,
    method: string,
    args: unknown[],
): Promise<ContractTransactionReceipt> {
    const fn = contract.getFunction(method)
    try {
        await fn.staticCall(...args)
    } catch (e) {
        throw new Error(`step "${step}": ${method} would revert: ${revertReason(e)}`)
    }
    const receipt = await (await fn.send(...args)).wait()
    if (receipt?.status !== 1) {
        throw new Error(`step "${step}": ${method} was not mined successfully`)
    }
    return receipt
}

export async function deployChecked(
    name: ArtifactName,
    signer: NonceManager,
    args: unknown[],
): Promise<Contract> {
    let address: string
    try {
        const deployed = await contractFactory(name, signer).deploy(...args)
        await deployed.deploymentTransaction()?.wait()
        address = await deployed.getAddress()
    } catch (e) {
        throw new Error(`deploying ${name} failed: ${revertReason(e)}`)
    }
    return contractAt(name, address, signer)
}
