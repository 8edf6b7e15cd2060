import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AgentAdded: event("0xf68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec5", "AgentAdded(address)", {"_agent": indexed(p.address)}),
    AgentRemoved: event("0xed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b", "AgentRemoved(address)", {"_agent": indexed(p.address)}),
    DeployerAdded: event("0x861a21548a3ee34d896ccac3668a9d65030aaf2cb7367a2ed13608014016a032", "DeployerAdded(address)", {"deployer": indexed(p.address)}),
    DeployerRemoved: event("0xfdb22628e87f888d060acc53d048a6a8400a5024f81f9dcb0606e723f238864a", "DeployerRemoved(address)", {"deployer": indexed(p.address)}),
    DeploymentFeeEnabled: event("0x576845931000b1b98d2173829911e0db5a788158585b3da38572ec01552217d5", "DeploymentFeeEnabled(bool)", {"isEnabled": indexed(p.bool)}),
    DeploymentFeeSet: event("0x62aa79f6e449920637ad5310ea6ef9c67a32aaa6a8b98cd6814452daf11213a3", "DeploymentFeeSet(uint256,address,address)", {"fee": indexed(p.uint256), "feeToken": indexed(p.address), "feeCollector": indexed(p.address)}),
    FactorySet: event("0x1edf3afd4ac789736e00d216cd88be164ddcef26a6eedcc30cdb0cb62f3741b1", "FactorySet(address)", {"factory": indexed(p.address)}),
    FeeDiscountApplied: event("0xd254de1c4bdaafc52898e46f43ed993ee35724d55a0df75ebcb55f9f6c470dab", "FeeDiscountApplied(address,uint16)", {"deployer": indexed(p.address), "discount": p.uint16}),
    GatewaySuiteDeploymentProcessed: event("0x3ddb07c2df247d32c71cd94e46f101dd4a4bcd5ce07afc925673aa63ba24960e", "GatewaySuiteDeploymentProcessed(address,address,uint256)", {"requester": indexed(p.address), "intendedOwner": p.address, "feeApplied": p.uint256}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    PublicDeploymentStatusSet: event("0xf8be33baa430c4b62d2c9d79ab319d10cc41755a1fb65f85e64ca0632c29d0a4", "PublicDeploymentStatusSet(bool)", {"publicDeploymentStatus": indexed(p.bool)}),
}

