import {Contract, isCallException, NonceManager} from 'ethers'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {mulberry32} from '../../src/dev/random'
import {ACCOUNT, connect, devSigner, waitMined} from '../../src/dev/rpc'

// Seeded enforcement by the tokens' agent, one transaction (one block) each: what runRandomTransfers
// leaves out. An action that would revert (a frozen sender, a max balance) is skipped, so replays agree.

type Action = {contract: Contract; method: string; args: unknown[]}

/** A share of `amount` in [1, amount], or nothing when there is nothing to take a share of. */
function share(rand: () => number, amount: bigint): bigint | undefined {
    if (amount <= 0n) return undefined
    return 1n + BigInt(Math.floor(rand() * 1_000_000)) * (amount - 1n) / 1_000_000n
}

/** Sends up to `count` seeded agent actions; returns how many were mined. */
export async function runAgentActions(rpcUrl: string, d: Deployment, count: number, seed: number): Promise<number> {
    const rand = mulberry32(seed)
    const provider = await connect(rpcUrl, d.chainId)
    const agent = devSigner(ACCOUNT.agent, provider)
    const countries = [...new Set(d.investors.map(i => i.country))]
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
    let mined = 0
    for (let i = 0; i < count; i++) {
        const spec = pick(d.tokens)
        const token = contractAt('Token', spec.address, agent)
        const wallet = pick(d.investors).wallet
        const action = await planAction(rand, token, spec.identityRegistry, agent, wallet, pick(d.investors).wallet, pick(countries))
        if (action == null) continue
        const fn = action.contract.getFunction(action.method)
        try {
            await fn.staticCall(...action.args)
        } catch (e) {
            if (isCallException(e)) continue
            throw e
        }
        await waitMined(await fn.send(...action.args), `agent ${action.method}`)
        mined++
    }
    return mined
}

async function planAction(rand: () => number, token: Contract, identityRegistry: string, agent: NonceManager, wallet: string, other: string, country: number): Promise<Action | undefined> {
    const view = (method: string, ...args: unknown[]): Promise<bigint> => token.getFunction(method).staticCall(...args)
    const roll = rand()
    if (roll < 0.3) return {contract: token, method: 'setAddressFrozen', args: [wallet, !await token.getFunction('isFrozen').staticCall(wallet)]}
    if (roll < 0.45) return {contract: contractAt('IdentityRegistry', identityRegistry, agent), method: 'updateCountry', args: [wallet, country]}
    const balance = await view('balanceOf', wallet)
    const frozen = await view('getFrozenTokens', wallet)
    const on = (method: string, amount: bigint | undefined, ...to: string[]): Action | undefined =>
        amount == null ? undefined : {contract: token, method, args: [wallet, ...to, amount]}
    if (roll < 0.65) return on('freezePartialTokens', share(rand, balance - frozen))
    if (roll < 0.8) return on('unfreezePartialTokens', share(rand, frozen))
    return other === wallet ? undefined : on('forcedTransfer', share(rand, balance), other)
}
