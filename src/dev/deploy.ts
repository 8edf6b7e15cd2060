import type {Erc1400Token} from './erc1400Scenario'
import { readFile, writeFile } from 'fs/promises'
import {
    AbiCoder,
    Contract,
    getBytes,
    hexlify,
    JsonRpcProvider,
    keccak256,
    NonceManager,
    parseEther,
    parseUnits,
    toUtf8Bytes,
    ZeroAddress,
} from 'ethers'
import { ArtifactName, contractAt, contractInterface } from './artifacts'
import { ACCOUNT, connect, deployChecked, devSigner, devWallet, sendChecked, waitMined } from './rpc'

export interface TokenDeployment {
    address: string
    name: string
    symbol: string
    decimals: number
    identityRegistry: string
    identityRegistryStorage: string
    trustedIssuersRegistry: string
    claimTopicsRegistry: string
    compliance: string
    salt: string
    /** module name -> module (proxy) address, for the modules bound to this token's compliance */
    modules: Record<string, string>
}

export interface Deployment {
    chainId: number
    deployer: string
    agent: string
    implementationAuthority: string
    idFactory: string
    trexFactory: string
    claimIssuer: string
    deployBlock: number
    tokens: TokenDeployment[]
    investors: { wallet: string; identity: string; country: number; privateKeyIndex: number }[]
    /** `npm start`'s ERC-1400 token beside the T-REX ones (src/dev/erc1400Scenario.ts) */
    erc1400?: Erc1400Token
}

type Investor = Deployment['investors'][number]

interface TokenSpec {
    salt: string
    name: string
    symbol: string
    decimals: number
    /** per-identity cap in whole tokens, enforced by MaxBalanceModule */
    maxBalance?: string
}

const TOKEN_SPECS: TokenSpec[] = [
    {salt: 'HOT', name: 'Harbour Office Tower', symbol: 'HOT', decimals: 0, maxBalance: '2000'},
    {salt: 'RIV30', name: 'Rivera 5% 2030 Bond', symbol: 'RIV30', decimals: 6},
]

/** ISO-3166 numeric: France, Germany, Italy, Netherlands, Switzerland, USA; assigned round-robin. */
const INVESTOR_COUNTRIES = [250, 276, 380, 528, 756, 840]

export const KYC_TOPIC = 1
export const ECDSA_SCHEME = 1
export const MANAGEMENT_PURPOSE = 1
const CLAIM_PURPOSE = 3
export const ECDSA_KEY_TYPE = 1
const TREX_VERSION = {major: 4, minor: 1, patch: 6}
/** Accounts beyond anvil's pre-funded ten get this much ETH from the deployer. */
const TOP_UP = parseEther('100')

const abi = AbiCoder.defaultAbiCoder()

function investorCountry(position: number): number {
    const country = INVESTOR_COUNTRIES[position % INVESTOR_COUNTRIES.length]
    if (country === undefined) throw new Error('no investor countries configured')
    return country
}

/** ONCHAINID (ERC-734) key of an Ethereum address. */
export function identityKey(address: string): string {
    return keccak256(abi.encode(['address'], [address]))
}

interface Roles {
    deployer: NonceManager
    agent: NonceManager
    issuer: NonceManager
}

export async function deployDemo(rpcUrl: string): Promise<Deployment> {
    const provider = await connect(rpcUrl)
    const deployBlock = await provider.getBlockNumber()
    const chainId = Number((await provider.getNetwork()).chainId)
    const roles: Roles = {
        deployer: devSigner(ACCOUNT.deployer, provider),
        agent: devSigner(ACCOUNT.agent, provider),
        issuer: devSigner(ACCOUNT.claimIssuer, provider),
    }
    const investorIndexes = Array.from({length: ACCOUNT.investorCount}, (_, i) => ACCOUNT.firstInvestor + i)
    await topUpAccounts(provider, roles.deployer, [...investorIndexes, ACCOUNT.recoveryWallet])

    const implementationAuthority = await deployTrexImplementationAuthority(roles.deployer)
    const idFactory = await deployIdFactory(roles.deployer)
    const trexFactory = await deployChecked('TREXFactory', roles.deployer, [implementationAuthority, idFactory])
    // Without this, deployTREXSuite reverts inside createTokenIdentity.
    await sendChecked('authorize TREXFactory on IdFactory', idFactory, 'addTokenFactory', [trexFactory])
    const claimIssuer = await deployClaimIssuer(roles)
    const modules = await deployModules(roles.deployer)

    const countries = [...new Set(INVESTOR_COUNTRIES)]
    const tokens: TokenDeployment[] = []
    for (const spec of TOKEN_SPECS) {
        tokens.push(await deployToken(trexFactory, spec, roles, await claimIssuer.getAddress(), modules, countries))
    }

    const investors: Investor[] = []
    for (const [i, index] of investorIndexes.entries()) {
        investors.push(await createInvestor(provider, idFactory, claimIssuer, index, investorCountry(i)))
    }
    for (const token of tokens) {
        await registerInvestors(token, investors, roles.agent)
        // Tokens start paused.
        await sendChecked(`unpause ${token.symbol}`, contractAt('Token', token.address, roles.agent), 'unpause', [])
    }

    return lowercaseAddresses({
        chainId,
        deployer: await roles.deployer.getAddress(),
        agent: await roles.agent.getAddress(),
        implementationAuthority: await implementationAuthority.getAddress(),
        idFactory: await idFactory.getAddress(),
        trexFactory: await trexFactory.getAddress(),
        claimIssuer: await claimIssuer.getAddress(),
        deployBlock,
        tokens,
        investors,
    })
}

