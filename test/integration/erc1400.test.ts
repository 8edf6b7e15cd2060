import {mkdtempSync, readFileSync} from 'fs'
import {tmpdir} from 'os'
import {join} from 'path'
import {Contract, encodeBytes32String, formatUnits, JsonRpcProvider, ZeroHash} from 'ethers'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {RunningAnvil} from '../../src/dev/anvil'
import {deployErc1400, DOCUMENT, Erc1400Token, erc1400Accounts, ERC1400_ROLE, PARTITION, runErc1400Scenario} from '../../src/dev/erc1400Scenario'
import {EntitlementLine, entitlements} from '../../src/analytics/entitlements'
import {
    buildEntitlementTree, chainTime, createDistribution, deployPayouts, entitlementProofs, fundDistribution, mintStablecoin, payoutContractAt, pushPayments,
} from '../../src/dev/payouts'
import {mulberry32} from '../../src/dev/random'
import {connect, devSigner, devWallet} from '../../src/dev/rpc'
import {createDatabaseOn, IndexerRun, runToExit, startIndexer, startTestChain, TestDatabase, waitForHead} from '../harness/testStack'
import {csvRecords} from './csv'
import {gql, gqlRaw} from './gql'

/**
 * ERC-1400 tokens end to end: our fixture (contracts/ERC1400Token.sol) with the EIP's event signatures and
 * with Polymath's, through the three-partition story of src/dev/erc1400Scenario.ts, indexed in batches cut
 * at random blocks; the API's as-of answers at seeded past blocks against the chain's own views (eth_call).
 */

const dbUrl = inject('dbUrl')
const SEED = 14001410
const SAMPLES = 24
const PARTITIONS = Object.values(PARTITION)
const DOCUMENTS = Object.values(DOCUMENT)
/** ethers' formatting, as an independent oracle: "2000.0" there is "2000" in the exports */
const units = (raw: bigint, decimals: number) => formatUnits(raw, decimals).replace(/\.0$/, '')
/** A share as the cap-table export writes it: 18 decimal places, truncated (`scaled` is the share × 10^18). */
const share18 = (scaled: bigint) => {
    const [int, frac = ''] = formatUnits(scaled, 18).split('.')
    return `${int}.${frac.padEnd(18, '0')}`
}
/** The audit row id of a log: chain, block and log index, zero-padded. */
const auditId = (block: number, logIndex: number) => `31337-${String(block).padStart(10, '0')}-${String(logIndex).padStart(6, '0')}`

interface Erc1400StateAnswer {
    block: number
    partitions: {partition: string; name: string | null; totalSupply: string; holderCount: number}[]
    documents: {name: string; nameText: string | null; uri: string; documentHash: string; setAtBlock: number}[]
    operators: {holder: string; operator: string; partition: string | null; sinceBlock: number}[]
    wallets: {wallet: string; balance: string; partitions: {partition: string; balance: string}[]}[]
}

const STATE = `query($token: String!, $atBlock: Int, $wallets: [String!]!) {
    erc1400State(token: $token, atBlock: $atBlock, wallets: $wallets) {
        block partitions { partition name totalSupply holderCount }
        documents { name nameText uri documentHash setAtBlock }
        operators { holder operator partition sinceBlock }
        wallets { wallet balance partitions { partition balance } } } }`

/** What the chain's views say at the end of `block`, in the shape of the API's answer. */
async function chainStateAt(token: Contract, accounts: string[], block: number) {
    const at = {blockTag: block}
    const wallets = await Promise.all(accounts.map(async w => {
        const [balance, partitions] = await Promise.all([token.balanceOf(w, at) as Promise<bigint>, token.partitionsOf(w, at) as Promise<string[]>])
        const byPartition = await Promise.all(PARTITIONS.map(async p => [p, await token.balanceOfByPartition(p, w, at) as bigint] as const))
        return {wallet: w, balance: String(balance), partitionsOf: [...partitions].sort(), byPartition: byPartition.map(([p, b]) => [p, String(b)])}
    }))
    const supplies = await Promise.all(PARTITIONS.map(async p => [p, String(await token.totalSupplyByPartition(p, at) as bigint)]))
    const documents = await Promise.all(DOCUMENTS.map(async n => {
        const [uri, hash] = await token.getDocument(n, at) as [string, string, bigint]
        return [n, uri, hash]
    }))
    const operators = [ERC1400_ROLE.operator, ERC1400_ROLE.controller].map(i => accounts[[ERC1400_ROLE.issuer, ERC1400_ROLE.controller, ...ERC1400_ROLE.holders, ERC1400_ROLE.operator].indexOf(i)]!)
    const isOperator = await Promise.all(operators.flatMap(op => accounts.map(async h => [op, h, await token.isOperator(op, h, at) as boolean] as const)))
    const forPartition = await Promise.all(operators.flatMap(op => accounts.flatMap(h => PARTITIONS.map(async p => [op, h, p, await token.isOperatorForPartition(p, op, h, at) as boolean] as const))))
    return {wallets, supplies, documents, isOperator, forPartition}
}

