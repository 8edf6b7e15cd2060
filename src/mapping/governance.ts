import {ClaimTopic, ComplianceModule, FactKind, ModuleSetting, Role, RoleAssignment, Token, TrustedIssuer, WatchedContract} from '../model'
import {addr, ChainEvent, param} from './events'
import {FactValue} from './facts'
import {ZERO_ADDRESS} from './rules'
import {BatchState} from './state'

// Who may act on a contract, and how compliance is configured: roles, modules and their settings,
// trusted issuers, claim topics.

const roleId = (c: number, contract: string, role: Role, account: string) => `${c}-${contract}-${role}-${account}`
const moduleId = (c: number, compliance: string, module: string) => `${c}-${compliance}-${module}`
const settingId = (c: number, module: string, compliance: string, key: string) => `${c}-${module}-${compliance}-${key}`
const issuerId = (c: number, registry: string, issuer: string) => `${c}-${registry}-${issuer}`
const topicId = (c: number, registry: string, topic: bigint) => `${c}-${registry}-${topic}`

/** A module event's setting: which key of which compliance it sets, to what. */
export function moduleSetting(ev: ChainEvent): {compliance: string; key: string; value: string} | undefined {
    const compliance = () => addr(ev, '_compliance' in ev.params ? '_compliance' : 'compliance')
    const str = (name: string) => String(ev.params[name]).toLowerCase()
    switch (ev.name) {
        case 'CountryAllowed':
        case 'CountryUnallowed':
            return {compliance: compliance(), key: `allowedCountry:${str('_country')}`, value: String(ev.name === 'CountryAllowed')}
        case 'AddedRestrictedCountry':
        case 'RemovedRestrictedCountry':
            return {compliance: compliance(), key: `restrictedCountry:${str('_country')}`, value: String(ev.name === 'AddedRestrictedCountry')}
        case 'MaxBalanceSet':
            return {compliance: compliance(), key: 'maxBalance', value: str('_maxBalance')}
        case 'SupplyLimitSet':
            return {compliance: compliance(), key: 'supplyLimit', value: str('_limit')}
        case 'UserAllowed':
        case 'UserDisallowed':
            return {compliance: compliance(), key: `allowedUser:${str('_userAddress')}`, value: String(ev.name === 'UserAllowed')}
        case 'TimeTransferLimitUpdated':
            return {compliance: compliance(), key: `timeTransferLimit:${str('limitTime')}`, value: str('limitValue')}
        case 'TimeTransferLimitRemoved':
            return {compliance: compliance(), key: `timeTransferLimit:${str('limitTime')}`, value: 'removed'}
        case 'ExchangeMonthlyLimitUpdated':
            return {compliance: compliance(), key: `exchangeMonthlyLimit:${str('_exchangeID')}`, value: str('_newExchangeMonthlyLimit')}
        case 'ExchangeLimitUpdated':
            return {compliance: compliance(), key: `exchangeLimit:${str('_exchangeID')}:${str('_limitTime')}`, value: str('_limitValue')}
        case 'FeeUpdated':
            return {compliance: compliance(), key: 'transferFee', value: `${str('_rate')}@${str('_collector')}`}
        default:
            return undefined
    }
}

export function wantGovernanceRows(state: BatchState, ev: ChainEvent): void {
    const c = state.chainId
    switch (ev.name) {
        case 'AgentAdded':
        case 'AgentRemoved':
            state.roles.want(roleId(c, ev.contract, Role.AGENT, addr(ev, '_agent')))
            return
        case 'OwnershipTransferred':
            state.roles.want(roleId(c, ev.contract, Role.OWNER, addr(ev, 'previousOwner')))
            state.roles.want(roleId(c, ev.contract, Role.OWNER, addr(ev, 'newOwner')))
            return
        case 'ModuleAdded':
        case 'ModuleRemoved':
            state.modules.want(moduleId(c, ev.contract, addr(ev, '_module')))
            return
        case 'TrustedIssuerAdded':
        case 'TrustedIssuerRemoved':
        case 'ClaimTopicsUpdated':
            state.issuers.want(issuerId(c, ev.contract, addr(ev, 'trustedIssuer')))
            return
        case 'ClaimTopicAdded':
        case 'ClaimTopicRemoved':
            state.topics.want(topicId(c, ev.contract, param<bigint>(ev, 'claimTopic')))
            return
    }
    const s = ev.kind === 'MODULE' ? moduleSetting(ev) : undefined
    if (s) state.settings.want(settingId(c, ev.contract, s.compliance, s.key))
}

