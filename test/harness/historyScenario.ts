/**
 * A scenario with a rich past, for "as of block B" checks against the chain (./chainOracle).
 * Run it after deployDemo + runDemoScenario (it also runs after runComplianceScenario). Every
 * state change below gets its own block (automine), interleaved with rounds of seeded random
 * holder-to-holder transfers, so that nearly every block differs from the previous one in some
 * fact: balances, frozen flags and amounts, registrations, countries, identities, verification,
 * agent roles, bound modules and their settings, pause and token name/symbol.
 *
 * Every transaction is pre-checked with an eth_call: a would-be revert is skipped (random
 * transfers silently, story steps into `skipped`), so the scenario never crashes on a revert.
 * The same chain state and seed give the same blocks.
 */
import {
    AbiCoder,
    Contract,
    getBytes,
    hexlify,
    isCallException,
    JsonRpcProvider,
    keccak256,
    parseEther,
    parseUnits,
    toUtf8Bytes,
    TransactionReceipt,
    ZeroAddress,
} from 'ethers'
import { ArtifactName, contractFactory, contractInterface } from '../../src/dev/artifacts'
import { Deployment, KYC_TOPIC, TokenDeployment } from '../../src/dev/deploy'
import { mulberry32 } from '../../src/dev/random'
import { ACCOUNT, connect, DevAccounts, devWallet, revertReason, waitMined } from '../../src/dev/rpc'

/** Account indexes (m/44'/60'/0'/0/i) only this scenario uses; the other scenarios use 0–19. */
export const HISTORY_ACCOUNT = {
    /** registered in both HOT and RIV30; its country then changes in HOT's registry only */
    multiTokenInvestor: 20,
    /** registered with a directly deployed identity, replaced in RIV30's registry by an IdFactory one (with KYC) */
    replacedInvestor: 21,
    /** agent of HOT and of HOT's registry: added, removed, added again */
    extraAgent: 22,
} as const

/** Positions in Deployment.investors of the existing investors the story uses. */
const INVESTOR = {
    /** HOT registry: identity replaced by one without a KYC claim (unverified), then restored */
    unverified: 5,
    /** HOT registry: deleted, registered again later with another country */
    reRegistered: 6,
    /** its wallet was recovered by the demo scenario: zero balances, unregistered; frozen on HOT */
    zeroBalance: 4,
    /** HOT: partial freeze */
    partiallyFrozen: 2,
    /** HOT: holds frozen tokens since the demo scenario; part of them unfrozen */
    partiallyUnfrozen: 1,
} as const

/** Probed in module settings: the demo's investor countries plus the two this story adds. */
const UNITED_KINGDOM = 826
const USA = 840
const ECDSA_SCHEME = 1
const TOP_UP = parseEther('100')

export interface HistoryStep {
    block: number
    what: string
    txHash: string
}

export interface HistoryModule {
    /** lowercase ModularCompliance */
    compliance: string
    /** lowercase module proxy */
    module: string
    name: string
}

export interface HistoryScenarioResult {
    seed: number
    /** first block this scenario mined */
    firstBlock: number
    /** chain head when it finished */
    lastBlock: number
    /** lowercase token addresses (HOT, RIV30) */
    tokens: string[]
    /** lowercase identity registries and compliances of those tokens (unchanged by the story) */
    identityRegistries: string[]
    compliances: string[]
    /**
     * Every wallet (lowercase) that ever held, was frozen or registered on these tokens since the
     * demo deployment (from the tokens' and registries' logs), plus the accounts of this story.
     */
    wallets: string[]
    /** lowercase accounts whose agent role this story toggled, and where */
    agentToggles: { account: string; contract: string; kind: 'Token' | 'IdentityRegistry' }[]
    /** the toggled accounts plus the demo agent: candidates for oracle agentsAt */
    agentCandidates: string[]
    /** modules bound, unbound or re-configured by this story, per compliance */
    modules: HistoryModule[]
    /** countries worth probing in the country modules */
    countries: number[]
    accounts: {
        multiTokenInvestor: string
        replacedInvestor: string
        extraAgent: string
        unverifiedInvestor: string
        reRegisteredInvestor: string
        zeroBalanceFrozen: string
    }
    /** lowercase ONCHAINIDs this story created */
    identities: {
        multiTokenInvestor: string
        /** replacedInvestor's first identity (deployed directly, KYC claim) */
        replacedFirst: string
        /** its replacement in RIV30's registry (IdFactory, KYC claim) */
        replacedSecond: string
        /** the unverified investor's replacement in HOT's registry (no claim) */
        withoutClaim: string
    }
    steps: HistoryStep[]
    /** story steps whose pre-check failed (none on a demo chain): "what: reason" */
    skipped: string[]
    /** random transfers mined / attempted (attempts that would revert are skipped) */
    randomTransfers: { sent: number; attempted: number }
}

