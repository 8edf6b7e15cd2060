/**
 * The "every event kind" scenario for issue 3: run after deployDemo + runDemoScenario, it drives the
 * real T-REX 4.1.6 and ONCHAINID contracts through every state change the indexer must record
 * (token administration, registries, claims, every compliance module shipped with T-REX, the
 * factory, the gateway and the DVD manager) and returns, per transaction, the events it emitted.
 *
 * Every transaction is pre-checked with an eth_call (sendChecked) and fails loudly with its step
 * name. Run standalone (starts its own anvil unless given an RPC URL):
 *   node lib/dev/complianceScenario.js [rpcUrl]
 */
import {
    AbiCoder,
    Contract,
    EventFragment,
    getBytes,
    hexlify,
    Interface,
    JsonRpcProvider,
    keccak256,
    Log,
    parseEther,
    parseUnits,
    toUtf8Bytes,
    TransactionReceipt,
    ZeroAddress,
} from 'ethers'
import { ArtifactName, contractAt, contractFactory, contractInterface } from './artifacts'
import { deployDemo, Deployment, ECDSA_KEY_TYPE, identityKey, KYC_TOPIC, MANAGEMENT_PURPOSE, TokenDeployment } from './deploy'
import { ACCOUNT, connect, DevAccounts, devWallet, revertReason, sendChecked, waitMined } from './rpc'
import { runDemoScenario } from './scenario'
import { startAnvil } from './anvil'
import { freePort } from '../ports'

/** Extra account indexes (HD path m/44'/60'/0'/0/i) used only by this scenario; all ≥ 13, so not anvil-funded. */
export const SCENARIO_ACCOUNT = {
    /** receives HOT ownership and hands it back */
    interimOwner: 13,
    /** replacement wallet of investor #7 in the wallet recovery on the gateway token */
    msnRecoveryWallet: 14,
    /** agent added to and removed from HOT, HOT's identity registry and the gateway */
    extraAgent: 16,
    /** a new investor registered, re-countried, re-identified and deleted in HOT's registry */
    newInvestor: 17,
    /** management + claim key of the second ClaimIssuer */
    secondIssuerKey: 18,
    /** the gateway's customer: deploys (and owns) the gateway token, pays the fee in RIV30 */
    gatewayClient: 19,
} as const

export const ACCREDITATION_TOPIC = 2
/** Topic of the self-attested claim the second issuer puts on its own identity. */
export const ISSUER_LICENSE_TOPIC = 3
const ECDSA_SCHEME = 1
const ACTION_PURPOSE = 2
const CLAIM_PURPOSE = 3
const TOP_UP = parseEther('100')
/** TokenListingRestrictionsModule enums */
const LISTING_WHITELISTING = 1
const INVESTOR_ADDRESS_WALLET = 0
const INVESTOR_ADDRESS_ONCHAINID = 1
const DAY = 86_400
const EXECUTE_GAS_LIMIT = 1_000_000n

/** The contract families whose events the indexer reads (the same list as scripts/extract-abi.js). */
export const INDEXED_FAMILIES = [
    'Token', 'TREXFactory', 'TREXGateway', 'IdentityRegistry', 'IdentityRegistryStorage',
    'TrustedIssuersRegistry', 'ClaimTopicsRegistry', 'ModularCompliance',
    'CountryAllowModule', 'CountryRestrictModule', 'MaxBalanceModule', 'SupplyLimitModule',
    'TransferRestrictModule', 'ConditionalTransferModule', 'TimeTransfersLimitsModule',
    'TimeExchangeLimitsModule', 'ExchangeMonthlyLimitsModule', 'TransferFeesModule',
    'TokenListingRestrictionsModule', 'DVDTransferManager', 'Identity', 'ClaimIssuer',
] as const satisfies readonly ArtifactName[]

export type IndexedFamily = typeof INDEXED_FAMILIES[number]
/** Families we can also name in receipts although the indexer does not read them. */
type Family = IndexedFamily | 'IdFactory' | 'TREXImplementationAuthority'

/** The modules this scenario deploys (each behind its own ModuleProxy, shared by all compliances). */
export const NEW_MODULES = [
    'SupplyLimitModule', 'CountryRestrictModule', 'TransferRestrictModule', 'ConditionalTransferModule',
    'TimeTransfersLimitsModule', 'ExchangeMonthlyLimitsModule', 'TimeExchangeLimitsModule',
    'TransferFeesModule', 'TokenListingRestrictionsModule',
] as const
export type NewModule = typeof NEW_MODULES[number]

export interface CatalogEvent {
    contract: IndexedFamily
    event: string
    /** canonical signature, e.g. Transfer(address,address,uint256) */
    signature: string
    topic0: string
    /** with parameter names and `indexed` markers: the same signature can be indexed differently per contract */
    declaration: string
}

export interface ScenarioLog {
    address: string
    logIndex: number
    /** the family the address belongs to, '?' if the scenario does not know it */
    contract: string
    event: string
}

export interface ScenarioStep {
    name: string
    txHash: string
    block: number
    /** transaction sender (the actor) */
    from: string
    /** "Family.Event" for every log, in log order, e.g. "Token.Transfer", "ModularCompliance.ModuleAdded" */
    events: string[]
    logs: ScenarioLog[]
}

export interface ComplianceScenarioResult {
    /** third token "Lumen Royalty Fund" (LRF, 18 decimals), deployed through the TREXFactory; shares HOT's IdentityRegistryStorage */
    lumen: TokenDeployment
    /** fourth token "Meridian Solar Notes" (MSN, 2 decimals), deployed through the TREXGateway by the gateway client */
    meridian: TokenDeployment
    gateway: string
    dvdManager: string
    secondClaimIssuer: string
    /** module name -> ModuleProxy address, for the modules this scenario deployed */
    modules: Record<NewModule, string>
    /** implementation the CountryRestrictModule proxy was upgraded to (ERC-1967 Upgraded) */
    upgradedModuleImplementation: string
    /** ModularCompliance that RIV30 was switched to and back from */
    interimCompliance: string
    accounts: {
        interimOwner: string
        extraAgent: string
        newInvestor: string
        /** IdFactory identity first registered for newInvestor */
        newInvestorIdentity: string
        /** directly deployed Identity that replaced it (updateIdentity) before the wallet was deleted */
        newInvestorReplacementIdentity: string
        gatewayClient: string
        gatewayClientIdentity: string
        secondIssuerKey: string
    }
    /** second wallet recovery: on MSN only (MSN has its own storage) */
    recovery: { token: string; lostWallet: string; newWallet: string; identity: string }
    dvd: { executedTransferId: string; cancelledTransferId: string }
    /** the investor whose KYC claim the issuer revoked last: isVerified is now false on every token, no registry event */
    revokedInvestor: { wallet: string; identity: string; claimId: string; issuer: string; privateKeyIndex: number }
    firstBlock: number
    lastBlock: number
    steps: ScenarioStep[]
}

const abi = AbiCoder.defaultAbiCoder()

function at<T>(items: readonly T[], i: number, what: string): T {
    const item = items[i]
    if (item === undefined) throw new Error(`no ${what} #${i}`)
    return item
}

function required<T>(value: T | undefined | null, what: string): T {
    if (value === undefined || value === null) throw new Error(`missing ${what}`)
    return value
}

/** ONCHAINID claim id: keccak256(abi.encode(issuer, topic)). */
export function claimId(issuer: string, topic: number): string {
    return keccak256(abi.encode(['address', 'uint256'], [issuer, topic]))
}

