import {events as distributions} from '../abi/DistributionManager'
import {events as dvd} from '../abi/DVDTransferManager'
import {events as gateway} from '../abi/TREXGateway'
import {ContractKind} from '../model/generated/_contractKind'
import {RawLog} from './catalog'
import {addr, ChainEvent} from './events'
import {ZERO_ADDRESS} from './rules'

export type RegistryLink = 'identityStorage' | 'trustedIssuersRegistry' | 'claimTopicsRegistry'

export interface Discovery {
    address: string
    kind: ContractKind
    /** the token the new contract belongs to */
    token?: string
    /** the identity registry that now uses it, and as what */
    linkFrom?: {registry: string; field: RegistryLink}
}

/**
 * The contracts an event points to: a suite's registries and compliance, an investor's identity,
 * a trusted claim issuer, a compliance module, the implementation authority of a proxy, a factory's
 * IdFactory. Pure: the caller decides what is new.
 */
export function discoveriesOf(ev: ChainEvent): Discovery[] {
    switch (`${ev.kind}.${ev.name}`) {
        case 'FACTORY.TREXSuiteDeployed': {
            const token = addr(ev, '_token')
            const ir = addr(ev, '_ir')
            return [
                {address: token, kind: ContractKind.TOKEN, token},
                {address: ir, kind: ContractKind.IDENTITY_REGISTRY, token},
                {address: addr(ev, '_irs'), kind: ContractKind.IDENTITY_REGISTRY_STORAGE, linkFrom: {registry: ir, field: 'identityStorage'}},
                {address: addr(ev, '_tir'), kind: ContractKind.TRUSTED_ISSUERS_REGISTRY, linkFrom: {registry: ir, field: 'trustedIssuersRegistry'}},
                {address: addr(ev, '_ctr'), kind: ContractKind.CLAIM_TOPICS_REGISTRY, linkFrom: {registry: ir, field: 'claimTopicsRegistry'}},
                {address: addr(ev, '_mc'), kind: ContractKind.COMPLIANCE, token},
            ]
        }
        case 'FACTORY.ImplementationAuthoritySet':
        case 'TOKEN.ImplementationAuthoritySet':
        case 'IDENTITY_REGISTRY.ImplementationAuthoritySet':
        case 'IDENTITY_REGISTRY_STORAGE.ImplementationAuthoritySet':
        case 'TRUSTED_ISSUERS_REGISTRY.ImplementationAuthoritySet':
        case 'CLAIM_TOPICS_REGISTRY.ImplementationAuthoritySet':
        case 'COMPLIANCE.ImplementationAuthoritySet':
            // Every T-REX proxy (and the factory, for the suites it deploys) names the authority of its implementation.
            return [{address: addr(ev, '_implementationAuthority'), kind: ContractKind.IMPLEMENTATION_AUTHORITY}]
        case 'FACTORY.IdFactorySet':
            return [{address: addr(ev, '_idFactory'), kind: ContractKind.ID_FACTORY}]
        case 'TOKEN.IdentityRegistryAdded':
            return [{address: addr(ev, '_identityRegistry'), kind: ContractKind.IDENTITY_REGISTRY, token: ev.contract}]
        case 'TOKEN.ComplianceAdded':
            return [{address: addr(ev, '_compliance'), kind: ContractKind.COMPLIANCE, token: ev.contract}]
        case 'TOKEN.UpdatedTokenInformation': {
            // The token's own ONCHAINID: issuers' claims about the token itself live there.
            const identity = addr(ev, '_newOnchainID')
            return identity === ZERO_ADDRESS ? [] : [{address: identity, kind: ContractKind.IDENTITY, token: ev.contract}]
        }
        case 'IDENTITY_REGISTRY.IdentityStorageSet':
            return [{address: addr(ev, 'identityStorage'), kind: ContractKind.IDENTITY_REGISTRY_STORAGE, linkFrom: {registry: ev.contract, field: 'identityStorage'}}]
        case 'IDENTITY_REGISTRY.TrustedIssuersRegistrySet':
            return [{address: addr(ev, 'trustedIssuersRegistry'), kind: ContractKind.TRUSTED_ISSUERS_REGISTRY, linkFrom: {registry: ev.contract, field: 'trustedIssuersRegistry'}}]
        case 'IDENTITY_REGISTRY.ClaimTopicsRegistrySet':
            return [{address: addr(ev, 'claimTopicsRegistry'), kind: ContractKind.CLAIM_TOPICS_REGISTRY, linkFrom: {registry: ev.contract, field: 'claimTopicsRegistry'}}]
        case 'IDENTITY_REGISTRY.IdentityRegistered':
        case 'IDENTITY_REGISTRY_STORAGE.IdentityStored':
            return [{address: addr(ev, 'identity'), kind: ContractKind.IDENTITY}]
        case 'IDENTITY_REGISTRY.IdentityUpdated':
        case 'IDENTITY_REGISTRY_STORAGE.IdentityModified':
            return [{address: addr(ev, 'newIdentity'), kind: ContractKind.IDENTITY}]
        case 'TRUSTED_ISSUERS_REGISTRY.TrustedIssuerAdded':
            return [{address: addr(ev, 'trustedIssuer'), kind: ContractKind.CLAIM_ISSUER}]
        case 'COMPLIANCE.ModuleAdded':
            return [{address: addr(ev, '_module'), kind: ContractKind.MODULE}]
        default:
            return []
    }
}

/**
 * Contracts that nothing we watch points to, recognised by what they emit: a DVD manager settling a
 * watched token, a distribution manager paying its holders, a TREXGateway set to a watched factory.
 */
export function selfDiscovery(log: RawLog, isWatched: (address: string) => boolean): ContractKind | undefined {
    try {
        if (log.topics[0] === dvd.DVDTransferInitiated.topic) {
            const e = dvd.DVDTransferInitiated.decode(log)
            if (isWatched(e.token1.toLowerCase()) || isWatched(e.token2.toLowerCase())) return ContractKind.DVD_MANAGER
        }
        if (log.topics[0] === distributions.DistributionCreated.topic && isWatched(distributions.DistributionCreated.decode(log).token.toLowerCase())) {
            return ContractKind.DISTRIBUTION_MANAGER
        }
        if (log.topics[0] === gateway.FactorySet.topic && isWatched(gateway.FactorySet.decode(log).factory.toLowerCase())) {
            return ContractKind.GATEWAY
        }
    } catch {
        // another contract's event with the same topic: not ours
    }
    return undefined
}

const topicOf = (address: string): string => '0x' + address.slice(2).toLowerCase().padStart(64, '0')

/**
 * eth_getLogs filters that find, from any address, the events by which contracts reveal themselves
 * (see `selfDiscovery`) about these tokens and factories: the node filters on the indexed token or
 * factory, so the cost follows the contracts we watch, not the chain.
 */
export function selfDiscoveryFilters(tokens: readonly string[], factories: readonly string[]): {topics: (string | string[] | null)[]}[] {
    const t = tokens.map(topicOf)
    const f = factories.map(topicOf)
    return [
        ...(t.length === 0 ? [] : [
            // one filter for both events that carry the token as topic 2: each filter is a scan of the range at the node
            {topics: [[dvd.DVDTransferInitiated.topic, distributions.DistributionCreated.topic], null, t]},
            {topics: [dvd.DVDTransferInitiated.topic, null, null, t]},
        ]),
        ...(f.length === 0 ? [] : [{topics: [gateway.FactorySet.topic, f]}]),
    ]
}
