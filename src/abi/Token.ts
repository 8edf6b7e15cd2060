import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AddressFrozen: event("0x7fa523c84ab8d7fc5b72f08b9e46dbbf10c39e119a075b3e317002d14bc9f436", "AddressFrozen(address,bool,address)", {"_userAddress": indexed(p.address), "_isFrozen": indexed(p.bool), "_owner": indexed(p.address)}),
    AgentAdded: event("0xf68e73cec97f2d70aa641fb26e87a4383686e2efacb648f2165aeb02ac562ec5", "AgentAdded(address)", {"_agent": indexed(p.address)}),
    AgentRemoved: event("0xed9c8ad8d5a0a66898ea49d2956929c93ae2e8bd50281b2ed897c5d1a6737e0b", "AgentRemoved(address)", {"_agent": indexed(p.address)}),
    Approval: event("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", "Approval(address,address,uint256)", {"owner": indexed(p.address), "spender": indexed(p.address), "value": p.uint256}),
    ComplianceAdded: event("0x7f3a888862559648ec01d97deb7b5012bff86dc91e654a1de397170db40e35b6", "ComplianceAdded(address)", {"_compliance": indexed(p.address)}),
    IdentityRegistryAdded: event("0xd2be862d755bca7e0d39772b2cab3a5578da9c285f69199f4c063c2294a7f36c", "IdentityRegistryAdded(address)", {"_identityRegistry": indexed(p.address)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    Paused: event("0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258", "Paused(address)", {"_userAddress": p.address}),
    RecoverySuccess: event("0xf0c9129a94f30f1caaceb63e44b9811d0a3edf1d6c23757f346093af5553fed0", "RecoverySuccess(address,address,address)", {"_lostWallet": indexed(p.address), "_newWallet": indexed(p.address), "_investorOnchainID": indexed(p.address)}),
    TokensFrozen: event("0xa065e63c631c86f1b9f66a4a2f63f2093bf1c2168d23290259dbd969e0222a45", "TokensFrozen(address,uint256)", {"_userAddress": indexed(p.address), "_amount": p.uint256}),
    TokensUnfrozen: event("0x9bed35cb62ad0dba04f9d5bfee4b5bc91443e77da8a65c4c84834c51bb08b0d6", "TokensUnfrozen(address,uint256)", {"_userAddress": indexed(p.address), "_amount": p.uint256}),
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "value": p.uint256}),
    Unpaused: event("0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa", "Unpaused(address)", {"_userAddress": p.address}),
    UpdatedTokenInformation: event("0x6a1105ac8148a3c319adbc369f9072573e8a11d3a3d195e067e7c40767ec54d1", "UpdatedTokenInformation(string,string,uint8,string,address)", {"_newName": indexed(p.string), "_newSymbol": indexed(p.string), "_newDecimals": p.uint8, "_newVersion": p.string, "_newOnchainID": indexed(p.address)}),
}

