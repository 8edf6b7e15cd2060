/**
 * The chain as the reference for "as of block B" answers: every fact is read with eth_call at
 * block B (ethers `{blockTag: B}`), so it needs a node that keeps past state (our test anvil runs
 * with `--prune-history 10000`). Make the provider with `connect(rpcUrl)` from ./rpc.
 *
 * Conventions: addresses are lowercase; amounts are bigint in raw token units (no decimals
 * applied); countries are ISO-3166 numeric codes. Contracts are the real T-REX 4.1.6 ones.
 */
import { Contract, JsonRpcProvider, ZeroAddress } from 'ethers'
import { ArtifactName, contractAt } from '../../src/dev/artifacts'

export interface TokenFacts {
    name: string
    symbol: string
    decimals: number
    /** raw units */
    totalSupply: bigint
    paused: boolean
    /** lowercase; the registry bound to the token at that block */
    identityRegistry: string
    /** lowercase; the ModularCompliance bound to the token at that block */
    compliance: string
}

export interface WalletFacts {
    /** the token's registry at that block (lowercase): the one the identity facts below come from */
    identityRegistry: string
    /** raw units */
    balance: bigint
    /** raw units frozen by freezePartialTokens (part of `balance`) */
    frozenTokens: bigint
    /** whole wallet frozen by setAddressFrozen */
    isFrozen: boolean
    /** IdentityRegistry.contains: the wallet has an entry in the registry's storage */
    registered: boolean
    /** ONCHAINID address (lowercase), null when the registry has none (address(0)) */
    identity: string | null
    /** investorCountry, null when the wallet is not registered (the contract then answers 0) */
    country: number | null
    /** IdentityRegistry.isVerified: registered and holding a valid claim for every required topic */
    verified: boolean
}

/** What a compliance module's views say for one compliance, at one block. */
export interface ModuleSettings {
    /** lowercase module (proxy) address */
    module: string
    /** false when no contract was deployed at that address yet at that block; the other fields are then empty */
    deployed: boolean
    /** the module's name() ("CountryAllowModule", …), '' when not deployed */
    name: string
    /** module.isComplianceBound(compliance) */
    bound: boolean
    /** CountryAllowModule: the probed countries allowed for the compliance, ascending */
    allowedCountries?: number[]
    /** CountryRestrictModule: the probed countries restricted for the compliance, ascending */
    restrictedCountries?: number[]
    /** SupplyLimitModule: getSupplyLimit(compliance), raw units of the bound token */
    supplyLimit?: bigint
}

type Address = string

// --- typed reading --------------------------------------------------------------------------

/** One view call at `block`; ethers unwraps single return values. */
async function callAt(contract: Contract, method: string, args: readonly unknown[], block: number): Promise<unknown> {
    return contract.getFunction(method).staticCall(...args, {blockTag: block})
}

function asBigInt(value: unknown, what: string): bigint {
    if (typeof value !== 'bigint') throw new Error(`${what}: expected an integer, got ${typeof value}`)
    return value
}

function asBool(value: unknown, what: string): boolean {
    if (typeof value !== 'boolean') throw new Error(`${what}: expected a boolean, got ${typeof value}`)
    return value
}

function asString(value: unknown, what: string): string {
    if (typeof value !== 'string') throw new Error(`${what}: expected a string, got ${typeof value}`)
    return value
}

function asAddress(value: unknown, what: string): Address {
    return asString(value, what).toLowerCase()
}

function asAddresses(value: unknown, what: string): Address[] {
    if (!Array.isArray(value)) throw new Error(`${what}: expected an address list`)
    return value.map((v: unknown) => asAddress(v, what))
}

function view(name: ArtifactName, address: string, provider: JsonRpcProvider): Contract {
    return contractAt(name, address, provider)
}

// --- tokens and wallets ---------------------------------------------------------------------

/** Whether `address` has code at `block`: the readers below throw for a contract not yet deployed there. */
export async function deployedAt(provider: JsonRpcProvider, address: Address, block: number): Promise<boolean> {
    return await provider.getCode(address, block) !== '0x'
}

/** Token information at `block`: Token.name/symbol/decimals/totalSupply/paused/identityRegistry/compliance. */
export async function tokenFactsAt(provider: JsonRpcProvider, token: Address, block: number): Promise<TokenFacts> {
    const t = view('Token', token, provider)
    const [name, symbol, decimals, totalSupply, paused, identityRegistry, compliance] = await Promise.all(
        ['name', 'symbol', 'decimals', 'totalSupply', 'paused', 'identityRegistry', 'compliance']
            .map(method => callAt(t, method, [], block)),
    )
    return {
        name: asString(name, 'name'),
        symbol: asString(symbol, 'symbol'),
        decimals: Number(asBigInt(decimals, 'decimals')),
        totalSupply: asBigInt(totalSupply, 'totalSupply'),
        paused: asBool(paused, 'paused'),
        identityRegistry: asAddress(identityRegistry, 'identityRegistry'),
        compliance: asAddress(compliance, 'compliance'),
    }
}

