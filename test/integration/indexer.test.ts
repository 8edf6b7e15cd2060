import {formatUnits} from 'ethers'
import {createClient} from 'graphql-ws'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import WebSocket from 'ws'
import {contractAt} from '../../src/dev/artifacts'
import {connect, devSigner, waitMined} from '../../src/dev/rpc'
import {Deployment} from '../../src/dev/deploy'
import {IndexerRun, startIndexer, waitForHead} from '../harness/testStack'
import {tokenAt} from './chain'
import {gql, gqlRaw} from './gql'

const rpcUrl = inject('rpcUrl')
const dbUrl = inject('dbUrl')
const d: Deployment = JSON.parse(inject('deployment'))
const lc = (a: string) => a.toLowerCase()
const equity = d.tokens[0]!
const bond = d.tokens[1]!
const investor = (i: number) => lc(d.investors[i]!.wallet)

interface TokenRow {
    id: string
    address: string
    name: string
    symbol: string
    decimals: number
    version: string
    totalSupply: string
    holderCount: number
    investorCount: number
    paused: boolean
    identityRegistry: string
    compliance: string
    onchainID: string
    factory: string
    transferCount: number
}

interface HoldingRow {
    wallet: string
    balance: string
    frozenAmount: string
    isFrozen: boolean
    token: {address: string}
}

