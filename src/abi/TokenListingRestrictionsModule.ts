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
    TokenListed: event("0x99d2b755eb38920131acb332adf086ea38d15009f223c21f3aa978d6ab234786", "TokenListed(address,address)", {"_tokenAddress": p.address, "_investorAddress": p.address}),
    TokenListingConfigured: event("0x19b790254812cc22008ac5e91a508888a4c781c009f9e61bb2329251515cf5d1", "TokenListingConfigured(address,uint8)", {"_tokenAddress": p.address, "_listingType": p.uint8}),
    TokenUnlisted: event("0x5876cde84e6f82f5a4cdfa52a64969265511b5dd1c5fa44f44b50affba48a5b3", "TokenUnlisted(address,address)", {"_tokenAddress": p.address, "_investorAddress": p.address}),
    Upgraded: event("0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b", "Upgraded(address)", {"implementation": indexed(p.address)}),
}

export const functions = {
    batchListTokens: fun("0x37298f2a", "batchListTokens(address[],uint8)", {"_tokenAddresses": p.array(p.address), "_addressType": p.uint8}, ),
    batchUnlistTokens: fun("0xa599bf18", "batchUnlistTokens(address[],uint8)", {"_tokenAddresses": p.array(p.address), "_addressType": p.uint8}, ),
    bindCompliance: fun("0x4a932544", "bindCompliance(address)", {"_compliance": p.address}, ),
    canComplianceBind: viewFun("0xbcc21053", "canComplianceBind(address)", {"_0": p.address}, p.bool),
    configureToken: fun("0xb94ce674", "configureToken(uint8)", {"_listingType": p.uint8}, ),
    getInvestorListingStatus: viewFun("0x3697b04b", "getInvestorListingStatus(address,address)", {"_tokenAddress": p.address, "_investorAddress": p.address}, p.bool),
    getTokenListingType: viewFun("0x6ce21a48", "getTokenListingType(address)", {"_tokenAddress": p.address}, p.uint8),
    initialize: fun("0x8129fc1c", "initialize()", {}, ),
    isComplianceBound: viewFun("0x4cf4d295", "isComplianceBound(address)", {"_compliance": p.address}, p.bool),
    isPlugAndPlay: viewFun("0xe6f5e807", "isPlugAndPlay()", {}, p.bool),
    listToken: fun("0xafb0bd6b", "listToken(address,uint8)", {"_tokenAddress": p.address, "_addressType": p.uint8}, ),
    moduleBurnAction: fun("0x372491a2", "moduleBurnAction(address,uint256)", {"_from": p.address, "_value": p.uint256}, ),
    moduleCheck: viewFun("0x013b7ce4", "moduleCheck(address,address,uint256,address)", {"_0": p.address, "_to": p.address, "_2": p.uint256, "_compliance": p.address}, p.bool),
    moduleMintAction: fun("0xf104a8c9", "moduleMintAction(address,uint256)", {"_to": p.address, "_value": p.uint256}, ),
    moduleTransferAction: fun("0x2cb7e1ec", "moduleTransferAction(address,address,uint256)", {"_from": p.address, "_to": p.address, "_value": p.uint256}, ),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    proxiableUUID: viewFun("0x52d1902d", "proxiableUUID()", {}, p.bytes32),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    unbindCompliance: fun("0x0694a5fb", "unbindCompliance(address)", {"_compliance": p.address}, ),
    unlistToken: fun("0x8d904d31", "unlistToken(address,uint8)", {"_tokenAddress": p.address, "_addressType": p.uint8}, ),
    upgradeTo: fun("0x3659cfe6", "upgradeTo(address)", {"newImplementation": p.address}, ),
    upgradeToAndCall: fun("0x4f1ef286", "upgradeToAndCall(address,bytes)", {"newImplementation": p.address, "data": p.bytes}, ),
}

export class Contract extends ContractBase {

    canComplianceBind(_0: CanComplianceBindParams["_0"]) {
        return this.eth_call(functions.canComplianceBind, {_0})
    }

