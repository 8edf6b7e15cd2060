import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Deployed: event("0xf40fcec21964ffb566044d083b4073f29f7f7929110ea19e1b3ebe375d89055e", "Deployed(address)", {"_addr": indexed(p.address)}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    TokenFactoryAdded: event("0x45eb8ac5344d2d3f306550fe6e969ca4190526313c512afed851d052bf2ab2fd", "TokenFactoryAdded(address)", {"factory": indexed(p.address)}),
    TokenFactoryRemoved: event("0xd1fd5274f793d20291c0abfe42e1ef63213a11b34996d485f7afb8fe01424851", "TokenFactoryRemoved(address)", {"factory": indexed(p.address)}),
    TokenLinked: event("0xa8261d398ddc63db24cc53cd0c63c9464cabad1bc478ede2107b32c1c4010b7a", "TokenLinked(address,address)", {"token": indexed(p.address), "identity": indexed(p.address)}),
    WalletLinked: event("0x8e0c709111388f5480579514d86663489ab1f206fe6da1a0c4d03ac8c318b3c6", "WalletLinked(address,address)", {"wallet": indexed(p.address), "identity": indexed(p.address)}),
    WalletUnlinked: event("0x35e6fc363a4bf723d53b26c1a751674aca9c3ead425f0591f84f5540ede86f12", "WalletUnlinked(address,address)", {"wallet": indexed(p.address), "identity": indexed(p.address)}),
}

export const functions = {
    addTokenFactory: fun("0x9ce19365", "addTokenFactory(address)", {"_factory": p.address}, ),
    createIdentity: fun("0x8e952bfe", "createIdentity(address,string)", {"_wallet": p.address, "_salt": p.string}, p.address),
    createIdentityWithManagementKeys: fun("0xfe5cd59a", "createIdentityWithManagementKeys(address,string,bytes32[])", {"_wallet": p.address, "_salt": p.string, "_managementKeys": p.array(p.bytes32)}, p.address),
    createTokenIdentity: fun("0x3d56ff66", "createTokenIdentity(address,address,string)", {"_token": p.address, "_tokenOwner": p.address, "_salt": p.string}, p.address),
    getIdentity: viewFun("0x2fea7b81", "getIdentity(address)", {"_wallet": p.address}, p.address),
    getToken: viewFun("0x59770438", "getToken(address)", {"_identity": p.address}, p.address),
    getWallets: viewFun("0x422c29a4", "getWallets(address)", {"_identity": p.address}, p.array(p.address)),
    implementationAuthority: viewFun("0x2307f882", "implementationAuthority()", {}, p.address),
    isSaltTaken: viewFun("0x3a500451", "isSaltTaken(string)", {"_salt": p.string}, p.bool),
    isTokenFactory: viewFun("0x3e3bc3d7", "isTokenFactory(address)", {"_factory": p.address}, p.bool),
    linkWallet: fun("0xb8bb8126", "linkWallet(address)", {"_newWallet": p.address}, ),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
    removeTokenFactory: fun("0x937529ef", "removeTokenFactory(address)", {"_factory": p.address}, ),
    renounceOwnership: fun("0x715018a6", "renounceOwnership()", {}, ),
    transferOwnership: fun("0xf2fde38b", "transferOwnership(address)", {"newOwner": p.address}, ),
    unlinkWallet: fun("0x5027dbe2", "unlinkWallet(address)", {"_oldWallet": p.address}, ),
}

export class Contract extends ContractBase {

    getIdentity(_wallet: GetIdentityParams["_wallet"]) {
        return this.eth_call(functions.getIdentity, {_wallet})
    }

    getToken(_identity: GetTokenParams["_identity"]) {
        return this.eth_call(functions.getToken, {_identity})
    }

    getWallets(_identity: GetWalletsParams["_identity"]) {
        return this.eth_call(functions.getWallets, {_identity})
    }

    implementationAuthority() {
        return this.eth_call(functions.implementationAuthority, {})
    }

    isSaltTaken(_salt: IsSaltTakenParams["_salt"]) {
        return this.eth_call(functions.isSaltTaken, {_salt})
    }

    isTokenFactory(_factory: IsTokenFactoryParams["_factory"]) {
        return this.eth_call(functions.isTokenFactory, {_factory})
    }

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Event types
export type DeployedEventArgs = EParams<typeof events.Deployed>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type TokenFactoryAddedEventArgs = EParams<typeof events.TokenFactoryAdded>
export type TokenFactoryRemovedEventArgs = EParams<typeof events.TokenFactoryRemoved>
export type TokenLinkedEventArgs = EParams<typeof events.TokenLinked>
export type WalletLinkedEventArgs = EParams<typeof events.WalletLinked>
export type WalletUnlinkedEventArgs = EParams<typeof events.WalletUnlinked>

/// Function types
export type AddTokenFactoryParams = FunctionArguments<typeof functions.addTokenFactory>
export type AddTokenFactoryReturn = FunctionReturn<typeof functions.addTokenFactory>

export type CreateIdentityParams = FunctionArguments<typeof functions.createIdentity>
export type CreateIdentityReturn = FunctionReturn<typeof functions.createIdentity>

export type CreateIdentityWithManagementKeysParams = FunctionArguments<typeof functions.createIdentityWithManagementKeys>
export type CreateIdentityWithManagementKeysReturn = FunctionReturn<typeof functions.createIdentityWithManagementKeys>

export type CreateTokenIdentityParams = FunctionArguments<typeof functions.createTokenIdentity>
export type CreateTokenIdentityReturn = FunctionReturn<typeof functions.createTokenIdentity>

export type GetIdentityParams = FunctionArguments<typeof functions.getIdentity>
export type GetIdentityReturn = FunctionReturn<typeof functions.getIdentity>

export type GetTokenParams = FunctionArguments<typeof functions.getToken>
export type GetTokenReturn = FunctionReturn<typeof functions.getToken>

export type GetWalletsParams = FunctionArguments<typeof functions.getWallets>
export type GetWalletsReturn = FunctionReturn<typeof functions.getWallets>

export type ImplementationAuthorityParams = FunctionArguments<typeof functions.implementationAuthority>
export type ImplementationAuthorityReturn = FunctionReturn<typeof functions.implementationAuthority>

export type IsSaltTakenParams = FunctionArguments<typeof functions.isSaltTaken>
export type IsSaltTakenReturn = FunctionReturn<typeof functions.isSaltTaken>

export type IsTokenFactoryParams = FunctionArguments<typeof functions.isTokenFactory>
export type IsTokenFactoryReturn = FunctionReturn<typeof functions.isTokenFactory>

export type LinkWalletParams = FunctionArguments<typeof functions.linkWallet>
export type LinkWalletReturn = FunctionReturn<typeof functions.linkWallet>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

export type RemoveTokenFactoryParams = FunctionArguments<typeof functions.removeTokenFactory>
export type RemoveTokenFactoryReturn = FunctionReturn<typeof functions.removeTokenFactory>

export type RenounceOwnershipParams = FunctionArguments<typeof functions.renounceOwnership>
export type RenounceOwnershipReturn = FunctionReturn<typeof functions.renounceOwnership>

export type TransferOwnershipParams = FunctionArguments<typeof functions.transferOwnership>
export type TransferOwnershipReturn = FunctionReturn<typeof functions.transferOwnership>

export type UnlinkWalletParams = FunctionArguments<typeof functions.unlinkWallet>
export type UnlinkWalletReturn = FunctionReturn<typeof functions.unlinkWallet>

