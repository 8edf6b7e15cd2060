import {Contract, JsonRpcProvider} from 'ethers'
import {contractAt} from '../../src/dev/artifacts'
import {connect} from '../../src/dev/rpc'

/** Reads T-REX token views straight from the chain: the oracle our index is checked against. */
export async function tokenAt(rpcUrl: string, address: string): Promise<{token: Contract; provider: JsonRpcProvider}> {
    const provider = await connect(rpcUrl)
    return {token: contractAt('Token', address, provider), provider}
}
