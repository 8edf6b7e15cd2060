import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AdminChanged: event("0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f", "AdminChanged(address,address)", {"previousAdmin": p.address, "newAdmin": p.address}),
    BeaconUpgraded: event("0x1cf3b03a6cf19fa2baba4df148e9dcabedea7f8a5c07840e207e5c089be95d3e", "BeaconUpgraded(address)", {"beacon": indexed(p.address)}),
    ComplianceBound: event("0x1f7b76c58fb697eb53c6c7c1becb96911516a136e24d7ced386b2355358b75a3", "ComplianceBound(address)", {"_compliance": indexed(p.address)}),
    ComplianceUnbound: event("0x408b49d9be1c914c52a0227e18a077e5a892dddf32a26cfa94a5d9708fad7718", "ComplianceUnbound(address)", {"_compliance": indexed(p.address)}),
    ExchangeIDAdded: event("0xca661533a567195376b79f20fcbcca20e62ceea1d43efacba5f8028329da8e6b", "ExchangeIDAdded(address)", {"_newExchangeID": p.address}),
    ExchangeIDRemoved: event("0xc59743ca46d36b7cf42c36211a2fbef12e10aec1bfc9d39eccf91b6976a260f5", "ExchangeIDRemoved(address)", {"_exchangeID": p.address}),
    ExchangeMonthlyLimitUpdated: event("0x14902018104a24b79253a1e29e979c8b957bc80c71b062ca985f879888e6ea1e", "ExchangeMonthlyLimitUpdated(address,address,uint256)", {"compliance": indexed(p.address), "_exchangeID": p.address, "_newExchangeMonthlyLimit": p.uint256}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    Upgraded: event("0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b", "Upgraded(address)", {"implementation": indexed(p.address)}),
}

