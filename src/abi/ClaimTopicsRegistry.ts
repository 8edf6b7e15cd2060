import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ClaimTopicAdded: event("0x01c928b7f7ade2949e92366aa9454dbef3a416b731cf6ec786ba9595bbd814d6", "ClaimTopicAdded(uint256)", {"claimTopic": indexed(p.uint256)}),
    ClaimTopicRemoved: event("0x0b1381093c776453c1bbe54fd68be1b235c65db61d099cb50d194b2991e0eec5", "ClaimTopicRemoved(uint256)", {"claimTopic": indexed(p.uint256)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
}

export const functions = {
    addClaimTopic: fun("0xc7b22551", "addClaimTopic(uint256)", {"_claimTopic": p.uint256}, ),
    getClaimTopics: viewFun("0xdf09d604", "getClaimTopics()", {}, p.array(p.uint256)),
    init: fun("0xe1c7392a", "init()", {}, ),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    removeClaimTopic: fun("0x08297846", "removeClaimTopic(uint256)", {"_claimTopic": p.uint256}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
}

export class Contract extends ContractBase {

    getClaimTopics() {
        return this.eth_call(functions.getClaimTopics, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Event types
export type ClaimTopicAddedEventArgs = EParams<typeof events.ClaimTopicAdded>
export type ClaimTopicRemovedEventArgs = EParams<typeof events.ClaimTopicRemoved>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>

/// Function types
export type AddClaimTopicParams = FunctionArguments<typeof functions.addClaimTopic>
export type AddClaimTopicReturn = FunctionReturn<typeof functions.addClaimTopic>

export type GetClaimTopicsParams = FunctionArguments<typeof functions.getClaimTopics>
export type GetClaimTopicsReturn = FunctionReturn<typeof functions.getClaimTopics>

export type InitParams = FunctionArguments<typeof functions.init>
export type InitReturn = FunctionReturn<typeof functions.init>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RemoveClaimTopicParams = FunctionArguments<typeof functions.removeClaimTopic>
export type RemoveClaimTopicReturn = FunctionReturn<typeof functions.removeClaimTopic>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

