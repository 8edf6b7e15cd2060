import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ImplementationAuthoritySet: event("0x3b1074392ed8e8424715d0dda2197eede67080b377fc8370e26f3e882207f6b8", "ImplementationAuthoritySet(address)", {"_implementationAuthority": indexed(p.address)}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
}

export const functions = {
    getImplementationAuthority: viewFun("0x2d5f1187", "getImplementationAuthority()", {}, p.address),
    setImplementationAuthority: fun("0x92dd9d65", "setImplementationAuthority(address)", {"_newImplementationAuthority": p.address}, ),
}

export class Contract extends ContractBase {

    getImplementationAuthority() {
        return this.eth_call(functions.getImplementationAuthority, {})
    }
}

/// Event types
export type ImplementationAuthoritySetEventArgs = EParams<typeof events.ImplementationAuthoritySet>
export type InitializedEventArgs = EParams<typeof events.Initialized>

/// Function types
export type GetImplementationAuthorityParams = FunctionArguments<typeof functions.getImplementationAuthority>
export type GetImplementationAuthorityReturn = FunctionReturn<typeof functions.getImplementationAuthority>

export type SetImplementationAuthorityParams = FunctionArguments<typeof functions.setImplementationAuthority>
export type SetImplementationAuthorityReturn = FunctionReturn<typeof functions.setImplementationAuthority>

