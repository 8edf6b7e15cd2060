import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ClaimTopicsUpdated: event("0xec753cfc52044f61676f18a11e500093a9f2b1cd5e4942bc476f2b0438159bcf", "ClaimTopicsUpdated(address,uint256[])", {"trustedIssuer": indexed(p.address), "claimTopics": p.array(p.uint256)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TrustedIssuerAdded: event("0xfedc33fd34859594822c0ff6f3f4f9fc279cc6d5cae53068f706a088e4500872", "TrustedIssuerAdded(address,uint256[])", {"trustedIssuer": indexed(p.address), "claimTopics": p.array(p.uint256)}),
    TrustedIssuerRemoved: event("0x2214ded40113cc3fb63fc206cafee88270b0a903dac7245d54efdde30ebb0321", "TrustedIssuerRemoved(address)", {"trustedIssuer": indexed(p.address)}),
}

export const functions = {
    addTrustedIssuer: fun("0x9f63ea98", "addTrustedIssuer(address,uint256[])", {"_trustedIssuer": p.address, "_claimTopics": p.array(p.uint256)}, ),
    getTrustedIssuerClaimTopics: viewFun("0xc28fb278", "getTrustedIssuerClaimTopics(address)", {"_trustedIssuer": p.address}, p.array(p.uint256)),
    getTrustedIssuers: viewFun("0xd9dd24c5", "getTrustedIssuers()", {}, p.array(p.address)),
    getTrustedIssuersForClaimTopic: viewFun("0x52c111d1", "getTrustedIssuersForClaimTopic(uint256)", {"claimTopic": p.uint256}, p.array(p.address)),
    hasClaimTopic: viewFun("0x34a89987", "hasClaimTopic(address,uint256)", {"_issuer": p.address, "_claimTopic": p.uint256}, p.bool),
    init: fun("0xe1c7392a", "init()", {}, ),
    isTrustedIssuer: viewFun("0xef2ed1a4", "isTrustedIssuer(address)", {"_issuer": p.address}, p.bool),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    removeTrustedIssuer: fun("0xb93d28eb", "removeTrustedIssuer(address)", {"_trustedIssuer": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    updateIssuerClaimTopics: fun("0x04bc7e84", "updateIssuerClaimTopics(address,uint256[])", {"_trustedIssuer": p.address, "_claimTopics": p.array(p.uint256)}, ),
}

export class Contract extends ContractBase {

    getTrustedIssuerClaimTopics(_trustedIssuer: GetTrustedIssuerClaimTopicsParams["_trustedIssuer"]) {
        return this.eth_call(functions.getTrustedIssuerClaimTopics, {_trustedIssuer})
    }

    getTrustedIssuers() {
        return this.eth_call(functions.getTrustedIssuers, {})
    }

    getTrustedIssuersForClaimTopic(claimTopic: GetTrustedIssuersForClaimTopicParams["claimTopic"]) {
        return this.eth_call(functions.getTrustedIssuersForClaimTopic, {claimTopic})
    }

    hasClaimTopic(_issuer: HasClaimTopicParams["_issuer"], _claimTopic: HasClaimTopicParams["_claimTopic"]) {
        return this.eth_call(functions.hasClaimTopic, {_issuer, _claimTopic})
    }

    isTrustedIssuer(_issuer: IsTrustedIssuerParams["_issuer"]) {
        return this.eth_call(functions.isTrustedIssuer, {_issuer})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Event types
export type ClaimTopicsUpdatedEventArgs = EParams<typeof events.ClaimTopicsUpdated>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TrustedIssuerAddedEventArgs = EParams<typeof events.TrustedIssuerAdded>
export type TrustedIssuerRemovedEventArgs = EParams<typeof events.TrustedIssuerRemoved>

/// Function types
export type AddTrustedIssuerParams = FunctionArguments<typeof functions.addTrustedIssuer>
export type AddTrustedIssuerReturn = FunctionReturn<typeof functions.addTrustedIssuer>

export type GetTrustedIssuerClaimTopicsParams = FunctionArguments<typeof functions.getTrustedIssuerClaimTopics>
export type GetTrustedIssuerClaimTopicsReturn = FunctionReturn<typeof functions.getTrustedIssuerClaimTopics>

export type GetTrustedIssuersParams = FunctionArguments<typeof functions.getTrustedIssuers>
export type GetTrustedIssuersReturn = FunctionReturn<typeof functions.getTrustedIssuers>

export type GetTrustedIssuersForClaimTopicParams = FunctionArguments<typeof functions.getTrustedIssuersForClaimTopic>
export type GetTrustedIssuersForClaimTopicReturn = FunctionReturn<typeof functions.getTrustedIssuersForClaimTopic>

export type HasClaimTopicParams = FunctionArguments<typeof functions.hasClaimTopic>
export type HasClaimTopicReturn = FunctionReturn<typeof functions.hasClaimTopic>

export type InitParams = FunctionArguments<typeof functions.init>
export type InitReturn = FunctionReturn<typeof functions.init>

export type IsTrustedIssuerParams = FunctionArguments<typeof functions.isTrustedIssuer>
export type IsTrustedIssuerReturn = FunctionReturn<typeof functions.isTrustedIssuer>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RemoveTrustedIssuerParams = FunctionArguments<typeof functions.removeTrustedIssuer>
export type RemoveTrustedIssuerReturn = FunctionReturn<typeof functions.removeTrustedIssuer>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UpdateIssuerClaimTopicsParams = FunctionArguments<typeof functions.updateIssuerClaimTopics>
export type UpdateIssuerClaimTopicsReturn = FunctionReturn<typeof functions.updateIssuerClaimTopics>