const abi = AbiCoder.defaultAbiCoder()

function at<T>(items: readonly T[], i: number, what: string): T {
    const item = items[i]
    if (item === undefined) throw new Error(`no ${what} #${i}`)
    return item
}

/** Sends, records and pre-checks; one transaction per block (automine). */
class Run extends DevAccounts {
    readonly steps: HistoryStep[] = []
    readonly skipped: string[] = []

    private record(what: string, receipt: TransactionReceipt): void {
        this.steps.push({block: receipt.blockNumber, what, txHash: receipt.hash})
    }

    /**
     * Pre-checked call: true if mined, false if it would revert (then nothing is sent). A story
     * step (`note`) that would revert is listed in `skipped`; random transfers are just dropped.
     */
    async send(what: string, contract: Contract, method: string, args: unknown[], note = true): Promise<boolean> {
        const fn = contract.getFunction(method)
        try {
            await fn.staticCall(...args)
        } catch (e) {
            if (!isCallException(e)) throw e
            if (note) this.skipped.push(`${what}: ${revertReason(e)}`)
            return false
        }
        this.record(what, await waitMined(await fn.send(...args), what))
        return true
    }

    /** Deploys an artifact as published; a failing deployment is fatal (later steps need the address). */
    async deploy(what: string, artifact: ArtifactName, signerIndex: number, args: unknown[]): Promise<string> {
        const signer = this.signer(signerIndex)
        const tx = await contractFactory(artifact, signer).getDeployTransaction(...args)
        try {
            await signer.estimateGas(tx)
        } catch (e) {
            throw new Error(`step "${what}": deploying ${artifact} would revert: ${revertReason(e)}`)
        }
        const receipt = await waitMined(await signer.sendTransaction(tx), what)
        if (!receipt.contractAddress) throw new Error(`step "${what}": no contract address`)
        this.record(what, receipt)
        return receipt.contractAddress
    }

    async topUp(index: number): Promise<void> {
        const address = this.address(index)
        if (await this.provider.getBalance(address) >= TOP_UP / 2n) return
        const receipt = await waitMined(await this.signer(ACCOUNT.deployer).sendTransaction({to: address, value: TOP_UP}), `fund ${index}`)
        this.record(`fund account ${index} with ETH`, receipt)
    }
}

// --- seeded random transfers ------------------------------------------------------------------

interface Holder {
    index: number
    wallet: string
}

interface Trader {
    run: Run
    rand: () => number
    tokens: TokenDeployment[]
    holders: Holder[]
    sent: number
    attempted: number
}

/**
 * A round of 1–3 transfers, each its own block: a random holder sends up to a quarter of its
 * unfrozen balance to another. The random draws do not depend on the chain, so the stream stays
 * aligned whatever gets skipped.
 */