/** Anything with the token's address, e.g. a TokenDeployment; its registry is read at the block. */
export interface TokenRef {
    address: Address
}

/**
 * One wallet's facts on one token at `block`. The identity facts come from the registry the token
 * pointed to at that block (Token.identityRegistry() read at `block`), not from today's.
 */
export async function walletFactsAt(provider: JsonRpcProvider, token: TokenRef, wallet: Address, block: number): Promise<WalletFacts> {
    const [facts] = await walletsFactsAt(provider, token, [wallet], block)
    if (facts === undefined) throw new Error('no facts read')
    return facts
}

/** walletFactsAt for several wallets (same order), reading the token's registry once. */
export async function walletsFactsAt(provider: JsonRpcProvider, token: TokenRef, wallets: readonly Address[], block: number): Promise<WalletFacts[]> {
    const t = view('Token', token.address, provider)
    const registry = asAddress(await callAt(t, 'identityRegistry', [], block), 'identityRegistry')
    const ir = view('IdentityRegistry', registry, provider)
    return Promise.all(wallets.map(async wallet => {
        const [balance, frozenTokens, isFrozen, registered, identity, country, verified] = await Promise.all([
            callAt(t, 'balanceOf', [wallet], block),
            callAt(t, 'getFrozenTokens', [wallet], block),
            callAt(t, 'isFrozen', [wallet], block),
            callAt(ir, 'contains', [wallet], block),
            callAt(ir, 'identity', [wallet], block),
            callAt(ir, 'investorCountry', [wallet], block),
            callAt(ir, 'isVerified', [wallet], block),
        ])
        const isRegistered = asBool(registered, 'contains')
        const id = asAddress(identity, 'identity')
        return {
            identityRegistry: registry,
            balance: asBigInt(balance, 'balanceOf'),
            frozenTokens: asBigInt(frozenTokens, 'getFrozenTokens'),
            isFrozen: asBool(isFrozen, 'isFrozen'),
            registered: isRegistered,
            identity: id === ZeroAddress ? null : id,
            country: isRegistered ? Number(asBigInt(country, 'investorCountry')) : null,
            verified: asBool(verified, 'isVerified'),
        }
    }))
}

// --- roles ----------------------------------------------------------------------------------

/**
 * The candidates holding the agent role of `contract` (a Token or an IdentityRegistry: both are
 * AgentRole) at `block`, in the candidates' order, lowercase. Agent sets cannot be enumerated on
 * chain, hence the candidate list.
 */
export async function agentsAt(provider: JsonRpcProvider, contract: Address, candidates: readonly Address[], block: number): Promise<Address[]> {
    const c = view('AgentRole', contract, provider)
    const flags = await Promise.all(candidates.map(a => callAt(c, 'isAgent', [a], block)))
    return candidates.filter((_, i) => asBool(flags[i], 'isAgent')).map(a => a.toLowerCase())
}

/** Owner (lowercase) of an Ownable T-REX contract (token, registry, compliance, module) at `block`. */
export async function ownerAt(provider: JsonRpcProvider, contract: Address, block: number): Promise<Address> {
    return asAddress(await callAt(view('AgentRole', contract, provider), 'owner', [], block), 'owner')
}

// --- implementation -------------------------------------------------------------------------

/** getImplementationAuthority() of a T-REX proxy (token, registry, storage, compliance) or TREXFactory at `block`, lowercase. */
export async function implementationAuthorityAt(provider: JsonRpcProvider, proxy: Address, block: number): Promise<Address> {
    return asAddress(await callAt(view('AbstractProxy', proxy, provider), 'getImplementationAuthority', [], block), 'getImplementationAuthority')
}

/** TREXImplementationAuthority.getCurrentVersion() at `block`, as major.minor.patch. */
export async function trexVersionAt(provider: JsonRpcProvider, authority: Address, block: number): Promise<string> {
    const v = await callAt(view('TREXImplementationAuthority', authority, provider), 'getCurrentVersion', [], block)
    if (!Array.isArray(v) || v.length !== 3) throw new Error(`getCurrentVersion: expected (major, minor, patch), got ${String(v)}`)
    return v.map(n => asBigInt(n, 'getCurrentVersion').toString()).join('.')
}

