import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Deployed: event("0xf40fcec21964ffb566044d083b4073f29f7f7929110ea19e1b3ebe375d89055e", "Deployed(address)", {"_addr": indexed(p.address)}),
    IdFactorySet: event("0xae81f4fee1b2d830e39ae449967642aaa0e5a1771aa200d0a50853010992242c", "IdFactorySet(address)", {"_idFactory": p.address}),
    ImplementationAuthoritySet: event("0x3b1074392ed8e8424715d0dda2197eede67080b377fc8370e26f3e882207f6b8", "ImplementationAuthoritySet(address)", {"_implementationAuthority": p.address}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TREXSuiteDeployed: event("0x057adae5fa3e9caa8a0d584edff60f61558d33f073412ec2d66d558b739e0a41", "TREXSuiteDeployed(address,address,address,address,address,address,string)", {"_token": indexed(p.address), "_ir": p.address, "_irs": p.address, "_tir": p.address, "_ctr": p.address, "_mc": p.address, "_salt": indexed(p.string)}),
}

export const functions = {
    deployTREXSuite: fun("0xcf753d37", "deployTREXSuite(string,(address,string,string,uint8,address,address,address[],address[],address[],bytes[]),(uint256[],address[],uint256[][]))", {"_salt": p.string, "_tokenDetails": p.struct({"owner": p.address, "name": p.string, "symbol": p.string, "decimals": p.uint8, "irs": p.address, "ONCHAINID": p.address, "irAgents": p.array(p.address), "tokenAgents": p.array(p.address), "complianceModules": p.array(p.address), "complianceSettings": p.array(p.bytes)}), "_claimDetails": p.struct({"claimTopics": p.array(p.uint256), "issuers": p.array(p.address), "issuerClaims": p.array(p.array(p.uint256))})}, ),
    getIdFactory: viewFun("0x5f2773a5", "getIdFactory()", {}, p.address),
    getImplementationAuthority: viewFun("0x2d5f1187", "getImplementationAuthority()", {}, p.address),
    getToken: viewFun("0xc1733f68", "getToken(string)", {"_salt": p.string}, p.address),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    recoverContractOwnership: fun("0x50b01838", "recoverContractOwnership(address,address)", {"_contract": p.address, "_newOwner": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setIdFactory: fun("0xccd41cce", "setIdFactory(address)", {"idFactory_": p.address}, ),
    setImplementationAuthority: fun("0x92dd9d65", "setImplementationAuthority(address)", {"implementationAuthority_": p.address}, ),
    tokenDeployed: viewFun("0xfb88d79c", "tokenDeployed(string)", {"_0": p.string}, p.address),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
}

export class Contract extends ContractBase {

    getIdFactory() {
        return this.eth_call(functions.getIdFactory, {})
    }

    getImplementationAuthority() {
        return this.eth_call(functions.getImplementationAuthority, {})
    }

    getToken(_salt: GetTokenParams["_salt"]) {
        return this.eth_call(functions.getToken, {_salt})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    tokenDeployed(_0: TokenDeployedParams["_0"]) {
        return this.eth_call(functions.tokenDeployed, {_0})
    }
}

/// Event types
export type DeployedEventArgs = EParams<typeof events.Deployed>
export type IdFactorySetEventArgs = EParams<typeof events.IdFactorySet>
export type ImplementationAuthoritySetEventArgs = EParams<typeof events.ImplementationAuthoritySet>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TREXSuiteDeployedEventArgs = EParams<typeof events.TREXSuiteDeployed>

/// Function types
export type DeployTREXSuiteParams = FunctionArguments<typeof functions.deployTREXSuite>
export type DeployTREXSuiteReturn = FunctionReturn<typeof functions.deployTREXSuite>

export type GetIdFactoryParams = FunctionArguments<typeof functions.getIdFactory>
export type GetIdFactoryReturn = FunctionReturn<typeof functions.getIdFactory>

export type GetImplementationAuthorityParams = FunctionArguments<typeof functions.getImplementationAuthority>
export type GetImplementationAuthorityReturn = FunctionReturn<typeof functions.getImplementationAuthority>

export type GetTokenParams = FunctionArguments<typeof functions.getToken>
export type GetTokenReturn = FunctionReturn<typeof functions.getToken>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RecoverContractOwnershipParams = FunctionArguments<typeof functions.recoverContractOwnership>
export type RecoverContractOwnershipReturn = FunctionReturn<typeof functions.recoverContractOwnership>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetIdFactoryParams = FunctionArguments<typeof functions.setIdFactory>
export type SetIdFactoryReturn = FunctionReturn<typeof functions.setIdFactory>

export type SetImplementationAuthorityParams = FunctionArguments<typeof functions.setImplementationAuthority>
export type SetImplementationAuthorityReturn = FunctionReturn<typeof functions.setImplementationAuthority>

export type TokenDeployedParams = FunctionArguments<typeof functions.tokenDeployed>
export type TokenDeployedReturn = FunctionReturn<typeof functions.tokenDeployed>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

