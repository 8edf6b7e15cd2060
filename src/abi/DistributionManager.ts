import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    DistributionCancelled: event("0x611068f09cfc53914da333729fe8a463b828a8fd4303f19e668942dbcc0a90ee", "DistributionCancelled(uint256,address,uint256)", {"id": indexed(p.uint256), "actor": indexed(p.address), "refunded": p.uint256}),
    DistributionCreated: event("0x693235f566bf72f98782a61477897a5275bc93738fe21c0b9ccbb598677e159a", "DistributionCreated(uint256,address,address,uint8,uint256,uint64,bytes32,uint64,uint64,uint8,bool,uint8,address,string)", {"id": indexed(p.uint256), "token": indexed(p.address), "paymentToken": indexed(p.address), "kind": p.uint8, "totalAmount": p.uint256, "recordBlock": p.uint64, "merkleRoot": p.bytes32, "claimStart": p.uint64, "claimExpiry": p.uint64, "basis": p.uint8, "includeFrozen": p.bool, "rounding": p.uint8, "creator": p.address, "policyURI": p.string}),
    DistributionFunded: event("0xfcb6637d5f6e3fa06ff2889818f68be60415f2cc7678b3fdbee683d80330ea32", "DistributionFunded(uint256,address,uint256,uint256)", {"id": indexed(p.uint256), "funder": indexed(p.address), "amount": p.uint256, "totalFunded": p.uint256}),
    DistributionPartitionSet: event("0x51a01cc24e83027faa010ec7421b1a3bf4b9314411fe326e6e3d3dabb32ac480", "DistributionPartitionSet(uint256,bytes32)", {"id": indexed(p.uint256), "partition": indexed(p.bytes32)}),
    FundingRefunded: event("0xa54b589830bce67f245b27c02e686dd483c5d8957638b9fc976ce8c269892803", "FundingRefunded(uint256,address,uint256)", {"id": indexed(p.uint256), "funder": indexed(p.address), "amount": p.uint256}),
    ManualPaymentMemo: event("0x92a3e02ce3073be3762f93be82703cfd0b92b53193289ee86e03be5179f9264b", "ManualPaymentMemo(uint256,address,string)", {"id": indexed(p.uint256), "holder": indexed(p.address), "memo": p.string}),
    PaymentMade: event("0x8db2bde52074dbed4988e1f035683a9a53d93a5eafe7445ee13d6b9b1e4f12ca", "PaymentMade(uint256,address,uint256,address,bool)", {"id": indexed(p.uint256), "holder": indexed(p.address), "amount": p.uint256, "actor": indexed(p.address), "manual": p.bool}),
    UnclaimedReclaimed: event("0x078a9cd4cc9ffae01591fc1bae0e6989a1cd25e88270f343a8b4abdff1019b25", "UnclaimedReclaimed(uint256,address,uint256,address)", {"id": indexed(p.uint256), "to": indexed(p.address), "amount": p.uint256, "actor": indexed(p.address)}),
}

