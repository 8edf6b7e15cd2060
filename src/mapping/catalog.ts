// Which events each kind of watched contract emits, from the typegen'd ABIs; pure, no entities.
import * as proxy from '../abi/AbstractProxy'
import * as claimIssuer from '../abi/ClaimIssuer'
import * as claimTopicsRegistry from '../abi/ClaimTopicsRegistry'
import * as conditionalTransfer from '../abi/ConditionalTransferModule'
import * as countryAllow from '../abi/CountryAllowModule'
import * as countryRestrict from '../abi/CountryRestrictModule'
import * as distributionManager from '../abi/DistributionManager'
import * as erc1400 from '../abi/ERC1400Token'
import * as dvd from '../abi/DVDTransferManager'
import * as exchangeMonthlyLimits from '../abi/ExchangeMonthlyLimitsModule'
import * as identity from '../abi/Identity'
import * as idFactory from '../abi/IdFactory'
import * as identityRegistry from '../abi/IdentityRegistry'
import * as identityRegistryStorage from '../abi/IdentityRegistryStorage'
import * as maxBalance from '../abi/MaxBalanceModule'
import * as compliance from '../abi/ModularCompliance'
import * as supplyLimit from '../abi/SupplyLimitModule'
import * as timeExchangeLimits from '../abi/TimeExchangeLimitsModule'
import * as timeTransfersLimits from '../abi/TimeTransfersLimitsModule'
import * as token from '../abi/Token'
import * as tokenListing from '../abi/TokenListingRestrictionsModule'
import * as transferFees from '../abi/TransferFeesModule'
import * as transferRestrict from '../abi/TransferRestrictModule'
import * as trustedIssuersRegistry from '../abi/TrustedIssuersRegistry'
import * as factory from '../abi/TREXFactory'
import * as gateway from '../abi/TREXGateway'
import * as implementationAuthority from '../abi/TREXImplementationAuthority'
import {ContractKind} from '../model/generated/_contractKind'

export interface RawLog {
    topics: string[]
    data: string
}

interface AbiEvent {
    topic: string
    decode(log: RawLog): object
}

type EventMap = Record<string, AbiEvent>

const MODULE_EVENTS: EventMap = {
    ...countryAllow.events,
    ...countryRestrict.events,
    ...maxBalance.events,
    ...supplyLimit.events,
    ...transferRestrict.events,
    ...conditionalTransfer.events,
    ...timeTransfersLimits.events,
    ...timeExchangeLimits.events,
    ...exchangeMonthlyLimits.events,
    ...transferFees.events,
    ...tokenListing.events,
}

/**
 * An event whose indexed parameters are structs: the log holds only each struct's keccak256, which the
 * generated decoder would read as the struct itself. Decodes to those hashes (0x-prefixed, 32 bytes), by name.
 */
function structHashes(event: {topic: string; signature: string}, names: readonly string[]): AbiEvent {
    return {
        topic: event.topic,
        decode(log: RawLog): Record<string, string> {
            if (log.topics[0] !== event.topic || log.topics.length !== names.length + 1) {
                throw new Error(`${event.signature} has ${names.length + 1} topics, this log ${log.topics.length}`)
            }
            return Object.fromEntries(names.map((name, i) => [name, log.topics[i + 1]!]))
        },
    }
}

const IMPLEMENTATION_AUTHORITY_EVENTS: EventMap = {
    ...implementationAuthority.events,
    TREXVersionAdded: structHashes(implementationAuthority.events.TREXVersionAdded, ['version', 'trex']),
    TREXVersionFetched: structHashes(implementationAuthority.events.TREXVersionFetched, ['version', 'trex']),
    VersionUpdated: structHashes(implementationAuthority.events.VersionUpdated, ['version']),
}

const EVENTS: Record<ContractKind, EventMap> = {
    TOKEN: {...proxy.events, ...token.events},
    IDENTITY_REGISTRY: {...proxy.events, ...identityRegistry.events},
    IDENTITY_REGISTRY_STORAGE: {...proxy.events, ...identityRegistryStorage.events},
    TRUSTED_ISSUERS_REGISTRY: {...proxy.events, ...trustedIssuersRegistry.events},
    CLAIM_TOPICS_REGISTRY: {...proxy.events, ...claimTopicsRegistry.events},
    COMPLIANCE: {...proxy.events, ...compliance.events},
    MODULE: MODULE_EVENTS,
    FACTORY: factory.events,
    GATEWAY: gateway.events,
    DVD_MANAGER: dvd.events,
    IDENTITY: identity.events,
    CLAIM_ISSUER: claimIssuer.events,
    DISTRIBUTION_MANAGER: distributionManager.events,
    IMPLEMENTATION_AUTHORITY: IMPLEMENTATION_AUTHORITY_EVENTS,
    ID_FACTORY: idFactory.events,
    // Overloaded events (the EIP's and Polymath's IssuedByPartition, RedeemedByPartition) are keyed by signature: each decodes by its own topic.
    ERC1400_TOKEN: erc1400.events,
}

/** `IssuedByPartition(bytes32 indexed,…)` → `IssuedByPartition`: the event's name whatever variant emitted it. */
const eventName = (key: string): string => key.replace(/\(.*$/, '')

/** topic0 → event name, per contract kind. */
const BY_TOPIC = new Map<ContractKind, Map<string, string>>(
    (Object.entries(EVENTS) as [ContractKind, EventMap][]).map(([kind, events]) => [
        kind,
        new Map(Object.entries(events).map(([name, e]) => [e.topic, name])),
    ]),
)

/** Every event name any watched contract can emit. */
export const EVENT_NAMES: string[] = [...new Set(Object.values(EVENTS).flatMap(m => Object.keys(m).map(eventName)))]

/** Every topic any watched contract can emit: what the processor asks the node for. */
export const ALL_TOPICS: string[] = [...new Set(Object.values(EVENTS).flatMap(m => Object.values(m).map(e => e.topic)))]

export interface DecodedEvent {
    name: string
    params: Record<string, unknown>
}

/**
 * Decodes a log of a contract of the given kind. Unknown topics give undefined (the contract
 * emits something we do not index); data that does not fit the ABI throws.
 */
export function decodeEvent(kind: ContractKind, log: RawLog): DecodedEvent | undefined {
    const topic = log.topics[0]
    const name = topic && BY_TOPIC.get(kind)?.get(topic)
    if (!name) return undefined
    const event = EVENTS[kind][name]!
    return {name: eventName(name), params: event.decode(log) as Record<string, unknown>}
}

/** JSON-safe parameters: bigints as decimal strings, addresses lower-case, leading underscores dropped. */
export function jsonParams(params: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(params)) out[k.replace(/^_+/, '')] = jsonValue(v)
    return out
}

function jsonValue(v: unknown): unknown {
    if (typeof v === 'bigint') return v.toString()
    if (typeof v === 'string') return /^0x[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : v
    if (Array.isArray(v)) return v.map(jsonValue)
    return v
}

/** `TokensFrozen` → `TOKENS_FROZEN`: the audit kind of an event. */
export function auditKindOf(eventName: string): string {
    return eventName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toUpperCase()
}
