import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    DVDTransferCancelled: event("0xb34dd23f375e48f42dfe5fbb1f8945e706c80dbfaec32c6e978fcf70091306c9", "DVDTransferCancelled(bytes32)", {"transferID": indexed(p.bytes32)}),
    DVDTransferExecuted: event("0x094682e7da443a5bb6ea2c900d20d36aaff04228fe22fc6dd65a58a37695be8b", "DVDTransferExecuted(bytes32)", {"transferID": indexed(p.bytes32)}),
    DVDTransferInitiated: event("0x1eff5dd2c180a5889d45725b98546e9d8c28331caac1c279a0fdc3fe18eb29e5", "DVDTransferInitiated(bytes32,address,address,uint256,address,address,uint256)", {"transferID": indexed(p.bytes32), "maker": p.address, "token1": indexed(p.address), "token1Amount": p.uint256, "taker": p.address, "token2": indexed(p.address), "token2Amount": p.uint256}),
    FeeModified: event("0x2a53ccababe5ceadaebcbb25eb002de52dd1042821dee5cd6dd890c0651c535f", "FeeModified(bytes32,address,address,uint256,uint256,uint256,address,address)", {"parity": indexed(p.bytes32), "token1": p.address, "token2": p.address, "fee1": p.uint256, "fee2": p.uint256, "feeBase": p.uint256, "fee1Wallet": p.address, "fee2Wallet": p.address}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
}

export const functions = {
    calculateFee: viewFun("0x4f846864", "calculateFee(bytes32)", {"_transferID": p.bytes32}, p.struct({"txFee1": p.uint256, "txFee2": p.uint256, "fee1Wallet": p.address, "fee2Wallet": p.address})),
    calculateParity: viewFun("0x344ae659", "calculateParity(address,address)", {"_token1": p.address, "_token2": p.address}, p.bytes32),
    calculateTransferID: viewFun("0x4dc55ea3", "calculateTransferID(uint256,address,address,uint256,address,address,uint256)", {"_nonce": p.uint256, "_maker": p.address, "_token1": p.address, "_token1Amount": p.uint256, "_taker": p.address, "_token2": p.address, "_token2Amount": p.uint256}, p.bytes32),
    cancelDVDTransfer: fun("0xff4ca375", "cancelDVDTransfer(bytes32)", {"_transferID": p.bytes32}, ),
    fee: viewFun("0x27cdab06", "fee(bytes32)", {"_0": p.bytes32}, {"token1Fee": p.uint256, "token2Fee": p.uint256, "feeBase": p.uint256, "fee1Wallet": p.address, "fee2Wallet": p.address}),
    initiateDVDTransfer: fun("0x6e4d26e4", "initiateDVDTransfer(address,uint256,address,address,uint256)", {"_token1": p.address, "_token1Amount": p.uint256, "_counterpart": p.address, "_token2": p.address, "_token2Amount": p.uint256}, ),
    isTREX: viewFun("0xeb08e261", "isTREX(address)", {"_token": p.address}, p.bool),
    isTREXAgent: viewFun("0x23379251", "isTREXAgent(address,address)", {"_token": p.address, "_user": p.address}, p.bool),
    isTREXOwner: viewFun("0xafc99141", "isTREXOwner(address,address)", {"_token": p.address, "_user": p.address}, p.bool),
    modifyFee: fun("0xe722e603", "modifyFee(address,address,uint256,uint256,uint256,address,address)", {"_token1": p.address, "_token2": p.address, "_fee1": p.uint256, "_fee2": p.uint256, "_feeBase": p.uint256, "_fee1Wallet": p.address, "_fee2Wallet": p.address}, ),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    takeDVDTransfer: fun("0x158db450", "takeDVDTransfer(bytes32)", {"_transferID": p.bytes32}, ),
    token1ToDeliver: viewFun("0x77722075", "token1ToDeliver(bytes32)", {"_0": p.bytes32}, {"counterpart": p.address, "token": p.address, "amount": p.uint256}),
    token2ToDeliver: viewFun("0x0f7f6811", "token2ToDeliver(bytes32)", {"_0": p.bytes32}, {"counterpart": p.address, "token": p.address, "amount": p.uint256}),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    txNonce: viewFun("0xc66323e5", "txNonce()", {}, p.uint256),
}

export class Contract extends ContractBase {

    calculateFee(_transferID: CalculateFeeParams["_transferID"]) {
        return this.eth_call(functions.calculateFee, {_transferID})
    }

    calculateParity(_token1: CalculateParityParams["_token1"], _token2: CalculateParityParams["_token2"]) {
        return this.eth_call(functions.calculateParity, {_token1, _token2})
    }