export const functions = {
    MAX_FUNDERS: viewFun("0x7a5bb277", "MAX_FUNDERS()", {}, p.uint256),
    agentPay: fun("0x55437204", "agentPay(uint256,address,uint256,string)", {"id": p.uint256, "holder": p.address, "amount": p.uint256, "memo": p.string}, ),
    available: viewFun("0x96e494e8", "available(uint256)", {"id": p.uint256}, p.uint256),
    cancel: fun("0x40e58ee5", "cancel(uint256)", {"id": p.uint256}, ),
    claim: fun("0xae0b51df", "claim(uint256,uint256,bytes32[])", {"id": p.uint256, "amount": p.uint256, "proof": p.array(p.bytes32)}, ),
    createDistribution: fun("0x33d5fc0e", "createDistribution((uint8,address,address,uint256,uint64,bytes32,uint64,uint64,uint8,bool,uint8,string))", {"p": p.struct({"kind": p.uint8, "token": p.address, "paymentToken": p.address, "totalAmount": p.uint256, "recordBlock": p.uint64, "merkleRoot": p.bytes32, "claimStart": p.uint64, "claimExpiry": p.uint64, "basis": p.uint8, "includeFrozen": p.bool, "rounding": p.uint8, "policyURI": p.string})}, p.uint256),
    createPartitionDistribution: fun("0xe7ac4917", "createPartitionDistribution((uint8,address,address,uint256,uint64,bytes32,uint64,uint64,uint8,bool,uint8,string),bytes32)", {"p": p.struct({"kind": p.uint8, "token": p.address, "paymentToken": p.address, "totalAmount": p.uint256, "recordBlock": p.uint64, "merkleRoot": p.bytes32, "claimStart": p.uint64, "claimExpiry": p.uint64, "basis": p.uint8, "includeFrozen": p.bool, "rounding": p.uint8, "policyURI": p.string}), "partition": p.bytes32}, p.uint256),
    distributionCount: viewFun("0xc65c3d95", "distributionCount()", {}, p.uint256),
    fund: fun("0xa65e2cfd", "fund(uint256,uint256)", {"id": p.uint256, "amount": p.uint256}, ),
    fundedBy: viewFun("0xbb1e3459", "fundedBy(uint256,address)", {"id": p.uint256, "funder": p.address}, p.uint256),
    fundersOf: viewFun("0x519984fc", "fundersOf(uint256)", {"id": p.uint256}, p.array(p.address)),
    getDistribution: viewFun("0x3b345a87", "getDistribution(uint256)", {"id": p.uint256}, p.struct({"token": p.address, "kind": p.uint8, "basis": p.uint8, "rounding": p.uint8, "includeFrozen": p.bool, "cancelled": p.bool, "paymentToken": p.address, "recordBlock": p.uint64, "claimStart": p.uint64, "claimExpiry": p.uint64, "creator": p.address, "merkleRoot": p.bytes32, "totalAmount": p.uint256, "funded": p.uint256, "paid": p.uint256, "reclaimed": p.uint256, "policyURI": p.string})),
    hasClaimed: viewFun("0x873f6f9e", "hasClaimed(uint256,address)", {"id": p.uint256, "holder": p.address}, p.bool),
    isAuthorized: viewFun("0x65e4ad9e", "isAuthorized(address,address)", {"token": p.address, "account": p.address}, p.bool),
    leaf: viewFun("0xd83b2bf8", "leaf(address,uint256)", {"holder": p.address, "amount": p.uint256}, p.bytes32),
    paidTo: viewFun("0x39dcdb68", "paidTo(uint256,address)", {"id": p.uint256, "holder": p.address}, p.uint256),
    partitionOf: viewFun("0xd75f9771", "partitionOf(uint256)", {"id": p.uint256}, p.bytes32),
    pushPayments: fun("0xe09de1e0", "pushPayments(uint256,address[],uint256[],bytes32[][])", {"id": p.uint256, "holders": p.array(p.address), "amounts": p.array(p.uint256), "proofs": p.array(p.array(p.bytes32))}, ),
    reclaim: fun("0x28ed4f6c", "reclaim(uint256,address)", {"id": p.uint256, "to": p.address}, p.uint256),
    verifyEntitlement: viewFun("0xc55c5322", "verifyEntitlement(uint256,address,uint256,bytes32[])", {"id": p.uint256, "holder": p.address, "amount": p.uint256, "proof": p.array(p.bytes32)}, p.bool),
}

export class Contract extends ContractBase {

    MAX_FUNDERS() {
        return this.eth_call(functions.MAX_FUNDERS, {})
    }

    available(id: AvailableParams["id"]) {
        return this.eth_call(functions.available, {id})
    }

    distributionCount() {
        return this.eth_call(functions.distributionCount, {})
    }

    fundedBy(id: FundedByParams["id"], funder: FundedByParams["funder"]) {
        return this.eth_call(functions.fundedBy, {id, funder})
    }

    fundersOf(id: FundersOfParams["id"]) {
        return this.eth_call(functions.fundersOf, {id})
    }

    getDistribution(id: GetDistributionParams["id"]) {
        return this.eth_call(functions.getDistribution, {id})
    }

    hasClaimed(id: HasClaimedParams["id"], holder: HasClaimedParams["holder"]) {
        return this.eth_call(functions.hasClaimed, {id, holder})
    }

    isAuthorized(token: IsAuthorizedParams["token"], account: IsAuthorizedParams["account"]) {
        return this.eth_call(functions.isAuthorized, {token, account})
    }

    leaf(holder: LeafParams["holder"], amount: LeafParams["amount"]) {
        return this.eth_call(functions.leaf, {holder, amount})
    }

    paidTo(id: PaidToParams["id"], holder: PaidToParams["holder"]) {
        return this.eth_call(functions.paidTo, {id, holder})
    }

