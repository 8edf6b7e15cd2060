import {functions as irs} from '../abi/IdentityRegistryStorage'
import {ContractKind, PaymentToken, TokenStandard} from '../model'
import {ChainEvent} from './events'
import {applyTokenInfo} from './factory'
import {readStoredIdentities, StoredIdentityReads, storedIdentityReadsOf} from './identityChange'
import {readVersions, VersionReads, versionReadsOf} from './implementationAuthority'
import {paymentTokenReads, paymentTokensOf, readBlockTimes, recordBlocksOf} from './paymentTokens'
import {BatchState} from './state'
import {batchCall, NodeLimits, RpcBatchClient} from '../rpc/nodeLimits'
import {ALL_FIELDS, ERC20_FIELDS, fetchTokenInfo, infoKey, NAME_AND_SYMBOL, TokenInfo} from './tokenInfo'

export interface ViewReads {
    info: Map<string, Partial<TokenInfo>>
    countries: Map<string, number>
    /** T-REX versions of implementation authorities (see implementationAuthority.ts) */
    versions: VersionReads
    /** identities wallets are stored under, for identity changes no call names (see identityChange.ts) */
    stored: StoredIdentityReads
}

/**
 * One round of JSON-RPC batches for the views events do not carry: token names at discovery and renames,
 * payment tokens' symbol and decimals at their first distribution, stored countries, authorities' T-REX versions,
 * and stored identities where an identity change names no wallet.
 */
export async function readViews(client: RpcBatchClient, state: BatchState, events: ChainEvent[], limits: NodeLimits): Promise<ViewReads> {
    const discovered = state.newContracts.filter(c => c.kind === ContractKind.TOKEN || c.kind === ContractKind.ERC1400_TOKEN).map(c => state.tokens.get(c.address)!)
    const payments = paymentTokenReads(state.paymentTokens, events)
    const requests = [
        ...payments,
        ...discovered.map(t => ({token: t.address, block: t.createdAtBlock, fields: t.standard === TokenStandard.ERC1400 ? ERC20_FIELDS : ALL_FIELDS})),
        ...events.filter(ev => ev.kind === ContractKind.TOKEN && ev.name === 'UpdatedTokenInformation')
            .map(ev => ({token: ev.contract, block: ev.block.height, fields: NAME_AND_SYMBOL})),
    ]
    const stored = events.filter(ev => ev.kind === ContractKind.IDENTITY_REGISTRY_STORAGE && ev.name === 'IdentityStored')
    const [info, countryHex, versions, storedIdentities, recordTimes] = await Promise.all([
        fetchTokenInfo(client, requests, limits),
        batchCall<string | null>(client, stored.map(ev => ({
            method: 'eth_call',
            params: [{to: ev.contract, data: irs.storedInvestorCountry.encode({_userAddress: String(ev.params.investorAddress)})}, '0x' + ev.block.height.toString(16)],
        })), limits, {validateError: () => null}),
        readVersions(client, versionReadsOf(state, events), limits),
        readStoredIdentities(client, storedIdentityReadsOf(state.identityWallets.values(), events), limits),
        readBlockTimes(client, recordBlocksOf(events), limits),
    ])
    const countries = new Map<string, number>()
    stored.forEach((ev, i) => {
        const hex = countryHex[i]
        if (hex && hex !== '0x') countries.set(`${ev.contract}-${String(ev.params.investorAddress).toLowerCase()}-${ev.block.height}`, irs.storedInvestorCountry.decodeResult(hex))
    })
    for (const t of discovered) applyTokenInfo(t, info.get(infoKey(t.address, t.createdAtBlock)))
    for (const p of paymentTokensOf(state.chainId, payments, info)) state.addPaymentToken(new PaymentToken(p))
    for (const [block, time] of recordTimes) state.blockTimes.set(block, time)
    return {info, countries, versions, stored: storedIdentities}
}
