import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {ZeroAddress} from 'ethers'
import {functions as irs} from '../../src/abi/IdentityRegistryStorage'
import {AgentContractScenario, runAgentContractScenario} from '../harness/agentContractScenario'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {Deployment} from '../../src/dev/deploy'
import {MethodProxy, startMethodProxy} from '../harness/methodProxy'
import {connect} from '../../src/dev/rpc'
import {rpc} from '../../src/dev/status'
import {createDatabaseOn, demoEnv, freePort, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'
import {gql} from './gql'

const dbUrl = inject('dbUrl')

interface TransferRow {
    txHash: string
    logIndex: number
    from: string
    to: string
    kind: string
    classifiedBy: string
    actor: string
}

interface AuditRow {
    txHash: string
    kind: string
    subject: string | null
    classifiedBy: string | null
    actor: string
}

interface Index {
    transfers: TransferRow[]
    audit: AuditRow[]
    registrations: {wallet: string; investor: string; active: boolean}[]
    holdings: {wallet: string; balance: string; frozenAmount: string; isFrozen: boolean}[]
    /** what the indexer asked the node, per method */
    asked: Map<string, number>
    output: string[]
}

type Mode = 'callTracer' | 'parity' | 'none' | 'off'

/** Methods the node of each mode refuses (through our proxy), as a node without them answers; `off`: the node has them, RPC_TRACES=off. */
const REFUSED: Record<Mode, (method: string) => boolean> = {
    callTracer: () => false,
    parity: m => m.startsWith('debug_'),
    none: m => m.startsWith('debug_') || m.startsWith('trace_'),
    off: () => false,
}

/** Agents acting through T-REX's AgentManager and through a batching contract, indexed with and without call traces. */
describe('agent actions through contracts', () => {
    let chain: RunningAnvil
    let d: Deployment
    let s: AgentContractScenario
    const dbs: TestDatabase[] = []
    const index = new Map<Mode, Index>()
    /** the chain's answers: the identity registered per wallet (zero when none), balance, frozen tokens, freeze */
    const onChain = new Map<string, {identity: string; balance: bigint; frozen: bigint; isFrozen: boolean}>()
    const wallets = () => [s.managed, s.batched].flatMap(i => [i.first, i.second, i.replacement])

    beforeAll(async () => {
        let db: TestDatabase
        ({chain, db, d} = await startDemoChain(dbUrl))
        dbs.push(db)
        s = await runAgentContractScenario(chain.url, d)
        const provider = await connect(chain.url, d.chainId)
        const registry = contractAt('IdentityRegistry', s.identityRegistry, provider)
        const token = contractAt('Token', s.token, provider)
        for (const w of wallets()) {
            onChain.set(w, {
                identity: (await registry.getFunction('identity')(w) as string).toLowerCase(),
                balance: await token.getFunction('balanceOf')(w) as bigint,
                frozen: await token.getFunction('getFrozenTokens')(w) as bigint,
                isFrozen: await token.getFunction('isFrozen')(w) as boolean,
            })
        }
        for (const mode of ['callTracer', 'parity', 'none', 'off'] as const) {
            const target = index.size === 0 ? db : await createDatabaseOn(dbUrl)
            if (index.size > 0) dbs.push(target)
            index.set(mode, await indexThrough(mode, target))
        }
    })

    afterAll(async () => {
        for (const db of dbs) await db.stop()
        await chain?.stop()
    })

    /** Indexes the chain through a proxy refusing what the mode's node lacks, and reads what a regulator would. */
    async function indexThrough(mode: Mode, db: TestDatabase): Promise<Index> {
        const proxy: MethodProxy = await startMethodProxy(chain.url, await freePort(), REFUSED[mode])
        const run = await startIndexer({...demoEnv(chain, db, d), RPC_ETH_HTTP: proxy.url, ...(mode === 'off' ? {RPC_TRACES: 'off'} : {})}, true)
        try {
            await waitForHead(chain.url, db.url)
            const txs = [...Object.values(s.managed.txs), s.batched.tx]
            const res = await gql<{transfers: TransferRow[]; auditEvents: AuditRow[]; identityWallets: Index['registrations']; holdings: Index['holdings']}>(run.gqlUrl, `
                query($txs: [String!], $wallets: [String!], $token: String!, $storage: String!) {
                  transfers(limit: 10000, orderBy: id_ASC) { txHash logIndex from to kind classifiedBy actor }
                  auditEvents(limit: 1000, orderBy: id_ASC, where: {txHash_in: $txs}) { txHash kind subject classifiedBy actor }
                  identityWallets(limit: 100, where: {wallet_in: $wallets, storage_eq: $storage}) { wallet investor active }
                  holdings(limit: 100, where: {wallet_in: $wallets, token: {address_eq: $token}}) { wallet balance frozenAmount isFrozen }
                }`, {txs, wallets: wallets(), token: s.token, storage: await storageOf()})
            return {transfers: res.transfers, audit: res.auditEvents, registrations: res.identityWallets, holdings: res.holdings, asked: new Map(proxy.counts), output: run.output}
        } finally {
            await run.stop()
            await proxy.close()
        }
    }

    async function storageOf(): Promise<string> {
        const registry = contractAt('IdentityRegistry', s.identityRegistry, await connect(chain.url, d.chainId))
        return (await registry.getFunction('identityStorage')() as string).toLowerCase()
    }

    const transfersOf = (mode: Mode, tx: string) => index.get(mode)!.transfers.filter(t => t.txHash === tx)
        .map(t => ({from: t.from, to: t.to, kind: t.kind, classifiedBy: t.classifiedBy, actor: t.actor}))
    const auditOf = (mode: Mode, tx: string, kinds: string[]) => index.get(mode)!.audit.filter(a => a.txHash === tx && kinds.includes(a.kind))
        .map(a => ({kind: a.kind, subject: a.subject, classifiedBy: a.classifiedBy, actor: a.actor}))
    const IDENTITY_CHANGES = ['IDENTITY_MODIFIED', 'IDENTITY_UPDATED']
    const TRANSFER_KINDS = ['TRANSFER', 'FORCED_TRANSFER', 'RECOVERY_TRANSFER']

    /** What a mode's index says of the transfers and identity updates made through the two contracts. */
    function throughContracts(mode: Mode) {
        const {managed: m, batched: b} = s
        return {
            managedForced: transfersOf(mode, m.txs.forced),
            managedRecovery: transfersOf(mode, m.txs.recovery),
            batched: transfersOf(mode, b.tx),
            managedIdentity: auditOf(mode, m.txs.identity, IDENTITY_CHANGES),
            batchedIdentity: auditOf(mode, b.tx, IDENTITY_CHANGES),
            batchedAudit: auditOf(mode, b.tx, TRANSFER_KINDS),
        }
    }

    const transferRow = (from: string, to: string, kind: string, classifiedBy: string) => ({from, to, kind, classifiedBy, actor: s.operator})
    const identityRows = (wallet: string | null, classifiedBy: string) =>
        ['IDENTITY_MODIFIED', 'IDENTITY_UPDATED'].map(kind => ({kind, subject: wallet, classifiedBy, actor: s.operator}))

    describe('when the node answers debug_traceTransaction (callTracer)', () => {
        it('should classify each transfer by the call that reached the token, with the operator as actor', () => {
            const {managed: m, batched: b} = s
            const got = throughContracts('callTracer')
            expect(got.managedForced).toEqual([transferRow(m.first, b.first, 'FORCED', 'CALL_TRACE')])
            expect(got.managedRecovery).toEqual([transferRow(m.first, m.replacement, 'RECOVERY', 'CALL_TRACE')])
            // One transaction, a forced transfer then a recovery: only the trace tells them apart.
            expect(got.batched).toEqual([transferRow(b.first, m.replacement, 'FORCED', 'CALL_TRACE'), transferRow(b.first, b.replacement, 'RECOVERY', 'CALL_TRACE')])
            expect(got.batchedAudit.map(a => [a.kind, a.classifiedBy])).toEqual([['FORCED_TRANSFER', 'CALL_TRACE'], ['RECOVERY_TRANSFER', 'CALL_TRACE']])
        })

        it('should name the one wallet whose identity was updated, as the trace does', async () => {
            const got = throughContracts('callTracer')
            expect(got.managedIdentity).toEqual(identityRows(s.managed.second, 'CALL_TRACE'))
            expect(got.batchedIdentity).toEqual(identityRows(s.batched.second, 'CALL_TRACE'))
            for (const [tx, wallet] of [[s.managed.txs.identity, s.managed.second], [s.batched.tx, s.batched.second]] as const) {
                expect(modifiedInTrace(await rpc(chain.url, 'debug_traceTransaction', [tx, {tracer: 'callTracer'}]))).toEqual([wallet])
            }
        })

        it('should hold every registration of the investors\' wallets as the registry answers identity(wallet)', () => {
            expectRegistrationsAsOnChain('callTracer')
        })

        it('should trace only the transactions made through a contract, once each', () => {
            const asked = index.get('callTracer')!.asked
            // forced transfer, identity update and recovery through AgentManager, and the BatchCaller transaction; freezes need none.
            expect(asked.get('debug_traceTransaction')).toBe(4)
            expect(asked.get('trace_transaction')).toBeUndefined()
        })
    })

    describe('when the node only answers Parity\'s trace_transaction', () => {
        it('should say so once and classify by the calls into the token where they tell', () => {
            const {managed: m, batched: b} = s
            const got = throughContracts('parity')
            expect(got.managedForced).toEqual([transferRow(m.first, b.first, 'FORCED', 'CALL_TRACE')])
            expect(got.managedRecovery).toEqual([transferRow(m.first, m.replacement, 'RECOVERY', 'CALL_TRACE')])
            // Parity has no logs: the token's forcedTransfer and recoveryAddress calls could each have emitted either Transfer.
            expect(got.batched).toEqual([transferRow(b.first, m.replacement, 'RECOVERY', 'TX_EVENTS'), transferRow(b.first, b.replacement, 'RECOVERY', 'TX_EVENTS')])
            expect(got.managedIdentity).toEqual(identityRows(m.second, 'CALL_TRACE'))
            expect(got.batchedIdentity).toEqual(identityRows(b.second, 'CALL_TRACE'))
            const said = index.get('parity')!.output.filter(l => l.includes('refuses debug_traceTransaction'))
            expect(said).toHaveLength(1)
            expect(said[0]).toContain('reading call traces with trace_transaction')
            expect(index.get('parity')!.asked.get('trace_transaction')).toBe(4)
        })

        it('should hold every registration as the registry answers', () => {
            expectRegistrationsAsOnChain('parity')
        })
    })

    describe('when the node has no trace API', () => {
        it('should say so once, classify by the transaction\'s selector and events, and say that too', () => {
            const {managed: m, batched: b} = s
            const got = throughContracts('none')
            // callForcedTransfer names no kind and the transaction has no telling event: a plain TRANSFER, marked as a guess.
            expect(got.managedForced).toEqual([transferRow(m.first, b.first, 'TRANSFER', 'TX_EVENTS')])
            expect(got.managedRecovery).toEqual([transferRow(m.first, m.replacement, 'RECOVERY', 'TX_EVENTS')])
            expect(got.batched).toEqual([transferRow(b.first, m.replacement, 'RECOVERY', 'TX_EVENTS'), transferRow(b.first, b.replacement, 'RECOVERY', 'TX_EVENTS')])
            // No call names the wallet: the storage's storedIdentity, read at the block, does; the rows say so.
            expect(got.managedIdentity).toEqual(identityRows(m.second, 'STORAGE_READ'))
            expect(got.batchedIdentity).toEqual(identityRows(b.second, 'STORAGE_READ'))
            const output = index.get('none')!.output
            expect(output.filter(l => l.includes('no call traces'))).toHaveLength(1)
            expect(index.get('none')!.asked.get('trace_transaction')).toBeLessThanOrEqual(4)
        })

        it('should move only the wallet the storage holds under the new identity, not every wallet of the old one', () => {
            const registrations = new Map(index.get('none')!.registrations.map(r => [r.wallet, r]))
            // The recovery registered the replacement wallet earlier in the same transaction, under the same identity: it stays.
            expect(registrations.get(s.batched.replacement)!.investor).toBe(s.batched.identity)
            expect(registrations.get(s.batched.second)!.investor).toBe(s.batched.newIdentity)
            expectRegistrationsAsOnChain('none')
        })
    })

    describe('with RPC_TRACES=off', () => {
        it('should ask for no trace and find each updated wallet by the storage\'s reads, exactly as the traces do', () => {
            const asked = index.get('off')!.asked
            expect([...asked.keys()].filter(m => /^(debug|trace)_/.test(m))).toEqual([])
            const got = throughContracts('off')
            expect(got.managedIdentity).toEqual(identityRows(s.managed.second, 'STORAGE_READ'))
            expect(got.batchedIdentity).toEqual(identityRows(s.batched.second, 'STORAGE_READ'))
            expectRegistrationsAsOnChain('off')
            const byWallet = (mode: Mode) => [...index.get(mode)!.registrations].sort((a, b) => (a.wallet < b.wallet ? -1 : 1))
            expect(byWallet('off')).toEqual(byWallet('callTracer'))
        })
    })

    describe('in every mode', () => {
        it('should classify the transactions that called the token itself alike, by zero address or selector, without a trace', () => {
            const indirect = new Set([s.managed.txs.forced, s.managed.txs.recovery, s.batched.tx])
            const direct = (mode: Mode) => index.get(mode)!.transfers.filter(t => !indirect.has(t.txHash))
            const reference = direct('callTracer')
            expect(reference.length).toBeGreaterThan(15)
            expect(new Set(reference.map(t => t.classifiedBy))).toEqual(new Set(['ADDRESS', 'TX_SELECTOR']))
            expect(direct('parity')).toEqual(reference)
            expect(direct('none')).toEqual(reference)
        })

        it('should hold the balances, frozen tokens and freezes the token answers', () => {
            for (const mode of ['callTracer', 'parity', 'none'] as const) {
                const holdings = new Map(index.get(mode)!.holdings.map(h => [h.wallet, h]))
                for (const [wallet, chainSays] of onChain) {
                    const h = holdings.get(wallet)
                    expect({mode, wallet, balance: h?.balance ?? '0', frozen: h?.frozenAmount ?? '0', isFrozen: h?.isFrozen ?? false})
                        .toEqual({mode, wallet, balance: String(chainSays.balance), frozen: String(chainSays.frozen), isFrozen: chainSays.isFrozen})
                }
            }
        })
    })

    function expectRegistrationsAsOnChain(mode: Mode): void {
        const indexed = new Map(index.get(mode)!.registrations.map(r => [r.wallet, r]))
        for (const [wallet, chainSays] of onChain) {
            const r = indexed.get(wallet)
            const identity = r?.active ? r.investor : ZeroAddress
            expect({wallet, identity}).toEqual({wallet, identity: chainSays.identity})
        }
    }
})

interface Frame {
    input: string
    calls?: Frame[]
}

/** The wallets of every modifyStoredIdentity call in a callTracer result, walked independently of the indexer's code. */
function modifiedInTrace(frame: Frame): string[] {
    const own = frame.input.startsWith(irs.modifyStoredIdentity.selector) ? [irs.modifyStoredIdentity.decode(frame.input)._userAddress.toLowerCase()] : []
    // The storage is a proxy: its implementation's delegate call repeats the calldata.
    return [...new Set([...own, ...(frame.calls ?? []).flatMap(modifiedInTrace)])]
}