/** ClaimIssuer.isClaimValid recovers the eth-signed keccak256(abi.encode(identity, topic, data)). */
function signClaim(provider: JsonRpcProvider, signerIndex: number, identity: string, topic: number, data: string): Promise<string> {
    const digest = keccak256(abi.encode(['address', 'uint256', 'bytes'], [identity, topic, data]))
    return devWallet(signerIndex, provider).signMessage(getBytes(digest))
}

function utf8(text: string): string {
    return hexlify(toUtf8Bytes(text))
}

// ---------------------------------------------------------------------------------------------
// Event catalog and receipt decoding

const PROXY_ARTIFACT: Partial<Record<Family, ArtifactName>> = {
    Token: 'TokenProxy',
    IdentityRegistry: 'IdentityRegistryProxy',
    IdentityRegistryStorage: 'IdentityRegistryStorageProxy',
    TrustedIssuersRegistry: 'TrustedIssuersRegistryProxy',
    ClaimTopicsRegistry: 'ClaimTopicsRegistryProxy',
    ModularCompliance: 'ModularComplianceProxy',
}

function familyArtifact(family: Family): ArtifactName {
    if (family === 'IdFactory') return 'Factory'
    return family
}

const interfaces = new Map<Family, Interface[]>()

/** The family's own ABI, then (for T-REX proxies) the proxy's, whose constructor emits ImplementationAuthoritySet. */
function familyInterfaces(family: Family): Interface[] {
    let list = interfaces.get(family)
    if (!list) {
        list = [contractInterface(familyArtifact(family))]
        const proxy = PROXY_ARTIFACT[family]
        if (proxy) list.push(contractInterface(proxy))
        interfaces.set(family, list)
    }
    return list
}

/** Every event of every indexed contract family, straight from the npm artifacts' ABIs. */
export function eventCatalog(): CatalogEvent[] {
    const out: CatalogEvent[] = []
    for (const family of INDEXED_FAMILIES) {
        contractInterface(family).forEachEvent((fragment: EventFragment) => {
            out.push({
                contract: family,
                event: fragment.name,
                signature: fragment.format('sighash'),
                topic0: fragment.topicHash,
                declaration: fragment.format('full'),
            })
        })
    }
    return out
}

function decodeWith(family: Family, log: Log): string | undefined {
    for (const iface of familyInterfaces(family)) {
        try {
            const parsed = iface.parseLog({topics: [...log.topics], data: log.data})
            if (parsed) return parsed.name
        } catch {
            // same topic0, different indexing: not this interface
        }
    }
    return undefined
}

const ALL_FAMILIES: Family[] = [...INDEXED_FAMILIES, 'IdFactory', 'TREXImplementationAuthority']

function decodeLog(log: Log, families: Map<string, Family>): ScenarioLog {
    const family = families.get(log.address.toLowerCase())
    if (family) {
        const name = decodeWith(family, log)
        if (name) return {address: log.address, logIndex: log.index, contract: family, event: name}
    }
    // Unknown address (or an event outside its family's ABI): name it by the first family that decodes it.
    for (const candidate of ALL_FAMILIES) {
        const name = decodeWith(candidate, log)
        if (name) return {address: log.address, logIndex: log.index, contract: `?${candidate}`, event: name}
    }
    return {address: log.address, logIndex: log.index, contract: '?', event: log.topics[0] ?? '(anonymous)'}
}

// ---------------------------------------------------------------------------------------------
// Step recording

interface RawStep {
    name: string
    receipt: TransactionReceipt
}

class Recorder extends DevAccounts {
    readonly raw: RawStep[] = []
    readonly families = new Map<string, Family>()

    know(address: string, family: Family): void {
        this.families.set(address.toLowerCase(), family)
    }

    private record(name: string, receipt: TransactionReceipt): TransactionReceipt {
        if (this.raw.some(s => s.name === name)) throw new Error(`duplicate step name "${name}"`)
        this.raw.push({name, receipt})
        return receipt
    }

    async send(name: string, contract: Contract, method: string, args: unknown[]): Promise<TransactionReceipt> {
        return this.record(name, await sendChecked(name, contract, method, args))
    }

    /** Deploys an artifact as it is published; the estimate doubles as the pre-check. */
    async deploy(name: string, artifact: ArtifactName, signerIndex: number, args: unknown[], family?: Family): Promise<Contract> {
        const signer = this.signer(signerIndex)
        const tx = await contractFactory(artifact, signer).getDeployTransaction(...args)
        try {
            await signer.estimateGas(tx)
        } catch (e) {
            throw new Error(`step "${name}": deploying ${artifact} would revert: ${revertReason(e)}`)
        }
        const receipt = await waitMined(await signer.sendTransaction(tx), `step "${name}"`)
        const address = required(receipt.contractAddress, `${artifact} address`)
        if (family) this.know(address, family)
        this.record(name, receipt)
        return contractAt(artifact, address, signer)
    }

    steps(): ScenarioStep[] {
        return this.raw.map(({name, receipt}) => {
            const logs = receipt.logs.map(log => decodeLog(log, this.families))
            return {
                name,
                txHash: receipt.hash,
                block: receipt.blockNumber,
                from: receipt.from,
                events: logs.map(l => `${l.contract}.${l.event}`),
                logs,
            }
        })
    }
}

/** TREXSuiteDeployed of `factory` in a receipt (only the factory's own logs: topics are shared across contracts). */
function suiteFromReceipt(receipt: TransactionReceipt, factory: string): {
    token: string; ir: string; irs: string; tir: string; ctr: string; mc: string
} {
    const iface = contractInterface('TREXFactory')
    for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== factory.toLowerCase()) continue
        const parsed = iface.parseLog({topics: [...log.topics], data: log.data})
        if (parsed?.name === 'TREXSuiteDeployed') {
            return {
                token: parsed.args._token, ir: parsed.args._ir, irs: parsed.args._irs,
                tir: parsed.args._tir, ctr: parsed.args._ctr, mc: parsed.args._mc,
            }
        }
    }
    throw new Error('no TREXSuiteDeployed event in the receipt')
}

function dvdTransferId(receipt: TransactionReceipt, dvd: string): string {
    const iface = contractInterface('DVDTransferManager')
    for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== dvd.toLowerCase()) continue
        const parsed = iface.parseLog({topics: [...log.topics], data: log.data})
        if (parsed?.name === 'DVDTransferInitiated') return parsed.args.transferID
    }
    throw new Error('no DVDTransferInitiated event in the receipt')
}

// ---------------------------------------------------------------------------------------------
// The scenario

type Investor = Deployment['investors'][number]

