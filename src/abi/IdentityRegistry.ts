import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AgentAdded: event("0xf68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec5", "AgentAdded(address)", {"_agent": indexed(p.address)}),
    AgentRemoved: event("0xed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b", "AgentRemoved(address)", {"_agent": indexed(p.address)}),
    ClaimTopicsRegistrySet: event("0x7170bf15b246e880b2369cd7c67d057760d8a35149e8c64dde91efa22bcc76d0", "ClaimTopicsRegistrySet(address)", {"claimTopicsRegistry": indexed(p.address)}),
    CountryUpdated: event("0x04ed3b726495c2dca1ff1215d9ca54e1a4030abb5e82b0f6ce55702416cee853", "CountryUpdated(address,uint16)", {"investorAddress": indexed(p.address), "country": indexed(p.uint16)}),
    IdentityRegistered: event("0x6ae73635c50d24a45af6fbd5e016ac4bed179addbc8bf24e04ff0fcc6d33af19", "IdentityRegistered(address,address)", {"investorAddress": indexed(p.address), "identity": indexed(p.address)}),
    IdentityRemoved: event("0x59d6590e225b81befe259af056324092801080acbb7feab310eb34678871f327", "IdentityRemoved(address,address)", {"investorAddress": indexed(p.address), "identity": indexed(p.address)}),
    IdentityStorageSet: event("0x2fa8b95c1db7afe99e3398f3792f008135cedc1fa26b0bb2ecd2352cd166d53c", "IdentityStorageSet(address)", {"identityStorage": indexed(p.address)}),
    IdentityUpdated: event("0xe98082932c8056a0f514da9104e4a66bc2cbaef102ad59d90c4b24220ebf6010", "IdentityUpdated(address,address)", {"oldIdentity": indexed(p.address), "newIdentity": indexed(p.address)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TrustedIssuersRegistrySet: event("0x1b98cb79e6f73020175fe87333f1b91ad6a881519c0afe30340c2599b2b4bde0", "TrustedIssuersRegistrySet(address)", {"trustedIssuersRegistry": indexed(p.address)}),
}

export const functions = {
    addAgent: fun("0x84e79842", "addAgent(address)", {"_agent": p.address}, ),
    batchRegisterIdentity: fun("0x653dc9f1", "batchRegisterIdentity(address[],address[],uint16[])", {"_userAddresses": p.array(p.address), "_identities": p.array(p.address), "_countries": p.array(p.uint16)}, ),
    contains: viewFun("0x5dbe47e8", "contains(address)", {"_userAddress": p.address}, p.bool),
    deleteIdentity: fun("0xa8d29d1d", "deleteIdentity(address)", {"_userAddress": p.address}, ),
    identity: viewFun("0xf0eb5e54", "identity(address)", {"_userAddress": p.address}, p.address),
    identityStorage: viewFun("0xf11abfd8", "identityStorage()", {}, p.address),
    init: fun("0x184b9559", "init(address,address,address)", {"_trustedIssuersRegistry": p.address, "_claimTopicsRegistry": p.address, "_identityStorage": p.address}, ),
    investorCountry: viewFun("0x7e42683b", "investorCountry(address)", {"_userAddress": p.address}, p.uint16),
    isAgent: viewFun("0x1ffbb064", "isAgent(address)", {"_agent": p.address}, p.bool),
    isVerified: viewFun("0xb9209e33", "isVerified(address)", {"_userAddress": p.address}, p.bool),
    issuersRegistry: viewFun("0xb4f3fcb7", "issuersRegistry()", {}, p.address),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    registerIdentity: fun("0x454a03e0", "registerIdentity(address,address,uint16)", {"_userAddress": p.address, "_identity": p.address, "_country": p.uint16}, ),
    removeAgent: fun("0x97a6278e", "removeAgent(address)", {"_agent": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setClaimTopicsRegistry: fun("0x670af6a9", "setClaimTopicsRegistry(address)", {"_claimTopicsRegistry": p.address}, ),
    setIdentityRegistryStorage: fun("0x26d941ae", "setIdentityRegistryStorage(address)", {"_identityRegistryStorage": p.address}, ),
    setTrustedIssuersRegistry: fun("0xe744d789", "setTrustedIssuersRegistry(address)", {"_trustedIssuersRegistry": p.address}, ),
    topicsRegistry: viewFun("0x3b3e12f4", "topicsRegistry()", {}, p.address),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    updateCountry: fun("0x3b239a7f", "updateCountry(address,uint16)", {"_userAddress": p.address, "_country": p.uint16}, ),
    updateIdentity: fun("0x8e098ca1", "updateIdentity(address,address)", {"_userAddress": p.address, "_identity": p.address}, ),
}

export class Contract extends ContractBase {

    contains(_userAddress: ContainsParams["_userAddress"]) {
        return this.eth_call(functions.contains, {_userAddress})
    }

    identity(_userAddress: IdentityParams["_userAddress"]) {
        return this.eth_call(functions.identity, {_userAddress})
    }

    identityStorage() {
        return this.eth_call(functions.identityStorage, {})
    }

    investorCountry(_userAddress: InvestorCountryParams["_userAddress"]) {
        return this.eth_call(functions.investorCountry, {_userAddress})
    }

    isAgent(_agent: IsAgentParams["_agent"]) {
        return this.eth_call(functions.isAgent, {_agent})
    }

    isVerified(_userAddress: IsVerifiedParams["_userAddress"]) {
        return this.eth_call(functions.isVerified, {_userAddress})
    }

    issuersRegistry() {
        return this.eth_call(functions.issuersRegistry, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    topicsRegistry() {
        return this.eth_call(functions.topicsRegistry, {})
    }
}

/// Event types
export type AgentAddedEventArgs = EParams<typeof events.AgentAdded>
export type AgentRemovedEventArgs = EParams<typeof events.AgentRemoved>
export type ClaimTopicsRegistrySetEventArgs = EParams<typeof events.ClaimTopicsRegistrySet>
export type CountryUpdatedEventArgs = EParams<typeof events.CountryUpdated>
export type IdentityRegisteredEventArgs = EParams<typeof events.IdentityRegistered>
export type IdentityRemovedEventArgs = EParams<typeof events.IdentityRemoved>
export type IdentityStorageSetEventArgs = EParams<typeof events.IdentityStorageSet>
export type IdentityUpdatedEventArgs = EParams<typeof events.IdentityUpdated>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TrustedIssuersRegistrySetEventArgs = EParams<typeof events.TrustedIssuersRegistrySet>

/// Function types
export type AddAgentParams = FunctionArguments<typeof functions.addAgent>
export type AddAgentReturn = FunctionReturn<typeof functions.addAgent>

export type BatchRegisterIdentityParams = FunctionArguments<typeof functions.batchRegisterIdentity>
export type BatchRegisterIdentityReturn = FunctionReturn<typeof functions.batchRegisterIdentity>

export type ContainsParams = FunctionArguments<typeof functions.contains>
export type ContainsReturn = FunctionReturn<typeof functions.contains>

export type DeleteIdentityParams = FunctionArguments<typeof functions.deleteIdentity>
export type DeleteIdentityReturn = FunctionReturn<typeof functions.deleteIdentity>

export type IdentityParams = FunctionArguments<typeof functions.identity>
export type IdentityReturn = FunctionReturn<typeof functions.identity>

export type IdentityStorageParams = FunctionArguments<typeof functions.identityStorage>
export type IdentityStorageReturn = FunctionReturn<typeof functions.identityStorage>

export type InitParams = FunctionArguments<typeof functions.init>
export type InitReturn = FunctionReturn<typeof functions.init>

export type InvestorCountryParams = FunctionArguments<typeof functions.investorCountry>
export type InvestorCountryReturn = FunctionReturn<typeof functions.investorCountry>

export type IsAgentParams = FunctionArguments<typeof functions.isAgent>
export type IsAgentReturn = FunctionReturn<typeof functions.isAgent>

export type IsVerifiedParams = FunctionArguments<typeof functions.isVerified>
export type IsVerifiedReturn = FunctionReturn<typeof functions.isVerified>

export type IssuersRegistryParams = FunctionArguments<typeof functions.issuersRegistry>
export type IssuersRegistryReturn = FunctionReturn<typeof functions.issuersRegistry>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RegisterIdentityParams = FunctionArguments<typeof functions.registerIdentity>
export type RegisterIdentityReturn = FunctionReturn<typeof functions.registerIdentity>

export type RemoveAgentParams = FunctionArguments<typeof functions.removeAgent>
export type RemoveAgentReturn = FunctionReturn<typeof functions.removeAgent>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetClaimTopicsRegistryParams = FunctionArguments<typeof functions.setClaimTopicsRegistry>
export type SetClaimTopicsRegistryReturn = FunctionReturn<typeof functions.setClaimTopicsRegistry>

export type SetIdentityRegistryStorageParams = FunctionArguments<typeof functions.setIdentityRegistryStorage>
export type SetIdentityRegistryStorageReturn = FunctionReturn<typeof functions.setIdentityRegistryStorage>

export type SetTrustedIssuersRegistryParams = FunctionArguments<typeof functions.setTrustedIssuersRegistry>
export type SetTrustedIssuersRegistryReturn = FunctionReturn<typeof functions.setTrustedIssuersRegistry>

export type TopicsRegistryParams = FunctionArguments<typeof functions.topicsRegistry>
export type TopicsRegistryReturn = FunctionReturn<typeof functions.topicsRegistry>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UpdateCountryParams = FunctionArguments<typeof functions.updateCountry>
export type UpdateCountryReturn = FunctionReturn<typeof functions.updateCountry>

export type UpdateIdentityParams = FunctionArguments<typeof functions.updateIdentity>
export type UpdateIdentityReturn = FunctionReturn<typeof functions.updateIdentity>