export const functions = {
    addAgent: fun("0x84e79842", "addAgent(address)", {"_agent": p.address}, ),
    addDeployer: fun("0x880f4039", "addDeployer(address)", {"deployer": p.address}, ),
    applyFeeDiscount: fun("0x75e14cff", "applyFeeDiscount(address,uint16)", {"deployer": p.address, "discount": p.uint16}, ),
    batchAddDeployer: fun("0xe65811ff", "batchAddDeployer(address[])", {"deployers": p.array(p.address)}, ),
    batchApplyFeeDiscount: fun("0x2782035e", "batchApplyFeeDiscount(address[],uint16[])", {"deployers": p.array(p.address), "discounts": p.array(p.uint16)}, ),
    batchDeployTREXSuite: fun("0x730b86a9", "batchDeployTREXSuite((address,string,string,uint8,address,address,address[],address[],address[],bytes[])[],(uint256[],address[],uint256[][])[])", {"_tokenDetails": p.array(p.struct({"owner": p.address, "name": p.string, "symbol": p.string, "decimals": p.uint8, "irs": p.address, "ONCHAINID": p.address, "irAgents": p.array(p.address), "tokenAgents": p.array(p.address), "complianceModules": p.array(p.address), "complianceSettings": p.array(p.bytes)})), "_claimDetails": p.array(p.struct({"claimTopics": p.array(p.uint256), "issuers": p.array(p.address), "issuerClaims": p.array(p.array(p.uint256))}))}, ),
    batchRemoveDeployer: fun("0x0065939e", "batchRemoveDeployer(address[])", {"deployers": p.array(p.address)}, ),
    calculateFee: viewFun("0x465f5eb8", "calculateFee(address)", {"deployer": p.address}, p.uint256),
    deployTREXSuite: fun("0xc8eebfcc", "deployTREXSuite((address,string,string,uint8,address,address,address[],address[],address[],bytes[]),(uint256[],address[],uint256[][]))", {"_tokenDetails": p.struct({"owner": p.address, "name": p.string, "symbol": p.string, "decimals": p.uint8, "irs": p.address, "ONCHAINID": p.address, "irAgents": p.array(p.address), "tokenAgents": p.array(p.address), "complianceModules": p.array(p.address), "complianceSettings": p.array(p.bytes)}), "_claimDetails": p.struct({"claimTopics": p.array(p.uint256), "issuers": p.array(p.address), "issuerClaims": p.array(p.array(p.uint256))})}, ),
    enableDeploymentFee: fun("0xa264f2bd", "enableDeploymentFee(bool)", {"_isEnabled": p.bool}, ),
    getDeploymentFee: viewFun("0x46c549cc", "getDeploymentFee()", {}, p.struct({"fee": p.uint256, "feeToken": p.address, "feeCollector": p.address})),
    getFactory: viewFun("0x88cc58e4", "getFactory()", {}, p.address),
    getPublicDeploymentStatus: viewFun("0xbfc2f10b", "getPublicDeploymentStatus()", {}, p.bool),
    isAgent: viewFun("0x1ffbb064", "isAgent(address)", {"_agent": p.address}, p.bool),
    isDeployer: viewFun("0x50c358a4", "isDeployer(address)", {"deployer": p.address}, p.bool),
    isDeploymentFeeEnabled: viewFun("0x47706851", "isDeploymentFeeEnabled()", {}, p.bool),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    removeAgent: fun("0x97a6278e", "removeAgent(address)", {"_agent": p.address}, ),
    removeDeployer: fun("0xf315df86", "removeDeployer(address)", {"deployer": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setDeploymentFee: fun("0x5d46c283", "setDeploymentFee(uint256,address,address)", {"_fee": p.uint256, "_feeToken": p.address, "_feeCollector": p.address}, ),
    setFactory: fun("0x5bb47808", "setFactory(address)", {"factory": p.address}, ),
    setPublicDeploymentStatus: fun("0xeca465c4", "setPublicDeploymentStatus(bool)", {"_isEnabled": p.bool}, ),
    transferFactoryOwnership: fun("0x9c5c5ce7", "transferFactoryOwnership(address)", {"_newOwner": p.address}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
}

export class Contract extends ContractBase {

    calculateFee(deployer: CalculateFeeParams["deployer"]) {
        return this.eth_call(functions.calculateFee, {deployer})
    }

    getDeploymentFee() {
        return this.eth_call(functions.getDeploymentFee, {})
    }

    getFactory() {
        return this.eth_call(functions.getFactory, {})
    }

    getPublicDeploymentStatus() {
        return this.eth_call(functions.getPublicDeploymentStatus, {})
    }

    isAgent(_agent: IsAgentParams["_agent"]) {
        return this.eth_call(functions.isAgent, {_agent})
    }

    isDeployer(deployer: IsDeployerParams["deployer"]) {
        return this.eth_call(functions.isDeployer, {deployer})
    }

    isDeploymentFeeEnabled() {
        return this.eth_call(functions.isDeploymentFeeEnabled, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Event types
export type AgentAddedEventArgs = EParams<typeof events.AgentAdded>
export type AgentRemovedEventArgs = EParams<typeof events.AgentRemoved>
export type DeployerAddedEventArgs = EParams<typeof events.DeployerAdded>
export type DeployerRemovedEventArgs = EParams<typeof events.DeployerRemoved>
export type DeploymentFeeEnabledEventArgs = EParams<typeof events.DeploymentFeeEnabled>
export type DeploymentFeeSetEventArgs = EParams<typeof events.DeploymentFeeSet>
export type FactorySetEventArgs = EParams<typeof events.FactorySet>
export type FeeDiscountAppliedEventArgs = EParams<typeof events.FeeDiscountApplied>
export type GatewaySuiteDeploymentProcessedEventArgs = EParams<typeof events.GatewaySuiteDeploymentProcessed>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type PublicDeploymentStatusSetEventArgs = EParams<typeof events.PublicDeploymentStatusSet>

/// Function types
export type AddAgentParams = FunctionArguments<typeof functions.addAgent>
export type AddAgentReturn = FunctionReturn<typeof functions.addAgent>

export type AddDeployerParams = FunctionArguments<typeof functions.addDeployer>
export type AddDeployerReturn = FunctionReturn<typeof functions.addDeployer>

export type ApplyFeeDiscountParams = FunctionArguments<typeof functions.applyFeeDiscount>
export type ApplyFeeDiscountReturn = FunctionReturn<typeof functions.applyFeeDiscount>

export type BatchAddDeployerParams = FunctionArguments<typeof functions.batchAddDeployer>
export type BatchAddDeployerReturn = FunctionReturn<typeof functions.batchAddDeployer>

export type BatchApplyFeeDiscountParams = FunctionArguments<typeof functions.batchApplyFeeDiscount>
export type BatchApplyFeeDiscountReturn = FunctionReturn<typeof functions.batchApplyFeeDiscount>

export type BatchDeployTREXSuiteParams = FunctionArguments<typeof functions.batchDeployTREXSuite>
export type BatchDeployTREXSuiteReturn = FunctionReturn<typeof functions.batchDeployTREXSuite>

export type BatchRemoveDeployerParams = FunctionArguments<typeof functions.batchRemoveDeployer>
export type BatchRemoveDeployerReturn = FunctionReturn<typeof functions.batchRemoveDeployer>

export type CalculateFeeParams = FunctionArguments<typeof functions.calculateFee>
export type CalculateFeeReturn = FunctionReturn<typeof functions.calculateFee>

export type DeployTREXSuiteParams = FunctionArguments<typeof functions.deployTREXSuite>
export type DeployTREXSuiteReturn = FunctionReturn<typeof functions.deployTREXSuite>

export type EnableDeploymentFeeParams = FunctionArguments<typeof functions.enableDeploymentFee>
export type EnableDeploymentFeeReturn = FunctionReturn<typeof functions.enableDeploymentFee>

export type GetDeploymentFeeParams = FunctionArguments<typeof functions.getDeploymentFee>
export type GetDeploymentFeeReturn = FunctionReturn<typeof functions.getDeploymentFee>

export type GetFactoryParams = FunctionArguments<typeof functions.getFactory>
export type GetFactoryReturn = FunctionReturn<typeof functions.getFactory>

export type GetPublicDeploymentStatusParams = FunctionArguments<typeof functions.getPublicDeploymentStatus>
export type GetPublicDeploymentStatusReturn = FunctionReturn<typeof functions.getPublicDeploymentStatus>

export type IsAgentParams = FunctionArguments<typeof functions.isAgent>
export type IsAgentReturn = FunctionReturn<typeof functions.isAgent>

export type IsDeployerParams = FunctionArguments<typeof functions.isDeployer>
export type IsDeployerReturn = FunctionReturn<typeof functions.isDeployer>

export type IsDeploymentFeeEnabledParams = FunctionArguments<typeof functions.isDeploymentFeeEnabled>
export type IsDeploymentFeeEnabledReturn = FunctionReturn<typeof functions.isDeploymentFeeEnabled>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RemoveAgentParams = FunctionArguments<typeof functions.removeAgent>
export type RemoveAgentReturn = FunctionReturn<typeof functions.removeAgent>

export type RemoveDeployerParams = FunctionArguments<typeof functions.removeDeployer>
export type RemoveDeployerReturn = FunctionReturn<typeof functions.removeDeployer>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetDeploymentFeeParams = FunctionArguments<typeof functions.setDeploymentFee>
export type SetDeploymentFeeReturn = FunctionReturn<typeof functions.setDeploymentFee>

export type SetFactoryParams = FunctionArguments<typeof functions.setFactory>
export type SetFactoryReturn = FunctionReturn<typeof functions.setFactory>

export type SetPublicDeploymentStatusParams = FunctionArguments<typeof functions.setPublicDeploymentStatus>
export type SetPublicDeploymentStatusReturn = FunctionReturn<typeof functions.setPublicDeploymentStatus>

export type TransferFactoryOwnershipParams = FunctionArguments<typeof functions.transferFactoryOwnership>
export type TransferFactoryOwnershipReturn = FunctionReturn<typeof functions.transferFactoryOwnership>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