export async function runComplianceScenario(rpcUrl: string, d: Deployment): Promise<ComplianceScenarioResult> {
    const provider = await connect(rpcUrl, d.chainId)
    const s = new Recorder(provider)
    const firstBlock = await provider.getBlockNumber() + 1
    const hotDep = at(d.tokens, 0, 'token')
    const rivDep = at(d.tokens, 1, 'token')
    registerDeployment(s, d)
    for (const token of [hotDep, rivDep]) {
        s.know(await s.contract('Token', token.address).getFunction('onchainID')(), 'Identity')
    }

    const OWNER = ACCOUNT.deployer
    const AGENT = ACCOUNT.agent
    const ISSUER = ACCOUNT.claimIssuer
    const A = SCENARIO_ACCOUNT
    const inv = (i: number): Investor => at(d.investors, i, 'investor')
    const invIdx = (i: number): number => inv(i).privateKeyIndex
    const countries = [...new Set(d.investors.map(i => i.country))]
    const h = (amount: string) => parseUnits(amount, hotDep.decimals)
    const r = (amount: string) => parseUnits(amount, rivDep.decimals)

    const countryAllow = required(hotDep.modules.CountryAllowModule, 'CountryAllowModule of HOT')
    const maxBalance = required(hotDep.modules.MaxBalanceModule, 'MaxBalanceModule of HOT')
    const hot = (signer: number) => s.contract('Token', hotDep.address, signer)
    const riv = (signer: number) => s.contract('Token', rivDep.address, signer)
    const hotIr = (signer: number) => s.contract('IdentityRegistry', hotDep.identityRegistry, signer)
    const idFactory = s.contract('Factory', d.idFactory, OWNER)
    const claimIssuer = s.contract('ClaimIssuer', d.claimIssuer, ISSUER)
    const trexFactory = s.contract('TREXFactory', d.trexFactory, OWNER)

    await topUp(s, [A.interimOwner, A.msnRecoveryWallet, A.extraAgent, A.newInvestor, A.secondIssuerKey, A.gatewayClient])

    // --- New identities -------------------------------------------------------------------------
    const newInvestor = s.address(A.newInvestor)
    const gatewayClient = s.address(A.gatewayClient)
    const newInvestorIdentity = await createIdentity(s, idFactory, A.newInvestor, 'investor-17')
    const gatewayClientIdentity = await createIdentity(s, idFactory, A.gatewayClient, 'client-19')
    const replacement = await s.deploy('new investor: deploy a replacement Identity directly',
        'Identity', A.newInvestor, [newInvestor, false], 'Identity')
    const newInvestorReplacementIdentity = await replacement.getAddress()
    for (const [identity, holder, label] of [
        [newInvestorIdentity, A.newInvestor, 'new investor'],
        [newInvestorReplacementIdentity, A.newInvestor, 'new investor replacement identity'],
        [gatewayClientIdentity, A.gatewayClient, 'gateway client'],
    ] as const) {
        await addKycClaim(s, identity, holder, d.claimIssuer, `${label}: add KYC claim`, `KYC approved for ${s.address(holder)}`)
    }

    // --- Token administration on HOT --------------------------------------------------------------
    const extraAgent = s.address(A.extraAgent)
    await s.send('HOT: add agent 16', hot(OWNER), 'addAgent', [extraAgent])
    await s.send('HOT: agent 16 batch-freezes wallets 5 and 6', hot(A.extraAgent), 'batchSetAddressFrozen',
        [[inv(5).wallet, inv(6).wallet], [true, true]])
    await s.send('HOT: batch-unfreeze wallets 5 and 6', hot(AGENT), 'batchSetAddressFrozen',
        [[inv(5).wallet, inv(6).wallet], [false, false]])
    await s.send('HOT: remove agent 16', hot(OWNER), 'removeAgent', [extraAgent])

    const interimOwner = s.address(A.interimOwner)
    const hotOnchainId: string = await hot(OWNER).getFunction('onchainID')()
    await s.send('HOT: transfer ownership to account 13', hot(OWNER), 'transferOwnership', [interimOwner])
    await s.send('HOT: interim owner re-sets the ONCHAINID', hot(A.interimOwner), 'setOnchainID', [hotOnchainId])
    await s.send('HOT: ownership back to the deployer', hot(A.interimOwner), 'transferOwnership', [d.deployer])
    await s.send('HOT: re-set identity registry', hot(OWNER), 'setIdentityRegistry', [hotDep.identityRegistry])

    await s.send('HOT: batch freeze partial tokens of 0 and 2', hot(AGENT), 'batchFreezePartialTokens',
        [[inv(0).wallet, inv(2).wallet], [h('10'), h('20')]])
    await s.send('HOT: batch unfreeze partial tokens of 0', hot(AGENT), 'batchUnfreezePartialTokens',
        [[inv(0).wallet], [h('10')]])
    await s.send('HOT: investor 0 batch-transfers to 2 and 3', hot(invIdx(0)), 'batchTransfer',
        [[inv(2).wallet, inv(3).wallet], [h('5'), h('5')]])
    await s.send('HOT: batch mint to 5 and 6', hot(AGENT), 'batchMint', [[inv(5).wallet, inv(6).wallet], [h('25'), h('25')]])

    // --- RIV30: batch enforcement, allowances, compliance switch ---------------------------------
    await s.send('RIV30: batch forced transfer 8->2 and 9->3', riv(AGENT), 'batchForcedTransfer',
        [[inv(8).wallet, inv(9).wallet], [inv(2).wallet, inv(3).wallet], [r('100'), r('50')]])
    await s.send('RIV30: batch burn from 1 and 3', riv(AGENT), 'batchBurn', [[inv(1).wallet, inv(3).wallet], [r('10'), r('20')]])
    await s.send('RIV30: investor 1 approves investor 5', riv(invIdx(1)), 'approve', [inv(5).wallet, r('500')])
    await s.send('RIV30: investor 5 transferFrom 1 to 6', riv(invIdx(5)), 'transferFrom', [inv(1).wallet, inv(6).wallet, r('300')])
    await s.send('RIV30: investor 1 decreases the allowance to 0', riv(invIdx(1)), 'decreaseAllowance', [inv(5).wallet, r('200')])
    await s.send('RIV30: pause', riv(AGENT), 'pause', [])
    await s.send('RIV30: unpause', riv(AGENT), 'unpause', [])

    const interimCompliance = await s.deploy('deploy an interim ModularCompliance (proxy)', 'ModularComplianceProxy',
        OWNER, [d.implementationAuthority], 'ModularCompliance')
    const interimComplianceAddress = await interimCompliance.getAddress()
    await s.send('RIV30: switch to the interim compliance', riv(OWNER), 'setCompliance', [interimComplianceAddress])
    await s.send('RIV30: switch back to its compliance', riv(OWNER), 'setCompliance', [rivDep.compliance])

    // --- HOT identity registry and its storage ----------------------------------------------------
    await s.send('HOT IR: add agent 16', hotIr(OWNER), 'addAgent', [extraAgent])
    await s.send('HOT IR: agent 16 registers the new investor', hotIr(A.extraAgent), 'registerIdentity',
        [newInvestor, newInvestorIdentity, 250])
    await s.send('HOT IR: update country of the new investor', hotIr(AGENT), 'updateCountry', [newInvestor, 276])
    await s.send('HOT IR: update identity of the new investor', hotIr(AGENT), 'updateIdentity',
        [newInvestor, newInvestorReplacementIdentity])
    await s.send('HOT IR: agent 16 deletes the new investor', hotIr(A.extraAgent), 'deleteIdentity', [newInvestor])
    await s.send('HOT IR: remove agent 16', hotIr(OWNER), 'removeAgent', [extraAgent])
    await s.send('HOT IR: re-set identity storage', hotIr(OWNER), 'setIdentityRegistryStorage', [hotDep.identityRegistryStorage])
    await s.send('HOT IR: re-set claim topics registry', hotIr(OWNER), 'setClaimTopicsRegistry', [hotDep.claimTopicsRegistry])
    await s.send('HOT IR: re-set trusted issuers registry', hotIr(OWNER), 'setTrustedIssuersRegistry', [hotDep.trustedIssuersRegistry])

    // --- Second claim issuer, claims, trusted issuers, claim topics -------------------------------
    const secondIssuerKey = s.address(A.secondIssuerKey)
    const issuer2 = await s.deploy('deploy a second ClaimIssuer', 'ClaimIssuer', A.secondIssuerKey, [secondIssuerKey], 'ClaimIssuer')
    const issuer2Address = await issuer2.getAddress()
    await s.send('second issuer: add claim signer key', issuer2, 'addKey', [identityKey(secondIssuerKey), CLAIM_PURPOSE, ECDSA_KEY_TYPE])
    await s.send('second issuer: self-attested licence claim', issuer2, 'addClaim',
        [ISSUER_LICENSE_TOPIC, ECDSA_SCHEME, issuer2Address, '0x', utf8('licensed claim issuer'), 'https://issuer.example/licence'])
    await s.send('second issuer: update its licence claim', issuer2, 'addClaim',
        [ISSUER_LICENSE_TOPIC, ECDSA_SCHEME, issuer2Address, '0x', utf8('licensed claim issuer, renewed'), 'https://issuer.example/licence'])
    await s.send('second issuer: remove its licence claim', issuer2, 'removeClaim', [claimId(issuer2Address, ISSUER_LICENSE_TOPIC)])

    const id0 = s.contract('Identity', inv(0).identity, invIdx(0))
    const accreditation = utf8(`accredited investor ${inv(0).wallet}`)
    await s.send('investor 0: add accreditation claim from the second issuer', id0, 'addClaim', [
        ACCREDITATION_TOPIC, ECDSA_SCHEME, issuer2Address,
        await signClaim(provider, A.secondIssuerKey, inv(0).identity, ACCREDITATION_TOPIC, accreditation), accreditation, '',
    ])
    const renewedKyc = utf8(`KYC renewed for ${inv(0).wallet}`)
    await s.send('investor 0: renew KYC claim (same issuer and topic)', id0, 'addClaim', [
        KYC_TOPIC, ECDSA_SCHEME, d.claimIssuer,
        await signClaim(provider, ISSUER, inv(0).identity, KYC_TOPIC, renewedKyc), renewedKyc, 'https://kyc.example/renewal',
    ])

    const hotTir = s.contract('TrustedIssuersRegistry', hotDep.trustedIssuersRegistry, OWNER)
    const hotCtr = s.contract('ClaimTopicsRegistry', hotDep.claimTopicsRegistry, OWNER)
    await s.send('HOT TIR: trust the second issuer for accreditation', hotTir, 'addTrustedIssuer', [issuer2Address, [ACCREDITATION_TOPIC]])
    await s.send('HOT CTR: require accreditation', hotCtr, 'addClaimTopic', [ACCREDITATION_TOPIC])
    await s.send('HOT CTR: drop the accreditation requirement', hotCtr, 'removeClaimTopic', [ACCREDITATION_TOPIC])
    await s.send('HOT TIR: second issuer also trusted for KYC', hotTir, 'updateIssuerClaimTopics',
        [issuer2Address, [KYC_TOPIC, ACCREDITATION_TOPIC]])
    await s.send('HOT TIR: remove the second issuer', hotTir, 'removeTrustedIssuer', [issuer2Address])
    await s.send('investor 0: remove the accreditation claim', id0, 'removeClaim', [claimId(issuer2Address, ACCREDITATION_TOPIC)])
    await s.send('second issuer: remove its claim signer key', issuer2, 'removeKey', [identityKey(secondIssuerKey), CLAIM_PURPOSE])

    // --- ONCHAINID keys and executions on investor 0's identity ----------------------------------
    const interimKey = identityKey(interimOwner)
    await s.send('investor 0: add an action key', id0, 'addKey', [interimKey, ACTION_PURPOSE, ECDSA_KEY_TYPE])
    await s.send('investor 0: remove the action key', id0, 'removeKey', [interimKey, ACTION_PURPOSE])
    // execute() swallows a failing inner call (ExecutionFailed), so a gas estimate finds a limit at which the
    // inner call runs out of gas while the transaction succeeds: give these an explicit gas limit.
    const idIface = contractInterface('Identity')
    const executeGas = {gasLimit: EXECUTE_GAS_LIMIT}
    await s.send('investor 0: execute addKey through its identity', id0, 'execute',
        [inv(0).identity, 0, idIface.encodeFunctionData('addKey', [interimKey, ACTION_PURPOSE, ECDSA_KEY_TYPE]), executeGas])
    await s.send('investor 0: execute removeKey through its identity', id0, 'execute',
        [inv(0).identity, 0, idIface.encodeFunctionData('removeKey', [interimKey, ACTION_PURPOSE]), executeGas])
    await s.send('investor 0: execution that fails (key already removed)', id0, 'execute',
        [inv(0).identity, 0, idIface.encodeFunctionData('removeKey', [interimKey, ACTION_PURPOSE]), executeGas])
    await s.send('second issuer: execute addKey through itself', issuer2, 'execute',
        [issuer2Address, 0, idIface.encodeFunctionData('addKey', [interimKey, ACTION_PURPOSE, ECDSA_KEY_TYPE]), executeGas])
    await s.send('second issuer: execution that fails (unknown key)', issuer2, 'execute',
        [issuer2Address, 0, idIface.encodeFunctionData('removeKey', [identityKey(extraAgent), ACTION_PURPOSE]), executeGas])
    await s.send('second issuer: remove the action key', issuer2, 'removeKey', [interimKey, ACTION_PURPOSE])

    // --- Compliance modules -----------------------------------------------------------------------
    const modules = {} as Record<NewModule, string>
    for (const name of NEW_MODULES) {
        const implementation = await s.deploy(`deploy ${name} implementation`, name, OWNER, [])
        const proxy = await s.deploy(`deploy ${name} proxy`, 'ModuleProxy', OWNER,
            [await implementation.getAddress(), contractInterface(name).encodeFunctionData('initialize')], name)
        modules[name] = await proxy.getAddress()
    }
    const encode = (module: ArtifactName, fn: string, args: unknown[] = []) => contractInterface(module).encodeFunctionData(fn, args)

    // The interim compliance (no token bound any more) binds and unbinds the modules that stay bound
    // elsewhere, so each module also emits ComplianceUnbound. MaxBalanceModule only binds to a
    // compliance without a token once its owner declares the preset complete.
    const interimMc = s.contract('ModularCompliance', interimComplianceAddress, OWNER)
    await s.send('max balance: preset complete for the interim compliance', s.contract('MaxBalanceModule', maxBalance, OWNER),
        'presetCompleted', [interimComplianceAddress])
    for (const [name, address] of [
        ['CountryAllowModule', countryAllow],
        ['MaxBalanceModule', maxBalance],
        ['SupplyLimitModule', modules.SupplyLimitModule],
        ['CountryRestrictModule', modules.CountryRestrictModule],
        ['TimeTransfersLimitsModule', modules.TimeTransfersLimitsModule],
        ['ExchangeMonthlyLimitsModule', modules.ExchangeMonthlyLimitsModule],
        ['TimeExchangeLimitsModule', modules.TimeExchangeLimitsModule],
    ] as const) {
        await s.send(`interim compliance: add ${name}`, interimMc, 'addModule', [address])
        await s.send(`interim compliance: remove ${name}`, interimMc, 'removeModule', [address])
    }

    // --- Third token through the factory: Lumen Royalty Fund, sharing HOT's identity storage -------
    const LRF = {salt: 'LRF', name: 'Lumen Royalty Fund', symbol: 'LRF', decimals: 18}
    const l = (amount: string) => parseUnits(amount, LRF.decimals)
    const lrfReceipt = await s.send('factory: deploy the LRF suite (shared identity storage)', trexFactory, 'deployTREXSuite', [
        LRF.salt,
        {
            owner: d.deployer, name: LRF.name, symbol: LRF.symbol, decimals: LRF.decimals,
            irs: hotDep.identityRegistryStorage, ONCHAINID: ZeroAddress, irAgents: [d.agent], tokenAgents: [d.agent],
            complianceModules: [countryAllow, modules.SupplyLimitModule],
            complianceSettings: [
                encode('CountryAllowModule', 'batchAllowCountries', [countries]),
                encode('SupplyLimitModule', 'setSupplyLimit', [l('50000')]),
            ],
        },
        {claimTopics: [KYC_TOPIC], issuers: [d.claimIssuer], issuerClaims: [[KYC_TOPIC]]},
    ])
    const lrfSuite = suiteFromReceipt(lrfReceipt, d.trexFactory)
    registerSuite(s, lrfSuite)
    s.know(await s.contract('Token', lrfSuite.token).getFunction('onchainID')(), 'Identity')
    const lrf = (signer: number) => s.contract('Token', lrfSuite.token, signer)
    const lrfMc = s.contract('ModularCompliance', lrfSuite.mc, OWNER)
    const callModule = (step: string, module: string, data: string) =>
        s.send(step, lrfMc, 'callModuleFunction', [data, module])

    await s.send('LRF: unpause', lrf(AGENT), 'unpause', [])
    await s.send('LRF: batch mint to 0, 1, 2, 3, 5', lrf(AGENT), 'batchMint', [
        [0, 1, 2, 3, 5].map(i => inv(i).wallet), ['10000', '8000', '6000', '4000', '2000'].map(l),
    ])
    await callModule('LRF: raise the supply limit', modules.SupplyLimitModule,
        encode('SupplyLimitModule', 'setSupplyLimit', [l('100000')]))
    await callModule('LRF: allow the United Kingdom', countryAllow, encode('CountryAllowModule', 'addAllowedCountry', [826]))
    await callModule('LRF: unallow the United Kingdom', countryAllow, encode('CountryAllowModule', 'removeAllowedCountry', [826]))
    await callModule('LRF: batch allow Japan and Canada', countryAllow, encode('CountryAllowModule', 'batchAllowCountries', [[392, 124]]))
    await callModule('LRF: batch unallow Japan and Canada', countryAllow, encode('CountryAllowModule', 'batchDisallowCountries', [[392, 124]]))

    // CountryRestrictModule stays bound, with no restriction left.
    await s.send('LRF: add CountryRestrictModule', lrfMc, 'addModule', [modules.CountryRestrictModule])
    await callModule('LRF: restrict the USA', modules.CountryRestrictModule, encode('CountryRestrictModule', 'addCountryRestriction', [840]))
    await callModule('LRF: batch restrict UK and Japan', modules.CountryRestrictModule,
        encode('CountryRestrictModule', 'batchRestrictCountries', [[826, 392]]))
    await callModule('LRF: lift the USA restriction', modules.CountryRestrictModule,
        encode('CountryRestrictModule', 'removeCountryRestriction', [840]))
    await callModule('LRF: batch lift UK and Japan', modules.CountryRestrictModule,
        encode('CountryRestrictModule', 'batchUnrestrictCountries', [[826, 392]]))

    // TransferRestrictModule: only transfers from/to allowed users pass; removed afterwards.
    await s.send('LRF: add TransferRestrictModule', lrfMc, 'addModule', [modules.TransferRestrictModule])
    await callModule('LRF: allow user 0', modules.TransferRestrictModule, encode('TransferRestrictModule', 'allowUser', [inv(0).wallet]))
    await callModule('LRF: batch allow users 1 and 2', modules.TransferRestrictModule,
        encode('TransferRestrictModule', 'batchAllowUsers', [[inv(1).wallet, inv(2).wallet]]))
    await s.send('LRF: allowed investor 0 transfers to 3', lrf(invIdx(0)), 'transfer', [inv(3).wallet, l('100')])
    await callModule('LRF: disallow user 0', modules.TransferRestrictModule, encode('TransferRestrictModule', 'disallowUser', [inv(0).wallet]))
    await callModule('LRF: batch disallow users 1 and 2', modules.TransferRestrictModule,
        encode('TransferRestrictModule', 'batchDisallowUsers', [[inv(1).wallet, inv(2).wallet]]))
    await s.send('LRF: remove TransferRestrictModule', lrfMc, 'removeModule', [modules.TransferRestrictModule])

    // ConditionalTransferModule: every transfer (and mint) needs a prior approval; removed afterwards.
    await s.send('LRF: add ConditionalTransferModule', lrfMc, 'addModule', [modules.ConditionalTransferModule])
    await callModule('LRF: approve transfer 1 -> 2 of 250', modules.ConditionalTransferModule,
        encode('ConditionalTransferModule', 'approveTransfer', [inv(1).wallet, inv(2).wallet, l('250')]))
    await s.send('LRF: approved transfer 1 -> 2 (consumes the approval)', lrf(invIdx(1)), 'transfer', [inv(2).wallet, l('250')])
    await callModule('LRF: batch approve transfer 2 -> 3 of 50', modules.ConditionalTransferModule,
        encode('ConditionalTransferModule', 'batchApproveTransfers', [[inv(2).wallet], [inv(3).wallet], [l('50')]]))
    await callModule('LRF: batch unapprove transfer 2 -> 3', modules.ConditionalTransferModule,
        encode('ConditionalTransferModule', 'batchUnApproveTransfers', [[inv(2).wallet], [inv(3).wallet], [l('50')]]))
    await callModule('LRF: approve transfer 3 -> 1 of 10', modules.ConditionalTransferModule,
        encode('ConditionalTransferModule', 'approveTransfer', [inv(3).wallet, inv(1).wallet, l('10')]))
    await callModule('LRF: unapprove transfer 3 -> 1', modules.ConditionalTransferModule,
        encode('ConditionalTransferModule', 'unApproveTransfer', [inv(3).wallet, inv(1).wallet, l('10')]))
    await s.send('LRF: remove ConditionalTransferModule', lrfMc, 'removeModule', [modules.ConditionalTransferModule])

    // TimeTransfersLimitsModule stays bound with a 1,000 LRF per day and sender limit.
    await s.send('LRF: add TimeTransfersLimitsModule', lrfMc, 'addModule', [modules.TimeTransfersLimitsModule])
    await callModule('LRF: daily transfer limit 1,000', modules.TimeTransfersLimitsModule,
        encode('TimeTransfersLimitsModule', 'setTimeTransferLimit', [{limitTime: DAY, limitValue: l('1000')}]))
    await callModule('LRF: batch set hourly limit 500', modules.TimeTransfersLimitsModule,
        encode('TimeTransfersLimitsModule', 'batchSetTimeTransferLimit', [[{limitTime: 3600, limitValue: l('500')}]]))
    await s.send('LRF: investor 2 transfers 300 to 3 within the limits', lrf(invIdx(2)), 'transfer', [inv(3).wallet, l('300')])
    await callModule('LRF: remove the hourly limit', modules.TimeTransfersLimitsModule,
        encode('TimeTransfersLimitsModule', 'removeTimeTransferLimit', [3600]))

    // Exchange limits: investor 3's identity is tagged as an exchange (module owner = deployer), limited, untagged.
    const exchangeId = inv(3).identity
    const monthly = s.contract('ExchangeMonthlyLimitsModule', modules.ExchangeMonthlyLimitsModule, OWNER)
    const timeExchange = s.contract('TimeExchangeLimitsModule', modules.TimeExchangeLimitsModule, OWNER)
    await s.send('LRF: add ExchangeMonthlyLimitsModule', lrfMc, 'addModule', [modules.ExchangeMonthlyLimitsModule])
    await s.send('LRF: add TimeExchangeLimitsModule', lrfMc, 'addModule', [modules.TimeExchangeLimitsModule])
    await s.send('monthly limits: tag investor 3 identity as exchange', monthly, 'addExchangeID', [exchangeId])
    await s.send('time exchange limits: tag investor 3 identity as exchange', timeExchange, 'addExchangeID', [exchangeId])
    await callModule('LRF: exchange monthly limit 5,000', modules.ExchangeMonthlyLimitsModule,
        encode('ExchangeMonthlyLimitsModule', 'setExchangeMonthlyLimit', [exchangeId, l('5000')]))
    await callModule('LRF: exchange daily limit 2,000', modules.TimeExchangeLimitsModule,
        encode('TimeExchangeLimitsModule', 'setExchangeLimit', [exchangeId, {limitTime: DAY, limitValue: l('2000')}]))
    await s.send('LRF: investor 0 sends 200 to the exchange (investor 3)', lrf(invIdx(0)), 'transfer', [inv(3).wallet, l('200')])
    await s.send('monthly limits: untag the exchange', monthly, 'removeExchangeID', [exchangeId])
    await s.send('time exchange limits: untag the exchange', timeExchange, 'removeExchangeID', [exchangeId])

    // TransferFeesModule: must be a token agent to bind (it force-transfers the fee); removed afterwards.
    await s.send('LRF: make TransferFeesModule an agent', lrf(OWNER), 'addAgent', [modules.TransferFeesModule])
    await s.send('LRF: add TransferFeesModule', lrfMc, 'addModule', [modules.TransferFeesModule])
    await callModule('LRF: 1% fee to investor 5', modules.TransferFeesModule,
        encode('TransferFeesModule', 'setFee', [100, inv(5).wallet]))
    await s.send('LRF: investor 0 transfers 100 to 1 (fee force-moved from 1 to 5)', lrf(invIdx(0)), 'transfer', [inv(1).wallet, l('100')])
    await callModule('LRF: fee back to 0', modules.TransferFeesModule, encode('TransferFeesModule', 'setFee', [0, inv(5).wallet]))
    await s.send('LRF: remove TransferFeesModule', lrfMc, 'removeModule', [modules.TransferFeesModule])
    await s.send('LRF: TransferFeesModule no longer an agent', lrf(OWNER), 'removeAgent', [modules.TransferFeesModule])

    // TokenListingRestrictionsModule: whitelisting, investors list themselves; removed afterwards.
    const listing = (signer: number) => s.contract('TokenListingRestrictionsModule', modules.TokenListingRestrictionsModule, signer)
    await s.send('LRF: add TokenListingRestrictionsModule', lrfMc, 'addModule', [modules.TokenListingRestrictionsModule])
    await callModule('LRF: listing by whitelist', modules.TokenListingRestrictionsModule,
        encode('TokenListingRestrictionsModule', 'configureToken', [LISTING_WHITELISTING]))
    await s.send('listing: investor 2 lists LRF for its wallet', listing(invIdx(2)), 'listToken', [lrfSuite.token, INVESTOR_ADDRESS_WALLET])
    await s.send('listing: investor 3 lists LRF for its identity', listing(invIdx(3)), 'batchListTokens',
        [[lrfSuite.token], INVESTOR_ADDRESS_ONCHAINID])
    await s.send('LRF: investor 1 transfers 50 to listed investor 2', lrf(invIdx(1)), 'transfer', [inv(2).wallet, l('50')])
    await s.send('listing: investor 3 unlists LRF', listing(invIdx(3)), 'unlistToken', [lrfSuite.token, INVESTOR_ADDRESS_ONCHAINID])
    await s.send('listing: investor 2 batch-unlists LRF', listing(invIdx(2)), 'batchUnlistTokens', [[lrfSuite.token], INVESTOR_ADDRESS_WALLET])
    await s.send('LRF: remove TokenListingRestrictionsModule', lrfMc, 'removeModule', [modules.TokenListingRestrictionsModule])

    // MaxBalanceModule binds to a compliance with supply only after the owner presets the identities' balances.
    const lrfIr = s.contract('IdentityRegistry', lrfSuite.ir)
    const presets = new Map<string, bigint>()
    for (const i of [0, 1, 2, 3, 5]) {
        const balance: bigint = await lrf(OWNER).getFunction('balanceOf')(inv(i).wallet)
        const identity: string = await lrfIr.getFunction('identity')(inv(i).wallet)
        if (balance > 0n) presets.set(identity, (presets.get(identity) ?? 0n) + balance)
    }
    const maxBalanceModule = s.contract('MaxBalanceModule', maxBalance, OWNER)
    await s.send('max balance: preset LRF identity balances', maxBalanceModule, 'batchPreSetModuleState',
        [lrfSuite.mc, [...presets.keys()], [...presets.values()]])
    await s.send('max balance: preset complete for LRF', maxBalanceModule, 'presetCompleted', [lrfSuite.mc])
    await s.send('LRF: add MaxBalanceModule', lrfMc, 'addModule', [maxBalance])
    await callModule('LRF: max balance 20,000', maxBalance, encode('MaxBalanceModule', 'setMaxBalance', [l('20000')]))
    await s.send('LRF: investor 5 transfers 100 to 0 under the max balance', lrf(invIdx(5)), 'transfer', [inv(0).wallet, l('100')])

    await s.send('LRF: pause', lrf(AGENT), 'pause', [])
    await s.send('LRF: unpause again', lrf(AGENT), 'unpause', [])
    await s.send('LRF: burn from investor 3', lrf(AGENT), 'burn', [inv(3).wallet, l('40')])

    // --- Gateway client becomes a RIV30 holder (it pays the gateway fee in RIV30) ------------------
    await s.send('RIV30 IR: register the gateway client', s.contract('IdentityRegistry', rivDep.identityRegistry, AGENT),
        'registerIdentity', [gatewayClient, gatewayClientIdentity, 250])
    await s.send('RIV30: mint to the gateway client', riv(AGENT), 'mint', [gatewayClient, r('1000')])

    // --- TREXGateway: the factory is handed to a gateway, a client deploys a suite through it -----
    const gateway = await s.deploy('deploy TREXGateway (private deployments)', 'TREXGateway', OWNER, [d.trexFactory, false], 'TREXGateway')
    const gatewayAddress = await gateway.getAddress()
    const gatewayAs = (signer: number) => s.contract('TREXGateway', gatewayAddress, signer)
    await s.send('factory: ownership to the gateway', trexFactory, 'transferOwnership', [gatewayAddress])
    await s.send('gateway: add agent 16', gatewayAs(OWNER), 'addAgent', [extraAgent])
    await s.send('gateway: agent 16 batch-adds deployers 19 and 13', gatewayAs(A.extraAgent), 'batchAddDeployer', [[gatewayClient, interimOwner]])
    await s.send('gateway: agent 16 removes deployer 13', gatewayAs(A.extraAgent), 'removeDeployer', [interimOwner])
    await s.send('gateway: add deployer 13 again', gatewayAs(OWNER), 'addDeployer', [interimOwner])
    await s.send('gateway: deployment fee 100 RIV30 to investor 8', gatewayAs(OWNER), 'setDeploymentFee', [r('100'), rivDep.address, inv(8).wallet])
    await s.send('gateway: enable the deployment fee', gatewayAs(OWNER), 'enableDeploymentFee', [true])
    await s.send('gateway: agent 16 gives the client 50% off', gatewayAs(A.extraAgent), 'applyFeeDiscount', [gatewayClient, 5000])
    await s.send('gateway: batch fee discount for deployer 13', gatewayAs(OWNER), 'batchApplyFeeDiscount', [[interimOwner], [10000]])
    await s.send('RIV30: gateway client approves the gateway fee', riv(A.gatewayClient), 'approve', [gatewayAddress, r('50')])
    const MSN = {name: 'Meridian Solar Notes', symbol: 'MSN', decimals: 2}
    const msnReceipt = await s.send('gateway: client deploys the MSN suite (pays the fee)', gatewayAs(A.gatewayClient), 'deployTREXSuite', [
        {
            owner: gatewayClient, name: MSN.name, symbol: MSN.symbol, decimals: MSN.decimals,
            irs: ZeroAddress, ONCHAINID: ZeroAddress, irAgents: [d.agent], tokenAgents: [d.agent],
            complianceModules: [countryAllow],
            complianceSettings: [encode('CountryAllowModule', 'batchAllowCountries', [countries])],
        },
        {claimTopics: [KYC_TOPIC], issuers: [d.claimIssuer], issuerClaims: [[KYC_TOPIC]]},
    ])
    const msnSuite = suiteFromReceipt(msnReceipt, d.trexFactory)
    registerSuite(s, msnSuite)
    s.know(await s.contract('Token', msnSuite.token).getFunction('onchainID')(), 'Identity')
    await s.send('gateway: disable the deployment fee', gatewayAs(OWNER), 'enableDeploymentFee', [false])
    await s.send('gateway: open public deployments', gatewayAs(OWNER), 'setPublicDeploymentStatus', [true])
    await s.send('gateway: batch remove deployers 19 and 13', gatewayAs(OWNER), 'batchRemoveDeployer', [[gatewayClient, interimOwner]])
    await s.send('gateway: remove agent 16', gatewayAs(OWNER), 'removeAgent', [extraAgent])
    await s.send('gateway: re-set the factory', gatewayAs(OWNER), 'setFactory', [d.trexFactory])
    await s.send('gateway: factory ownership back to the deployer', gatewayAs(OWNER), 'transferFactoryOwnership', [d.deployer])
    await s.send('factory: re-set the IdFactory', trexFactory, 'setIdFactory', [d.idFactory])
    await s.send('factory: re-set the implementation authority', trexFactory, 'setImplementationAuthority', [d.implementationAuthority])

    // MSN has its own storage: register two investors, issue, and recover investor 7's wallet there.
    const msn = (signer: number) => s.contract('Token', msnSuite.token, signer)
    const m = (amount: string) => parseUnits(amount, MSN.decimals)
    await s.send('MSN IR: register investors 6 and 7', s.contract('IdentityRegistry', msnSuite.ir, AGENT), 'batchRegisterIdentity',
        [[inv(6).wallet, inv(7).wallet], [inv(6).identity, inv(7).identity], [inv(6).country, inv(7).country]])
    await s.send('MSN: unpause', msn(AGENT), 'unpause', [])
    await s.send('MSN: batch mint to 6 and 7', msn(AGENT), 'batchMint', [[inv(6).wallet, inv(7).wallet], [m('5000.50'), m('2500.25')]])
    await s.send('MSN: freeze part of investor 7', msn(AGENT), 'freezePartialTokens', [inv(7).wallet, m('100')])
    const msnRecoveryWallet = s.address(A.msnRecoveryWallet)
    await s.send('investor 7: add recovery wallet as management key', s.contract('Identity', inv(7).identity, invIdx(7)), 'addKey',
        [identityKey(msnRecoveryWallet), MANAGEMENT_PURPOSE, ECDSA_KEY_TYPE])
    await s.send('MSN: recover investor 7 wallet', msn(AGENT), 'recoveryAddress', [inv(7).wallet, msnRecoveryWallet, inv(7).identity])
    await s.send('MSN: owner (gateway client) renames the token', msn(A.gatewayClient), 'setName', [`${MSN.name} Series 1`])

    // --- DVD: HOT against RIV30, 1% RIV30 fee to investor 8 ----------------------------------------
    const dvd = await s.deploy('deploy DVDTransferManager', 'DVDTransferManager', OWNER, [], 'DVDTransferManager')
    const dvdAddress = await dvd.getAddress()
    const dvdAs = (signer: number) => s.contract('DVDTransferManager', dvdAddress, signer)
    await s.send('DVD: 1% fee on the RIV30 leg of HOT/RIV30', dvdAs(OWNER), 'modifyFee',
        [hotDep.address, rivDep.address, 0, 1, 2, ZeroAddress, inv(8).wallet])
    await s.send('HOT: investor 0 approves the DVD manager', hot(invIdx(0)), 'approve', [dvdAddress, h('20')])
    const initiated = await s.send('DVD: investor 0 offers 20 HOT for 2,000 RIV30 of investor 2', dvdAs(invIdx(0)),
        'initiateDVDTransfer', [hotDep.address, h('20'), inv(2).wallet, rivDep.address, r('2000')])
    const executedTransferId = dvdTransferId(initiated, dvdAddress)
    await s.send('RIV30: investor 2 approves the DVD manager', riv(invIdx(2)), 'approve', [dvdAddress, r('2000')])
    await s.send('DVD: investor 2 takes the offer', dvdAs(invIdx(2)), 'takeDVDTransfer', [executedTransferId])
    await s.send('RIV30: investor 1 approves the DVD manager', riv(invIdx(1)), 'approve', [dvdAddress, r('100')])
    const offered = await s.send('DVD: investor 1 offers 100 RIV30 for 1 HOT of investor 3', dvdAs(invIdx(1)),
        'initiateDVDTransfer', [rivDep.address, r('100'), inv(3).wallet, hotDep.address, h('1')])
    const cancelledTransferId = dvdTransferId(offered, dvdAddress)
    await s.send('DVD: investor 3 cancels', dvdAs(invIdx(3)), 'cancelDVDTransfer', [cancelledTransferId])
    await s.send('RIV30: investor 1 withdraws the DVD allowance', riv(invIdx(1)), 'approve', [dvdAddress, 0])

    // --- HOT's storage: recovered from the factory, LRF's registry unbound and bound again ---------
    const hotIrs = s.contract('IdentityRegistryStorage', hotDep.identityRegistryStorage, OWNER)
    await s.send('factory: recover ownership of HOT storage', trexFactory, 'recoverContractOwnership',
        [hotDep.identityRegistryStorage, d.deployer])
    await s.send('HOT storage: unbind the LRF registry', hotIrs, 'unbindIdentityRegistry', [lrfSuite.ir])
    await s.send('HOT storage: bind the LRF registry again', hotIrs, 'bindIdentityRegistry', [lrfSuite.ir])

    // --- Module upgrade (UUPS, owner = deployer) ----------------------------------------------------
    const upgraded = await s.deploy('deploy a new CountryRestrictModule implementation', 'CountryRestrictModule', OWNER, [])
    const upgradedModuleImplementation = await upgraded.getAddress()
    await s.send('CountryRestrictModule: upgrade the proxy', s.contract('CountryRestrictModule', modules.CountryRestrictModule, OWNER),
        'upgradeTo', [upgradedModuleImplementation])

    // --- Last: the issuer revokes investor 9's KYC claim (no registry event; isVerified turns false) --
    const revoked = inv(9)
    const revokedClaimId = claimId(d.claimIssuer, KYC_TOPIC)
    await s.send('issuer: revoke the KYC claim of investor 9', claimIssuer, 'revokeClaim', [revokedClaimId, revoked.identity])
    for (const token of [hotDep.identityRegistry, rivDep.identityRegistry, lrfSuite.ir]) {
        if (await s.contract('IdentityRegistry', token).getFunction('isVerified')(revoked.wallet)) {
            throw new Error(`investor 9 is still verified in ${token} after the revocation`)
        }
    }

    const steps = s.steps()
    return {
        lumen: suiteDeployment(lrfSuite, {...LRF}, {
            CountryAllowModule: countryAllow,
            SupplyLimitModule: modules.SupplyLimitModule,
            CountryRestrictModule: modules.CountryRestrictModule,
            TimeTransfersLimitsModule: modules.TimeTransfersLimitsModule,
            ExchangeMonthlyLimitsModule: modules.ExchangeMonthlyLimitsModule,
            TimeExchangeLimitsModule: modules.TimeExchangeLimitsModule,
            MaxBalanceModule: maxBalance,
        }),
        meridian: suiteDeployment(msnSuite, {...MSN, salt: `${gatewayClient.toLowerCase()}${MSN.name}`}, {CountryAllowModule: countryAllow}),
        gateway: gatewayAddress,
        dvdManager: dvdAddress,
        secondClaimIssuer: issuer2Address,
        modules,
        upgradedModuleImplementation,
        interimCompliance: interimComplianceAddress,
        accounts: {
            interimOwner,
            extraAgent,
            newInvestor,
            newInvestorIdentity,
            newInvestorReplacementIdentity,
            gatewayClient,
            gatewayClientIdentity,
            secondIssuerKey,
        },
        recovery: {token: msnSuite.token, lostWallet: inv(7).wallet, newWallet: msnRecoveryWallet, identity: inv(7).identity},
        dvd: {executedTransferId, cancelledTransferId},
        revokedInvestor: {
            wallet: revoked.wallet, identity: revoked.identity, claimId: revokedClaimId,
            issuer: d.claimIssuer, privateKeyIndex: revoked.privateKeyIndex,
        },
        firstBlock,
        lastBlock: at(steps, steps.length - 1, 'step').block,
        steps,
    }
}

