import {
    Contract,
    HDNodeWallet,
    Interface,
    JsonRpcError,
    JsonRpcProvider,
    JsonRpcResult,
    NonceManager,
    parseUnits,
} from 'ethers'
import { contractAt, contractInterface } from './artifacts'
import { Deployment, ECDSA_KEY_TYPE, identityKey, MANAGEMENT_PURPOSE, TokenDeployment } from './deploy'
import { ACCOUNT, connect, devSigner, devWallet, revertReason, sendChecked } from './rpc'
import {mulberry32} from './random'

type Investor = Deployment['investors'][number]

function at<T>(items: T[], i: number, what: string): T {
    const item = items[i]
    if (item === undefined) throw new Error(`deployment has no ${what} #${i}`)
    return item
}

/**
 * The fixed demo story on the two tokens of deployDemo (tokens[0] equity with 0 decimals and a
 * max balance of 2000, tokens[1] bond with 6 decimals). Amounts respect those limits.
 */
export async function runDemoScenario(rpcUrl: string, d: Deployment): Promise<void> {
    const provider = await connect(rpcUrl, d.chainId)
    const agent = devSigner(ACCOUNT.agent, provider)
    const owner = devSigner(ACCOUNT.deployer, provider)
    const equity = at(d.tokens, 0, 'token')
    const bond = at(d.tokens, 1, 'token')
    const hot = contractAt('Token', equity.address, agent)
    const riv = contractAt('Token', bond.address, agent)
    const inv = (i: number): Investor => at(d.investors, i, 'investor')
    const signers = d.investors.map(i => devSigner(i.privateKeyIndex, provider))
    const asInvestor = (token: Contract, i: number) => token.connect(at(signers, i, 'investor signer')) as Contract
    const h = (amount: string) => parseUnits(amount, equity.decimals)
    const r = (amount: string) => parseUnits(amount, bond.decimals)
    const wallets = (...positions: number[]) => positions.map(i => inv(i).wallet)

    // Issuance: batch and single mints on both tokens.
    await sendChecked('HOT batch mint', hot, 'batchMint',
        [wallets(0, 1, 2, 3, 4, 5), ['1000', '800', '600', '500', '400', '300'].map(h)])
    await sendChecked('HOT mint to investor 6', hot, 'mint', [inv(6).wallet, h('250')])
    await sendChecked('HOT mint to investor 7', hot, 'mint', [inv(7).wallet, h('150')])
    await sendChecked('RIV30 batch mint', riv, 'batchMint',
        [wallets(0, 1, 2, 3), ['50000', '25000', '10000', '5000'].map(r)])
    await sendChecked('RIV30 mint to investor 4', riv, 'mint', [inv(4).wallet, r('1000')])
    await sendChecked('RIV30 mint to investor 8', riv, 'mint', [inv(8).wallet, r('20000')])
    await sendChecked('RIV30 mint to investor 9', riv, 'mint', [inv(9).wallet, r('7500')])

    // Secondary market: transfers signed by the investors themselves.
    await sendChecked('HOT transfer 0 -> 1', asInvestor(hot, 0), 'transfer', [inv(1).wallet, h('100')])
    await sendChecked('HOT transfer 2 -> 6', asInvestor(hot, 2), 'transfer', [inv(6).wallet, h('50')])
    await sendChecked('RIV30 transfer 0 -> 4', asInvestor(riv, 0), 'transfer', [inv(4).wallet, r('1000')])
    await sendChecked('RIV30 transfer 8 -> 2', asInvestor(riv, 8), 'transfer', [inv(2).wallet, r('2500.5')])

    // Enforcement.
    await sendChecked('HOT freeze wallet 3', hot, 'setAddressFrozen', [inv(3).wallet, true])
    await sendChecked('HOT unfreeze wallet 3', hot, 'setAddressFrozen', [inv(3).wallet, false])
    await sendChecked('HOT freeze part of wallet 1', hot, 'freezePartialTokens', [inv(1).wallet, h('300')])
    await sendChecked('HOT unfreeze part of wallet 1', hot, 'unfreezePartialTokens', [inv(1).wallet, h('100')])
    await sendChecked('RIV30 forced transfer 9 -> 5', riv, 'forcedTransfer', [inv(9).wallet, inv(5).wallet, r('2000')])
    await sendChecked('HOT burn from investor 7', hot, 'burn', [inv(7).wallet, h('50')])

    await recoverWallet(provider, [hot, riv], inv(4), at(signers, 4, 'investor signer'))

    await sendChecked('RIV30 pause', riv, 'pause', [])
    await sendChecked('RIV30 unpause', riv, 'unpause', [])

    // Token-information updates are owner-only (not agent).
    const hotAsOwner = hot.connect(owner) as Contract
    await sendChecked('HOT rename', hotAsOwner, 'setName', [`${equity.name} Class A`])
    await sendChecked('HOT new symbol', hotAsOwner, 'setSymbol', [`${equity.symbol}A`])
}