/** Every address in the form the index stores and the API matches: lower case (ethers gives checksummed ones). */
function lowercaseAddresses<T>(value: T): T {
    return JSON.parse(JSON.stringify(value), (_, v: unknown) => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : v) as T
}

async function topUpAccounts(provider: JsonRpcProvider, funder: NonceManager, indexes: number[]): Promise<void> {
    for (const index of indexes) {
        const address = devWallet(index, provider).address
        if (await provider.getBalance(address) < TOP_UP / 2n) {
            await waitMined(await funder.sendTransaction({to: address, value: TOP_UP}), `funding account ${index}`)
        }
    }
}

/** Reference authority (no IA factory) pointing at freshly deployed T-REX implementations. */
async function deployTrexImplementationAuthority(deployer: NonceManager): Promise<Contract> {
    const impl = async (name: ArtifactName) =>
        (await deployChecked(name, deployer, [])).getAddress()
    const contracts = {
        tokenImplementation: await impl('Token'),
        ctrImplementation: await impl('ClaimTopicsRegistry'),
        irImplementation: await impl('IdentityRegistry'),
        irsImplementation: await impl('IdentityRegistryStorage'),
        tirImplementation: await impl('TrustedIssuersRegistry'),
        mcImplementation: await impl('ModularCompliance'),
    }
    const authority = await deployChecked('TREXImplementationAuthority', deployer, [true, ZeroAddress, ZeroAddress])
    await sendChecked('register T-REX version', authority, 'addAndUseTREXVersion', [TREX_VERSION, contracts])
    return authority
}

/** ONCHAINID identity implementation (library mode) behind an ImplementationAuthority, and its IdFactory. */
async function deployIdFactory(deployer: NonceManager): Promise<Contract> {
    const identityImpl = await deployChecked('Identity', deployer, [await deployer.getAddress(), true])
    const authority = await deployChecked('ImplementationAuthority', deployer, [identityImpl])
    return deployChecked('Factory', deployer, [authority])
}

/** The issuer account is the management key; it also adds itself as a claim-signing key (purpose 3). */
async function deployClaimIssuer(roles: Roles): Promise<Contract> {
    const issuerAddress = await roles.issuer.getAddress()
    const deployed = await deployChecked('ClaimIssuer', roles.deployer, [issuerAddress])
    const issuer = deployed.connect(roles.issuer) as Contract
    await sendChecked('add claim signer key', issuer, 'addKey', [identityKey(issuerAddress), CLAIM_PURPOSE, ECDSA_KEY_TYPE])
    return issuer
}

/** The 4.1.6 modules are UUPS-upgradeable: each is shared by all compliances behind one ModuleProxy. */
async function deployModules(deployer: NonceManager): Promise<Record<string, string>> {
    const modules: Record<string, string> = {}
    for (const name of ['CountryAllowModule', 'MaxBalanceModule'] as const) {
        const implementation = await deployChecked(name, deployer, [])
        const init = contractInterface(name).encodeFunctionData('initialize')
        const proxy = await deployChecked('ModuleProxy', deployer, [implementation, init])
        modules[name] = await proxy.getAddress()
    }
    return modules
}

function moduleAddress(modules: Record<string, string>, name: string): string {
    const address = modules[name]
    if (address === undefined) throw new Error(`module ${name} was not deployed`)
    return address
}