function registerDeployment(s: Recorder, d: Deployment): void {
    s.know(d.trexFactory, 'TREXFactory')
    s.know(d.idFactory, 'IdFactory')
    s.know(d.implementationAuthority, 'TREXImplementationAuthority')
    s.know(d.claimIssuer, 'ClaimIssuer')
    for (const token of d.tokens) {
        registerSuite(s, {
            token: token.address, ir: token.identityRegistry, irs: token.identityRegistryStorage,
            tir: token.trustedIssuersRegistry, ctr: token.claimTopicsRegistry, mc: token.compliance,
        })
        for (const [name, address] of Object.entries(token.modules)) {
            if ((INDEXED_FAMILIES as readonly string[]).includes(name)) s.know(address, name as IndexedFamily)
        }
    }
    for (const investor of d.investors) s.know(investor.identity, 'Identity')
}

function registerSuite(s: Recorder, suite: { token: string; ir: string; irs: string; tir: string; ctr: string; mc: string }): void {
    s.know(suite.token, 'Token')
    s.know(suite.ir, 'IdentityRegistry')
    s.know(suite.irs, 'IdentityRegistryStorage')
    s.know(suite.tir, 'TrustedIssuersRegistry')
    s.know(suite.ctr, 'ClaimTopicsRegistry')
    s.know(suite.mc, 'ModularCompliance')
}