export const functions = {
    addAgent: fun("0x84e79842", "addAgent(address)", {"_agent": p.address}, ),
    allowance: viewFun("0xdd62ed3e", "allowance(address,address)", {"_owner": p.address, "_spender": p.address}, p.uint256),
    approve: fun("0x095ea7b3", "approve(address,uint256)", {"_spender": p.address, "_amount": p.uint256}, p.bool),
    balanceOf: viewFun("0x70a08231", "balanceOf(address)", {"_userAddress": p.address}, p.uint256),
    batchBurn: fun("0x4a6cc677", "batchBurn(address[],uint256[])", {"_userAddresses": p.array(p.address), "_amounts": p.array(p.uint256)}, ),
    batchForcedTransfer: fun("0x42a47abc", "batchForcedTransfer(address[],address[],uint256[])", {"_fromList": p.array(p.address), "_toList": p.array(p.address), "_amounts": p.array(p.uint256)}, ),
    batchFreezePartialTokens: fun("0xfc7e5fa8", "batchFreezePartialTokens(address[],uint256[])", {"_userAddresses": p.array(p.address), "_amounts": p.array(p.uint256)}, ),
    batchMint: fun("0x68573107", "batchMint(address[],uint256[])", {"_toList": p.array(p.address), "_amounts": p.array(p.uint256)}, ),
    batchSetAddressFrozen: fun("0x1a7af379", "batchSetAddressFrozen(address[],bool[])", {"_userAddresses": p.array(p.address), "_freeze": p.array(p.bool)}, ),
    batchTransfer: fun("0x88d695b2", "batchTransfer(address[],uint256[])", {"_toList": p.array(p.address), "_amounts": p.array(p.uint256)}, ),
    batchUnfreezePartialTokens: fun("0x4710362d", "batchUnfreezePartialTokens(address[],uint256[])", {"_userAddresses": p.array(p.address), "_amounts": p.array(p.uint256)}, ),
    burn: fun("0x9dc29fac", "burn(address,uint256)", {"_userAddress": p.address, "_amount": p.uint256}, ),
    compliance: viewFun("0x6290865d", "compliance()", {}, p.address),
    decimals: viewFun("0x313ce567", "decimals()", {}, p.uint8),
    decreaseAllowance: fun("0xa457c2d7", "decreaseAllowance(address,uint256)", {"_spender": p.address, "_subtractedValue": p.uint256}, p.bool),
    forcedTransfer: fun("0x9fc1d0e7", "forcedTransfer(address,address,uint256)", {"_from": p.address, "_to": p.address, "_amount": p.uint256}, p.bool),
    freezePartialTokens: fun("0x125c4a33", "freezePartialTokens(address,uint256)", {"_userAddress": p.address, "_amount": p.uint256}, ),
    getFrozenTokens: viewFun("0x158b1a57", "getFrozenTokens(address)", {"_userAddress": p.address}, p.uint256),
    identityRegistry: viewFun("0x134e18f4", "identityRegistry()", {}, p.address),
    increaseAllowance: fun("0x39509351", "increaseAllowance(address,uint256)", {"_spender": p.address, "_addedValue": p.uint256}, p.bool),
    init: fun("0xf91b619c", "init(address,address,string,string,uint8,address)", {"_identityRegistry": p.address, "_compliance": p.address, "_name": p.string, "_symbol": p.string, "_decimals": p.uint8, "_onchainID": p.address}, ),
    isAgent: viewFun("0x1ffbb064", "isAgent(address)", {"_agent": p.address}, p.bool),
    isFrozen: viewFun("0xe5839836", "isFrozen(address)", {"_userAddress": p.address}, p.bool),
    mint: fun("0x40c10f19", "mint(address,uint256)", {"_to": p.address, "_amount": p.uint256}, ),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    onchainID: viewFun("0xaba63705", "onchainID()", {}, p.address),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    pause: fun("0x8456cb59", "pause()", {}, ),
    paused: viewFun("0x5c975abb", "paused()", {}, p.bool),
    recoveryAddress: fun("0x9285948a", "recoveryAddress(address,address,address)", {"_lostWallet": p.address, "_newWallet": p.address, "_investorOnchainID": p.address}, p.bool),
    removeAgent: fun("0x97a6278e", "removeAgent(address)", {"_agent": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    setAddressFrozen: fun("0xc69c09cf", "setAddressFrozen(address,bool)", {"_userAddress": p.address, "_freeze": p.bool}, ),
    setCompliance: fun("0xf8981789", "setCompliance(address)", {"_compliance": p.address}, ),
    setIdentityRegistry: fun("0xcbf3f861", "setIdentityRegistry(address)", {"_identityRegistry": p.address}, ),
    setName: fun("0xc47f0027", "setName(string)", {"_name": p.string}, ),
    setOnchainID: fun("0x3d1ddc5b", "setOnchainID(address)", {"_onchainID": p.address}, ),
    setSymbol: fun("0xb84c8246", "setSymbol(string)", {"_symbol": p.string}, ),
    symbol: viewFun("0x95d89b41", "symbol()", {}, p.string),
    totalSupply: viewFun("0x18160ddd", "totalSupply()", {}, p.uint256),
    transfer: fun("0xa9059cbb", "transfer(address,uint256)", {"_to": p.address, "_amount": p.uint256}, p.bool),
    transferFrom: fun("0x23b872dd", "transferFrom(address,address,uint256)", {"_from": p.address, "_to": p.address, "_amount": p.uint256}, p.bool),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    unfreezePartialTokens: fun("0x1fe56f7d", "unfreezePartialTokens(address,uint256)", {"_userAddress": p.address, "_amount": p.uint256}, ),
    unpause: fun("0x3f4ba83a", "unpause()", {}, ),
    version: viewFun("0x54fd4d50", "version()", {}, p.string),
}

export class Contract extends ContractBase {

    allowance(_owner: AllowanceParams["_owner"], _spender: AllowanceParams["_spender"]) {
        return this.eth_call(functions.allowance, {_owner, _spender})
    }

    balanceOf(_userAddress: BalanceOfParams["_userAddress"]) {
        return this.eth_call(functions.balanceOf, {_userAddress})
    }

    compliance() {
        return this.eth_call(functions.compliance, {})
    }

    decimals() {
        return this.eth_call(functions.decimals, {})
    }

    getFrozenTokens(_userAddress: GetFrozenTokensParams["_userAddress"]) {
        return this.eth_call(functions.getFrozenTokens, {_userAddress})
    }

    identityRegistry() {
        return this.eth_call(functions.identityRegistry, {})
    }

    isAgent(_agent: IsAgentParams["_agent"]) {
        return this.eth_call(functions.isAgent, {_agent})
    }

    isFrozen(_userAddress: IsFrozenParams["_userAddress"]) {
        return this.eth_call(functions.isFrozen, {_userAddress})
    }

    name() {
        return this.eth_call(functions.name, {})
    }

    onchainID() {
        return this.eth_call(functions.onchainID, {})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }

    paused() {
        return this.eth_call(functions.paused, {})
    }

    symbol() {
        return this.eth_call(functions.symbol, {})
    }

    totalSupply() {
        return this.eth_call(functions.totalSupply, {})
    }

    version() {
        return this.eth_call(functions.version, {})
    }
}

/// Event types
export type AddressFrozenEventArgs = EParams<typeof events.AddressFrozen>
export type AgentAddedEventArgs = EParams<typeof events.AgentAdded>
export type AgentRemovedEventArgs = EParams<typeof events.AgentRemoved>
export type ApprovalEventArgs = EParams<typeof events.Approval>
export type ComplianceAddedEventArgs = EParams<typeof events.ComplianceAdded>
export type IdentityRegistryAddedEventArgs = EParams<typeof events.IdentityRegistryAdded>
export type InitializedEventArgs = EParams<typeof events.Initialized>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type PausedEventArgs = EParams<typeof events.Paused>
export type RecoverySuccessEventArgs = EParams<typeof events.RecoverySuccess>
export type TokensFrozenEventArgs = EParams<typeof events.TokensFrozen>
export type TokensUnfrozenEventArgs = EParams<typeof events.TokensUnfrozen>
export type TransferEventArgs = EParams<typeof events.Transfer>
export type UnpausedEventArgs = EParams<typeof events.Unpaused>
export type UpdatedTokenInformationEventArgs = EParams<typeof events.UpdatedTokenInformation>

/// Function types
export type AddAgentParams = FunctionArguments<typeof functions.addAgent>
export type AddAgentReturn = FunctionReturn<typeof functions.addAgent>

export type AllowanceParams = FunctionArguments<typeof functions.allowance>
export type AllowanceReturn = FunctionReturn<typeof functions.allowance>

export type ApproveParams = FunctionArguments<typeof functions.approve>
export type ApproveReturn = FunctionReturn<typeof functions.approve>

export type BalanceOfParams = FunctionArguments<typeof functions.balanceOf>
export type BalanceOfReturn = FunctionReturn<typeof functions.balanceOf>

export type BatchBurnParams = FunctionArguments<typeof functions.batchBurn>
export type BatchBurnReturn = FunctionReturn<typeof functions.batchBurn>

export type BatchForcedTransferParams = FunctionArguments<typeof functions.batchForcedTransfer>
export type BatchForcedTransferReturn = FunctionReturn<typeof functions.batchForcedTransfer>

export type BatchFreezePartialTokensParams = FunctionArguments<typeof functions.batchFreezePartialTokens>
export type BatchFreezePartialTokensReturn = FunctionReturn<typeof functions.batchFreezePartialTokens>

export type BatchMintParams = FunctionArguments<typeof functions.batchMint>
export type BatchMintReturn = FunctionReturn<typeof functions.batchMint>

export type BatchSetAddressFrozenParams = FunctionArguments<typeof functions.batchSetAddressFrozen>
export type BatchSetAddressFrozenReturn = FunctionReturn<typeof functions.batchSetAddressFrozen>

export type BatchTransferParams = FunctionArguments<typeof functions.batchTransfer>
export type BatchTransferReturn = FunctionReturn<typeof functions.batchTransfer>

export type BatchUnfreezePartialTokensParams = FunctionArguments<typeof functions.batchUnfreezePartialTokens>
export type BatchUnfreezePartialTokensReturn = FunctionReturn<typeof functions.batchUnfreezePartialTokens>

export type BurnParams = FunctionArguments<typeof functions.burn>
export type BurnReturn = FunctionReturn<typeof functions.burn>

export type ComplianceParams = FunctionArguments<typeof functions.compliance>
export type ComplianceReturn = FunctionReturn<typeof functions.compliance>

export type DecimalsParams = FunctionArguments<typeof functions.decimals>
export type DecimalsReturn = FunctionReturn<typeof functions.decimals>

export type DecreaseAllowanceParams = FunctionArguments<typeof functions.decreaseAllowance>
export type DecreaseAllowanceReturn = FunctionReturn<typeof functions.decreaseAllowance>

export type ForcedTransferParams = FunctionArguments<typeof functions.forcedTransfer>
export type ForcedTransferReturn = FunctionReturn<typeof functions.forcedTransfer>

export type FreezePartialTokensParams = FunctionArguments<typeof functions.freezePartialTokens>
export type FreezePartialTokensReturn = FunctionReturn<typeof functions.freezePartialTokens>

export type GetFrozenTokensParams = FunctionArguments<typeof functions.getFrozenTokens>
export type GetFrozenTokensReturn = FunctionReturn<typeof functions.getFrozenTokens>

export type IdentityRegistryParams = FunctionArguments<typeof functions.identityRegistry>
export type IdentityRegistryReturn = FunctionReturn<typeof functions.identityRegistry>

export type IncreaseAllowanceParams = FunctionArguments<typeof functions.increaseAllowance>
export type IncreaseAllowanceReturn = FunctionReturn<typeof functions.increaseAllowance>

export type InitParams = FunctionArguments<typeof functions.init>
export type InitReturn = FunctionReturn<typeof functions.init>

export type IsAgentParams = FunctionArguments<typeof functions.isAgent>
export type IsAgentReturn = FunctionReturn<typeof functions.isAgent>

export type IsFrozenParams = FunctionArguments<typeof functions.isFrozen>
export type IsFrozenReturn = FunctionReturn<typeof functions.isFrozen>

export type MintParams = FunctionArguments<typeof functions.mint>
export type MintReturn = FunctionReturn<typeof functions.mint>

export type NameParams = FunctionArguments<typeof functions.name>
export type NameReturn = FunctionReturn<typeof functions.name>

export type OnchainIDParams = FunctionArguments<typeof functions.onchainID>
export type OnchainIDReturn = FunctionReturn<typeof functions.onchainID>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type PauseParams = FunctionArguments<typeof functions.pause>
export type PauseReturn = FunctionReturn<typeof functions.pause>

export type PausedParams = FunctionArguments<typeof functions.paused>
export type PausedReturn = FunctionReturn<typeof functions.paused>

export type RecoveryAddressParams = FunctionArguments<typeof functions.recoveryAddress>
export type RecoveryAddressReturn = FunctionReturn<typeof functions.recoveryAddress>

export type RemoveAgentParams = FunctionArguments<typeof functions.removeAgent>
export type RemoveAgentReturn = FunctionReturn<typeof functions.removeAgent>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type SetAddressFrozenParams = FunctionArguments<typeof functions.setAddressFrozen>
export type SetAddressFrozenReturn = FunctionReturn<typeof functions.setAddressFrozen>

export type SetComplianceParams = FunctionArguments<typeof functions.setCompliance>
export type SetComplianceReturn = FunctionReturn<typeof functions.setCompliance>

export type SetIdentityRegistryParams = FunctionArguments<typeof functions.setIdentityRegistry>
export type SetIdentityRegistryReturn = FunctionReturn<typeof functions.setIdentityRegistry>

export type SetNameParams = FunctionArguments<typeof functions.setName>
export type SetNameReturn = FunctionReturn<typeof functions.setName>

export type SetOnchainIDParams = FunctionArguments<typeof functions.setOnchainID>
export type SetOnchainIDReturn = FunctionReturn<typeof functions.setOnchainID>

export type SetSymbolParams = FunctionArguments<typeof functions.setSymbol>
export type SetSymbolReturn = FunctionReturn<typeof functions.setSymbol>

export type SymbolParams = FunctionArguments<typeof functions.symbol>
export type SymbolReturn = FunctionReturn<typeof functions.symbol>

export type TotalSupplyParams = FunctionArguments<typeof functions.totalSupply>
export type TotalSupplyReturn = FunctionReturn<typeof functions.totalSupply>

export type TransferParams = FunctionArguments<typeof functions.transfer>
export type TransferReturn = FunctionReturn<typeof functions.transfer>

export type TransferFromParams = FunctionArguments<typeof functions.transferFrom>
export type TransferFromReturn = FunctionReturn<typeof functions.transferFrom>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UnfreezePartialTokensParams = FunctionArguments<typeof functions.unfreezePartialTokens>
export type UnfreezePartialTokensReturn = FunctionReturn<typeof functions.unfreezePartialTokens>

export type UnpauseParams = FunctionArguments<typeof functions.unpause>
export type UnpauseReturn = FunctionReturn<typeof functions.unpause>

export type VersionParams = FunctionArguments<typeof functions.version>
export type VersionReturn = FunctionReturn<typeof functions.version>