/** Applies a governance event to roles, modules, settings, issuers and topics. */
export function applyGovernanceEvent(state: BatchState, ev: ChainEvent, contract: WatchedContract, token: Token | undefined): void {
    const c = state.chainId
    const at = {height: ev.block.height, time: new Date(ev.block.timestamp)}
    const grant = (role: Role, account: string, active: boolean) => {
        if (account === ZERO_ADDRESS) return
        const id = roleId(c, ev.contract, role, account)
        const r = state.roles.upsert(id, () => new RoleAssignment({
            id, chainId: c, contract: ev.contract, contractKind: contract.kind, token: token ?? null, role, account,
            grantedAtBlock: at.height, grantedAt: at.time,
        }))
        if (active) Object.assign(r, {active, grantedAtBlock: at.height, grantedAt: at.time, revokedAtBlock: null, revokedAt: null})
        else Object.assign(r, {active, revokedAtBlock: at.height, revokedAt: at.time})
        fact(FactKind.ROLE, `${role}:${account}`, active ? {role, account} : null)
    }
    const fact = (kind: FactKind, key: string, value: FactValue | null, contract = ev.contract) => state.facts.set(kind, contract, key, value, ev, token)
    switch (ev.name) {
        case 'AgentAdded':
            return grant(Role.AGENT, addr(ev, '_agent'), true)
        case 'AgentRemoved':
            return grant(Role.AGENT, addr(ev, '_agent'), false)
        case 'OwnershipTransferred':
            grant(Role.OWNER, addr(ev, 'previousOwner'), false)
            return grant(Role.OWNER, addr(ev, 'newOwner'), true)
        case 'ModuleAdded':
        case 'ModuleRemoved': {
            const module = addr(ev, '_module')
            const id = moduleId(c, ev.contract, module)
            const m = state.modules.upsert(id, () => new ComplianceModule({id, chainId: c, compliance: ev.contract, module, token: token ?? null, addedAtBlock: at.height}))
            if (ev.name === 'ModuleAdded') Object.assign(m, {active: true, addedAtBlock: at.height, removedAtBlock: null})
            else Object.assign(m, {active: false, removedAtBlock: at.height})
            return fact(FactKind.MODULE, module, m.active ? {module} : null)
        }
        case 'TrustedIssuerAdded':
        case 'TrustedIssuerRemoved':
        case 'ClaimTopicsUpdated': {
            const issuer = addr(ev, 'trustedIssuer')
            const id = issuerId(c, ev.contract, issuer)
            const i = state.issuers.upsert(id, () => new TrustedIssuer({id, chainId: c, registry: ev.contract, issuer, claimTopics: [], addedAtBlock: at.height}))
            if (ev.name === 'TrustedIssuerRemoved') Object.assign(i, {active: false, removedAtBlock: at.height})
            else i.claimTopics = param<bigint[]>(ev, 'claimTopics').map(String)
            if (ev.name === 'TrustedIssuerAdded') Object.assign(i, {active: true, addedAtBlock: at.height, removedAtBlock: null})
            return fact(FactKind.TRUSTED_ISSUER, issuer, i.active ? {issuer, claimTopics: i.claimTopics} : null)
        }
        case 'ClaimTopicAdded':
        case 'ClaimTopicRemoved': {
            const topic = param<bigint>(ev, 'claimTopic')
            const id = topicId(c, ev.contract, topic)
            const t = state.topics.upsert(id, () => new ClaimTopic({id, chainId: c, registry: ev.contract, topic, addedAtBlock: at.height}))
            if (ev.name === 'ClaimTopicAdded') Object.assign(t, {active: true, addedAtBlock: at.height, removedAtBlock: null})
            else Object.assign(t, {active: false, removedAtBlock: at.height})
            return fact(FactKind.CLAIM_TOPIC, String(topic), t.active ? {topic: String(topic)} : null)
        }
    }
    const s = ev.kind === 'MODULE' ? moduleSetting(ev) : undefined
    if (s) {
        const id = settingId(c, ev.contract, s.compliance, s.key)
        const row = state.settings.upsert(id, () => new ModuleSetting({id, chainId: c, module: ev.contract, compliance: s.compliance, key: s.key}))
        Object.assign(row, {value: s.value, changedAtBlock: at.height, changedAt: at.time})
        // "false" (a country or user taken off a list) and "removed" end the setting
        const ended = s.value === 'false' || s.value === 'removed'
        fact(FactKind.MODULE_SETTING, `${ev.contract}|${s.key}`, ended ? null : {module: ev.contract, key: s.key, value: s.value}, s.compliance)
    }
}