export const functions = {
    addExchangeID: fun("0x2bb5e721", "addExchangeID(address)", {"_exchangeID": p.address}, ),
    bindCompliance: fun("0x4a932544", "bindCompliance(address)", {"_compliance": p.address}, ),
    canComplianceBind: viewFun("0xbcc21053", "canComplianceBind(address)", {"_0": p.address}, p.bool),
    getExchangeMonthlyLimit: viewFun("0xc5b99969", "getExchangeMonthlyLimit(address,address)", {"compliance": p.address, "_exchangeID": p.address}, p.uint256),
    getMonthlyCounter: viewFun("0xcafa20d5", "getMonthlyCounter(address,address,address)", {"compliance": p.address, "_exchangeID": p.address, "_investorID": p.address}, p.uint256),
    getMonthlyTimer: viewFun("0x616c6589", "getMonthlyTimer(address,address,address)", {"compliance": p.address, "_exchangeID": p.address, "_investorID": p.address}, p.uint256),
    initialize: fun("0x8129fc1c", "initialize()", {}, ),
    isComplianceBound: viewFun("0x4cf4d295", "isComplianceBound(address)", {"_compliance": p.address}, p.bool),
    isExchangeID: viewFun("0xd22579fb", "isExchangeID(address)", {"_exchangeID": p.address}, p.bool),
    isPlugAndPlay: viewFun("0xe6f5e807", "isPlugAndPlay()", {}, p.bool),
    moduleBurnAction: fun("0x372491a2", "moduleBurnAction(address,uint256)", {"_0": p.address, "_1": p.uint256}, ),
    moduleCheck: viewFun("0x013b7ce4", "moduleCheck(address,address,uint256,address)", {"_from": p.address, "_to": p.address, "_value": p.uint256, "_compliance": p.address}, p.bool),
    moduleMintAction: fun("0xf104a8c9", "moduleMintAction(address,uint256)", {"_0": p.address, "_1": p.uint256}, ),
    moduleTransferAction: fun("0x2cb7e1ec", "moduleTransferAction(address,address,uint256)", {"_from": p.address, "_to": p.address, "_value": p.uint256}, ),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    proxiableUUID: viewFun("0x52d1902d", "proxiableUUID()", {}, p.bytes32),
    removeExchangeID: fun("0x74436d97", "removeExchangeID(address)", {"_exchangeID": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setExchangeMonthlyLimit: fun("0xa9336def", "setExchangeMonthlyLimit(address,uint256)", {"_exchangeID": p.address, "_newExchangeMonthlyLimit": p.uint256}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    unbindCompliance: fun("0x0694a5fb", "unbindCompliance(address)", {"_compliance": p.address}, ),
    upgradeTo: fun("0x3659cfe6", "upgradeTo(address)", {"newImplementation": p.address}, ),
    upgradeToAndCall: fun("0x4f1ef286", "upgradeToAndCall(address,bytes)", {"newImplementation": p.address, "data": p.bytes}, ),
}

export class Contract extends ContractBase {

    canComplianceBind(_0: CanComplianceBindParams["_0"]) {
        return this.eth_call(functions.canComplianceBind, {_0})
    }

    getExchangeMonthlyLimit(compliance: GetExchangeMonthlyLimitParams["compliance"], _exchangeID: GetExchangeMonthlyLimitParams["_exchangeID"]) {
        return this.eth_call(functions.getExchangeMonthlyLimit, {compliance, _exchangeID})
    }

    getMonthlyCounter(compliance: GetMonthlyCounterParams["compliance"], _exchangeID: GetMonthlyCounterParams["_exchangeID"], _investorID: GetMonthlyCounterParams["_investorID"]) {
        return this.eth_call(functions.getMonthlyCounter, {compliance, _exchangeID, _investorID})
    }

    getMonthlyTimer(compliance: GetMonthlyTimerParams["compliance"], _exchangeID: GetMonthlyTimerParams["_exchangeID"], _investorID: GetMonthlyTimerParams["_investorID"]) {
        return this.eth_call(functions.getMonthlyTimer, {compliance, _exchangeID, _investorID})
    }

    isComplianceBound(_compliance: IsComplianceBoundParams["_compliance"]) {
        return this.eth_call(functions.isComplianceBound, {_compliance})
    }

    isExchangeID(_exchangeID: IsExchangeIDParams["_exchangeID"]) {
        return this.eth_call(functions.isExchangeID, {_exchangeID})
    }

    isPlugAndPlay() {
        return this.eth_call(functions.isPlugAndPlay, {})
    }

    moduleCheck(_from: ModuleCheckParams["_from"], _to: ModuleCheckParams["_to"], _value: ModuleCheckParams["_value"], _compliance: ModuleCheckParams["_compliance"]) {
        return this.eth_call(functions.moduleCheck, {_from, _to, _value, _compliance})
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
}

/// Event types
export type AdminChangedEventArgs = EParams<typeof events.AdminChanged>
export type BeaconUpgradedEventArgs = EParams<typeof events.BeaconUpgraded>
export type ComplianceBoundEventArgs = EParams<typeof events.ComplianceBound>
export type ComplianceUnboundEventArgs = EParams<typeof events.ComplianceUnbound>
export type ExchangeIDAddedEventArgs = EParams<typeof events.ExchangeIDAdded>
export type ExchangeIDRemovedEventArgs = EParams<typeof events.ExchangeIDRemoved>
export type ExchangeMonthlyLimitUpdatedEventArgs = EParams<typeof events.ExchangeMonthlyLimitUpdated>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type UpgradedEventArgs = EParams<typeof events.Upgraded>

/// Function types
export type AddExchangeIDParams = FunctionArguments<typeof functions.addExchangeID>
export type AddExchangeIDReturn = FunctionReturn<typeof functions.addExchangeID>

export type BindComplianceParams = FunctionArguments<typeof functions.bindCompliance>
export type BindComplianceReturn = FunctionReturn<typeof functions.bindCompliance>

export type CanComplianceBindParams = FunctionArguments<typeof functions.canComplianceBind>
export type CanComplianceBindReturn = FunctionReturn<typeof functions.canComplianceBind>

export type GetExchangeMonthlyLimitParams = FunctionArguments<typeof functions.getExchangeMonthlyLimit>
export type GetExchangeMonthlyLimitReturn = FunctionReturn<typeof functions.getExchangeMonthlyLimit>

export type GetMonthlyCounterParams = FunctionArguments<typeof functions.getMonthlyCounter>
export type GetMonthlyCounterReturn = FunctionReturn<typeof functions.getMonthlyCounter>

export type GetMonthlyTimerParams = FunctionArguments<typeof functions.getMonthlyTimer>
export type GetMonthlyTimerReturn = FunctionReturn<typeof functions.getMonthlyTimer>

export type InitializeParams = FunctionArguments<typeof functions.initialize>
export type InitializeReturn = FunctionReturn<typeof functions.initialize>

export type IsComplianceBoundParams = FunctionArguments<typeof functions.isComplianceBound>
export type IsComplianceBoundReturn = FunctionReturn<typeof functions.isComplianceBound>

export type IsExchangeIDParams = FunctionArguments<typeof functions.isExchangeID>
export type IsExchangeIDReturn = FunctionReturn<typeof functions.isExchangeID>

export type IsPlugAndPlayParams = FunctionArguments<typeof functions.isPlugAndPlay>
export type IsPlugAndPlayReturn = FunctionReturn<typeof functions.isPlugAndPlay>

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

export type RemoveExchangeIDParams = FunctionArguments<typeof functions.removeExchangeID>
export type RemoveExchangeIDReturn = FunctionReturn<typeof functions.removeExchangeID>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetExchangeMonthlyLimitParams = FunctionArguments<typeof functions.setExchangeMonthlyLimit>
export type SetExchangeMonthlyLimitReturn = FunctionReturn<typeof functions.setExchangeMonthlyLimit>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UnbindComplianceParams = FunctionArguments<typeof functions.unbindCompliance>
export type UnbindComplianceReturn = FunctionReturn<typeof functions.unbindCompliance>

export type UpgradeToParams = FunctionArguments<typeof functions.upgradeTo>
export type UpgradeToReturn = FunctionReturn<typeof functions.upgradeTo>

export type UpgradeToAndCallParams = FunctionArguments<typeof functions.upgradeToAndCall>
export type UpgradeToAndCallReturn = FunctionReturn<typeof functions.upgradeToAndCall>