// --- compliance -----------------------------------------------------------------------------

/** ModularCompliance.getModules() at `block`: lowercase, in the compliance's own order (removeModule reorders it). */
export async function modulesAt(provider: JsonRpcProvider, compliance: Address, block: number): Promise<Address[]> {
    return asAddresses(await callAt(view('ModularCompliance', compliance, provider), 'getModules', [], block), 'getModules')
}

/**
 * The settings of each given module for `compliance` that the module exposes through a view, at
 * `block`: allowed countries (CountryAllowModule.isCountryAllowed), restricted countries
 * (CountryRestrictModule.isCountryRestricted) among `countries`, and the supply limit
 * (SupplyLimitModule.getSupplyLimit). Modules keep their settings while unbound, so pass every
 * module of interest, not only the bound ones. MaxBalanceModule has no view of its limit.
 */
export async function moduleSettingsAt(
    provider: JsonRpcProvider,
    compliance: Address,
    modules: readonly Address[],
    countries: readonly number[],
    block: number,
): Promise<ModuleSettings[]> {
    const probe = [...new Set(countries)].sort((a, b) => a - b)
    return Promise.all(modules.map(async address => {
        const module = address.toLowerCase()
        // A module proxy deployed after `block` has no code there: eth_call would return 0x.
        if (!await deployedAt(provider, module, block)) return {module, deployed: false, name: '', bound: false}
        const generic = view('CountryAllowModule', module, provider)
        const [name, bound] = await Promise.all([callAt(generic, 'name', [], block), callAt(generic, 'isComplianceBound', [compliance], block)])
        const settings: ModuleSettings = {module, deployed: true, name: asString(name, 'name'), bound: asBool(bound, 'isComplianceBound')}
        const countriesWhere = async (artifact: ArtifactName, method: string): Promise<number[]> => {
            const m = view(artifact, module, provider)
            const flags = await Promise.all(probe.map(c => callAt(m, method, [compliance, c], block)))
            return probe.filter((_, i) => asBool(flags[i], method))
        }
        if (settings.name === 'CountryAllowModule') settings.allowedCountries = await countriesWhere('CountryAllowModule', 'isCountryAllowed')
        if (settings.name === 'CountryRestrictModule') settings.restrictedCountries = await countriesWhere('CountryRestrictModule', 'isCountryRestricted')
        if (settings.name === 'SupplyLimitModule') {
            settings.supplyLimit = asBigInt(await callAt(view('SupplyLimitModule', module, provider), 'getSupplyLimit', [compliance], block), 'getSupplyLimit')
        }
        return settings
    }))
}

// --- everything at once -----------------------------------------------------------------------

/** What to read: typically built from a HistoryScenarioResult. */
export interface OracleSubject {
    tokens: readonly Address[]
    wallets: readonly Address[]
    /** accounts whose agent role is checked on every token and on its registry */
    agentCandidates: readonly Address[]
    /** module addresses probed on every token's compliance (bound or not) */
    modules: readonly Address[]
    /** countries probed in the country modules */
    countries: readonly number[]
}

export interface TokenSnapshot {
    token: Address
    facts: TokenFacts
    /** wallet (lowercase) -> facts, in the subject's wallet order */
    wallets: Record<Address, WalletFacts>
    tokenAgents: Address[]
    registryAgents: Address[]
    /** the compliance's bound modules, in its order */
    modules: Address[]
    moduleSettings: ModuleSettings[]
}

/** Every fact of `subject` at `block`, token by token (registry and compliance as bound at `block`). */
export async function snapshotAt(provider: JsonRpcProvider, subject: OracleSubject, block: number): Promise<TokenSnapshot[]> {
    const out: TokenSnapshot[] = []
    for (const token of subject.tokens) {
        const facts = await tokenFactsAt(provider, token, block)
        const [walletFacts, tokenAgents, registryAgents, modules, moduleSettings] = await Promise.all([
            walletsFactsAt(provider, {address: token}, subject.wallets, block),
            agentsAt(provider, token, subject.agentCandidates, block),
            agentsAt(provider, facts.identityRegistry, subject.agentCandidates, block),
            modulesAt(provider, facts.compliance, block),
            moduleSettingsAt(provider, facts.compliance, subject.modules, subject.countries, block),
        ])
        const wallets: Record<Address, WalletFacts> = {}
        subject.wallets.forEach((w, i) => {
            const f = walletFacts[i]
            if (f !== undefined) wallets[w.toLowerCase()] = f
        })
        out.push({token: token.toLowerCase(), facts, wallets, tokenAgents, registryAgents, modules, moduleSettings})
    }
    return out
}
