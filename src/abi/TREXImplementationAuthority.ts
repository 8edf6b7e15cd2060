import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    IAFactorySet: event("0x5fb25b36f93b3d8443f7502abdc1157f581f15db724459ffb2800fce6132a008", "IAFactorySet(address)", {"iaFactory": indexed(p.address)}),
    ImplementationAuthorityChanged: event("0xf79ab4f8584958d3168dac16d1d96119f728316536f50639339b4202837051c8", "ImplementationAuthorityChanged(address,address)", {"_token": indexed(p.address), "_newImplementationAuthority": indexed(p.address)}),
    ImplementationAuthoritySet: event("0x2a6aba4ff896a38777fb29a590abf5d340a4ba64314bcadf68be9c3ee92b485a", "ImplementationAuthoritySet(bool,address)", {"referenceStatus": p.bool, "trexFactory": p.address}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TREXFactorySet: event("0xf068c7797c3b666af662a0e2f018804080dc37610a1b82b55006872b06d30ef5", "TREXFactorySet(address)", {"trexFactory": indexed(p.address)}),
    TREXVersionAdded: event("0xaecad55510e8cbc2b82b73c5c6d78c169403cb719460198f517d41cf7700b71b", "TREXVersionAdded((uint8,uint8,uint8),(address,address,address,address,address,address))", {"version": indexed(p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8})), "trex": indexed(p.struct({"tokenImplementation": p.address, "ctrImplementation": p.address, "irImplementation": p.address, "irsImplementation": p.address, "tirImplementation": p.address, "mcImplementation": p.address}))}),
    TREXVersionFetched: event("0x5846080f2085e3dfad8cb250efdba145f8982d2e81ba7f74478da7fab659322b", "TREXVersionFetched((uint8,uint8,uint8),(address,address,address,address,address,address))", {"version": indexed(p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8})), "trex": indexed(p.struct({"tokenImplementation": p.address, "ctrImplementation": p.address, "irImplementation": p.address, "irsImplementation": p.address, "tirImplementation": p.address, "mcImplementation": p.address}))}),
    VersionUpdated: event("0x0a46bc1766225d5a82bc50155575dc428902e93470e34ceaf7e0faae128fe0ab", "VersionUpdated((uint8,uint8,uint8))", {"version": indexed(p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8}))}),
}

export const functions = {
    addAndUseTREXVersion: fun("0x71673bd0", "addAndUseTREXVersion((uint8,uint8,uint8),(address,address,address,address,address,address))", {"_version": p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8}), "_trex": p.struct({"tokenImplementation": p.address, "ctrImplementation": p.address, "irImplementation": p.address, "irsImplementation": p.address, "tirImplementation": p.address, "mcImplementation": p.address})}, ),
    addTREXVersion: fun("0x9585548a", "addTREXVersion((uint8,uint8,uint8),(address,address,address,address,address,address))", {"_version": p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8}), "_trex": p.struct({"tokenImplementation": p.address, "ctrImplementation": p.address, "irImplementation": p.address, "irsImplementation": p.address, "tirImplementation": p.address, "mcImplementation": p.address})}, ),
    changeImplementationAuthority: fun("0x7f82a5e7", "changeImplementationAuthority(address,address)", {"_token": p.address, "_newImplementationAuthority": p.address}, ),
    fetchVersion: fun("0x0f3ca8ca", "fetchVersion((uint8,uint8,uint8))", {"_version": p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8})}, ),
    getCTRImplementation: viewFun("0x6ff6e83f", "getCTRImplementation()", {}, p.address),
    getContracts: viewFun("0xafce4bea", "getContracts((uint8,uint8,uint8))", {"_version": p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8})}, p.struct({"tokenImplementation": p.address, "ctrImplementation": p.address, "irImplementation": p.address, "irsImplementation": p.address, "tirImplementation": p.address, "mcImplementation": p.address})),
    getCurrentVersion: viewFun("0xfabec44a", "getCurrentVersion()", {}, p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8})),
    getIRImplementation: viewFun("0x1ee9ce8b", "getIRImplementation()", {}, p.address),
    getIRSImplementation: viewFun("0x9e3e7bb9", "getIRSImplementation()", {}, p.address),
    getMCImplementation: viewFun("0x61f89825", "getMCImplementation()", {}, p.address),
    getReferenceContract: viewFun("0xcd24be22", "getReferenceContract()", {}, p.address),
    getTIRImplementation: viewFun("0xfedcc052", "getTIRImplementation()", {}, p.address),
    getTREXFactory: viewFun("0x2c5d4f8e", "getTREXFactory()", {}, p.address),
    getTokenImplementation: viewFun("0x709bc7f3", "getTokenImplementation()", {}, p.address),
    isReferenceContract: viewFun("0x1320a65a", "isReferenceContract()", {}, p.bool),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setIAFactory: fun("0xcf49020e", "setIAFactory(address)", {"iaFactory": p.address}, ),
    setTREXFactory: fun("0x6df23789", "setTREXFactory(address)", {"trexFactory": p.address}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    useTREXVersion: fun("0xf38d2491", "useTREXVersion((uint8,uint8,uint8))", {"_version": p.struct({"major": p.uint8, "minor": p.uint8, "patch": p.uint8})}, ),
}

