import {
    Contract,
    ContractRunner,
    FetchRequest,
    HDNodeWallet,
    isCallException,
    JsonRpcProvider,
    NonceManager,
    TransactionReceipt,
    TransactionResponse,
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
 * the 10 ms batching stall that every sequential request would otherwise pay.
 */
export async function connect(rpcUrl: string, chainId?: number): Promise<JsonRpcProvider> {
    const id = chainId ?? await fetchChainId(rpcUrl)
    return new JsonRpcProvider(rpcUrl, id, {staticNetwork: true, cacheTimeout: -1, batchMaxCount: 1})
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

const RECEIPT_POLL_MS = 2
const RECEIPT_TIMEOUT_MS = 30_000

/**
 * anvil's automine mines in a background task, so eth_sendRawTransaction can return before the
 * block exists. ethers' tx.wait() then waits for a *later* block, which never comes on an idle
 * chain (observed: 4 s stalls and permanent hangs), so poll the receipt directly.
 */
export async function waitMined(tx: TransactionResponse, what: string): Promise<TransactionReceipt> {
    const deadline = Date.now() + RECEIPT_TIMEOUT_MS
    for (;;) {
        const receipt = await tx.provider.getTransactionReceipt(tx.hash)
        if (receipt) {
            if (receipt.status !== 1) throw new Error(`${what}: transaction ${tx.hash} reverted`)
            return receipt
        }
        if (Date.now() > deadline) throw new Error(`${what}: transaction ${tx.hash} not mined`)
        await new Promise(resolve => setTimeout(resolve, RECEIPT_POLL_MS))
    }
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
): Promise<TransactionReceipt> {
    const fn = contract.getFunction(method)
    try {
        await fn.staticCall(...args)
    } catch (e) {
        throw new Error(`step "${step}": ${method} would revert: ${revertReason(e)}`)
    }
    return waitMined(await fn.send(...args), `step "${step}"`)
}

export async function deployChecked(
    name: ArtifactName,
    signer: NonceManager,
    args: unknown[],
): Promise<Contract> {
    let address: string
    try {
        const deployed = await contractFactory(name, signer).deploy(...args)
        const tx = deployed.deploymentTransaction()
        if (tx) await waitMined(tx, name)
        address = await deployed.getAddress()
    } catch (e) {
        throw new Error(`deploying ${name} failed: ${revertReason(e)}`)
    }
    return contractAt(name, address, signer)
}

/** The dev accounts a scenario acts with: one NonceManager each (made once), and contracts bound to them. */
export class DevAccounts {
    private readonly signers = new Map<number, NonceManager>()

    constructor(readonly provider: JsonRpcProvider) {}

    signer(index: number): NonceManager {
        let signer = this.signers.get(index)
        if (!signer) {
            signer = devSigner(index, this.provider)
            this.signers.set(index, signer)
        }
        return signer
    }

    address(index: number): string {
        return devWallet(index, this.provider).address
    }

    /** The contract, read-only without `signerIndex`, else sending as that account. */
    contract(name: ArtifactName, address: string, signerIndex?: number): Contract {
        const runner: ContractRunner = signerIndex === undefined ? this.provider : this.signer(signerIndex)
        return contractAt(name, address, runner)
    }
}