async function tradeRound(t: Trader): Promise<void> {
    const count = 1 + Math.floor(t.rand() * 3)
    for (let i = 0; i < count; i++) {
        const token = at(t.tokens, Math.floor(t.rand() * t.tokens.length), 'token')
        const from = at(t.holders, Math.floor(t.rand() * t.holders.length), 'holder')
        const others = t.holders.filter(h => h !== from)
        const to = at(others, Math.floor(t.rand() * others.length), 'holder')
        const share = BigInt(Math.floor(t.rand() * 250_000))
        const contract = t.run.contract('Token', token.address, from.index)
        const balance: bigint = await contract.getFunction('balanceOf')(from.wallet)
        const frozen: bigint = await contract.getFunction('getFrozenTokens')(from.wallet)
        const free = balance - frozen
        if (free <= 0n) continue
        // Never zero: zero-value transfers revert in ModularCompliance.
        const amount = 1n + (free - 1n) * share / 1_000_000n
        t.attempted++
        const what = `random: ${token.symbol} transfer ${amount} raw from ${from.wallet} to ${to.wallet}`
        if (await t.run.send(what, contract, 'transfer', [to.wallet, amount], false)) t.sent++
    }
}

// --- identities -------------------------------------------------------------------------------

/** ClaimIssuer.isClaimValid recovers the eth-signed keccak256(abi.encode(identity, topic, data)). */
function signKyc(provider: JsonRpcProvider, identity: string, data: string): Promise<string> {
    const digest = keccak256(abi.encode(['address', 'uint256', 'bytes'], [identity, KYC_TOPIC, data]))
    return devWallet(ACCOUNT.claimIssuer, provider).signMessage(getBytes(digest))
}

async function addKycClaim(run: Run, d: Deployment, identity: string, holderIndex: number, what: string): Promise<void> {
    const data = hexlify(toUtf8Bytes(`KYC approved for ${run.address(holderIndex)} (${identity})`))
    const signature = await signKyc(run.provider, identity, data)
    await run.send(what, run.contract('Identity', identity, holderIndex), 'addClaim',
        [KYC_TOPIC, ECDSA_SCHEME, d.claimIssuer, signature, data, ''])
}

/** The wallet's IdFactory identity, created (one per wallet) if it has none yet. */
async function factoryIdentity(run: Run, d: Deployment, holderIndex: number, salt: string): Promise<string> {
    const idFactory = run.contract('Factory', d.idFactory, ACCOUNT.deployer)
    const wallet = run.address(holderIndex)
    const existing: string = await idFactory.getFunction('getIdentity')(wallet)
    if (existing !== ZeroAddress) return existing
    await run.send(`IdFactory: identity for account ${holderIndex}`, idFactory, 'createIdentity', [wallet, salt])
    const created: string = await idFactory.getFunction('getIdentity')(wallet)
    // Later steps cannot make sense without it (a claim on address(0) is no call exception).
    if (created === ZeroAddress) throw new Error(`IdFactory could not create an identity for account ${holderIndex}: ${run.skipped.at(-1) ?? ''}`)
    return created
}

// --- log scan: every wallet that ever appeared --------------------------------------------------

const WALLET_ARGS: Record<string, number[]> = {
    Transfer: [0, 1],
    AddressFrozen: [0],
    TokensFrozen: [0],
    TokensUnfrozen: [0],
    RecoverySuccess: [0, 1],
    IdentityRegistered: [0],
    IdentityRemoved: [0],
    CountryUpdated: [0],
}
const LOG_CHUNK = 2_000

async function walletsInLogs(provider: JsonRpcProvider, tokens: TokenDeployment[], from: number, to: number): Promise<Set<string>> {
    const interfaces = [contractInterface('Token'), contractInterface('IdentityRegistry')]
    const addresses = tokens.flatMap(t => [t.address, t.identityRegistry])
    const wallets = new Set<string>()
    for (let start = from; start <= to; start += LOG_CHUNK) {
        const logs = await provider.getLogs({address: addresses, fromBlock: start, toBlock: Math.min(to, start + LOG_CHUNK - 1)})
        for (const log of logs) {
            for (const iface of interfaces) {
                const parsed = (() => {
                    try {
                        return iface.parseLog({topics: [...log.topics], data: log.data})
                    } catch {
                        return null // same topic, different indexing
                    }
                })()
                const positions = parsed ? WALLET_ARGS[parsed.name] : undefined
                if (!parsed || !positions) continue
                for (const p of positions) {
                    const value: unknown = parsed.args[p]
                    if (typeof value === 'string' && BigInt(value) !== 0n) wallets.add(value.toLowerCase())
                }
                break
            }
        }
    }
    return wallets
}

