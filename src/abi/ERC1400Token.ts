import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Approval: event("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", "Approval(address,address,uint256)", {"owner": indexed(p.address), "spender": indexed(p.address), "value": p.uint256}),
    AuthorizedOperator: event("0xf4caeb2d6ca8932a215a353d0703c326ec2d81fc68170f320eb2ab49e9df61f9", "AuthorizedOperator(address,address)", {"operator": indexed(p.address), "tokenHolder": indexed(p.address)}),
    AuthorizedOperatorByPartition: event("0x3646a897c70797ecc134b0adc32f471b07bf1d6f451133b0384badab531e3fd6", "AuthorizedOperatorByPartition(bytes32,address,address)", {"partition": indexed(p.bytes32), "operator": indexed(p.address), "tokenHolder": indexed(p.address)}),
    ChangedPartition: event("0x67c8ba31d2dd11f1384577b3405b04ed91eed1231e408432ad2458cab37b2fa1", "ChangedPartition(bytes32,bytes32,uint256)", {"_fromPartition": indexed(p.bytes32), "_toPartition": indexed(p.bytes32), "_value": p.uint256}),
    ControllerRedemption: event("0x876b7cb47aa150b3a5516188b19ed308752ad4d0ae9a702543353b78163f7589", "ControllerRedemption(address,address,uint256,bytes,bytes)", {"_controller": p.address, "_tokenHolder": indexed(p.address), "_value": p.uint256, "_data": p.bytes, "_operatorData": p.bytes}),
    ControllerTransfer: event("0x6bf62b4b9c7b768275122bf70d429efc398a056d669b1efdf6c3976346246d7d", "ControllerTransfer(address,address,address,uint256,bytes,bytes)", {"_controller": p.address, "_from": indexed(p.address), "_to": indexed(p.address), "_value": p.uint256, "_data": p.bytes, "_operatorData": p.bytes}),
    DocumentRemoved: event("0x3d9bba27d3e360d8c80645beed7e991454a8271bf6f269a24f7782be0f0d0654", "DocumentRemoved(bytes32,string,bytes32)", {"_name": indexed(p.bytes32), "_uri": p.string, "_documentHash": p.bytes32}),
    DocumentUpdated: event("0xb4c22d60cd550a815744f04e3ff5278bf19684565ee00e2b084041b6024bd6f6", "DocumentUpdated(bytes32,string,bytes32)", {"_name": indexed(p.bytes32), "_uri": p.string, "_documentHash": p.bytes32}),
    Issued: event("0x0e9905d62635f049c2f4e11678ebf9dc3d1f8c4a653e290759b772e47ba00d00", "Issued(address,address,uint256,bytes)", {"_operator": indexed(p.address), "_to": indexed(p.address), "_value": p.uint256, "_data": p.bytes}),
    'IssuedByPartition(bytes32 indexed,address indexed,address indexed,uint256,bytes,bytes)': event("0xf0ded82afbb1bb3ff3fc48cb2a26584aa84e4af0bf309c804ecdb94d0f6a98bb", "IssuedByPartition(bytes32,address,address,uint256,bytes,bytes)", {"partition": indexed(p.bytes32), "operator": indexed(p.address), "to": indexed(p.address), "amount": p.uint256, "data": p.bytes, "operatorData": p.bytes}),
    'IssuedByPartition(bytes32 indexed,address indexed,uint256,bytes)': event("0x6032e2468b0f94dfa63c61d6c8a84842a99c049263eae408a52b945020b6578d", "IssuedByPartition(bytes32,address,uint256,bytes)", {"partition": indexed(p.bytes32), "to": indexed(p.address), "value": p.uint256, "data": p.bytes}),
    Redeemed: event("0xb7d0d6b60740753e9f16692a2f479472a1385aec2420fa43225b02f2ffa1afe7", "Redeemed(address,address,uint256,bytes)", {"_operator": indexed(p.address), "_from": indexed(p.address), "_value": p.uint256, "_data": p.bytes}),
    'RedeemedByPartition(bytes32 indexed,address indexed,address indexed,uint256,bytes)': event("0xce306c3dbc4a497124b5a4f2be8388b41084c1d74663da27ecee1186c00239bf", "RedeemedByPartition(bytes32,address,address,uint256,bytes)", {"partition": indexed(p.bytes32), "operator": indexed(p.address), "from": indexed(p.address), "amount": p.uint256, "operatorData": p.bytes}),
    'RedeemedByPartition(bytes32 indexed,address indexed,address indexed,uint256,bytes,bytes)': event("0xa4f62471c9bdf88115b97203943c74c59b655913ee5ee592706d84ef53fb6be2", "RedeemedByPartition(bytes32,address,address,uint256,bytes,bytes)", {"partition": indexed(p.bytes32), "operator": indexed(p.address), "from": indexed(p.address), "value": p.uint256, "data": p.bytes, "operatorData": p.bytes}),
    RevokedOperator: event("0x50546e66e5f44d728365dc3908c63bc5cfeeab470722c1677e3073a6ac294aa1", "RevokedOperator(address,address)", {"operator": indexed(p.address), "tokenHolder": indexed(p.address)}),
    RevokedOperatorByPartition: event("0x3b287c4f1bab4df949b33bceacef984f544dc5d5479930d00e4ee8c9d8dd96f2", "RevokedOperatorByPartition(bytes32,address,address)", {"partition": indexed(p.bytes32), "operator": indexed(p.address), "tokenHolder": indexed(p.address)}),
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "value": p.uint256}),
    TransferByPartition: event("0xff4e9a26af4eb73b8bacfaa4abd4fea03d9448e7b912dc5ff4019048875aa2d4", "TransferByPartition(bytes32,address,address,address,uint256,bytes,bytes)", {"_fromPartition": indexed(p.bytes32), "_operator": p.address, "_from": indexed(p.address), "_to": indexed(p.address), "_value": p.uint256, "_data": p.bytes, "_operatorData": p.bytes}),
}