async function deployToken(
    trexFactory: Contract,
    spec: TokenSpec,
    roles: Roles,
    claimIssuer: string,
    modules: Record<string, string>,
    countries: number[],
): Promise<TokenDeployment> {
    const bound: Record<string, string> = {CountryAllowModule: moduleAddress(modules, 'CountryAllowModule')}
    const settings = [contractInterface('CountryAllowModule').encodeFunctionData('batchAllowCountries', [countries])]
    if (spec.maxBalance !== undefined) {
        // MaxBalanceModule only binds while the supply is 0, hence at suite deployment.
        bound.MaxBalanceModule = moduleAddress(modules, 'MaxBalanceModule')
        const max = parseUnits(spec.maxBalance, spec.decimals)
        settings.push(contractInterface('MaxBalanceModule').encodeFunctionData('setMaxBalance', [max]))
    }
    const agent = await roles.agent.getAddress()
    const tokenDetails = {
        owner: await roles.deployer.getAddress(),
        name: spec.name,
        symbol: spec.symbol,
        decimals: spec.decimals,
        irs: ZeroAddress,
        ONCHAINID: ZeroAddress,
        irAgents: [agent],
        tokenAgents: [agent],
        complianceModules: Object.values(bound),
        complianceSettings: settings,
    }
    const claimDetails = {claimTopics: [KYC_TOPIC], issuers: [claimIssuer], issuerClaims: [[KYC_TOPIC]]}
    const receipt = await sendChecked(
        `deploy ${spec.symbol} suite`, trexFactory, 'deployTREXSuite', [spec.salt, tokenDetails, claimDetails],
    )
    const factoryAddress = await trexFactory.getAddress()
    // Only the factory's own logs: other contracts' events can share a topic with different indexing.
    const event = receipt.logs
        .filter(log => log.address === factoryAddress)
        .map(log => trexFactory.interface.parseLog(log))
        .find(parsed => parsed?.name === 'TREXSuiteDeployed')
    if (!event) throw new Error(`no TREXSuiteDeployed event for ${spec.symbol}`)
    return {
        address: event.args._token,
        name: spec.name,
        symbol: spec.symbol,
        decimals: spec.decimals,
        identityRegistry: event.args._ir,
        identityRegistryStorage: event.args._irs,
        trustedIssuersRegistry: event.args._tir,
        claimTopicsRegistry: event.args._ctr,
        compliance: event.args._mc,
        salt: spec.salt,
        modules: bound,
    }
}

/** Identity through the IdFactory, then a KYC claim signed by the issuer and added by the investor. */
async function createInvestor(
    provider: JsonRpcProvider,
    idFactory: Contract,
    claimIssuer: Contract,
    index: number,
    country: number,
): Promise<Investor> {
    const investor = devSigner(index, provider)
    const wallet = await investor.getAddress()
    await sendChecked(`create identity of investor ${index}`, idFactory, 'createIdentity', [wallet, `investor-${index}`])
    const identityAddress: string = await idFactory.getFunction('getIdentity')(wallet)

    const data = hexlify(toUtf8Bytes(`KYC approved for ${wallet}`))
    const signature = await signClaim(provider, identityAddress, KYC_TOPIC, data)
    const identity = contractAt('Identity', identityAddress, investor)
    const issuerAddress = await claimIssuer.getAddress()
    await sendChecked(
        `add KYC claim for investor ${index}`, identity, 'addClaim',
        [KYC_TOPIC, ECDSA_SCHEME, issuerAddress, signature, data, ''],
    )
    return {wallet, identity: identityAddress, country, privateKeyIndex: index}
}

/** A KYC-style claim signed by the demo ClaimIssuer: ClaimIssuer.isClaimValid recovers the eth-signed keccak256(abi.encode(identity, topic, data)). */
export function signClaim(provider: JsonRpcProvider, identity: string, topic: number, data: string): Promise<string> {
    const digest = keccak256(abi.encode(['address', 'uint256', 'bytes'], [identity, topic, data]))
    return devWallet(ACCOUNT.claimIssuer, provider).signMessage(getBytes(digest))
}

async function registerInvestors(token: TokenDeployment, investors: Investor[], agent: NonceManager): Promise<void> {
    const registry = contractAt('IdentityRegistry', token.identityRegistry, agent)
    await sendChecked(`register investors in ${token.symbol}`, registry, 'batchRegisterIdentity', [
        investors.map(i => i.wallet),
        investors.map(i => i.identity),
        investors.map(i => i.country),
    ])
}

export async function writeDeployment(path: string, d: Deployment): Promise<void> {
    await writeFile(path, JSON.stringify(d, null, 2) + '\n')
}

export async function readDeployment(path: string): Promise<Deployment> {
    return JSON.parse(await readFile(path, 'utf8')) as Deployment
}