// --- the story --------------------------------------------------------------------------------

export async function runHistoryScenario(rpcUrl: string, d: Deployment, seed: number): Promise<HistoryScenarioResult> {
    const provider = await connect(rpcUrl, d.chainId)
    const run = new Run(provider)
    const rand = mulberry32(seed)
    const firstBlock = await provider.getBlockNumber() + 1
    const hotDep = at(d.tokens, 0, 'token')
    const rivDep = at(d.tokens, 1, 'token')
    const OWNER = ACCOUNT.deployer
    const AGENT = ACCOUNT.agent
    const H = HISTORY_ACCOUNT
    const inv = (i: number) => at(d.investors, i, 'investor')

    const hot = (signer: number) => run.contract('Token', hotDep.address, signer)
    const riv = (signer: number) => run.contract('Token', rivDep.address, signer)
    const hotIr = (signer: number) => run.contract('IdentityRegistry', hotDep.identityRegistry, signer)
    const rivIr = (signer: number) => run.contract('IdentityRegistry', rivDep.identityRegistry, signer)
    const hotMc = run.contract('ModularCompliance', hotDep.compliance, OWNER)
    const rivMc = run.contract('ModularCompliance', rivDep.compliance, OWNER)
    const encode = (module: ArtifactName, fn: string, args: unknown[]) => contractInterface(module).encodeFunctionData(fn, args)
    const h = (amount: string) => parseUnits(amount, hotDep.decimals)
    const r = (amount: string) => parseUnits(amount, rivDep.decimals)
    const supply = async (token: Contract): Promise<bigint> => token.getFunction('totalSupply')()
    const balanceOf = async (token: Contract, wallet: string): Promise<bigint> => token.getFunction('balanceOf')(wallet)
    const frozenOf = async (token: Contract, wallet: string): Promise<bigint> => token.getFunction('getFrozenTokens')(wallet)

    const multi = run.address(H.multiTokenInvestor)
    const replaced = run.address(H.replacedInvestor)
    const extraAgent = run.address(H.extraAgent)
    const unverified = inv(INVESTOR.unverified)
    const reRegistered = inv(INVESTOR.reRegistered)
    const zeroBalance = inv(INVESTOR.zeroBalance)
    const countryAllow = hotDep.modules.CountryAllowModule
    if (countryAllow === undefined) throw new Error('HOT has no CountryAllowModule')

    const holders: Holder[] = [
        ...d.investors.map(i => ({index: i.privateKeyIndex, wallet: i.wallet})),
        {index: ACCOUNT.recoveryWallet, wallet: run.address(ACCOUNT.recoveryWallet)},
        {index: H.multiTokenInvestor, wallet: multi},
        {index: H.replacedInvestor, wallet: replaced},
    ]
    const trader: Trader = {run, rand, tokens: [hotDep, rivDep], holders, sent: 0, attempted: 0}
    const trade = () => tradeRound(trader)

    // --- Setup: accounts, identities, module proxies ------------------------------------------------
    for (const index of Object.values(H)) await run.topUp(index)
    const multiIdentity = await factoryIdentity(run, d, H.multiTokenInvestor, `history-${H.multiTokenInvestor}`)
    await addKycClaim(run, d, multiIdentity, H.multiTokenInvestor, 'multi-token investor: KYC claim')
    // The IdFactory links one identity per wallet: the first identity is deployed directly and
    // the replacement comes from the IdFactory.
    const replacedFirst = await run.deploy('replaced investor: deploy its first Identity directly', 'Identity', H.replacedInvestor, [replaced, false])
    await addKycClaim(run, d, replacedFirst, H.replacedInvestor, 'replaced investor: KYC claim on its first identity')
    const replacedSecond = await factoryIdentity(run, d, H.replacedInvestor, `history-${H.replacedInvestor}`)
    await addKycClaim(run, d, replacedSecond, H.replacedInvestor, 'replaced investor: KYC claim on its IdFactory identity')
    const withoutClaim = await run.deploy(`investor ${INVESTOR.unverified}: deploy an Identity without claims`,
        'Identity', unverified.privateKeyIndex, [unverified.wallet, false])
    const newModule = async (name: 'SupplyLimitModule' | 'CountryRestrictModule'): Promise<string> => {
        const implementation = await run.deploy(`deploy ${name} implementation`, name, OWNER, [])
        return run.deploy(`deploy ${name} proxy`, 'ModuleProxy', OWNER, [implementation, encode(name, 'initialize', [])])
    }
    const supplyLimit = await newModule('SupplyLimitModule')
    const countryRestrict = await newModule('CountryRestrictModule')

    // --- Registrations in both registries, a freeze at zero balance, first mints ----------------------
    await run.send('HOT IR: register the multi-token investor (250)', hotIr(AGENT), 'registerIdentity', [multi, multiIdentity, 250])
    await run.send('RIV30 IR: register the multi-token investor (250)', rivIr(AGENT), 'registerIdentity', [multi, multiIdentity, 250])
    await run.send('HOT IR: register the replaced investor (380)', hotIr(AGENT), 'registerIdentity', [replaced, replacedFirst, 380])
    await run.send('RIV30 IR: register the replaced investor (380)', rivIr(AGENT), 'registerIdentity', [replaced, replacedFirst, 380])
    await trade()
    await run.send('RIV30: freeze the multi-token investor (balance 0)', riv(AGENT), 'setAddressFrozen', [multi, true])
    await run.send(`HOT: freeze investor ${INVESTOR.zeroBalance}'s recovered wallet (balance 0, unregistered)`, hot(AGENT),
        'setAddressFrozen', [zeroBalance.wallet, true])
    await run.send('HOT: mint 300 to the multi-token investor', hot(AGENT), 'mint', [multi, h('300')])
    await run.send('RIV30: mint 1,500 to the frozen multi-token investor', riv(AGENT), 'mint', [multi, r('1500')])
    await run.send('HOT: mint 120 to the replaced investor', hot(AGENT), 'mint', [replaced, h('120')])
    await run.send('RIV30: mint 800 to the replaced investor', riv(AGENT), 'mint', [replaced, r('800')])
    await trade()
    await run.send('HOT IR: multi-token investor moves to Germany (276) in HOT only', hotIr(AGENT), 'updateCountry', [multi, 276])
    await trade()

    // --- Extra agent on HOT and its registry; the demo agent loses RIV30 for a while --------------------
    await run.send('HOT: add agent 22', hot(OWNER), 'addAgent', [extraAgent])
    await run.send('HOT IR: add agent 22', hotIr(OWNER), 'addAgent', [extraAgent])
    await run.send('HOT: agent 22 freezes 100 of investor 0', hot(H.extraAgent), 'freezePartialTokens', [inv(0).wallet, h('100')])
    await trade()
    await run.send('RIV30: remove the demo agent', riv(OWNER), 'removeAgent', [d.agent])
    await trade()
    await run.send('HOT: remove agent 22', hot(OWNER), 'removeAgent', [extraAgent])
    await run.send('HOT IR: remove agent 22', hotIr(OWNER), 'removeAgent', [extraAgent])
    await trade()

    // --- Identity replacements ---------------------------------------------------------------------
    await run.send('RIV30 IR: replace the identity of the replaced investor (IdFactory, KYC: stays verified)', rivIr(AGENT),
        'updateIdentity', [replaced, replacedSecond])
    await run.send(`HOT IR: replace investor ${INVESTOR.unverified}'s identity by one without claims (unverified)`, hotIr(AGENT),
        'updateIdentity', [unverified.wallet, withoutClaim])
    await run.send('RIV30 IR: remove the demo agent', rivIr(OWNER), 'removeAgent', [d.agent])
    await trade()
    await run.send('RIV30: add the demo agent again', riv(OWNER), 'addAgent', [d.agent])
    await run.send('RIV30: unfreeze the multi-token investor', riv(AGENT), 'setAddressFrozen', [multi, false])
    await trade()
    await run.send(`HOT IR: delete investor ${INVESTOR.reRegistered}`, hotIr(AGENT), 'deleteIdentity', [reRegistered.wallet])
    await run.send('RIV30 IR: add the demo agent again', rivIr(OWNER), 'addAgent', [d.agent])
    await trade()

    // --- Pause and rename -----------------------------------------------------------------------
    await run.send('HOT: pause', hot(AGENT), 'pause', [])
    await trade()
    await run.send('HOT: unpause', hot(AGENT), 'unpause', [])
    const rivName: string = await riv(OWNER).getFunction('name')()
    const rivSymbol: string = await riv(OWNER).getFunction('symbol')()
    await run.send('RIV30: rename', riv(OWNER), 'setName', [`${rivName} Series B`])
    await trade()
    await run.send('RIV30: new symbol', riv(OWNER), 'setSymbol', [`${rivSymbol}B`])
    await trade()

    // --- Compliance: new modules on RIV30, CountryAllowModule unbound and bound again on HOT ----------
    const callModule = (what: string, mc: Contract, module: string, data: string) => run.send(what, mc, 'callModuleFunction', [data, module])
    await run.send('RIV30 compliance: bind SupplyLimitModule', rivMc, 'addModule', [supplyLimit])
    await callModule('RIV30 compliance: supply limit = supply + 100,000', rivMc, supplyLimit,
        encode('SupplyLimitModule', 'setSupplyLimit', [await supply(riv(OWNER)) + r('100000')]))
    await run.send('RIV30: mint 2,000 to investor 3 under the supply limit', riv(AGENT), 'mint', [inv(3).wallet, r('2000')])
    await run.send('RIV30 compliance: bind CountryRestrictModule', rivMc, 'addModule', [countryRestrict])
    await callModule('RIV30 compliance: restrict the USA', rivMc, countryRestrict, encode('CountryRestrictModule', 'addCountryRestriction', [USA]))
    await trade()
    await callModule('HOT compliance: allow the United Kingdom', hotMc, countryAllow, encode('CountryAllowModule', 'addAllowedCountry', [UNITED_KINGDOM]))
    await run.send('HOT compliance: unbind CountryAllowModule', hotMc, 'removeModule', [countryAllow])
    await trade()

    // --- Re-registration, freezes without transfers, identity restored, agent back ----------------------
    await run.send(`HOT IR: register investor ${INVESTOR.reRegistered} again, now Italy (380)`, hotIr(AGENT), 'registerIdentity',
        [reRegistered.wallet, reRegistered.identity, 380])
    const hotAgent = hot(AGENT)
    const partialFree = await balanceOf(hotAgent, inv(INVESTOR.partiallyFrozen).wallet) - await frozenOf(hotAgent, inv(INVESTOR.partiallyFrozen).wallet)
    if (partialFree > 1n) {
        await run.send(`HOT: freeze ${partialFree / 2n} of investor ${INVESTOR.partiallyFrozen}`, hotAgent, 'freezePartialTokens',
            [inv(INVESTOR.partiallyFrozen).wallet, partialFree / 2n])
    }
    const frozenPart = await frozenOf(hotAgent, inv(INVESTOR.partiallyUnfrozen).wallet)
    if (frozenPart > 1n) {
        await run.send(`HOT: unfreeze ${frozenPart / 2n} of investor ${INVESTOR.partiallyUnfrozen}`, hotAgent, 'unfreezePartialTokens',
            [inv(INVESTOR.partiallyUnfrozen).wallet, frozenPart / 2n])
    }
    await run.send(`HOT: unfreeze investor ${INVESTOR.zeroBalance}'s recovered wallet`, hotAgent, 'setAddressFrozen', [zeroBalance.wallet, false])
    await run.send('HOT: freeze the replaced investor', hotAgent, 'setAddressFrozen', [replaced, true])
    await trade()
    await run.send(`HOT IR: restore investor ${INVESTOR.unverified}'s identity (verified again)`, hotIr(AGENT), 'updateIdentity',
        [unverified.wallet, unverified.identity])
    await run.send('HOT: add agent 22 again', hot(OWNER), 'addAgent', [extraAgent])
    await run.send('HOT IR: add agent 22 again', hotIr(OWNER), 'addAgent', [extraAgent])
    await run.send('HOT: agent 22 unfreezes the replaced investor', hot(H.extraAgent), 'setAddressFrozen', [replaced, false])
    await trade()

    // --- Module settings back and forth ---------------------------------------------------------
    await callModule('RIV30 compliance: lift the USA restriction', rivMc, countryRestrict, encode('CountryRestrictModule', 'removeCountryRestriction', [USA]))
    await run.send('RIV30 compliance: unbind CountryRestrictModule', rivMc, 'removeModule', [countryRestrict])
    await run.send('HOT compliance: bind CountryAllowModule again', hotMc, 'addModule', [countryAllow])
    await callModule('HOT compliance: disallow the United Kingdom', hotMc, countryAllow, encode('CountryAllowModule', 'removeAllowedCountry', [UNITED_KINGDOM]))
    await callModule('RIV30 compliance: supply limit = supply + 500,000', rivMc, supplyLimit,
        encode('SupplyLimitModule', 'setSupplyLimit', [await supply(riv(OWNER)) + r('500000')]))
    await run.send('HOT: mint 40 to the multi-token investor', hot(AGENT), 'mint', [multi, h('40')])
    await trade()

    const lastBlock = await provider.getBlockNumber()
    const lower = (a: string) => a.toLowerCase()
    const fromLogs = await walletsInLogs(provider, d.tokens, d.deployBlock, lastBlock)
    const wallets = [...new Set([
        ...d.investors.map(i => lower(i.wallet)),
        ...holders.map(x => lower(x.wallet)),
        ...fromLogs,
    ])]
    const countries = [...new Set([...d.investors.map(i => i.country), 276, 380, UNITED_KINGDOM, USA])].sort((a, b) => a - b)
    return {
        seed,
        firstBlock,
        lastBlock,
        tokens: [lower(hotDep.address), lower(rivDep.address)],
        identityRegistries: [lower(hotDep.identityRegistry), lower(rivDep.identityRegistry)],
        compliances: [lower(hotDep.compliance), lower(rivDep.compliance)],
        wallets,
        agentToggles: [
            {account: lower(extraAgent), contract: lower(hotDep.address), kind: 'Token'},
            {account: lower(extraAgent), contract: lower(hotDep.identityRegistry), kind: 'IdentityRegistry'},
            {account: lower(d.agent), contract: lower(rivDep.address), kind: 'Token'},
            {account: lower(d.agent), contract: lower(rivDep.identityRegistry), kind: 'IdentityRegistry'},
        ],
        agentCandidates: [lower(d.agent), lower(extraAgent)],
        modules: [
            {compliance: lower(hotDep.compliance), module: lower(countryAllow), name: 'CountryAllowModule'},
            {compliance: lower(rivDep.compliance), module: lower(supplyLimit), name: 'SupplyLimitModule'},
            {compliance: lower(rivDep.compliance), module: lower(countryRestrict), name: 'CountryRestrictModule'},
        ],
        countries,
        accounts: {
            multiTokenInvestor: lower(multi),
            replacedInvestor: lower(replaced),
            extraAgent: lower(extraAgent),
            unverifiedInvestor: lower(unverified.wallet),
            reRegisteredInvestor: lower(reRegistered.wallet),
            zeroBalanceFrozen: lower(zeroBalance.wallet),
        },
        identities: {
            multiTokenInvestor: lower(multiIdentity),
            replacedFirst: lower(replacedFirst),
            replacedSecond: lower(replacedSecond),
            withoutClaim: lower(withoutClaim),
        },
        steps: run.steps,
        skipped: run.skipped,
        randomTransfers: {sent: trader.sent, attempted: trader.attempted},
    }
}
