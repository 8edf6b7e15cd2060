import {hexlify, parseEther, toUtf8Bytes} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {contractAt} from '../../src/dev/artifacts'
import {runComplianceScenario} from '../../src/dev/complianceScenario'
import {Deployment, ECDSA_SCHEME, KYC_TOPIC, signClaim} from '../../src/dev/deploy'
import {digestDifferences, IndexDigest, indexDigest} from '../harness/digest'
import {HostedNode, startHostedNode} from '../harness/hostedNode'
import {chainHead, mineTo} from '../harness/reorg'
import {ACCOUNT, connect, devSigner, devWallet, sendChecked, waitMined} from '../../src/dev/rpc'
import {createDatabaseOn, demoEnv, freePort, IndexerRun, queryDb, startDemoChain, startIndexer, TestDatabase, waitForHead} from '../harness/testStack'

const dbUrl = inject('dbUrl')
/** An account no scenario uses: the investor whose identity is found 3,000 blocks after it was made. */
const LATE_INVESTOR = 21
/** Empty blocks between the late investor's identity (and KYC claim) and its registration: over the node's 2,000-block cap. */
const GAP = 3000

/** An IdFactory identity for the late investor, with a KYC claim from the demo issuer; nothing we watch sees it yet. */
async function createLateIdentity(rpcUrl: string, d: Deployment): Promise<{wallet: string; identity: string}> {
    const provider = await connect(rpcUrl, d.chainId)
    const wallet = devWallet(LATE_INVESTOR, provider).address
    const deployer = devSigner(ACCOUNT.deployer, provider)
    await waitMined(await deployer.sendTransaction({to: wallet, value: parseEther('1')}), 'fund the late investor')
    const idFactory = contractAt('Factory', d.idFactory, deployer)
    await sendChecked('IdFactory: identity of the late investor', idFactory, 'createIdentity', [wallet, 'late-investor'])
    const identity: string = await idFactory.getFunction('getIdentity')(wallet)
    const data = hexlify(toUtf8Bytes(`KYC approved for ${wallet}`))
    await sendChecked('late investor: add KYC claim', contractAt('Identity', identity, devSigner(LATE_INVESTOR, provider)), 'addClaim',
        [KYC_TOPIC, ECDSA_SCHEME, d.claimIssuer, await signClaim(provider, identity, KYC_TOPIC, data), data, ''])
    return {wallet, identity}
}

describe('.hostedNode', () => {
    let chain: RunningAnvil
    let d: Deployment
    let node: HostedNode
    let run: IndexerRun
    let late: {wallet: string; identity: string}
    let hosted: IndexDigest
    let clean: IndexDigest
    let hostedDb: TestDatabase
    const dbs: TestDatabase[] = []

    beforeAll(async () => {
        let db: TestDatabase
        ({chain, db, d} = await startDemoChain(dbUrl))
        hostedDb = db
        dbs.push(db)
        await runComplianceScenario(chain.url, d)
        late = await createLateIdentity(chain.url, d)
        await mineTo(chain.url, await chainHead(chain.url) + GAP)

        // Through the hosted node: to the head, then the late registration while following it.
        node = await startHostedNode(chain.url, await freePort(), {rateLimitShare: 0.05, seed: 9})
        // wider than the node serves, as configured for another node: our requests must adapt
        run = await startIndexer({...demoEnv(chain, db, d), RPC_ETH_HTTP: node.url, RPC_MAX_LOG_RANGE: '10000'}, false)
        try {
            await waitForHead(chain.url, db.url)
            const agent = devSigner(ACCOUNT.agent, await connect(chain.url, d.chainId))
            await sendChecked('HOT IR: register the late investor', contractAt('IdentityRegistry', d.tokens[0]!.identityRegistry, agent),
                'registerIdentity', [late.wallet, late.identity, 250])
            await waitForHead(chain.url, db.url)
        } finally {
            await run.stop()
        }
        hosted = await indexDigest(db.url)

        // Straight against anvil, the whole chain at once; without call traces, as the hosted node has none.
        const cleanDb = await createDatabaseOn(dbUrl)
        dbs.push(cleanDb)
        const cleanRun = await startIndexer({...demoEnv(chain, cleanDb, d), RPC_TRACES: 'off'}, false)
        try {
            await waitForHead(chain.url, cleanDb.url)
        } finally {
            await cleanRun.stop()
        }
        clean = await indexDigest(cleanDb.url)
    })

    afterAll(async () => {
        await node?.close()
        for (const db of dbs) await db.stop()
        await chain?.stop()
    })

    describe('when the node caps eth_getLogs at 2,000 blocks, rate-limits 5 % of requests and has no trace API', () => {
        it('should reach the head without the supervisor restarting the indexer', () => {
            console.log('[hostedNode]', JSON.stringify(node.counts), 'our requests retried', run.output.filter(l => /; retry \d+ in /.test(l)).length, 'times')
            expect(run.output.filter(l => l.includes('restarting from its last committed block'))).toEqual([])
        })

        it('should have been refused by the node, and split its own eth_getLogs', () => {
            expect(node.counts.rangeRefused).toBeGreaterThan(0)
            expect(node.counts.rateLimitedHttp + node.counts.rateLimitedRpc).toBeGreaterThan(0)
            expect(run.output.some(l => /eth_getLogs of \d+ address\(es\) over blocks \d+-\d+: block range is too large/.test(l))).toBe(true)
            expect(node.counts.bytesSent).toBeGreaterThan(0)
        })

        it("should backfill the identity found 3,000 blocks after its KYC claim", async () => {
            const rows = await queryDb<{kind: string}>(hostedDb.url, 'SELECT kind FROM audit_event WHERE contract = $1', [late.identity.toLowerCase()])
            expect(rows.map(r => r.kind)).toContain('CLAIM_ADDED')
        })

        it('should end with exactly the index of a clean run straight against the chain', () => {
            expect(digestDifferences(hosted, clean)).toEqual([])
        })

        it('should refuse debug_* and trace_* calls as "method not found"', async () => {
            const ask = async () => {
                const res = await fetch(node.url, {method: 'POST', headers: {'content-type': 'application/json'},
                    body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'debug_traceBlockByNumber', params: ['0x1', {tracer: 'callTracer'}]})})
                return res.status === 429 ? undefined : await res.json() as {error?: {code: number}}
            }
            // whether the indexer asks for a trace at all depends on where its windows ended (a registry linked to its
            // storage earlier in the window settles the identity change without one): its fallback on a refusal is
            // callFrames.test's; here, what it asked was refused like this, and the index equals the clean one
            const refusedToIndexer = node.counts.methodNotFound
            // the node rate-limits a seeded share of requests: ask again until one gets through
            let answer = await ask()
            for (let i = 0; i < 20 && (answer == null || answer.error?.code === -32005); i++) answer = await ask()
            expect(answer).toEqual({jsonrpc: '2.0', id: 1, error: {code: -32601, message: 'method not found'}})
            expect(node.counts.methodNotFound).toBe(refusedToIndexer + 1)
        })
    })
})
