import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AdminChanged: event("0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f", "AdminChanged(address,address)", {"previousAdmin": p.address, "newAdmin": p.address}),
    BeaconUpgraded: event("0x1cf3b03a6cf19fa2baba4df148e9dcabedea7f8a5c07840e207e5c089be95d3e", "BeaconUpgraded(address)", {"beacon": indexed(p.address)}),
    ComplianceBound: event("0x1f7b76c58fb697eb53c6c7c1becb96911516a136e24d7ced386b2355358b75a3", "ComplianceBound(address)", {"_compliance": indexed(p.address)}),
    ComplianceUnbound: event("0x408b49d9be1c914c52a0227e18a077e5a892dddf32a26cfa94a5d9708fad7718", "ComplianceUnbound(address)", {"_compliance": indexed(p.address)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TimeTransferLimitRemoved: event("0x44517d80caa322e667548d639479d5f95bb3c39cc0afeed32098066b0b1bedd3", "TimeTransferLimitRemoved(address,uint32)", {"compliance": indexed(p.address), "limitTime": p.uint32}),
    TimeTransferLimitUpdated: event("0x172f792abfbfd784dac801573197a4dc27fe914e9bb2756ff598a68a359c29c2", "TimeTransferLimitUpdated(address,uint32,uint256)", {"compliance": indexed(p.address), "limitTime": p.uint32, "limitValue": p.uint256}),
    Upgraded: event("0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b", "Upgraded(address)", {"implementation": indexed(p.address)}),
}

export const functions = {
    batchRemoveTimeTransferLimit: fun("0x92d586df", "batchRemoveTimeTransferLimit(uint32[])", {"_limitTimes": p.array(p.uint32)}, ),
    batchSetTimeTransferLimit: fun("0xcee624b2", "batchSetTimeTransferLimit((uint32,uint256)[])", {"_limits": p.array(p.struct({"limitTime": p.uint32, "limitValue": p.uint256}))}, ),
    bindCompliance: fun("0x4a932544", "bindCompliance(address)", {"_compliance": p.address}, ),
    canComplianceBind: viewFun("0xbcc21053", "canComplianceBind(address)", {"_0": p.address}, p.bool),
    getTimeTransferLimits: viewFun("0x388ebb15", "getTimeTransferLimits(address)", {"_compliance": p.address}, p.array(p.struct({"limitTime": p.uint32, "limitValue": p.uint256}))),
    initialize: fun("0x8129fc1c", "initialize()", {}, ),
    isComplianceBound: viewFun("0x4cf4d295", "isComplianceBound(address)", {"_compliance": p.address}, p.bool),
    isPlugAndPlay: viewFun("0xe6f5e807", "isPlugAndPlay()", {}, p.bool),
    limitValues: viewFun("0x2f6bbc5d", "limitValues(address,uint32)", {"_0": p.address, "_1": p.uint32}, {"attributedLimit": p.bool, "limitIndex": p.uint8}),
    moduleBurnAction: fun("0x372491a2", "moduleBurnAction(address,uint256)", {"_from": p.address, "_value": p.uint256}, ),
    moduleCheck: viewFun("0x013b7ce4", "moduleCheck(address,address,uint256,address)", {"_from": p.address, "_1": p.address, "_value": p.uint256, "_compliance": p.address}, p.bool),
    moduleMintAction: fun("0xf104a8c9", "moduleMintAction(address,uint256)", {"_to": p.address, "_value": p.uint256}, ),
    moduleTransferAction: fun("0x2cb7e1ec", "moduleTransferAction(address,address,uint256)", {"_from": p.address, "_1": p.address, "_value": p.uint256}, ),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    proxiableUUID: viewFun("0x52d1902d", "proxiableUUID()", {}, p.bytes32),
    removeTimeTransferLimit: fun("0x777fb3f1", "removeTimeTransferLimit(uint32)", {"_limitTime": p.uint32}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setTimeTransferLimit: fun("0xd09b3be0", "setTimeTransferLimit((uint32,uint256))", {"_limit": p.struct({"limitTime": p.uint32, "limitValue": p.uint256})}, ),
    transferLimits: viewFun("0x53ccd57d", "transferLimits(address,uint256)", {"_0": p.address, "_1": p.uint256}, {"limitTime": p.uint32, "limitValue": p.uint256}),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    unbindCompliance: fun("0x0694a5fb", "unbindCompliance(address)", {"_compliance": p.address}, ),
    upgradeTo: fun("0x3659cfe6", "upgradeTo(address)", {"newImplementation": p.address}, ),
    upgradeToAndCall: fun("0x4f1ef286", "upgradeToAndCall(address,bytes)", {"newImplementation": p.address, "data": p.bytes}, ),
    usersCounters: viewFun("0x189fa403", "usersCounters(address,address,uint32)", {"_0": p.address, "_1": p.address, "_2": p.uint32}, {"value": p.uint256, "timer": p.uint256}),
}

export class Contract extends ContractBase {

    canComplianceBind(_0: CanComplianceBindParams["_0"]) {
        return this.eth_call(functions.canComplianceBind, {_0})
    }

    getTimeTransferLimits(_compliance: GetTimeTransferLimitsParams["_compliance"]) {
        return this.eth_call(functions.getTimeTransferLimits, {_compliance})
    }

    isComplianceBound(_compliance: IsComplianceBoundParams["_compliance"]) {
        return this.eth_call(functions.isComplianceBound, {_compliance})
    }

    isPlugAndPlay() {
        return this.eth_call(functions.isPlugAndPlay, {})
    }

    limitValues(_0: LimitValuesParams["_0"], _1: LimitValuesParams["_1"]) {
        return this.eth_call(functions.limitValues, {_0, _1})
    }

    moduleCheck(_from: ModuleCheckParams["_from"], _1: ModuleCheckParams["_1"], _value: ModuleCheckParams["_value"], _compliance: ModuleCheckParams["_compliance"]) {
        return this.eth_call(functions.moduleCheck, {_from, _1, _value, _compliance})
    }

    name() {
        return this.eth_call(functions.name, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    proxiableUUID() {
        return this.eth_call(functions.proxiableUUID, {})
    }

    transferLimits(_0: TransferLimitsParams["_0"], _1: TransferLimitsParams["_1"]) {
        return this.eth_call(functions.transferLimits, {_0, _1})
    }

    usersCounters(_0: UsersCountersParams["_0"], _1: UsersCountersParams["_1"], _2: UsersCountersParams["_2"]) {
        return this.eth_call(functions.usersCounters, {_0, _1, _2})
    }
}

/// Event types
export type AdminChangedEventArgs = EParams<typeof events.AdminChanged>
export type BeaconUpgradedEventArgs = EParams<typeof events.BeaconUpgraded>
export type ComplianceBoundEventArgs = EParams<typeof events.ComplianceBound>
export type ComplianceUnboundEventArgs = EParams<typeof events.ComplianceUnbound>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TimeTransferLimitRemovedEventArgs = EParams<typeof events.TimeTransferLimitRemoved>
export type TimeTransferLimitUpdatedEventArgs = EParams<typeof events.TimeTransferLimitUpdated>
export type UpgradedEventArgs = EParams<typeof events.Upgraded>

/// Function types
export type BatchRemoveTimeTransferLimitParams = FunctionArguments<typeof functions.batchRemoveTimeTransferLimit>
export type BatchRemoveTimeTransferLimitReturn = FunctionReturn<typeof functions.batchRemoveTimeTransferLimit>

export type BatchSetTimeTransferLimitParams = FunctionArguments<typeof functions.batchSetTimeTransferLimit>
export type BatchSetTimeTransferLimitReturn = FunctionReturn<typeof functions.batchSetTimeTransferLimit>

export type BindComplianceParams = FunctionArguments<typeof functions.bindCompliance>
export type BindComplianceReturn = FunctionReturn<typeof functions.bindCompliance>

export type CanComplianceBindParams = FunctionArguments<typeof functions.canComplianceBind>
export type CanComplianceBindReturn = FunctionReturn<typeof functions.canComplianceBind>

export type GetTimeTransferLimitsParams = FunctionArguments<typeof functions.getTimeTransferLimits>
export type GetTimeTransferLimitsReturn = FunctionReturn<typeof functions.getTimeTransferLimits>

export type InitializeParams = FunctionArguments<typeof functions.initialize>
export type InitializeReturn = FunctionReturn<typeof functions.initialize>

export type IsComplianceBoundParams = FunctionArguments<typeof functions.isComplianceBound>
export type IsComplianceBoundReturn = FunctionReturn<typeof functions.isComplianceBound>

export type IsPlugAndPlayParams = FunctionArguments<typeof functions.isPlugAndPlay>
export type IsPlugAndPlayReturn = FunctionReturn<typeof functions.isPlugAndPlay>

export type LimitValuesParams = FunctionArguments<typeof functions.limitValues>
export type LimitValuesReturn = FunctionReturn<typeof functions.limitValues>

export type ModuleBurnActionParams = FunctionArguments<typeof functions.moduleBurnAction>
export type ModuleBurnActionReturn = FunctionReturn<typeof functions.moduleBurnAction>

export type ModuleCheckParams = FunctionArguments<typeof functions.moduleCheck>
export type ModuleCheckReturn = FunctionReturn<typeof functions.moduleCheck>

export type ModuleMintActionParams = FunctionArguments<typeof functions.moduleMintAction>
export type ModuleMintActionReturn = FunctionReturn<typeof functions.moduleMintAction>

export type ModuleTransferActionParams = FunctionArguments<typeof functions.moduleTransferAction>
export type ModuleTransferActionReturn = FunctionReturn<typeof functions.moduleTransferAction>

export type NameParams = FunctionArguments<typeof functions.name>
export type NameReturn = FunctionReturn<typeof functions.name>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type ProxiableUUIDParams = FunctionArguments<typeof functions.proxiableUUID>
export type ProxiableUUIDReturn = FunctionReturn<typeof functions.proxiableUUID>

export type RemoveTimeTransferLimitParams = FunctionArguments<typeof functions.removeTimeTransferLimit>
export type RemoveTimeTransferLimitReturn = FunctionReturn<typeof functions.removeTimeTransferLimit>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetTimeTransferLimitParams = FunctionArguments<typeof functions.setTimeTransferLimit>
export type SetTimeTransferLimitReturn = FunctionReturn<typeof functions.setTimeTransferLimit>

export type TransferLimitsParams = FunctionArguments<typeof functions.transferLimits>
export type TransferLimitsReturn = FunctionReturn<typeof functions.transferLimits>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UnbindComplianceParams = FunctionArguments<typeof functions.unbindCompliance>
export type UnbindComplianceReturn = FunctionReturn<typeof functions.unbindCompliance>

export type UpgradeToParams = FunctionArguments<typeof functions.upgradeTo>
export type UpgradeToReturn = FunctionReturn<typeof functions.upgradeTo>

export type UpgradeToAndCallParams = FunctionArguments<typeof functions.upgradeToAndCall>
export type UpgradeToAndCallReturn = FunctionReturn<typeof functions.upgradeToAndCall>

export type UsersCountersParams = FunctionArguments<typeof functions.usersCounters>
export type UsersCountersReturn = FunctionReturn<typeof functions.usersCounters>