function suiteDeployment(
    suite: { token: string; ir: string; irs: string; tir: string; ctr: string; mc: string },
    spec: { salt: string; name: string; symbol: string; decimals: number },
    modules: Record<string, string>,
): TokenDeployment {
    return {
        address: suite.token,
        name: spec.name,
        symbol: spec.symbol,
        decimals: spec.decimals,
        identityRegistry: suite.ir,
        identityRegistryStorage: suite.irs,
        trustedIssuersRegistry: suite.tir,
        claimTopicsRegistry: suite.ctr,
        compliance: suite.mc,
        salt: spec.salt,
        modules,
    }
}

async function topUp(s: Recorder, indexes: number[]): Promise<void> {
    const funder = s.signer(ACCOUNT.deployer)
    for (const index of indexes) {
        const address = s.address(index)
        if (await s.provider.getBalance(address) < TOP_UP / 2n) {
            await waitMined(await funder.sendTransaction({to: address, value: TOP_UP}), `funding account ${index}`)
        }
    }
}

async function createIdentity(s: Recorder, idFactory: Contract, holderIndex: number, salt: string): Promise<string> {
    const wallet = s.address(holderIndex)
    await s.send(`IdFactory: identity for account ${holderIndex}`, idFactory, 'createIdentity', [wallet, salt])
    const identity: string = await idFactory.getFunction('getIdentity')(wallet)
    s.know(identity, 'Identity')
    return identity
}

