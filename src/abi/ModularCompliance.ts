import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    ModuleAdded: event("0xead6a006345da1073a106d5f32372d2d2204f46cb0b4bca8f5ebafcbbed12b8a", "ModuleAdded(address)", {"_module": indexed(p.address)}),
    ModuleInteraction: event("0x20d79de70adcc6e9353d8a9a5646b46dc352710d0a310b1ad1f67faeca7ef891", "ModuleInteraction(address,bytes4)", {"target": indexed(p.address), "selector": p.bytes4}),
    ModuleRemoved: event("0x0a1ee69f55c33d8467c69ca59ce2007a737a88603d75392972520bf67cb513b8", "ModuleRemoved(address)", {"_module": indexed(p.address)}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TokenBound: event("0x2de35142b19ed5a07796cf30791959c592018f70b1d2d7c460eef8ffe713692b", "TokenBound(address)", {"_token": p.address}),
    TokenUnbound: event("0x28a4ca7134a3b3f9aff286e79ad3daadb4a06d1b43d037a3a98bdc074edd9b7a", "TokenUnbound(address)", {"_token": p.address}),
}

export const functions = {
    addModule: fun("0x1ed86f19", "addModule(address)", {"_module": p.address}, ),
    bindToken: fun("0x3ff5aa02", "bindToken(address)", {"_token": p.address}, ),
    callModuleFunction: fun("0xefb22d33", "callModuleFunction(bytes,address)", {"callData": p.bytes, "_module": p.address}, ),
    canTransfer: viewFun("0xe46638e6", "canTransfer(address,address,uint256)", {"_from": p.address, "_to": p.address, "_value": p.uint256}, p.bool),
    created: fun("0x5f8dead3", "created(address,uint256)", {"_to": p.address, "_value": p.uint256}, ),
    destroyed: fun("0x8d2ea772", "destroyed(address,uint256)", {"_from": p.address, "_value": p.uint256}, ),
    getModules: viewFun("0xb2494df3", "getModules()", {}, p.array(p.address)),
    getTokenBound: viewFun("0x6a3edf28", "getTokenBound()", {}, p.address),
    init: fun("0xe1c7392a", "init()", {}, ),
    isModuleBound: viewFun("0xa446d49f", "isModuleBound(address)", {"_module": p.address}, p.bool),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    removeModule: fun("0xa0632461", "removeModule(address)", {"_module": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    transferred: fun("0x8baf29b4", "transferred(address,address,uint256)", {"_from": p.address, "_to": p.address, "_value": p.uint256}, ),
    unbindToken: fun("0x40db3b50", "unbindToken(address)", {"_token": p.address}, ),
}

export class Contract extends ContractBase {

    canTransfer(_from: CanTransferParams["_from"], _to: CanTransferParams["_to"], _value: CanTransferParams["_value"]) {
        return this.eth_call(functions.canTransfer, {_from, _to, _value})
    }

    getModules() {
        return this.eth_call(functions.getModules, {})
    }

    getTokenBound() {
        return this.eth_call(functions.getTokenBound, {})
    }

    isModuleBound(_module: IsModuleBoundParams["_module"]) {
        return this.eth_call(functions.isModuleBound, {_module})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Event types
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type ModuleAddedEventArgs = EParams<typeof events.ModuleAdded>
export type ModuleInteractionEventArgs = EParams<typeof events.ModuleInteraction>
export type ModuleRemovedEventArgs = EParams<typeof events.ModuleRemoved>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TokenBoundEventArgs = EParams<typeof events.TokenBound>
export type TokenUnboundEventArgs = EParams<typeof events.TokenUnbound>

/// Function types
export type AddModuleParams = FunctionArguments<typeof functions.addModule>
export type AddModuleReturn = FunctionReturn<typeof functions.addModule>

export type BindTokenParams = FunctionArguments<typeof functions.bindToken>
export type BindTokenReturn = FunctionReturn<typeof functions.bindToken>

export type CallModuleFunctionParams = FunctionArguments<typeof functions.callModuleFunction>
export type CallModuleFunctionReturn = FunctionReturn<typeof functions.callModuleFunction>

export type CanTransferParams = FunctionArguments<typeof functions.canTransfer>
export type CanTransferReturn = FunctionReturn<typeof functions.canTransfer>

export type CreatedParams = FunctionArguments<typeof functions.created>
export type CreatedReturn = FunctionReturn<typeof functions.created>

export type DestroyedParams = FunctionArguments<typeof functions.destroyed>
export type DestroyedReturn = FunctionReturn<typeof functions.destroyed>

export type GetModulesParams = FunctionArguments<typeof functions.getModules>
export type GetModulesReturn = FunctionReturn<typeof functions.getModules>

export type GetTokenBoundParams = FunctionArguments<typeof functions.getTokenBound>
export type GetTokenBoundReturn = FunctionReturn<typeof functions.getTokenBound>

export type InitParams = FunctionArguments<typeof functions.init>
export type InitReturn = FunctionReturn<typeof functions.init>

export type IsModuleBoundParams = FunctionArguments<typeof functions.isModuleBound>
export type IsModuleBoundReturn = FunctionReturn<typeof functions.isModuleBound>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RemoveModuleParams = FunctionArguments<typeof functions.removeModule>
export type RemoveModuleReturn = FunctionReturn<typeof functions.removeModule>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type TransferredParams = FunctionArguments<typeof functions.transferred>
export type TransferredReturn = FunctionReturn<typeof functions.transferred>

export type UnbindTokenParams = FunctionArguments<typeof functions.unbindToken>
export type UnbindTokenReturn = FunctionReturn<typeof functions.unbindToken>