/**
 * The investor "loses" its wallet: it first adds the replacement wallet as a management key of
 * its ONCHAINID (recoveryAddress checks that), then the agent moves the holdings on every token.
 */
async function recoverWallet(
    provider: JsonRpcProvider,
    tokens: Contract[],
    lost: Investor,
    lostSigner: NonceManager,
): Promise<void> {
    const replacement = devWallet(ACCOUNT.recoveryWallet, provider).address
    const identity = contractAt('Identity', lost.identity, lostSigner)
    await sendChecked('add recovery wallet as management key', identity, 'addKey',
        [identityKey(replacement), MANAGEMENT_PURPOSE, ECDSA_KEY_TYPE])
    for (const token of tokens) {
        await sendChecked(`recover wallet on ${await token.getAddress()}`, token, 'recoveryAddress',
            [lost.wallet, replacement, lost.identity])
    }
}

interface PlannedTx {
    from: HDNodeWallet
    to: string
    data: string
}

/** Up to `maxWhole` whole tokens plus a random fraction, never zero (zero amounts revert). */
function randomAmount(rand: () => number, maxWhole: number, decimals: number): bigint {
    const scale = 10n ** BigInt(decimals)
    const whole = BigInt(1 + Math.floor(rand() * maxWhole)) * scale
    return whole + BigInt(Math.floor(rand() * Number(scale))) % scale
}

function pick<T>(rand: () => number, items: T[]): T {
    return at(items, Math.floor(rand() * items.length), 'item')
}

function planRandomTx(
    rand: () => number,
    tokens: TokenDeployment[],
    investors: HDNodeWallet[],
    agent: HDNodeWallet,
    tokenInterface: Interface,
): PlannedTx {
    const token = pick(rand, tokens)
    const roll = rand()
    const holder = pick(rand, investors)
    if (roll < 0.2) {
        const data = tokenInterface.encodeFunctionData('mint', [holder.address, randomAmount(rand, 200, token.decimals)])
        return {from: agent, to: token.address, data}
    }
    if (roll < 0.3) {
        const data = tokenInterface.encodeFunctionData('burn', [holder.address, randomAmount(rand, 20, token.decimals)])
        return {from: agent, to: token.address, data}
    }
    const others = investors.filter(w => w !== holder)
    const recipient = pick(rand, others)
    const data = tokenInterface.encodeFunctionData('transfer', [recipient.address, randomAmount(rand, 50, token.decimals)])
    return {from: holder, to: token.address, data}
}

/**
 * An eth_call on the pending block replays every transaction already in the pool, so the
 * pre-checks cost grows quadratically with the block size (2000 attempts: 25/block 7 s,
 * 50/block 12 s). The gas limit covers the costliest mint/transfer (measured 348k) with margin,
 * and TXS_PER_BLOCK * TX_GAS_LIMIT stays well under anvil's 30M block gas limit.
 */
const TXS_PER_BLOCK = 25
const TX_GAS_LIMIT = 500_000n
const PRIORITY_FEE = 1_000_000_000n

/**
 * One JSON-RPC request straight to the transport: provider.send() waits a setTimeout(0) drain
 * tick (~1 ms) per request, which dominated this sequential loop.
 */