export const functions = {
    CHANGE_PARTITION_FLAG: viewFun("0xff121cce", "CHANGE_PARTITION_FLAG()", {}, p.bytes32),
    allowance: viewFun("0xdd62ed3e", "allowance(address,address)", {"_0": p.address, "_1": p.address}, p.uint256),
    approve: fun("0x095ea7b3", "approve(address,uint256)", {"spender": p.address, "value": p.uint256}, p.bool),
    authorizeOperator: fun("0x959b8c3f", "authorizeOperator(address)", {"operator": p.address}, ),
    authorizeOperatorByPartition: fun("0x103ef9e1", "authorizeOperatorByPartition(bytes32,address)", {"partition": p.bytes32, "operator": p.address}, ),
    balanceOf: viewFun("0x70a08231", "balanceOf(address)", {"_0": p.address}, p.uint256),
    balanceOfByPartition: viewFun("0x30e82803", "balanceOfByPartition(bytes32,address)", {"partition": p.bytes32, "tokenHolder": p.address}, p.uint256),
    controller: viewFun("0xf77c4791", "controller()", {}, p.address),
    controllerRedeem: fun("0x2bc6acc3", "controllerRedeem(address,uint256,bytes,bytes)", {"tokenHolder": p.address, "value": p.uint256, "data": p.bytes, "operatorData": p.bytes}, ),
    controllerTransfer: fun("0xf282527a", "controllerTransfer(address,address,uint256,bytes,bytes)", {"from": p.address, "to": p.address, "value": p.uint256, "data": p.bytes, "operatorData": p.bytes}, ),
    decimals: viewFun("0x313ce567", "decimals()", {}, p.uint8),
    getAllDocuments: viewFun("0x9fa5f50b", "getAllDocuments()", {}, p.array(p.bytes32)),
    getDefaultPartitions: viewFun("0xbcfdc0cf", "getDefaultPartitions()", {}, p.array(p.bytes32)),
    getDocument: viewFun("0xb10d6b41", "getDocument(bytes32)", {"docName": p.bytes32}, {"_0": p.string, "_1": p.bytes32, "_2": p.uint256}),
    isControllable: viewFun("0x4c783bf5", "isControllable()", {}, p.bool),
    isIssuable: viewFun("0x2f1cae85", "isIssuable()", {}, p.bool),
    isOperator: viewFun("0xb6363cf2", "isOperator(address,address)", {"operator": p.address, "tokenHolder": p.address}, p.bool),
    isOperatorForPartition: viewFun("0x6d77cad6", "isOperatorForPartition(bytes32,address,address)", {"partition": p.bytes32, "operator": p.address, "tokenHolder": p.address}, p.bool),
    issue: fun("0xbb3acde9", "issue(address,uint256,bytes)", {"tokenHolder": p.address, "value": p.uint256, "data": p.bytes}, ),
    issueByPartition: fun("0x67c84919", "issueByPartition(bytes32,address,uint256,bytes)", {"partition": p.bytes32, "tokenHolder": p.address, "value": p.uint256, "data": p.bytes}, ),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    operatorRedeemByPartition: fun("0x98ddcec7", "operatorRedeemByPartition(bytes32,address,uint256,bytes)", {"partition": p.bytes32, "tokenHolder": p.address, "value": p.uint256, "operatorData": p.bytes}, ),
    operatorTransferByPartition: fun("0x8c0dee9c", "operatorTransferByPartition(bytes32,address,address,uint256,bytes,bytes)", {"partition": p.bytes32, "from": p.address, "to": p.address, "value": p.uint256, "data": p.bytes, "operatorData": p.bytes}, p.bytes32),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    partitionsOf: viewFun("0x740ab8f4", "partitionsOf(address)", {"tokenHolder": p.address}, p.array(p.bytes32)),
    polymathEvents: viewFun("0x5dddd0a1", "polymathEvents()", {}, p.bool),
    redeem: fun("0xe77c646d", "redeem(uint256,bytes)", {"value": p.uint256, "data": p.bytes}, ),
    redeemByPartition: fun("0x62eb0068", "redeemByPartition(bytes32,uint256,bytes)", {"partition": p.bytes32, "value": p.uint256, "data": p.bytes}, ),
    redeemFrom: fun("0x9675193c", "redeemFrom(address,uint256,bytes)", {"tokenHolder": p.address, "value": p.uint256, "data": p.bytes}, ),
    removeDocument: fun("0xc3501848", "removeDocument(bytes32)", {"docName": p.bytes32}, ),
    revokeOperator: fun("0xfad8b32a", "revokeOperator(address)", {"operator": p.address}, ),
    revokeOperatorByPartition: fun("0x168ecec5", "revokeOperatorByPartition(bytes32,address)", {"partition": p.bytes32, "operator": p.address}, ),
    setDocument: fun("0x010648ca", "setDocument(bytes32,string,bytes32)", {"docName": p.bytes32, "uri": p.string, "documentHash": p.bytes32}, ),
    symbol: viewFun("0x95d89b41", "symbol()", {}, p.string),
    totalPartitions: viewFun("0x69598efe", "totalPartitions()", {}, p.array(p.bytes32)),
    totalSupply: viewFun("0x18160ddd", "totalSupply()", {}, p.uint256),
    totalSupplyByPartition: viewFun("0xa26734dc", "totalSupplyByPartition(bytes32)", {"_0": p.bytes32}, p.uint256),
    transfer: fun("0xa9059cbb", "transfer(address,uint256)", {"to": p.address, "value": p.uint256}, p.bool),
    transferByPartition: fun("0xf3d490db", "transferByPartition(bytes32,address,uint256,bytes)", {"partition": p.bytes32, "to": p.address, "value": p.uint256, "data": p.bytes}, p.bytes32),
    transferFrom: fun("0x23b872dd", "transferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "value": p.uint256}, p.bool),
    transferWithData: fun("0x2535f762", "transferWithData(address,uint256,bytes)", {"to": p.address, "value": p.uint256, "data": p.bytes}, ),
}

export class Contract extends ContractBase {

    CHANGE_PARTITION_FLAG() {
        return this.eth_call(functions.CHANGE_PARTITION_FLAG, {})
    }

    allowance(_0: AllowanceParams["_0"], _1: AllowanceParams["_1"]) {
        return this.eth_call(functions.allowance, {_0, _1})
    }

    balanceOf(_0: BalanceOfParams["_0"]) {
        return this.eth_call(functions.balanceOf, {_0})
    }

    balanceOfByPartition(partition: BalanceOfByPartitionParams["partition"], tokenHolder: BalanceOfByPartitionParams["tokenHolder"]) {
        return this.eth_call(functions.balanceOfByPartition, {partition, tokenHolder})
    }

    controller() {
        return this.eth_call(functions.controller, {})
    }

    decimals() {
        return this.eth_call(functions.decimals, {})
    }

    getAllDocuments() {
        return this.eth_call(functions.getAllDocuments, {})
    }

    getDefaultPartitions() {
        return this.eth_call(functions.getDefaultPartitions, {})
    }

    getDocument(docName: GetDocumentParams["docName"]) {
        return this.eth_call(functions.getDocument, {docName})
    }

    isControllable() {
        return this.eth_call(functions.isControllable, {})
    }

    isIssuable() {
        return this.eth_call(functions.isIssuable, {})
    }

    isOperator(operator: IsOperatorParams["operator"], tokenHolder: IsOperatorParams["tokenHolder"]) {
        return this.eth_call(functions.isOperator, {operator, tokenHolder})
    }

    isOperatorForPartition(partition: IsOperatorForPartitionParams["partition"], operator: IsOperatorForPartitionParams["operator"], tokenHolder: IsOperatorForPartitionParams["tokenHolder"]) {
        return this.eth_call(functions.isOperatorForPartition, {partition, operator, tokenHolder})
    }

    name() {
        return this.eth_call(functions.name, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    partitionsOf(tokenHolder: PartitionsOfParams["tokenHolder"]) {
        return this.eth_call(functions.partitionsOf, {tokenHolder})
    }

    polymathEvents() {
        return this.eth_call(functions.polymathEvents, {})
    }

    symbol() {
        return this.eth_call(functions.symbol, {})
    }

    totalPartitions() {
        return this.eth_call(functions.totalPartitions, {})
    }

    totalSupply() {
        return this.eth_call(functions.totalSupply, {})
    }

    totalSupplyByPartition(_0: TotalSupplyByPartitionParams["_0"]) {
        return this.eth_call(functions.totalSupplyByPartition, {_0})
    }
}

/// Event types
export type ApprovalEventArgs = EParams<typeof events.Approval>
export type AuthorizedOperatorEventArgs = EParams<typeof events.AuthorizedOperator>
export type AuthorizedOperatorByPartitionEventArgs = EParams<typeof events.AuthorizedOperatorByPartition>
export type ChangedPartitionEventArgs = EParams<typeof events.ChangedPartition>
export type ControllerRedemptionEventArgs = EParams<typeof events.ControllerRedemption>
export type ControllerTransferEventArgs = EParams<typeof events.ControllerTransfer>
export type DocumentRemovedEventArgs = EParams<typeof events.DocumentRemoved>
export type DocumentUpdatedEventArgs = EParams<typeof events.DocumentUpdated>
export type IssuedEventArgs = EParams<typeof events.Issued>
export type IssuedByPartitionEventArgs_0 = EParams<typeof events['IssuedByPartition(bytes32 indexed,address indexed,address indexed,uint256,bytes,bytes)']>
export type IssuedByPartitionEventArgs_1 = EParams<typeof events['IssuedByPartition(bytes32 indexed,address indexed,uint256,bytes)']>
export type RedeemedEventArgs = EParams<typeof events.Redeemed>
export type RedeemedByPartitionEventArgs_0 = EParams<typeof events['RedeemedByPartition(bytes32 indexed,address indexed,address indexed,uint256,bytes)']>
export type RedeemedByPartitionEventArgs_1 = EParams<typeof events['RedeemedByPartition(bytes32 indexed,address indexed,address indexed,uint256,bytes,bytes)']>
export type RevokedOperatorEventArgs = EParams<typeof events.RevokedOperator>
export type RevokedOperatorByPartitionEventArgs = EParams<typeof events.RevokedOperatorByPartition>
export type TransferEventArgs = EParams<typeof events.Transfer>
export type TransferByPartitionEventArgs = EParams<typeof events.TransferByPartition>

/// Function types
export type CHANGE_PARTITION_FLAGParams = FunctionArguments<typeof functions.CHANGE_PARTITION_FLAG>
export type CHANGE_PARTITION_FLAGReturn = FunctionReturn<typeof functions.CHANGE_PARTITION_FLAG>

export type AllowanceParams = FunctionArguments<typeof functions.allowance>
export type AllowanceReturn = FunctionReturn<typeof functions.allowance>

export type ApproveParams = FunctionArguments<typeof functions.approve>
export type ApproveReturn = FunctionReturn<typeof functions.approve>

export type AuthorizeOperatorParams = FunctionArguments<typeof functions.authorizeOperator>
export type AuthorizeOperatorReturn = FunctionReturn<typeof functions.authorizeOperator>

export type AuthorizeOperatorByPartitionParams = FunctionArguments<typeof functions.authorizeOperatorByPartition>
export type AuthorizeOperatorByPartitionReturn = FunctionReturn<typeof functions.authorizeOperatorByPartition>

export type BalanceOfParams = FunctionArguments<typeof functions.balanceOf>
export type BalanceOfReturn = FunctionReturn<typeof functions.balanceOf>

export type BalanceOfByPartitionParams = FunctionArguments<typeof functions.balanceOfByPartition>
export type BalanceOfByPartitionReturn = FunctionReturn<typeof functions.balanceOfByPartition>

export type ControllerParams = FunctionArguments<typeof functions.controller>
export type ControllerReturn = FunctionReturn<typeof functions.controller>

export type ControllerRedeemParams = FunctionArguments<typeof functions.controllerRedeem>
export type ControllerRedeemReturn = FunctionReturn<typeof functions.controllerRedeem>

export type ControllerTransferParams = FunctionArguments<typeof functions.controllerTransfer>
export type ControllerTransferReturn = FunctionReturn<typeof functions.controllerTransfer>

export type DecimalsParams = FunctionArguments<typeof functions.decimals>
export type DecimalsReturn = FunctionReturn<typeof functions.decimals>

export type GetAllDocumentsParams = FunctionArguments<typeof functions.getAllDocuments>
export type GetAllDocumentsReturn = FunctionReturn<typeof functions.getAllDocuments>

export type GetDefaultPartitionsParams = FunctionArguments<typeof functions.getDefaultPartitions>
export type GetDefaultPartitionsReturn = FunctionReturn<typeof functions.getDefaultPartitions>

export type GetDocumentParams = FunctionArguments<typeof functions.getDocument>
export type GetDocumentReturn = FunctionReturn<typeof functions.getDocument>

export type IsControllableParams = FunctionArguments<typeof functions.isControllable>
export type IsControllableReturn = FunctionReturn<typeof functions.isControllable>

export type IsIssuableParams = FunctionArguments<typeof functions.isIssuable>
export type IsIssuableReturn = FunctionReturn<typeof functions.isIssuable>

export type IsOperatorParams = FunctionArguments<typeof functions.isOperator>
export type IsOperatorReturn = FunctionReturn<typeof functions.isOperator>

export type IsOperatorForPartitionParams = FunctionArguments<typeof functions.isOperatorForPartition>
export type IsOperatorForPartitionReturn = FunctionReturn<typeof functions.isOperatorForPartition>

export type IssueParams = FunctionArguments<typeof functions.issue>
export type IssueReturn = FunctionReturn<typeof functions.issue>

export type IssueByPartitionParams = FunctionArguments<typeof functions.issueByPartition>
export type IssueByPartitionReturn = FunctionReturn<typeof functions.issueByPartition>

export type NameParams = FunctionArguments<typeof functions.name>
export type NameReturn = FunctionReturn<typeof functions.name>

export type OperatorRedeemByPartitionParams = FunctionArguments<typeof functions.operatorRedeemByPartition>
export type OperatorRedeemByPartitionReturn = FunctionReturn<typeof functions.operatorRedeemByPartition>

export type OperatorTransferByPartitionParams = FunctionArguments<typeof functions.operatorTransferByPartition>
export type OperatorTransferByPartitionReturn = FunctionReturn<typeof functions.operatorTransferByPartition>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type PartitionsOfParams = FunctionArguments<typeof functions.partitionsOf>
export type PartitionsOfReturn = FunctionReturn<typeof functions.partitionsOf>

export type PolymathEventsParams = FunctionArguments<typeof functions.polymathEvents>
export type PolymathEventsReturn = FunctionReturn<typeof functions.polymathEvents>

export type RedeemParams = FunctionArguments<typeof functions.redeem>
export type RedeemReturn = FunctionReturn<typeof functions.redeem>

export type RedeemByPartitionParams = FunctionArguments<typeof functions.redeemByPartition>
export type RedeemByPartitionReturn = FunctionReturn<typeof functions.redeemByPartition>

export type RedeemFromParams = FunctionArguments<typeof functions.redeemFrom>
export type RedeemFromReturn = FunctionReturn<typeof functions.redeemFrom>

export type RemoveDocumentParams = FunctionArguments<typeof functions.removeDocument>
export type RemoveDocumentReturn = FunctionReturn<typeof functions.removeDocument>

export type RevokeOperatorParams = FunctionArguments<typeof functions.revokeOperator>
export type RevokeOperatorReturn = FunctionReturn<typeof functions.revokeOperator>

export type RevokeOperatorByPartitionParams = FunctionArguments<typeof functions.revokeOperatorByPartition>
export type RevokeOperatorByPartitionReturn = FunctionReturn<typeof functions.revokeOperatorByPartition>

export type SetDocumentParams = FunctionArguments<typeof functions.setDocument>
export type SetDocumentReturn = FunctionReturn<typeof functions.setDocument>

export type SymbolParams = FunctionArguments<typeof functions.symbol>
export type SymbolReturn = FunctionReturn<typeof functions.symbol>

export type TotalPartitionsParams = FunctionArguments<typeof functions.totalPartitions>
export type TotalPartitionsReturn = FunctionReturn<typeof functions.totalPartitions>

export type TotalSupplyParams = FunctionArguments<typeof functions.totalSupply>
export type TotalSupplyReturn = FunctionReturn<typeof functions.totalSupply>

export type TotalSupplyByPartitionParams = FunctionArguments<typeof functions.totalSupplyByPartition>
export type TotalSupplyByPartitionReturn = FunctionReturn<typeof functions.totalSupplyByPartition>

export type TransferParams = FunctionArguments<typeof functions.transfer>
export type TransferReturn = FunctionReturn<typeof functions.transfer>

export type TransferByPartitionParams = FunctionArguments<typeof functions.transferByPartition>
export type TransferByPartitionReturn = FunctionReturn<typeof functions.transferByPartition>

export type TransferFromParams = FunctionArguments<typeof functions.transferFrom>
export type TransferFromReturn = FunctionReturn<typeof functions.transferFrom>

export type TransferWithDataParams = FunctionArguments<typeof functions.transferWithData>
export type TransferWithDataReturn = FunctionReturn<typeof functions.transferWithData>

