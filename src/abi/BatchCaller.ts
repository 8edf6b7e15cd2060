import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const functions = {
    execute: fun("0xc8d18a45", "execute(address[],bytes[])", {"targets": p.array(p.address), "data": p.array(p.bytes)}, ),
    owner: viewFun("0x8da5cb5b", "owner()", {}, p.address),
}

export class Contract extends ContractBase {

    owner() {
        return this.eth_call(functions.owner, {})
    }
}

/// Function types
export type ExecuteParams = FunctionArguments<typeof functions.execute>
export type ExecuteReturn = FunctionReturn<typeof functions.execute>

export type OwnerParams = FunctionArguments<typeof functions.owner>
export type OwnerReturn = FunctionReturn<typeof functions.owner>