async function addKycClaim(s: Recorder, identity: string, holderIndex: number, issuer: string, step: string, text: string): Promise<void> {
    const data = utf8(text)
    const signature = await signClaim(s.provider, ACCOUNT.claimIssuer, identity, KYC_TOPIC, data)
    await s.send(step, s.contract('Identity', identity, holderIndex), 'addClaim', [KYC_TOPIC, ECDSA_SCHEME, issuer, signature, data, ''])
}

// ---------------------------------------------------------------------------------------------
// Standalone run: fresh anvil (unless an RPC URL is given), demo deployment + scenario + this one.

async function main(): Promise<void> {
    const given = process.argv[2]
    const anvil = given ? undefined : await startAnvil({port: await freePort()})
    const url = given ?? required(anvil, 'anvil').url
    try {
        const t0 = Date.now()
        const d = await deployDemo(url)
        const t1 = Date.now()
        await runDemoScenario(url, d)
        const t2 = Date.now()
        const result = await runComplianceScenario(url, d)
        const t3 = Date.now()
        const emitted = new Map<string, Set<string>>()
        for (const step of result.steps) {
            for (const log of step.logs) {
                const set = emitted.get(log.contract) ?? new Set<string>()
                set.add(log.event)
                emitted.set(log.contract, set)
            }
        }
        const missing = eventCatalog().filter(e => !emitted.get(e.contract)?.has(e.event))
        console.log(JSON.stringify({
            timingsMs: {deployDemo: t1 - t0, runDemoScenario: t2 - t1, runComplianceScenario: t3 - t2},
            blocks: [result.firstBlock, result.lastBlock],
            stepCount: result.steps.length,
            steps: result.steps.map(st => ({name: st.name, block: st.block, txHash: st.txHash, from: st.from, events: st.events})),
            emittedByContract: Object.fromEntries([...emitted].map(([c, set]) => [c, [...set].sort()])),
            notEmitted: missing.map(e => `${e.contract}.${e.event}`),
            result: {...result, steps: undefined},
        }, null, 2))
    } finally {
        await anvil?.stop()
    }
}

if (require.main === module) {
    main().catch(e => {
        console.error(e)
        process.exit(1)
    })
}
