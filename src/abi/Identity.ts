import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Approved: event("0xb3932da477fe5d6c8ff2eafef050c0f3a1af18fc07121001482600f36f3715d8", "Approved(uint256,bool)", {"executionId": indexed(p.uint256), "approved": p.bool}),
    ClaimAdded: event("0x46149b18aa084502c3f12bc75e19eda8bda8d102b82cce8474677a6d0d5f43c5", "ClaimAdded(bytes32,uint256,uint256,address,bytes,bytes,string)", {"claimId": indexed(p.bytes32), "topic": indexed(p.uint256), "scheme": p.uint256, "issuer": indexed(p.address), "signature": p.bytes, "data": p.bytes, "uri": p.string}),
    ClaimChanged: event("0x3bab293fc00db832d7619a9299914251b8747c036867ec056cbd506f60135b13", "ClaimChanged(bytes32,uint256,uint256,address,bytes,bytes,string)", {"claimId": indexed(p.bytes32), "topic": indexed(p.uint256), "scheme": p.uint256, "issuer": indexed(p.address), "signature": p.bytes, "data": p.bytes, "uri": p.string}),
    ClaimRemoved: event("0x3cf57863a89432c61c4a27073c6ee39e8a764bff5a05aebfbcdcdc80b2e6130a", "ClaimRemoved(bytes32,uint256,uint256,address,bytes,bytes,string)", {"claimId": indexed(p.bytes32), "topic": indexed(p.uint256), "scheme": p.uint256, "issuer": indexed(p.address), "signature": p.bytes, "data": p.bytes, "uri": p.string}),
    Executed: event("0x1f920dbda597d7bf95035464170fa58d0a4b57f13a1c315ace6793b9f63688b8", "Executed(uint256,address,uint256,bytes)", {"executionId": indexed(p.uint256), "to": indexed(p.address), "value": indexed(p.uint256), "data": p.bytes}),
    ExecutionFailed: event("0xe10c49d9f7c71da23262367013434763cfdb2332267641728d25cd712c5c6a68", "ExecutionFailed(uint256,address,uint256,bytes)", {"executionId": indexed(p.uint256), "to": indexed(p.address), "value": indexed(p.uint256), "data": p.bytes}),
    ExecutionRequested: event("0x8afcfabcb00e47a53a8fc3e9f23ff47ee1926194bb1350dd007c50b412a6cee8", "ExecutionRequested(uint256,address,uint256,bytes)", {"executionId": indexed(p.uint256), "to": indexed(p.address), "value": indexed(p.uint256), "data": p.bytes}),
    KeyAdded: event("0x480000bb1edad8ca1470381cc334b1917fbd51c6531f3a623ea8e0ec7e38a6e9", "KeyAdded(bytes32,uint256,uint256)", {"key": indexed(p.bytes32), "purpose": indexed(p.uint256), "keyType": indexed(p.uint256)}),
    KeyRemoved: event("0x585a4aef50f8267a92b32412b331b20f7f8b96f2245b253b9cc50dcc621d3397", "KeyRemoved(bytes32,uint256,uint256)", {"key": indexed(p.bytes32), "purpose": indexed(p.uint256), "keyType": indexed(p.uint256)}),
}

export const functions = {
    addClaim: fun("0xb1a34e0d", "addClaim(uint256,uint256,address,bytes,bytes,string)", {"_topic": p.uint256, "_scheme": p.uint256, "_issuer": p.address, "_signature": p.bytes, "_data": p.bytes, "_uri": p.string}, p.bytes32),
    addKey: fun("0x1d381240", "addKey(bytes32,uint256,uint256)", {"_key": p.bytes32, "_purpose": p.uint256, "_type": p.uint256}, p.bool),
    approve: fun("0x747442d3", "approve(uint256,bool)", {"_id": p.uint256, "_approve": p.bool}, p.bool),
    execute: fun("0xb61d27f6", "execute(address,uint256,bytes)", {"_to": p.address, "_value": p.uint256, "_data": p.bytes}, p.uint256),
    getClaim: viewFun("0xc9100bcb", "getClaim(bytes32)", {"_claimId": p.bytes32}, {"topic": p.uint256, "scheme": p.uint256, "issuer": p.address, "signature": p.bytes, "data": p.bytes, "uri": p.string}),
    getClaimIdsByTopic: viewFun("0x80e9e9e1", "getClaimIdsByTopic(uint256)", {"_topic": p.uint256}, p.array(p.bytes32)),
    getKey: viewFun("0x12aaac70", "getKey(bytes32)", {"_key": p.bytes32}, {"purposes": p.array(p.uint256), "keyType": p.uint256, "key": p.bytes32}),
    getKeyPurposes: viewFun("0xfb307b34", "getKeyPurposes(bytes32)", {"_key": p.bytes32}, p.array(p.uint256)),
    getKeysByPurpose: viewFun("0x9010f726", "getKeysByPurpose(uint256)", {"_purpose": p.uint256}, p.array(p.bytes32)),
    getRecoveredAddress: viewFun("0xc3b129e3", "getRecoveredAddress(bytes,bytes32)", {"sig": p.bytes, "dataHash": p.bytes32}, p.address),
    initialize: fun("0xc4d66de8", "initialize(address)", {"initialManagementKey": p.address}, ),
    isClaimValid: viewFun("0xc0969a6e", "isClaimValid(address,uint256,bytes,bytes)", {"_identity": p.address, "claimTopic": p.uint256, "sig": p.bytes, "data": p.bytes}, p.bool),
    keyHasPurpose: viewFun("0xd202158d", "keyHasPurpose(bytes32,uint256)", {"_key": p.bytes32, "_purpose": p.uint256}, p.bool),
    removeClaim: fun("0x4eee424a", "removeClaim(bytes32)", {"_claimId": p.bytes32}, p.bool),
    removeKey: fun("0x53d413c5", "removeKey(bytes32,uint256)", {"_key": p.bytes32, "_purpose": p.uint256}, p.bool),
    version: viewFun("0x54fd4d50", "version()", {}, p.string),
}

