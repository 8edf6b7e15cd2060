import fs from 'fs'
import path from 'path'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import {
    Contract,
    ContractFactory,
    ContractRunner,
    getAddress,
    Interface,
    InterfaceAbi,
    JsonRpcProvider,
    NonceManager,
    Signer,
    TransactionReceipt,
} from 'ethers'
import { PROJECT_DIR } from '../localStack'
import { ACCOUNT, connect, devSigner, revertReason, sendChecked, waitMined } from './rpc'

/**
 * Our contracts (contracts/*.sol: payouts, and the BatchCaller test helper), deployed and driven from
 * the compiled artifacts that `npm run contracts` writes to contracts/build (committed, so no compiler
 * run is needed here).
 */
export type PayoutContractName = 'DistributionManager' | 'TestStablecoin' | 'BatchCaller' | 'NoiseToken' | 'ERC1400Token'

export interface PayoutArtifact {
    contractName: PayoutContractName
    abi: InterfaceAbi
    bytecode: string
}

const BUILD_DIR = path.join(PROJECT_DIR, 'contracts', 'build')
const artifacts = new Map<PayoutContractName, PayoutArtifact>()

export function payoutArtifact(name: PayoutContractName): PayoutArtifact {
    let artifact = artifacts.get(name)
    if (artifact === undefined) {
        const file = path.join(BUILD_DIR, `${name}.json`)
        if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run contracts`)
        artifact = JSON.parse(fs.readFileSync(file, 'utf8')) as PayoutArtifact
        artifacts.set(name, artifact)
    }
    return artifact
}

export function payoutInterface(name: PayoutContractName): Interface {
    return new Interface(payoutArtifact(name).abi)
}

export function payoutContractAt(name: PayoutContractName, address: string, runner: ContractRunner): Contract {
    return new Contract(address, payoutArtifact(name).abi, runner)
}

/** Deploys one of our artifacts and waits for it with waitMined (ethers' wait() hangs on anvil). */
export async function deployPayoutContract(name: PayoutContractName, signer: Signer, args: unknown[] = []): Promise<Contract> {
    const {abi, bytecode} = payoutArtifact(name)
    let address: string
    try {
        const deployed = await new ContractFactory(abi, bytecode, signer).deploy(...args)
        const tx = deployed.deploymentTransaction()
        if (tx) await waitMined(tx, `deploy ${name}`)
        address = await deployed.getAddress()
    } catch (e) {
        throw new Error(`deploying ${name} failed: ${revertReason(e)}`)
    }
    return payoutContractAt(name, address, signer)
}

export interface PayoutDeployment {
    manager: string
    stablecoin: string
}

/** Deploys a DistributionManager and a TestStablecoin (owned by the deployer, who alone can mint). */
export async function deployPayouts(rpcUrl: string, deployerIndex: number = ACCOUNT.deployer): Promise<PayoutDeployment> {
    const provider = await connect(rpcUrl)
    return deployPayoutsWith(devSigner(deployerIndex, provider))
}

/** deployPayouts for a caller that already holds the deployer's signer (and so its nonces). */
export async function deployPayoutsWith(deployer: NonceManager): Promise<PayoutDeployment> {
    const manager = await deployPayoutContract('DistributionManager', deployer)
    const stablecoin = await deployPayoutContract('TestStablecoin', deployer)
    return {manager: await manager.getAddress(), stablecoin: await stablecoin.getAddress()}
}

// ---------------------------------------------------------------- the contract's enums

/** DistributionManager.Kind, by name; the uint8 in events and views is the value. */
export const DistributionKind = {DIVIDEND: 0, COUPON: 1, REDEMPTION: 2, OTHER: 3} as const
export type DistributionKindName = keyof typeof DistributionKind
/** DistributionManager.Basis */
export const EntitlementBasis = {BY_WALLET: 0, BY_INVESTOR: 1} as const
export type EntitlementBasisName = keyof typeof EntitlementBasis
/** DistributionManager.Rounding */
export const RoundingRule = {LARGEST_REMAINDER: 0, FLOOR: 1} as const
export type RoundingRuleName = keyof typeof RoundingRule

function nameOf<T extends Record<string, number>>(values: T, value: bigint | number, what: string): keyof T & string {
    const found = Object.entries(values).find(([, v]) => v === Number(value))
    if (found === undefined) throw new Error(`unknown ${what} ${value}`)
    return found[0]
}

export const kindName = (v: bigint | number): DistributionKindName => nameOf(DistributionKind, v, 'distribution kind')
export const basisName = (v: bigint | number): EntitlementBasisName => nameOf(EntitlementBasis, v, 'entitlement basis')
export const roundingName = (v: bigint | number): RoundingRuleName => nameOf(RoundingRule, v, 'rounding rule')

// ---------------------------------------------------------------- entitlements as a Merkle tree

export interface Entitlement {
    holder: string
    amount: bigint
}

/** Leaf values as the OpenZeppelin standard format dumps them: [address, decimal string]. */
export type EntitlementLeaf = [string, string]
export type EntitlementTree = StandardMerkleTree<EntitlementLeaf>
export const ENTITLEMENT_LEAF_ENCODING = ['address', 'uint256']

/**
 * The StandardMerkleTree of (holder, amount) leaves that DistributionManager verifies. Amounts
 * are kept as decimal strings so that `tree.dump()` is plain JSON. One leaf per holder: the
 * contract pays a holder's leaf once, so a second leaf for the same holder could never be paid.
 */
export function buildEntitlementTree(entitlements: Entitlement[]): EntitlementTree {
    const seen = new Set<string>()
    const values: EntitlementLeaf[] = entitlements.map(e => {
        const holder = getAddress(e.holder)
        if (seen.has(holder)) throw new Error(`holder ${holder} has more than one entitlement`)
        if (e.amount < 0n) throw new Error(`negative entitlement for ${holder}`)
        seen.add(holder)
        return [holder, e.amount.toString()]
    })
    if (values.length === 0) throw new Error('no entitlements')
    return StandardMerkleTree.of(values, ENTITLEMENT_LEAF_ENCODING)
}

export interface EntitlementProof {
    holder: string
    amount: bigint
    proof: string[]
}

/** Every holder's amount and proof, keyed by checksummed address. */
export function entitlementProofs(tree: EntitlementTree): Map<string, EntitlementProof> {
    const proofs = new Map<string, EntitlementProof>()
    for (const [index, [holder, amount]] of tree.entries()) {
        proofs.set(getAddress(holder), {holder: getAddress(holder), amount: BigInt(amount), proof: tree.getProof(index)})
    }
    return proofs
}

export function entitlementProof(tree: EntitlementTree, holder: string): EntitlementProof {
    const wanted = getAddress(holder)
    for (const [index, [leafHolder, amount]] of tree.entries()) {
        if (getAddress(leafHolder) === wanted) return {holder: wanted, amount: BigInt(amount), proof: tree.getProof(index)}
    }
    throw new Error(`${wanted} has no entitlement in the tree`)
}

// ---------------------------------------------------------------- transactions

export interface DistributionParams {
    kind: DistributionKindName
    /** the ERC-3643 security token */
    token: string
    /** the ERC-20 paid out */
    paymentToken: string
    totalAmount: bigint
    recordBlock: number | bigint
    merkleRoot: string
    /** unix seconds */
    claimStart: number | bigint
    /** unix seconds */
    claimExpiry: number | bigint
    basis: EntitlementBasisName
    includeFrozen: boolean
    rounding: RoundingRuleName
    policyURI?: string
}

/** The CreateParams tuple of DistributionManager.createDistribution. */
export function createParams(p: DistributionParams): Record<string, unknown> {
    return {
        kind: DistributionKind[p.kind],
        token: p.token,
        paymentToken: p.paymentToken,
        totalAmount: p.totalAmount,
        recordBlock: p.recordBlock,
        merkleRoot: p.merkleRoot,
        claimStart: p.claimStart,
        claimExpiry: p.claimExpiry,
        basis: EntitlementBasis[p.basis],
        includeFrozen: p.includeFrozen,
        rounding: RoundingRule[p.rounding],
        policyURI: p.policyURI ?? '',
    }
}

/** The values of the first event `name` that `contract` emitted in `receipt`. */
export function eventArgs(contract: Contract, receipt: TransactionReceipt, name: string): Record<string, unknown> & unknown[] {
    const address = String(contract.target).toLowerCase()
    for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== address) continue
        const parsed = contract.interface.parseLog(log)
        if (parsed?.name === name) return parsed.args as unknown as Record<string, unknown> & unknown[]
    }
    throw new Error(`no ${name} event in transaction ${receipt.hash}`)
}

/** Creates a distribution as the manager's signer (an agent or the owner of the token). */
export async function createDistribution(
    manager: Contract,
    p: DistributionParams,
    /** ERC-1400: pay the holders of this partition only (createPartitionDistribution) */
    partition?: string,
): Promise<{id: bigint; receipt: TransactionReceipt}> {
    const receipt = partition == null
        ? await sendChecked(`create ${p.kind} distribution`, manager, 'createDistribution', [createParams(p)])
        : await sendChecked(`create ${p.kind} distribution of partition ${partition}`, manager, 'createPartitionDistribution', [createParams(p), partition])
    const id = eventArgs(manager, receipt, 'DistributionCreated')[0]
    if (typeof id !== 'bigint') throw new Error('DistributionCreated without id')
    return {id, receipt}
}

export async function mintStablecoin(stablecoin: Contract, to: string, amount: bigint): Promise<TransactionReceipt> {
    return sendChecked(`mint ${amount} tUSD`, stablecoin, 'mint', [to, amount])
}

/** Approves the manager for `amount` of the distribution's payment token, then funds (both as the manager's signer). */
export async function fundDistribution(manager: Contract, id: bigint, amount: bigint): Promise<TransactionReceipt> {
    const d = await manager.getFunction('getDistribution').staticCall(id) as {paymentToken: string}
    const runner = manager.runner
    if (runner === null) throw new Error('the manager contract has no signer')
    const payment = payoutContractAt('TestStablecoin', d.paymentToken, runner)
    await sendChecked(`approve distribution ${id}`, payment, 'approve', [manager.target, amount])
    return sendChecked(`fund distribution ${id}`, manager, 'fund', [id, amount])
}

/** Claims as the manager's signer, which must be the holder of the leaf. */
export async function claimEntitlement(manager: Contract, id: bigint, amount: bigint, proof: string[]): Promise<TransactionReceipt> {
    return sendChecked(`claim distribution ${id}`, manager, 'claim', [id, amount, proof])
}

/** Pushes proven entitlements as the manager's signer (an agent or owner), `batchSize` holders per transaction. */
export async function pushPayments(
    manager: Contract,
    id: bigint,
    payments: EntitlementProof[],
    batchSize = 100,
): Promise<TransactionReceipt[]> {
    const receipts: TransactionReceipt[] = []
    for (let i = 0; i < payments.length; i += batchSize) {
        const batch = payments.slice(i, i + batchSize)
        receipts.push(await sendChecked(`push payments ${i}..${i + batch.length - 1} of distribution ${id}`, manager, 'pushPayments', [
            id,
            batch.map(p => p.holder),
            batch.map(p => p.amount),
            batch.map(p => p.proof),
        ]))
    }
    return receipts
}

/** A manual payment without proof, as the manager's signer (an agent or owner). */
export async function agentPay(manager: Contract, id: bigint, holder: string, amount: bigint, memo: string): Promise<TransactionReceipt> {
    return sendChecked(`manual payment of distribution ${id}`, manager, 'agentPay', [id, holder, amount, memo])
}

export async function reclaimUnclaimed(manager: Contract, id: bigint, to: string): Promise<TransactionReceipt> {
    return sendChecked(`reclaim distribution ${id}`, manager, 'reclaim', [id, to])
}

export async function cancelDistribution(manager: Contract, id: bigint): Promise<TransactionReceipt> {
    return sendChecked(`cancel distribution ${id}`, manager, 'cancel', [id])
}

// ---------------------------------------------------------------- chain time (anvil)

/** The timestamp of the latest block. */
export async function chainTime(provider: JsonRpcProvider): Promise<number> {
    const block = await provider.getBlock('latest')
    if (block === null) throw new Error('no latest block')
    return block.timestamp
}

/** Moves anvil's clock forward and mines a block, so the latest block is `seconds` later. */
export async function increaseTime(provider: JsonRpcProvider, seconds: number): Promise<number> {
    await provider.send('evm_increaseTime', [seconds])
    await provider.send('evm_mine', [])
    return chainTime(provider)
}