    getInvestorListingStatus(_tokenAddress: GetInvestorListingStatusParams["_tokenAddress"], _investorAddress: GetInvestorListingStatusParams["_investorAddress"]) {
        return this.eth_call(functions.getInvestorListingStatus, {_tokenAddress, _investorAddress})
    }

    getTokenListingType(_tokenAddress: GetTokenListingTypeParams["_tokenAddress"]) {
        return this.eth_call(functions.getTokenListingType, {_tokenAddress})
    }

    isComplianceBound(_compliance: IsComplianceBoundParams["_compliance"]) {
        return this.eth_call(functions.isComplianceBound, {_compliance})
    }

    isPlugAndPlay() {
        return this.eth_call(functions.isPlugAndPlay, {})
    }

    moduleCheck(_0: ModuleCheckParams["_0"], _to: ModuleCheckParams["_to"], _2: ModuleCheckParams["_2"], _compliance: ModuleCheckParams["_compliance"]) {
        return this.eth_call(functions.moduleCheck, {_0, _to, _2, _compliance})
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
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TokenListedEventArgs = EParams<typeof events.TokenListed>
export type TokenListingConfiguredEventArgs = EParams<typeof events.TokenListingConfigured>
export type TokenUnlistedEventArgs = EParams<typeof events.TokenUnlisted>
export type UpgradedEventArgs = EParams<typeof events.Upgraded>

/// Function types
export type BatchListTokensParams = FunctionArguments<typeof functions.batchListTokens>
export type BatchListTokensReturn = FunctionReturn<typeof functions.batchListTokens>

export type BatchUnlistTokensParams = FunctionArguments<typeof functions.batchUnlistTokens>
export type BatchUnlistTokensReturn = FunctionReturn<typeof functions.batchUnlistTokens>

export type BindComplianceParams = FunctionArguments<typeof functions.bindCompliance>
export type BindComplianceReturn = FunctionReturn<typeof functions.bindCompliance>

export type CanComplianceBindParams = FunctionArguments<typeof functions.canComplianceBind>
export type CanComplianceBindReturn = FunctionReturn<typeof functions.canComplianceBind>

export type ConfigureTokenParams = FunctionArguments<typeof functions.configureToken>
export type ConfigureTokenReturn = FunctionReturn<typeof functions.configureToken>

export type GetInvestorListingStatusParams = FunctionArguments<typeof functions.getInvestorListingStatus>
export type GetInvestorListingStatusReturn = FunctionReturn<typeof functions.getInvestorListingStatus>

export type GetTokenListingTypeParams = FunctionArguments<typeof functions.getTokenListingType>
export type GetTokenListingTypeReturn = FunctionReturn<typeof functions.getTokenListingType>

export type InitializeParams = FunctionArguments<typeof functions.initialize>
export type InitializeReturn = FunctionReturn<typeof functions.initialize>

export type IsComplianceBoundParams = FunctionArguments<typeof functions.isComplianceBound>
export type IsComplianceBoundReturn = FunctionReturn<typeof functions.isComplianceBound>

export type IsPlugAndPlayParams = FunctionArguments<typeof functions.isPlugAndPlay>
export type IsPlugAndPlayReturn = FunctionReturn<typeof functions.isPlugAndPlay>

export type ListTokenParams = FunctionArguments<typeof functions.listToken>
export type ListTokenReturn = FunctionReturn<typeof functions.listToken>

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

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UnbindComplianceParams = FunctionArguments<typeof functions.unbindCompliance>
export type UnbindComplianceReturn = FunctionReturn<typeof functions.unbindCompliance>

export type UnlistTokenParams = FunctionArguments<typeof functions.unlistToken>
export type UnlistTokenReturn = FunctionReturn<typeof functions.unlistToken>

export type UpgradeToParams = FunctionArguments<typeof functions.upgradeTo>
export type UpgradeToReturn = FunctionReturn<typeof functions.upgradeTo>

export type UpgradeToAndCallParams = FunctionArguments<typeof functions.upgradeToAndCall>
export type UpgradeToAndCallReturn = FunctionReturn<typeof functions.upgradeToAndCall>