export class Contract extends ContractBase {

    getClaim(_claimId: GetClaimParams["_claimId"]) {
        return this.eth_call(functions.getClaim, {_claimId})
    }

    getClaimIdsByTopic(_topic: GetClaimIdsByTopicParams["_topic"]) {
        return this.eth_call(functions.getClaimIdsByTopic, {_topic})
    }

    getKey(_key: GetKeyParams["_key"]) {
        return this.eth_call(functions.getKey, {_key})
    }

    getKeyPurposes(_key: GetKeyPurposesParams["_key"]) {
        return this.eth_call(functions.getKeyPurposes, {_key})
    }

    getKeysByPurpose(_purpose: GetKeysByPurposeParams["_purpose"]) {
        return this.eth_call(functions.getKeysByPurpose, {_purpose})
    }

    getRecoveredAddress(sig: GetRecoveredAddressParams["sig"], dataHash: GetRecoveredAddressParams["dataHash"]) {
        return this.eth_call(functions.getRecoveredAddress, {sig, dataHash})
    }

    isClaimValid(_identity: IsClaimValidParams["_identity"], claimTopic: IsClaimValidParams["claimTopic"], sig: IsClaimValidParams["sig"], data: IsClaimValidParams["data"]) {
        return this.eth_call(functions.isClaimValid, {_identity, claimTopic, sig, data})
    }

    keyHasPurpose(_key: KeyHasPurposeParams["_key"], _purpose: KeyHasPurposeParams["_purpose"]) {
        return this.eth_call(functions.keyHasPurpose, {_key, _purpose})
    }

    version() {
        return this.eth_call(functions.version, {})
    }
}

/// Event types
export type ApprovedEventArgs = EParams<typeof events.Approved>
export type ClaimAddedEventArgs = EParams<typeof events.ClaimAdded>
export type ClaimChangedEventArgs = EParams<typeof events.ClaimChanged>
export type ClaimRemovedEventArgs = EParams<typeof events.ClaimRemoved>
export type ExecutedEventArgs = EParams<typeof events.Executed>
export type ExecutionFailedEventArgs = EParams<typeof events.ExecutionFailed>
export type ExecutionRequestedEventArgs = EParams<typeof events.ExecutionRequested>
export type KeyAddedEventArgs = EParams<typeof events.KeyAdded>
export type KeyRemovedEventArgs = EParams<typeof events.KeyRemoved>

/// Function types
export type AddClaimParams = FunctionArguments<typeof functions.addClaim>
export type AddClaimReturn = FunctionReturn<typeof functions.addClaim>

export type AddKeyParams = FunctionArguments<typeof functions.addKey>
export type AddKeyReturn = FunctionReturn<typeof functions.addKey>

export type ApproveParams = FunctionArguments<typeof functions.approve>
export type ApproveReturn = FunctionReturn<typeof functions.approve>

export type ExecuteParams = FunctionArguments<typeof functions.execute>
export type ExecuteReturn = FunctionReturn<typeof functions.execute>

export type GetClaimParams = FunctionArguments<typeof functions.getClaim>
export type GetClaimReturn = FunctionReturn<typeof functions.getClaim>

export type GetClaimIdsByTopicParams = FunctionArguments<typeof functions.getClaimIdsByTopic>
export type GetClaimIdsByTopicReturn = FunctionReturn<typeof functions.getClaimIdsByTopic>

export type GetKeyParams = FunctionArguments<typeof functions.getKey>
export type GetKeyReturn = FunctionReturn<typeof functions.getKey>

export type GetKeyPurposesParams = FunctionArguments<typeof functions.getKeyPurposes>
export type GetKeyPurposesReturn = FunctionReturn<typeof functions.getKeyPurposes>

export type GetKeysByPurposeParams = FunctionArguments<typeof functions.getKeysByPurpose>
export type GetKeysByPurposeReturn = FunctionReturn<typeof functions.getKeysByPurpose>

export type GetRecoveredAddressParams = FunctionArguments<typeof functions.getRecoveredAddress>
export type GetRecoveredAddressReturn = FunctionReturn<typeof functions.getRecoveredAddress>

export type InitializeParams = FunctionArguments<typeof functions.initialize>
export type InitializeReturn = FunctionReturn<typeof functions.initialize>

export type IsClaimValidParams = FunctionArguments<typeof functions.isClaimValid>
export type IsClaimValidReturn = FunctionReturn<typeof functions.isClaimValid>

export type KeyHasPurposeParams = FunctionArguments<typeof functions.keyHasPurpose>
export type KeyHasPurposeReturn = FunctionReturn<typeof functions.keyHasPurpose>

export type RemoveClaimParams = FunctionArguments<typeof functions.removeClaim>
export type RemoveClaimReturn = FunctionReturn<typeof functions.removeClaim>

export type RemoveKeyParams = FunctionArguments<typeof functions.removeKey>
export type RemoveKeyReturn = FunctionReturn<typeof functions.removeKey>

export type VersionParams = FunctionArguments<typeof functions.version>
export type VersionReturn = FunctionReturn<typeof functions.version>