describe('ERC-1400 tokens', () => {
    let chain: RunningAnvil
    let db: TestDatabase
    let run: IndexerRun
    let provider: JsonRpcProvider
    let eip: Erc1400Token
    let polymath: Erc1400Token
    let accounts: string[]
    let head: number
    let distributionId: string
    let seniorLines: EntitlementLine[]
    let recordBlock: number
    let merkleRoot: string
    let managerAddress: string
    /** paid to the senior tranche: not a multiple of its supply, so rounding decides units */
    const COUPON = 1_000_000_007n

    beforeAll(async () => {
        chain = await startTestChain()
        db = await createDatabaseOn(dbUrl)
        eip = await deployErc1400(chain.url, 'Harbour Senior Notes', 'HSN', false)
        polymath = await deployErc1400(chain.url, 'Harbour Polymath Notes', 'HPN', true)
        await runErc1400Scenario(chain.url, eip.address)
        await runErc1400Scenario(chain.url, polymath.address)
        provider = await connect(chain.url)
        accounts = erc1400Accounts(provider)
        // A coupon to the senior tranche alone, entitled by balanceOfByPartition at the record block (read from the chain).
        const payouts = await deployPayouts(chain.url, ERC1400_ROLE.issuer)
        managerAddress = payouts.manager
        const issuer = devSigner(ERC1400_ROLE.issuer, provider)
        const manager = payoutContractAt('DistributionManager', payouts.manager, issuer)
        await mintStablecoin(payoutContractAt('TestStablecoin', payouts.stablecoin, issuer), await issuer.getAddress(), COUPON)
        recordBlock = (await provider.getBlockNumber()) - 1
        const senior = payoutContractAt('ERC1400Token', eip.address, provider)
        const balances = await Promise.all(accounts.map(async w => ({wallet: w, investor: null, frozen: 0n,
            balance: await senior.balanceOfByPartition(PARTITION.senior, w, {blockTag: recordBlock}) as bigint})))
        seniorLines = entitlements(balances.filter(b => b.balance > 0n), COUPON, {basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER'}).lines
        const tree = buildEntitlementTree(seniorLines.map(l => ({holder: l.holder, amount: l.amount})))
        merkleRoot = tree.root
        const now = await chainTime(provider)
        const {id} = await createDistribution(manager, {
            kind: 'COUPON', token: eip.address, paymentToken: payouts.stablecoin, totalAmount: COUPON, recordBlock, merkleRoot: tree.root,
            claimStart: now - 10, claimExpiry: now + 86_400, basis: 'BY_WALLET', includeFrozen: true, rounding: 'LARGEST_REMAINDER', policyURI: 'ipfs://senior-coupon',
        }, PARTITION.senior)
        await fundDistribution(manager, id, COUPON)
        await pushPayments(manager, id, [...entitlementProofs(tree).values()])
        distributionId = `31337-${payouts.manager.toLowerCase()}-${String(id).padStart(10, '0')}`
        run = await startIndexer({
            DB_URL: db.url, RPC_ETH_HTTP: chain.url, ERC1400_TOKENS: `${eip.address},${polymath.address}`,
            START_BLOCK: String(eip.deployBlock), FINALITY_CONFIRMATION: '5', BATCH_SPLIT: `random:${SEED}`,
        }, true)
        head = await waitForHead(chain.url, db.url)
    })

    afterAll(async () => {
        await run?.stop()
        await db?.stop()
        await chain?.stop()
    })

    describe('.tokens', () => {
        it('should say that both follow ERC-1400, with their ERC-20 names read from the chain', async () => {
            const {tokens} = await gql<{tokens: {address: string; standard: string; symbol: string; totalSupply: string}[]}>(run.gqlUrl,
                '{ tokens(limit: 10, orderBy: symbol_ASC) { address standard symbol totalSupply } }')
            const supply = String(await payoutContractAt('ERC1400Token', eip.address, provider).totalSupply())
            expect(tokens).toEqual([
                {address: polymath.address.toLowerCase(), standard: 'ERC1400', symbol: 'HPN', totalSupply: supply},
                {address: eip.address.toLowerCase(), standard: 'ERC1400', symbol: 'HSN', totalSupply: supply},
            ])
        })
    })

    for (const variant of ['EIP', 'Polymath'] as const) {
        describe(`when the token emits the ${variant} signatures`, () => {
            const token = () => (variant === 'EIP' ? eip : polymath)

            it('should record each transfer that emits Transfer and a partition event as one movement, paired with its Transfer', async () => {
                const {partitionTransfers, transfers} = await gql<{
                    partitionTransfers: {id: string; kind: string; from: string; to: string; amount: string; transfer: {id: string; from: string; to: string; amount: string} | null}[]
                    transfers: {id: string}[]
                }>(run.gqlUrl, `query($t: String!) {
                    partitionTransfers(limit: 1000, where: {token: {address_eq: $t}}, orderBy: id_ASC) { id kind from to amount transfer { id from to amount } }
                    transfers(limit: 1000, where: {token: {address_eq: $t}}, orderBy: id_ASC) { id } }`, {t: token().address.toLowerCase()})
                // every Transfer log has its partition event and the reverse: as many movements as Transfers
                expect(partitionTransfers).toHaveLength(transfers.length)
                expect(partitionTransfers.map(m => m.transfer?.id).sort()).toEqual(transfers.map(t => t.id).sort())
                for (const m of partitionTransfers) expect({from: m.transfer!.from, to: m.transfer!.to, amount: m.transfer!.amount}).toEqual({from: m.from, to: m.to, amount: m.amount})
                // the controller's transfer drew on two partitions (two movements), its redemption on two as well: all FORCED
                expect(partitionTransfers.filter(m => m.kind === 'FORCED').map(m => m.amount)).toEqual(['900', '50', '100', '20'])
            })

            it('should write every event of the family into the audit trail, controller actions among the forced ones', async () => {
                const {auditEvents} = await gql<{auditEvents: {kind: string}[]}>(run.gqlUrl, `query($t: String!) {
                    auditEvents(limit: 1000, where: {contract_eq: $t}, orderBy: id_ASC) { kind } }`, {t: token().address.toLowerCase()})
                const kinds = new Set(auditEvents.map(e => e.kind))
                for (const k of ['MINT', 'BURN', 'TRANSFER', 'FORCED_TRANSFER', 'APPROVAL', 'TRANSFER_BY_PARTITION', 'CHANGED_PARTITION', 'ISSUED_BY_PARTITION',
                    'REDEEMED_BY_PARTITION', 'AUTHORIZED_OPERATOR', 'REVOKED_OPERATOR', 'AUTHORIZED_OPERATOR_BY_PARTITION', 'REVOKED_OPERATOR_BY_PARTITION',
                    'ISSUED', 'REDEEMED', 'CONTROLLER_TRANSFER', 'CONTROLLER_REDEMPTION', 'DOCUMENT_UPDATED', 'DOCUMENT_REMOVED']) {
                    expect(kinds, k).toContain(k)
                }
                expect(auditEvents.filter(e => e.kind === 'FORCED_TRANSFER')).toHaveLength(4)
            })

            it('should keep every version of every document, the removed one closed', async () => {
                const {factVersions} = await gql<{factVersions: {key: string; value: {uri: string; nameText: string}; validUntilBlock: number | null}[]}>(run.gqlUrl, `query($t: String!) {
                    factVersions(limit: 100, where: {kind_eq: DOCUMENT, contract_eq: $t}, orderBy: [fromBlock_ASC, logIndex_ASC]) { key value validUntilBlock } }`, {t: token().address.toLowerCase()})
                expect(factVersions.map(f => [f.value.nameText, f.value.uri, f.validUntilBlock == null])).toEqual([
                    ['PPM', 'ipfs://ppm-v1', false],
                    ['PROSPECTUS', 'https://issuer.example/prospectus.pdf', false],
                    ['PPM', 'ipfs://ppm-v2', true],
                ])
            })

            it(`should answer erc1400State as the chain's views at ${SAMPLES} seeded past blocks`, async () => {
                const rand = mulberry32(SEED + (variant === 'EIP' ? 0 : 1))
                // a listed token is known from its first event (its constructor emits none)
                const {tokens: [known]} = await gql<{tokens: {createdAtBlock: number}[]}>(run.gqlUrl, `query($t: String!) {
                    tokens(limit: 1, where: {address_eq: $t}) { createdAtBlock } }`, {t: token().address.toLowerCase()})
                const first = known!.createdAtBlock
                expect(head - first + 1).toBeGreaterThan(SAMPLES)
                const seeded = new Set<number>()
                while (seeded.size < SAMPLES) seeded.add(first + Math.floor(rand() * (head - first + 1)))
                const blocks = [...seeded].sort((a, b) => a - b)
                const contract = payoutContractAt('ERC1400Token', token().address, provider)
                for (const block of blocks) {
                    const [{erc1400State: s}, chainState] = await Promise.all([
                        gql<{erc1400State: Erc1400StateAnswer}>(run.gqlUrl, STATE, {token: token().address, atBlock: block, wallets: accounts}),
                        chainStateAt(contract, accounts, block),
                    ])
                    const at = `block ${block}`
                    // balanceOf, partitionsOf, balanceOfByPartition
                    expect(s.wallets.map(w => ({wallet: w.wallet, balance: w.balance, partitionsOf: w.partitions.map(p => p.partition).sort(),
                        byPartition: PARTITIONS.map(p => [p, w.partitions.find(x => x.partition === p)?.balance ?? '0'])})), at)
                        .toEqual(chainState.wallets.map(w => ({...w, wallet: w.wallet.toLowerCase()})))
                    // totalSupplyByPartition
                    expect(PARTITIONS.map(p => [p, s.partitions.find(x => x.partition === p)?.totalSupply ?? '0']), at).toEqual(chainState.supplies)
                    // getDocument: a removed or never-set document reads as empty
                    expect(DOCUMENTS.map(n => {
                        const d = s.documents.find(x => x.name === n)
                        return [n, d?.uri ?? '', d?.documentHash ?? ZeroHash]
                    }), at).toEqual(chainState.documents)
                    // isOperator, isOperatorForPartition
                    const global = (op: string, h: string) => op === h || s.operators.some(o => o.partition == null && o.operator === op && o.holder === h)
                    expect(chainState.isOperator.map(([op, h]) => [op, h, global(op, h)]), at).toEqual(chainState.isOperator)
                    expect(chainState.forPartition.map(([op, h, p]) => [op, h, p, global(op, h) || s.operators.some(o => o.partition === p && o.operator === op && o.holder === h)]), at)
                        .toEqual(chainState.forPartition)
                    // the cap table of each partition: balanceOfByPartition of every holder, largest first, its supply totalSupplyByPartition
                    for (const [i, partition] of PARTITIONS.entries()) {
                        const {capTable} = await gql<{capTable: {supply: string; holderCount: number; rows: {holder: string; balance: string}[]}}>(run.gqlUrl, `query($t: String!, $b: Int!, $p: String!) {
                            capTable(token: $t, atBlock: $b, partition: $p, limit: 100) { supply holderCount rows { holder balance } } }`, {t: token().address, b: block, p: partition})
                        const held = chainState.wallets.map(w => ({holder: w.wallet.toLowerCase(), balance: BigInt(w.byPartition[i]![1])})).filter(w => w.balance > 0n)
                            .sort((a, b) => (a.balance === b.balance ? (a.holder < b.holder ? -1 : 1) : a.balance > b.balance ? -1 : 1))
                        expect(capTable, `${at} ${partition}`).toEqual({supply: chainState.supplies[i]![1], holderCount: held.length, rows: held.map(h => ({...h, balance: String(h.balance)}))})
                    }
                }
            })
        })
    }

    describe('.capTable(partition), .concentration(partition), .jurisdictions(partition), .ownershipHistory(partition)', () => {
        it('should take a partition by its name or its bytes32, and answer for that partition alone', async () => {
            const h5 = devWallet(ERC1400_ROLE.holders[5], provider).address.toLowerCase()
            const senior = payoutContractAt('ERC1400Token', eip.address, provider)
            const a = await gql<{
                byName: {supply: string; rows: {holder: string; balance: string}[]}
                byHex: {supply: string}
                concentration: {holderCount: number; supply: string}
                jurisdictions: {supply: string; countries: {countryCode: string | null; holders: number}[]}
                ownershipHistory: {changes: {partition: string; delta: string; balanceAfter: string; kind: string}[]}
            }>(run.gqlUrl, `query($t: String!, $w: String!, $p: String!) {
                byName: capTable(token: $t, partition: "senior") { supply rows { holder balance } }
                byHex: capTable(token: $t, partition: $p) { supply }
                concentration(token: $t, partition: "senior") { holderCount supply }
                jurisdictions(token: $t, partition: "senior") { supply countries { countryCode holders } }
                ownershipHistory(token: $t, account: $w, partition: "senior") { changes { partition delta balanceAfter kind } } }`,
            {t: eip.address, w: h5, p: PARTITION.senior})
            const supply = String(await senior.totalSupplyByPartition(PARTITION.senior))
            expect(a.byName.supply).toBe(supply)
            expect(a.byHex.supply).toBe(supply)
            expect(a.concentration).toEqual({holderCount: a.byName.rows.length, supply})
            // ERC-1400 tokens carry no identity data: every holder is under no country
            expect(a.jurisdictions).toEqual({supply, countries: [{countryCode: null, holders: a.byName.rows.length}]})
            expect(a.ownershipHistory.changes).toEqual([{partition: PARTITION.senior, delta: '50', balanceAfter: '50', kind: 'FORCED'}])
        })

        it('should refuse a partition the token never had, naming it', async () => {
            const {body} = await gqlRaw(run.gqlUrl, `{ capTable(token: "${eip.address}", partition: "junior") { supply } }`)
            expect(body.errors?.[0]?.message).toBe(`token ${eip.address.toLowerCase()} has no partition junior (${encodeBytes32String('junior')})`)
        })
    })

    describe('when a distribution pays one partition', () => {
        it('should entitle that partition\'s holders at the record block and reconcile to the unit', async () => {
            const {distributionById: d, distributionReconciliation: r} = await gql<{
                distributionById: {partition: string; rootMatches: boolean; entitlementError: string | null; entitlements: {holder: string; eligibleBalance: string; expected: string}[]}
                distributionReconciliation: {rootMatches: boolean; expected: string; paid: string; variance: string; lines: {holder: string; status: string; expected: string; paid: string; difference: string}[]}
            }>(run.gqlUrl, `query($id: String!) {
                distributionById(id: $id) { partition rootMatches entitlementError entitlements(limit: 100, orderBy: holder_ASC) { holder eligibleBalance expected } }
                distributionReconciliation(id: $id) { rootMatches expected paid variance lines { holder status expected paid difference } } }`, {id: distributionId})
            expect(d).toMatchObject({partition: PARTITION.senior, rootMatches: true, entitlementError: null})
            const byHolder = (a: {holder: string}, b: {holder: string}) => (a.holder < b.holder ? -1 : 1)
            expect(d.entitlements).toEqual([...seniorLines].sort(byHolder).map(l => ({holder: l.holder, eligibleBalance: String(l.eligible), expected: String(l.amount)})))
            expect(r).toMatchObject({rootMatches: true, expected: String(COUPON), paid: String(COUPON), variance: '0'})
            expect(r.lines.sort(byHolder)).toEqual([...seniorLines].sort(byHolder).map(l => ({holder: l.holder, status: 'PAID', expected: String(l.amount), paid: String(l.amount), difference: '0'})))
        })

        it('should be what payout:prepare --partition computes from the index beforehand', async () => {
            const out = mkdtempSync(join(tmpdir(), 'erc1400-payout-'))
            const {code, output} = await runToExit('cli/payoutPrepare', {DB_URL: db.url},
                ['--token', eip.address, '--record-block', String(recordBlock), '--amount', String(COUPON), '--partition', 'senior', '--out', out])
            expect(code, output).toBe(0)
            const file = JSON.parse(readFileSync(join(out, `entitlements-${eip.address.toLowerCase()}-senior-${recordBlock}.json`), 'utf8')) as {merkleRoot: string; entitlements: {holder: string; amount: string}[]}
            expect(file.merkleRoot).toBe(merkleRoot.toLowerCase())
            expect(file.entitlements.map(e => [e.holder, e.amount])).toEqual(seniorLines.map(l => [l.holder, String(l.amount)]))
        })
    })

    describe('when the cap table of one partition is exported', () => {
        it('should list that partition\'s holders with the balances balanceOfByPartition gives at the block', async () => {
            const senior = payoutContractAt('ERC1400Token', eip.address, provider)
            for (const block of [recordBlock, head]) {
                const res = await fetch(`${run.gqlUrl.replace('/graphql', '/export')}/cap-table.csv?token=${eip.address}&partition=senior&atBlock=${block}`)
                const text = await res.text()
                expect([res.status, res.headers.get('x-block-number'), res.headers.get('x-token-symbol')], text).toEqual([200, String(block), 'HSN'])
                const decimals = Number(res.headers.get('x-token-decimals'))
                const at = {blockTag: block}
                const supply = await senior.totalSupplyByPartition(PARTITION.senior, at) as bigint
                const held = (await Promise.all(accounts.map(async w => ({wallet: w.toLowerCase(), balance: await senior.balanceOfByPartition(PARTITION.senior, w, at) as bigint}))))
                    .filter(h => h.balance > 0n).sort((a, b) => (a.wallet < b.wallet ? -1 : 1))
                expect(held.length, `block ${block}`).toBeGreaterThan(1)
                // ERC-1400 tokens name no investor and freeze nothing; the share is of the partition's supply
                expect(csvRecords(text).records, `block ${block}`).toEqual(held.map(h => ({
                    wallet: h.wallet, investor: '', balance: String(h.balance), frozen: '0', share: share18(h.balance * 10n ** 18n / supply),
                    balance_decimal: units(h.balance, decimals), frozen_decimal: '0',
                })))
            }
        })
    })

    describe('when the audit trail of one partition is exported', () => {
        const exportOf = async (path: string) => {
            const res = await fetch(`${run.gqlUrl.replace('/graphql', '/export')}/${path}`)
            return {status: res.status, text: await res.text()}
        }

        it('should hold exactly the audit rows of that partition\'s events', async () => {
            const {auditEvents} = await gql<{auditEvents: {id: string; kind: string; params: Record<string, unknown>}[]}>(run.gqlUrl, `query($t: String!) {
                auditEvents(limit: 1000, where: {token: {address_eq: $t}}, orderBy: id_ASC) { id kind params } }`, {t: eip.address.toLowerCase()})
            expect(auditEvents.length).toBeLessThan(1000)
            // the chain's own logs: every event that names a partition has it as an indexed bytes32 (ChangedPartition both sides;
            // the manager's DistributionPartitionSet of the senior coupon too)
            const logs = await provider.getLogs({address: [eip.address, managerAddress], fromBlock: eip.deployBlock, toBlock: head})
            const exported: Record<string, string[]> = {}
            for (const [name, partition] of Object.entries(PARTITION)) {
                const {status, text} = await exportOf(`audit-trail.csv?token=${eip.address}&partition=${name}`)
                expect(status, text).toBe(200)
                const rows = csvRecords(text).records.map(r => ({id: r.id!, kind: r.kind!, params: JSON.parse(r.params!) as Record<string, unknown>}))
                const named = auditEvents.filter(e => [e.params.partition, e.params.fromPartition, e.params.toPartition].includes(partition))
                expect(rows, name).toEqual(named)
                expect(rows.map(r => r.id), name).toEqual(logs.filter(l => l.topics.slice(1).includes(partition)).map(l => auditId(l.blockNumber, l.index)))
                exported[name] = rows.map(r => r.id)
            }
            // a ChangedPartition (the unlock) is a row of both the partition it left and the one it entered
            const nameOf = (hex: unknown) => Object.entries(PARTITION).find(([, p]) => p === hex)![0]
            const changed = auditEvents.filter(e => e.kind === 'CHANGED_PARTITION')
            expect(changed.map(e => [nameOf(e.params.fromPartition), nameOf(e.params.toPartition)])).toContainEqual(['locked', 'unlocked'])
            for (const e of changed) {
                expect([exported[nameOf(e.params.fromPartition)]!.includes(e.id), exported[nameOf(e.params.toPartition)]!.includes(e.id)], e.id).toEqual([true, true])
            }
            // the JSONL export, the partition given as bytes32: the same rows
            const jsonl = await exportOf(`audit-trail.jsonl?token=${eip.address}&partition=${PARTITION.senior}`)
            expect(jsonl.status, jsonl.text).toBe(200)
            expect(jsonl.text.trimEnd().split('\n').map(l => (JSON.parse(l) as {id: string}).id)).toEqual(exported.senior)
        })

        it('should refuse a partition the token never had, or one given without its token, naming it', async () => {
            for (const path of ['audit-trail.csv', 'audit-trail.jsonl', 'cap-table.csv']) {
                expect([path, await exportOf(`${path}?token=${eip.address}&partition=junior`)])
                    .toEqual([path, {status: 400, text: `token ${eip.address.toLowerCase()} has no partition junior (${encodeBytes32String('junior')})\n`}])
            }
            expect(await exportOf('audit-trail.csv?partition=senior')).toEqual({status: 400, text: 'partition=senior needs token=<address>: a partition is one token\'s\n'})
        })
    })

    describe('the README\'s ERC-1400 queries', () => {
        const README_HSN = '0xb377a2eed7566ac9fcb0ba673604f9bf875e2bab'
        const README_HOLDER = '0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f'
        const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')
        const section = readme.slice(readme.indexOf('## ERC-1400 tokens'), readme.indexOf('\n## ', readme.indexOf('## ERC-1400 tokens') + 1))
        const queries = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map(m => m[1]!)

        it('should be there', () => {
            expect(queries.length).toBeGreaterThanOrEqual(6)
        })

        for (const [i, q] of queries.entries()) {
            it(`should answer query ${i + 1} (${q.split('\n')[0]!.replace(/^# /, '')}) with data`, async () => {
                // README names the demo's HSN and its sixth holder; this chain deployed its own
                const here = q.replaceAll(README_HSN, eip.address.toLowerCase()).replaceAll(README_HOLDER, devWallet(ERC1400_ROLE.holders[5], provider).address.toLowerCase())
                const data = await gql<Record<string, unknown>>(run.gqlUrl, here)
                for (const [field, value] of Object.entries(data)) {
                    if (Array.isArray(value)) expect(value.length, field).toBeGreaterThan(0)
                    else expect(value, field).not.toBeNull()
                }
            })
        }
    })

    describe('when a partition is changed by a transfer', () => {
        it('should move the tokens out of one partition and into the other in the ledger', async () => {
            const holder = devWallet(ERC1400_ROLE.holders[1], provider).address.toLowerCase()
            const {partitionTransfers} = await gql<{partitionTransfers: {partition: string; toPartition: string; amount: string}[]}>(run.gqlUrl, `query($t: String!, $h: String!) {
                partitionTransfers(limit: 10, where: {token: {address_eq: $t}, from_eq: $h, to_eq: $h}) { partition toPartition amount } }`, {t: eip.address.toLowerCase(), h: holder})
            expect(partitionTransfers).toEqual([{partition: PARTITION.locked, toPartition: PARTITION.unlocked, amount: '200'}])
            const {auditEvents} = await gql<{auditEvents: {subject: string; amount: string}[]}>(run.gqlUrl, `query($t: String!, $h: String!) {
                auditEvents(limit: 10, where: {contract_eq: $t, kind_eq: CHANGED_PARTITION, subject_eq: $h}) { subject amount } }`, {t: eip.address.toLowerCase(), h: holder})
            expect(auditEvents).toEqual([{subject: holder, amount: '200'}])
        })
    })
})