async function rawRpc(provider: JsonRpcProvider, method: string, params: unknown[]): Promise<JsonRpcResult | JsonRpcError> {
    const [response] = await provider._send({jsonrpc: '2.0', id: 1, method, params})
    if (response === undefined) throw new Error(`no response to ${method}`)
    return response
}

/** True when the transaction would succeed on top of the not-yet-mined ones. */
async function succeedsOnPending(provider: JsonRpcProvider, tx: PlannedTx): Promise<boolean> {
    const call = {from: tx.from.address, to: tx.to, data: tx.data}
    return 'result' in await rawRpc(provider, 'eth_call', [call, 'pending'])
}

export async function sendRaw(provider: JsonRpcProvider, raw: string): Promise<void> {
    const response = await rawRpc(provider, 'eth_sendRawTransaction', [raw])
    if ('error' in response) throw new Error(`eth_sendRawTransaction: ${response.error.message}`)
}

/** Mines until the pool is empty and checks that nothing in the mined blocks reverted. */
export async function minePending(provider: JsonRpcProvider): Promise<void> {
    for (;;) {
        await provider.send('evm_mine', [])
        const receipts: { status: string; transactionHash: string }[] =
            await provider.send('eth_getBlockReceipts', ['latest'])
        const failed = receipts.find(receipt => receipt.status !== '0x1')
        if (failed) throw new Error(`random transaction ${failed.transactionHash} reverted after its pre-check`)
        const pool: { pending: string } = await provider.send('txpool_status', [])
        if (Number(pool.pending) === 0) return
    }
}

/**
 * Sends `count` seeded random mints, burns and transfers over both tokens, skipping those the
 * pending-state pre-check says would revert, packed `perBlock` per block (fewer makes a longer chain
 * of the same transactions). Returns the number sent.
 */
export async function runRandomTransfers(rpcUrl: string, d: Deployment, count: number, seed: number, perBlock = TXS_PER_BLOCK): Promise<number> {
    const provider = await connect(rpcUrl, d.chainId)
    const rand = mulberry32(seed)
    const agent = devWallet(ACCOUNT.agent, provider)
    const investors = d.investors.map(i => devWallet(i.privateKeyIndex, provider))
    const tokenInterface = contractInterface('Token')
    const nonces = new Map<string, number>()
    for (const wallet of [agent, ...investors]) {
        nonces.set(wallet.address, await provider.getTransactionCount(wallet.address, 'pending'))
    }

    let sent = 0
    let inBlock = 0
    let maxFeePerGas = await currentMaxFee(provider)
    await provider.send('evm_setAutomine', [false])
    try {
        for (let i = 0; i < count; i++) {
            const tx = planRandomTx(rand, d.tokens, investors, agent, tokenInterface)
            if (!await succeedsOnPending(provider, tx)) continue
            const nonce = nonces.get(tx.from.address) ?? 0
            nonces.set(tx.from.address, nonce + 1)
            const raw = await tx.from.signTransaction({
                type: 2, chainId: d.chainId, nonce, to: tx.to, data: tx.data,
                gasLimit: TX_GAS_LIMIT, maxFeePerGas, maxPriorityFeePerGas: PRIORITY_FEE,
            })
            await sendRaw(provider, raw)
            sent++
            if (++inBlock === perBlock) {
                await minePending(provider)
                inBlock = 0
                maxFeePerGas = await currentMaxFee(provider)
            }
        }
        if (inBlock > 0) await minePending(provider)
    } catch (e) {
        throw new Error(`random transactions failed after ${sent} sent: ${revertReason(e)}`)
    } finally {
        await provider.send('evm_setAutomine', [true])
    }
    return sent
}

/** Twice the base fee leaves room for base-fee growth while the next block fills. */
async function currentMaxFee(provider: JsonRpcProvider): Promise<bigint> {
    const block = await provider.getBlock('latest')
    return (block?.baseFeePerGas ?? 0n) * 2n + PRIORITY_FEE
}