export class Contract extends ContractBase {

    getCTRImplementation() {
        return this.eth_call(functions.getCTRImplementation, {})
    }

    getContracts(_version: GetContractsParams["_version"]) {
        return this.eth_call(functions.getContracts, {_version})
    }

    getCurrentVersion() {
        return this.eth_call(functions.getCurrentVersion, {})
    }

    getIRImplementation() {
        return this.eth_call(functions.getIRImplementation, {})
    }

    getIRSImplementation() {
        return this.eth_call(functions.getIRSImplementation, {})
    }

    getMCImplementation() {
        return this.eth_call(functions.getMCImplementation, {})
    }

    getReferenceContract() {
        return this.eth_call(functions.getReferenceContract, {})
    }

    getTIRImplementation() {
        return this.eth_call(functions.getTIRImplementation, {})
    }

    getTREXFactory() {
        return this.eth_call(functions.getTREXFactory, {})
    }

    getTokenImplementation() {
        return this.eth_call(functions.getTokenImplementation, {})
    }

    isReferenceContract() {
        return this.eth_call(functions.isReferenceContract, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Event types
export type IAFactorySetEventArgs = EParams<typeof events.IAFactorySet>
export type ImplementationAuthorityChangedEventArgs = EParams<typeof events.ImplementationAuthorityChanged>
export type ImplementationAuthoritySetEventArgs = EParams<typeof events.ImplementationAuthoritySet>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TREXFactorySetEventArgs = EParams<typeof events.TREXFactorySet>
export type TREXVersionAddedEventArgs = EParams<typeof events.TREXVersionAdded>
export type TREXVersionFetchedEventArgs = EParams<typeof events.TREXVersionFetched>
export type VersionUpdatedEventArgs = EParams<typeof events.VersionUpdated>

/// Function types
export type AddAndUseTREXVersionParams = FunctionArguments<typeof functions.addAndUseTREXVersion>
export type AddAndUseTREXVersionReturn = FunctionReturn<typeof functions.addAndUseTREXVersion>

export type AddTREXVersionParams = FunctionArguments<typeof functions.addTREXVersion>
export type AddTREXVersionReturn = FunctionReturn<typeof functions.addTREXVersion>

export type ChangeImplementationAuthorityParams = FunctionArguments<typeof functions.changeImplementationAuthority>
export type ChangeImplementationAuthorityReturn = FunctionReturn<typeof functions.changeImplementationAuthority>

export type FetchVersionParams = FunctionArguments<typeof functions.fetchVersion>
export type FetchVersionReturn = FunctionReturn<typeof functions.fetchVersion>

export type GetCTRImplementationParams = FunctionArguments<typeof functions.getCTRImplementation>
export type GetCTRImplementationReturn = FunctionReturn<typeof functions.getCTRImplementation>

export type GetContractsParams = FunctionArguments<typeof functions.getContracts>
export type GetContractsReturn = FunctionReturn<typeof functions.getContracts>

export type GetCurrentVersionParams = FunctionArguments<typeof functions.getCurrentVersion>
export type GetCurrentVersionReturn = FunctionReturn<typeof functions.getCurrentVersion>

export type GetIRImplementationParams = FunctionArguments<typeof functions.getIRImplementation>
export type GetIRImplementationReturn = FunctionReturn<typeof functions.getIRImplementation>

export type GetIRSImplementationParams = FunctionArguments<typeof functions.getIRSImplementation>
export type GetIRSImplementationReturn = FunctionReturn<typeof functions.getIRSImplementation>

export type GetMCImplementationParams = FunctionArguments<typeof functions.getMCImplementation>
export type GetMCImplementationReturn = FunctionReturn<typeof functions.getMCImplementation>

export type GetReferenceContractParams = FunctionArguments<typeof functions.getReferenceContract>
export type GetReferenceContractReturn = FunctionReturn<typeof functions.getReferenceContract>

export type GetTIRImplementationParams = FunctionArguments<typeof functions.getTIRImplementation>
export type GetTIRImplementationReturn = FunctionReturn<typeof functions.getTIRImplementation>

export type GetTREXFactoryParams = FunctionArguments<typeof functions.getTREXFactory>
export type GetTREXFactoryReturn = FunctionReturn<typeof functions.getTREXFactory>

export type GetTokenImplementationParams = FunctionArguments<typeof functions.getTokenImplementation>
export type GetTokenImplementationReturn = FunctionReturn<typeof functions.getTokenImplementation>

export type IsReferenceContractParams = FunctionArguments<typeof functions.isReferenceContract>
export type IsReferenceContractReturn = FunctionReturn<typeof functions.isReferenceContract>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetIAFactoryParams = FunctionArguments<typeof functions.setIAFactory>
export type SetIAFactoryReturn = FunctionReturn<typeof functions.setIAFactory>

export type SetTREXFactoryParams = FunctionArguments<typeof functions.setTREXFactory>
export type SetTREXFactoryReturn = FunctionReturn<typeof functions.setTREXFactory>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UseTREXVersionParams = FunctionArguments<typeof functions.useTREXVersion>
export type UseTREXVersionReturn = FunctionReturn<typeof functions.useTREXVersion>