    partitionOf(id: PartitionOfParams["id"]) {
        return this.eth_call(functions.partitionOf, {id})
    }

    verifyEntitlement(id: VerifyEntitlementParams["id"], holder: VerifyEntitlementParams["holder"], amount: VerifyEntitlementParams["amount"], proof: VerifyEntitlementParams["proof"]) {
        return this.eth_call(functions.verifyEntitlement, {id, holder, amount, proof})
    }
}

/// Event types
export type DistributionCancelledEventArgs = EParams<typeof events.DistributionCancelled>
export type DistributionCreatedEventArgs = EParams<typeof events.DistributionCreated>
export type DistributionFundedEventArgs = EParams<typeof events.DistributionFunded>
export type DistributionPartitionSetEventArgs = EParams<typeof events.DistributionPartitionSet>
export type FundingRefundedEventArgs = EParams<typeof events.FundingRefunded>
export type ManualPaymentMemoEventArgs = EParams<typeof events.ManualPaymentMemo>
export type PaymentMadeEventArgs = EParams<typeof events.PaymentMade>
export type UnclaimedReclaimedEventArgs = EParams<typeof events.UnclaimedReclaimed>

/// Function types
export type MAX_FUNDERSParams = FunctionArguments<typeof functions.MAX_FUNDERS>
export type MAX_FUNDERSReturn = FunctionReturn<typeof functions.MAX_FUNDERS>

export type AgentPayParams = FunctionArguments<typeof functions.agentPay>
export type AgentPayReturn = FunctionReturn<typeof functions.agentPay>

export type AvailableParams = FunctionArguments<typeof functions.available>
export type AvailableReturn = FunctionReturn<typeof functions.available>

export type CancelParams = FunctionArguments<typeof functions.cancel>
export type CancelReturn = FunctionReturn<typeof functions.cancel>

export type ClaimParams = FunctionArguments<typeof functions.claim>
export type ClaimReturn = FunctionReturn<typeof functions.claim>

export type CreateDistributionParams = FunctionArguments<typeof functions.createDistribution>
export type CreateDistributionReturn = FunctionReturn<typeof functions.createDistribution>

export type CreatePartitionDistributionParams = FunctionArguments<typeof functions.createPartitionDistribution>
export type CreatePartitionDistributionReturn = FunctionReturn<typeof functions.createPartitionDistribution>

export type DistributionCountParams = FunctionArguments<typeof functions.distributionCount>
export type DistributionCountReturn = FunctionReturn<typeof functions.distributionCount>

export type FundParams = FunctionArguments<typeof functions.fund>
export type FundReturn = FunctionReturn<typeof functions.fund>

export type FundedByParams = FunctionArguments<typeof functions.fundedBy>
export type FundedByReturn = FunctionReturn<typeof functions.fundedBy>

export type FundersOfParams = FunctionArguments<typeof functions.fundersOf>
export type FundersOfReturn = FunctionReturn<typeof functions.fundersOf>

export type GetDistributionParams = FunctionArguments<typeof functions.getDistribution>
export type GetDistributionReturn = FunctionReturn<typeof functions.getDistribution>

export type HasClaimedParams = FunctionArguments<typeof functions.hasClaimed>
export type HasClaimedReturn = FunctionReturn<typeof functions.hasClaimed>

export type IsAuthorizedParams = FunctionArguments<typeof functions.isAuthorized>
export type IsAuthorizedReturn = FunctionReturn<typeof functions.isAuthorized>

export type LeafParams = FunctionArguments<typeof functions.leaf>
export type LeafReturn = FunctionReturn<typeof functions.leaf>

export type PaidToParams = FunctionArguments<typeof functions.paidTo>
export type PaidToReturn = FunctionReturn<typeof functions.paidTo>

export type PartitionOfParams = FunctionArguments<typeof functions.partitionOf>
export type PartitionOfReturn = FunctionReturn<typeof functions.partitionOf>

export type PushPaymentsParams = FunctionArguments<typeof functions.pushPayments>
export type PushPaymentsReturn = FunctionReturn<typeof functions.pushPayments>

export type ReclaimParams = FunctionArguments<typeof functions.reclaim>
export type ReclaimReturn = FunctionReturn<typeof functions.reclaim>

export type VerifyEntitlementParams = FunctionArguments<typeof functions.verifyEntitlement>
export type VerifyEntitlementReturn = FunctionReturn<typeof functions.verifyEntitlement>