describe('the indexer on the demo T-REX deployment', () => {
    let run: IndexerRun
    let tokens: Map<string, TokenRow>

    beforeAll(async () => {
        run = await startIndexer({
            DB_URL: dbUrl,
            RPC_ETH_HTTP: rpcUrl,
            TREX_FACTORIES: d.trexFactory,
            START_BLOCK: String(d.deployBlock),
            FINALITY_CONFIRMATION: '5',
        }, true)
        await waitForHead(rpcUrl, dbUrl)
        const res = await gql<{tokens: TokenRow[]}>(run.gqlUrl, `{ tokens(limit: 1000, orderBy: address_ASC) {
            id address name symbol decimals version totalSupply holderCount investorCount paused
            identityRegistry compliance onchainID factory transferCount } }`)
        tokens = new Map(res.tokens.map(t => [t.address, t]))
    })

    afterAll(async () => {
        await run?.stop()
    })

    describe('.tokens', () => {
        it('should discover both tokens from TREXSuiteDeployed with the chain id in their ids', () => {
            expect([...tokens.keys()].sort()).toEqual([lc(equity.address), lc(bond.address)].sort())
            expect(tokens.get(lc(bond.address))!.id).toBe(`${d.chainId}-${lc(bond.address)}`)
            expect(tokens.get(lc(bond.address))!.factory).toBe(lc(d.trexFactory))
        })

        it('should hold the exact supply and holder count built from transfers', () => {
            const hot = tokens.get(lc(equity.address))!
            const riv = tokens.get(lc(bond.address))!
            // HOT: minted 4,000, burned 50; RIV30: minted 118,500.000000, nothing burned.
            expect(hot.totalSupply).toBe('3950')
            expect(riv.totalSupply).toBe('118500000000')
            expect(hot.holderCount).toBe(8)
            expect(riv.holderCount).toBe(8)
            // The recovered wallet and its replacement are one investor; every holder is a distinct identity.
            expect(hot.investorCount).toBe(8)
            expect(riv.investorCount).toBe(8)
        })

        it('should read decimals, registry, compliance and ONCHAINID of the suite', () => {
            const hot = tokens.get(lc(equity.address))!
            const riv = tokens.get(lc(bond.address))!
            expect(hot.decimals).toBe(0)
            expect(riv.decimals).toBe(6)
            expect(riv.identityRegistry).toBe(lc(bond.identityRegistry))
            expect(riv.compliance).toBe(lc(bond.compliance))
            expect(riv.onchainID).toMatch(/^0x[0-9a-f]{40}$/)
            expect(riv.onchainID).not.toBe('0x0000000000000000000000000000000000000000')
            expect(hot.version).toBe('4.1.3')
        })
    })

    describe('when the owner updates the token information', () => {
        it('should read the new name and symbol that the event only carries as hashes', () => {
            const hot = tokens.get(lc(equity.address))!
            expect(hot.name).toBe('Harbour Office Tower Class A')
            expect(hot.symbol).toBe('HOTA')
            expect(tokens.get(lc(bond.address))!.symbol).toBe('RIV30')
        })
    })

    describe('when the token is paused and unpaused', () => {
        it('should end unpaused', () => {
            expect(tokens.get(lc(bond.address))!.paused).toBe(false)
        })
    })

    describe('.transfers', () => {
        it('should classify mints, burns, forced transfers and recoveries by the called function', async () => {
            const res = await gql<{transfers: {kind: string; token: {address: string}}[]}>(run.gqlUrl,
                `{ transfers(orderBy: id_ASC, limit: 1000) { kind token { address } } }`)
            const count = (token: string) => {
                const c: Record<string, number> = {}
                for (const t of res.transfers.filter(t => t.token.address === lc(token))) c[t.kind] = (c[t.kind] ?? 0) + 1
                return c
            }
            expect(count(equity.address)).toEqual({MINT: 8, TRANSFER: 2, BURN: 1, RECOVERY: 1})
            expect(count(bond.address)).toEqual({MINT: 7, TRANSFER: 2, FORCED: 1, RECOVERY: 1})
        })

        it('should carry provenance: the agent as actor of a forced transfer, block, time, tx hash', async () => {
            const res = await gql<{transfers: {from: string; to: string; amount: string; actor: string; blockNumber: number; timestamp: string; txHash: string; logIndex: number}[]}>(
                run.gqlUrl, `{ transfers(limit: 1000, where: {kind_eq: FORCED}) { from to amount actor blockNumber timestamp txHash logIndex } }`)
            expect(res.transfers).toHaveLength(1)
            const t = res.transfers[0]!
            expect(t).toMatchObject({from: investor(9), to: investor(5), amount: '2000000000', actor: lc(d.agent)})
            const {provider} = await tokenAt(rpcUrl, bond.address)
            const receipt = await provider.getTransactionReceipt(t.txHash)
            expect(receipt?.blockNumber).toBe(t.blockNumber)
            expect(receipt?.logs.some(l => l.index === t.logIndex)).toBe(true)
        })
    })

    describe('.holdings', () => {
        it('should keep the frozen part of a partially frozen wallet', async () => {
            const res = await gql<{holdings: HoldingRow[]}>(run.gqlUrl,
                `{ holdings(limit: 1000, where: {wallet_eq: "${investor(1)}", token: {address_eq: "${lc(equity.address)}"}}) { wallet balance frozenAmount isFrozen token { address } } }`)
            // Frozen 300, then 100 unfrozen.
            expect(res.holdings).toEqual([{wallet: investor(1), balance: '900', frozenAmount: '200', isFrozen: false, token: {address: lc(equity.address)}}])
        })

        it('should move a recovered wallet\'s balance to the new wallet', async () => {
            const res = await gql<{holdings: HoldingRow[]}>(run.gqlUrl,
                `{ holdings(limit: 1000, where: {wallet_eq: "${investor(4)}"}, orderBy: id_ASC) { wallet balance frozenAmount isFrozen token { address } } }`)
            expect(res.holdings.map(h => h.balance)).toEqual(['0', '0'])
        })

        it('should give balance, frozen amount and supply also in the token\'s units, with the decimals the chain answers', async () => {
            const res = await gql<{holdings: (HoldingRow & {balanceDecimal: string; frozenAmountDecimal: string; token: {address: string; decimals: number; totalSupplyDecimal: string}})[]}>(run.gqlUrl,
                `{ holdings(limit: 1000, where: {balance_gt: "0"}) { wallet balance balanceDecimal frozenAmount frozenAmountDecimal isFrozen token { address decimals totalSupplyDecimal } } }`)
            const head = await waitForHead(rpcUrl, dbUrl)
            // ethers' formatting as an independent oracle: its "1.0" is "1" here
            const units = (raw: bigint, decimals: number) => formatUnits(raw, decimals).replace(/\.0$/, '')
            for (const h of res.holdings) {
                const {token} = await tokenAt(rpcUrl, h.token.address)
                const decimals = Number(await token.decimals({blockTag: head}))
                expect([h.wallet, h.token.decimals, h.balanceDecimal, h.frozenAmountDecimal]).toEqual(
                    [h.wallet, decimals, units(await token.balanceOf(h.wallet, {blockTag: head}), decimals), units(await token.getFrozenTokens(h.wallet, {blockTag: head}), decimals)])
                expect(h.token.totalSupplyDecimal).toBe(units(await token.totalSupply({blockTag: head}), decimals))
            }
            // HOT has no decimals; RIV30 has 6: 118,500 whole bonds
            expect(res.holdings.find(h => h.token.address === lc(equity.address))?.token.totalSupplyDecimal).toBe('3950')
            expect(res.holdings.find(h => h.token.address === lc(bond.address))?.token.totalSupplyDecimal).toBe('118500')
        })

        it('should equal balanceOf, getFrozenTokens and isFrozen read from the chain at the head, for every wallet', async () => {
            const res = await gql<{holdings: HoldingRow[]}>(run.gqlUrl,
                `{ holdings(limit: 1000) { wallet balance frozenAmount isFrozen token { address } } }`)
            expect(res.holdings.length).toBeGreaterThanOrEqual(18)
            const head = await waitForHead(rpcUrl, dbUrl)
            for (const h of res.holdings) {
                const {token} = await tokenAt(rpcUrl, h.token.address)
                const at = {blockTag: head}
                expect([h.wallet, BigInt(h.balance)]).toEqual([h.wallet, await token.balanceOf(h.wallet, at)])
                expect([h.wallet, BigInt(h.frozenAmount)]).toEqual([h.wallet, await token.getFrozenTokens(h.wallet, at)])
                expect([h.wallet, h.isFrozen]).toEqual([h.wallet, await token.isFrozen(h.wallet, at)])
            }
            for (const t of tokens.values()) {
                const {token} = await tokenAt(rpcUrl, t.address)
                expect(BigInt(t.totalSupply)).toBe(await token.totalSupply({blockTag: head}))
            }
        })
    })

    describe('.balanceChanges', () => {
        it('should record each movement with the balance after it', async () => {
            const res = await gql<{balanceChanges: {delta: string; deltaDecimal: string; balanceAfter: string; balanceAfterDecimal: string}[]}>(run.gqlUrl,
                `{ balanceChanges(limit: 1000, where: {wallet_eq: "${investor(2)}", token: {address_eq: "${lc(bond.address)}"}}, orderBy: id_ASC) { delta deltaDecimal balanceAfter balanceAfterDecimal } }`)
            // Minted 10,000, then received 2,500.5 from investor 8.
            expect(res.balanceChanges).toEqual([
                {delta: '10000000000', deltaDecimal: '10000', balanceAfter: '10000000000', balanceAfterDecimal: '10000'},
                {delta: '2500500000', deltaDecimal: '2500.5', balanceAfter: '12500500000', balanceAfterDecimal: '12500.5'},
            ])
        })

        it('should sign the decimal delta of the sender', async () => {
            const res = await gql<{balanceChanges: {delta: string; deltaDecimal: string; transfer: {amount: string; amountDecimal: string}}[]}>(run.gqlUrl,
                `{ balanceChanges(limit: 1000, where: {wallet_eq: "${investor(8)}", token: {address_eq: "${lc(bond.address)}"}, delta_lt: "0"}, orderBy: id_ASC) { delta deltaDecimal transfer { amount amountDecimal } } }`)
            expect(res.balanceChanges).toContainEqual({delta: '-2500500000', deltaDecimal: '-2500.5', transfer: {amount: '2500500000', amountDecimal: '2500.5'}})
        })
    })

    describe('when a client sends a malformed query', () => {
        it('should answer with a GraphQL error naming the problem', async () => {
            const {body} = await gqlRaw(run.gqlUrl, '{ tokens(limit: 1000) { nosuchfield } }')
            expect(body.errors?.[0]?.message).toMatch(/nosuchfield/)
        })
    })

    // Last: it adds a block to the shared chain.
    describe('when a dashboard subscribes to transfers, holdings and audit events', () => {
        it('should push each of them for a transfer mined after the subscriptions started', async () => {
            const client = createClient({url: run.gqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket})
            const seen: {amount: string; from: string}[][] = []
            const watch = <T>(query: string, hit: (data: T) => boolean) => new Promise<void>((resolve, reject) => {
                client.subscribe<T>({query}, {next: msg => (msg.data && hit(msg.data) ? resolve() : undefined), error: reject, complete: () => undefined})
            })
            const audited = watch<{auditEvents: unknown[]}>(`subscription { auditEvents(limit: 1000, where: {kind_eq: TRANSFER, amount_eq: "7"}) { id } }`, d => d.auditEvents.length > 0)
            const held = watch<{holdings: {balance: string}[]}>(`subscription { holdings(limit: 1000, where: {wallet_eq: "${investor(1)}", token: {address_eq: "${lc(equity.address)}"}}) { balance } }`,
                d => d.holdings[0]?.balance === '907')
            const arrived = new Promise<void>((resolve, reject) => {
                client.subscribe<{transfers: {amount: string; from: string}[]}>(
                    {query: `subscription { transfers(limit: 1000, where: {amount_eq: "7"}) { amount from } }`},
                    {
                        next: msg => {
                            const rows = msg.data?.transfers ?? []
                            seen.push(rows)
                            if (rows.length > 0) resolve()
                        },
                        error: reject,
                        complete: () => undefined,
                    },
                )
            })
            try {
                const provider = await connect(rpcUrl)
                const sender = devSigner(d.investors[0]!.privateKeyIndex, provider)
                const hot = contractAt('Token', equity.address, sender)
                await waitMined(await hot.getFunction('transfer')(d.investors[1]!.wallet, 7n), 'transfer 7 HOT')
                await Promise.all([arrived, audited, held])
                expect(seen[0]).toEqual([])
                expect(seen.at(-1)).toEqual([{amount: '7', from: investor(0)}])
            } finally {
                await client.dispose()
            }
        })
    })
})