    calculateTransferID(_nonce: CalculateTransferIDParams["_nonce"], _maker: CalculateTransferIDParams["_maker"], _token1: CalculateTransferIDParams["_token1"], _token1Amount: CalculateTransferIDParams["_token1Amount"], _taker: CalculateTransferIDParams["_taker"], _token2: CalculateTransferIDParams["_token2"], _token2Amount: CalculateTransferIDParams["_token2Amount"]) {
        return this.eth_call(functions.calculateTransferID, {_nonce, _maker, _token1, _token1Amount, _taker, _token2, _token2Amount})
    }

    fee(_0: FeeParams["_0"]) {
        return this.eth_call(functions.fee, {_0})
    }

    isTREX(_token: IsTREXParams["_token"]) {
        return this.eth_call(functions.isTREX, {_token})
    }

    isTREXAgent(_token: IsTREXAgentParams["_token"], _user: IsTREXAgentParams["_user"]) {
        return this.eth_call(functions.isTREXAgent, {_token, _user})
    }

    isTREXOwner(_token: IsTREXOwnerParams["_token"], _user: IsTREXOwnerParams["_user"]) {
        return this.eth_call(functions.isTREXOwner, {_token, _user})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    token1ToDeliver(_0: Token1ToDeliverParams["_0"]) {
        return this.eth_call(functions.token1ToDeliver, {_0})
    }

    token2ToDeliver(_0: Token2ToDeliverParams["_0"]) {
        return this.eth_call(functions.token2ToDeliver, {_0})
    }

    txNonce() {
        return this.eth_call(functions.txNonce, {})
    }
}

/// Event types
export type DVDTransferCancelledEventArgs = EParams<typeof events.DVDTransferCancelled>
export type DVDTransferExecutedEventArgs = EParams<typeof events.DVDTransferExecuted>
export type DVDTransferInitiatedEventArgs = EParams<typeof events.DVDTransferInitiated>
export type FeeModifiedEventArgs = EParams<typeof events.FeeModified>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>

/// Function types
export type CalculateFeeParams = FunctionArguments<typeof functions.calculateFee>
export type CalculateFeeReturn = FunctionReturn<typeof functions.calculateFee>

export type CalculateParityParams = FunctionArguments<typeof functions.calculateParity>
export type CalculateParityReturn = FunctionReturn<typeof functions.calculateParity>

export type CalculateTransferIDParams = FunctionArguments<typeof functions.calculateTransferID>
export type CalculateTransferIDReturn = FunctionReturn<typeof functions.calculateTransferID>

export type CancelDVDTransferParams = FunctionArguments<typeof functions.cancelDVDTransfer>
export type CancelDVDTransferReturn = FunctionReturn<typeof functions.cancelDVDTransfer>

export type FeeParams = FunctionArguments<typeof functions.fee>
export type FeeReturn = FunctionReturn<typeof functions.fee>

export type InitiateDVDTransferParams = FunctionArguments<typeof functions.initiateDVDTransfer>
export type InitiateDVDTransferReturn = FunctionReturn<typeof functions.initiateDVDTransfer>

export type IsTREXParams = FunctionArguments<typeof functions.isTREX>
export type IsTREXReturn = FunctionReturn<typeof functions.isTREX>

export type IsTREXAgentParams = FunctionArguments<typeof functions.isTREXAgent>
export type IsTREXAgentReturn = FunctionReturn<typeof functions.isTREXAgent>

export type IsTREXOwnerParams = FunctionArguments<typeof functions.isTREXOwner>
export type IsTREXOwnerReturn = FunctionReturn<typeof functions.isTREXOwner>

export type ModifyFeeParams = FunctionArguments<typeof functions.modifyFee>
export type ModifyFeeReturn = FunctionReturn<typeof functions.modifyFee>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type TakeDVDTransferParams = FunctionArguments<typeof functions.takeDVDTransfer>
export type TakeDVDTransferReturn = FunctionReturn<typeof functions.takeDVDTransfer>

export type Token1ToDeliverParams = FunctionArguments<typeof functions.token1ToDeliver>
export type Token1ToDeliverReturn = FunctionReturn<typeof functions.token1ToDeliver>

export type Token2ToDeliverParams = FunctionArguments<typeof functions.token2ToDeliver>
export type Token2ToDeliverReturn = FunctionReturn<typeof functions.token2ToDeliver>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type TxNonceParams = FunctionArguments<typeof functions.txNonce>
export type TxNonceReturn = FunctionReturn<typeof functions.txNonce>

