import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AgentAdded: event("0xf68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec5", "AgentAdded(address)", {"_agent": indexed(p.address)}),
    AgentRemoved: event("0xed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b", "AgentRemoved(address)", {"_agent": indexed(p.address)}),
    CountryModified: event("0x20965fcdc6eed7ae398065b40ece4e732ba667992ca819fc54e80e9f2047c4cf", "CountryModified(address,uint16)", {"investorAddress": indexed(p.address), "country": indexed(p.uint16)}),
    IdentityModified: event("0x556ce885dfcea52155c773f1ed2e58781c51945c13030ab8f793c61f51d1b808", "IdentityModified(address,address)", {"oldIdentity": indexed(p.address), "newIdentity": indexed(p.address)}),
    IdentityRegistryBound: event("0x500c250171aa20e861b680f93502547b9d436eda7d4c537fc360db6e0c6eedfb", "IdentityRegistryBound(address)", {"identityRegistry": indexed(p.address)}),
    IdentityRegistryUnbound: event("0x51f353eb5801583fdf2706e43c045b62fdf6b1566820b349390616363ecf72c9", "IdentityRegistryUnbound(address)", {"identityRegistry": indexed(p.address)}),
    IdentityStored: event("0x0030dea7e9c9afaa2e3c9810f2fc9b5181f1bad74ca5a8db85f746a33585e747", "IdentityStored(address,address)", {"investorAddress": indexed(p.address), "identity": indexed(p.address)}),
    IdentityUnstored: event("0xca6a4c3370b859312246e7f086284076e557997e10d856b716c23ab67067790b", "IdentityUnstored(address,address)", {"investorAddress": indexed(p.address), "identity": indexed(p.address)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
}

export const functions = {
    addAgent: fun("0x84e79842", "addAgent(address)", {"_agent": p.address}, ),
    addIdentityToStorage: fun("0xa53410dd", "addIdentityToStorage(address,address,uint16)", {"_userAddress": p.address, "_identity": p.address, "_country": p.uint16}, ),
    bindIdentityRegistry: fun("0x690a49f9", "bindIdentityRegistry(address)", {"_identityRegistry": p.address}, ),
    init: fun("0xe1c7392a", "init()", {}, ),
    isAgent: viewFun("0x1ffbb064", "isAgent(address)", {"_agent": p.address}, p.bool),
    linkedIdentityRegistries: viewFun("0xbf9eb959", "linkedIdentityRegistries()", {}, p.array(p.address)),
    modifyStoredIdentity: fun("0xe805cf86", "modifyStoredIdentity(address,address)", {"_userAddress": p.address, "_identity": p.address}, ),
    modifyStoredInvestorCountry: fun("0x9f3418d5", "modifyStoredInvestorCountry(address,uint16)", {"_userAddress": p.address, "_country": p.uint16}, ),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    removeAgent: fun("0x97a6278e", "removeAgent(address)", {"_agent": p.address}, ),
    removeIdentityFromStorage: fun("0xcf191bcd", "removeIdentityFromStorage(address)", {"_userAddress": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    storedIdentity: viewFun("0x7988d3a5", "storedIdentity(address)", {"_userAddress": p.address}, p.address),
    storedInvestorCountry: viewFun("0x727e13bc", "storedInvestorCountry(address)", {"_userAddress": p.address}, p.uint16),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    unbindIdentityRegistry: fun("0x97a012f7", "unbindIdentityRegistry(address)", {"_identityRegistry": p.address}, ),
}

export class Contract extends ContractBase {

    isAgent(_agent: IsAgentParams["_agent"]) {
        return this.eth_call(functions.isAgent, {_agent})
    }

    linkedIdentityRegistries() {
        return this.eth_call(functions.linkedIdentityRegistries, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    storedIdentity(_userAddress: StoredIdentityParams["_userAddress"]) {
        return this.eth_call(functions.storedIdentity, {_userAddress})
    }

    storedInvestorCountry(_userAddress: StoredInvestorCountryParams["_userAddress"]) {
        return this.eth_call(functions.storedInvestorCountry, {_userAddress})
    }
}

/// Event types
export type AgentAddedEventArgs = EParams<typeof events.AgentAdded>
export type AgentRemovedEventArgs = EParams<typeof events.AgentRemoved>
export type CountryModifiedEventArgs = EParams<typeof events.CountryModified>
export type IdentityModifiedEventArgs = EParams<typeof events.IdentityModified>
export type IdentityRegistryBoundEventArgs = EParams<typeof events.IdentityRegistryBound>
export type IdentityRegistryUnboundEventArgs = EParams<typeof events.IdentityRegistryUnbound>
export type IdentityStoredEventArgs = EParams<typeof events.IdentityStored>
export type IdentityUnstoredEventArgs = EParams<typeof events.IdentityUnstored>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>

/// Function types
export type AddAgentParams = FunctionArguments<typeof functions.addAgent>
export type AddAgentReturn = FunctionReturn<typeof functions.addAgent>

export type AddIdentityToStorageParams = FunctionArguments<typeof functions.addIdentityToStorage>
export type AddIdentityToStorageReturn = FunctionReturn<typeof functions.addIdentityToStorage>

export type BindIdentityRegistryParams = FunctionArguments<typeof functions.bindIdentityRegistry>
export type BindIdentityRegistryReturn = FunctionReturn<typeof functions.bindIdentityRegistry>

export type InitParams = FunctionArguments<typeof functions.init>
export type InitReturn = FunctionReturn<typeof functions.init>

export type IsAgentParams = FunctionArguments<typeof functions.isAgent>
export type IsAgentReturn = FunctionReturn<typeof functions.isAgent>

export type LinkedIdentityRegistriesParams = FunctionArguments<typeof functions.linkedIdentityRegistries>
export type LinkedIdentityRegistriesReturn = FunctionReturn<typeof functions.linkedIdentityRegistries>

export type ModifyStoredIdentityParams = FunctionArguments<typeof functions.modifyStoredIdentity>
export type ModifyStoredIdentityReturn = FunctionReturn<typeof functions.modifyStoredIdentity>

export type ModifyStoredInvestorCountryParams = FunctionArguments<typeof functions.modifyStoredInvestorCountry>
export type ModifyStoredInvestorCountryReturn = FunctionReturn<typeof functions.modifyStoredInvestorCountry>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RemoveAgentParams = FunctionArguments<typeof functions.removeAgent>
export type RemoveAgentReturn = FunctionReturn<typeof functions.removeAgent>

export type RemoveIdentityFromStorageParams = FunctionArguments<typeof functions.removeIdentityFromStorage>
export type RemoveIdentityFromStorageReturn = FunctionReturn<typeof functions.removeIdentityFromStorage>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type StoredIdentityParams = FunctionArguments<typeof functions.storedIdentity>
export type StoredIdentityReturn = FunctionReturn<typeof functions.storedIdentity>

export type StoredInvestorCountryParams = FunctionArguments<typeof functions.storedInvestorCountry>
export type StoredInvestorCountryReturn = FunctionReturn<typeof functions.storedInvestorCountry>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UnbindIdentityRegistryParams = FunctionArguments<typeof functions.unbindIdentityRegistry>
export type UnbindIdentityRegistryReturn = FunctionReturn<typeof functions.unbindIdentityRegistry>

