import {ContractKind} from '../model/generated/_contractKind'
import {ReachingCall} from './callFrames'
import {RawLog} from './catalog'
import {Provenance} from './registry'

/** One decoded log of a watched contract, with where it comes from. */
export interface ChainEvent extends Provenance {
    contract: string
    kind: ContractKind
    name: string
    params: Record<string, unknown>
    /** the log as emitted: matched against a call trace's logs */
    raw: RawLog
    /**
     * The call(s) into the contract that may have emitted this log, from a call trace: set only for
     * events whose meaning depends on the call (see traces.ts) made through another contract. One
     * call, or several candidates when the trace could not tell which (Parity traces).
     */
    calls?: readonly ReachingCall[]
}

/** Typed access to decoded parameters: the ABI fixed their types, the name is checked here. */
export function param<T>(ev: ChainEvent, name: string): T {
    if (!(name in ev.params)) throw new Error(`${ev.name} of ${ev.contract} has no parameter ${name}`)
    return ev.params[name] as T
}

export const addr = (ev: ChainEvent, name: string): string => param<string>(ev, name).toLowerCase()
