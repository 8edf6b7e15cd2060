import 'dotenv/config'
import fs from 'fs'
import path from 'path'
import {parseArgs} from 'util'
import {createLogger} from '@subsquid/logger'
import {describeDatabase, withDataSource} from '../db'
import {exitWithError, OperatorError} from '../errors'
import {locateDatabase} from '../localStack'
import {Basis, EntitlementPolicy} from '../analytics/entitlements'
import {indexHead, isAddress, ownershipAt, SqlQuery} from '../analytics/ownershipAt'
import {payoutCsv, payoutJson, preparePayout} from '../analytics/payoutFile'

// npm run payout:prepare -- --token <address> --record-block <n> --amount <units>
//     [--by wallet|investor] [--exclude-frozen] [--rounding largest-remainder|floor] [--partition <name or bytes32>] [--chain-id <id>] [--out <dir>]
// Entitlements of a distribution from the INDEXED ownership history at the record block, written as
// <out>/entitlements-<token>[-<partition>]-<block>.csv and .json (Merkle root, every proof, the StandardMerkleTree dump).

const log = createLogger('abst:payout')

const USAGE = 'usage: npm run payout:prepare -- --token <address> --record-block <n> --amount <units> ' +
    '[--by wallet|investor] [--exclude-frozen] [--rounding largest-remainder|floor] [--partition <name or bytes32>] [--chain-id <id>] [--out <dir>]'

class UsageError extends OperatorError {}

interface Args {
    token: string
    recordBlock: number
    amount: bigint
    policy: EntitlementPolicy
    /** ERC-1400: entitle the holders of this partition only (createPartitionDistribution) */
    partition?: string
    chainId?: number
    out: string
}

function parse(argv: string[]): Args {
    let values
    try {
        values = parseArgs({
            args: argv,
            strict: true,
            options: {
                'token': {type: 'string'},
                'record-block': {type: 'string'},
                'amount': {type: 'string'},
                'by': {type: 'string', default: 'wallet'},
                'exclude-frozen': {type: 'boolean', default: false},
                'rounding': {type: 'string', default: 'largest-remainder'},
                'partition': {type: 'string'},
                'chain-id': {type: 'string'},
                'out': {type: 'string', default: '.'},
            },
        }).values
    } catch (e) {
        throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`)
    }
    const token = values.token
    if (token == null) throw new UsageError(`--token is required\n${USAGE}`)
    if (!isAddress(token)) throw new UsageError(`--token "${token}" is not an address (0x followed by 40 hex digits)`)
    const block = values['record-block']
    if (block == null) throw new UsageError(`--record-block is required\n${USAGE}`)
    if (!/^\d+$/.test(block) || !Number.isSafeInteger(Number(block))) throw new UsageError(`--record-block "${block}" is not a block number`)
    const amount = values.amount
    if (amount == null) throw new UsageError(`--amount is required\n${USAGE}`)
    if (!/^-?\d+$/.test(amount)) throw new UsageError(`--amount "${amount}" is not a whole number of payment-token units (smallest units, no decimals)`)
    if (BigInt(amount) <= 0n) throw new UsageError(`--amount must be positive, got ${amount}`)
    const by: Record<string, Basis> = {wallet: 'BY_WALLET', investor: 'BY_INVESTOR'}
    const basis = by[values.by]
    if (basis == null) throw new UsageError(`--by "${values.by}" must be wallet or investor`)
    const roundings = {'largest-remainder': 'LARGEST_REMAINDER', 'floor': 'FLOOR'} as const
    const rounding = roundings[values.rounding as keyof typeof roundings] as EntitlementPolicy['rounding'] | undefined
    if (rounding == null) throw new UsageError(`--rounding "${values.rounding}" must be largest-remainder or floor`)
    const chainId = values['chain-id']
    if (chainId != null && !/^\d+$/.test(chainId)) throw new UsageError(`--chain-id "${chainId}" is not a chain id`)
    return {
        token: token.toLowerCase(),
        recordBlock: Number(block),
        amount: BigInt(amount),
        policy: {basis, includeFrozen: !values['exclude-frozen'], rounding},
        partition: values.partition,
        chainId: chainId == null ? undefined : Number(chainId),
        out: values.out,
    }
}

async function main(): Promise<void> {
    const args = parse(process.argv.slice(2))
    locateDatabase()
    const {prepared, head} = await withDataSource(async ds => {
        // One read-only snapshot: the indexer may commit blocks meanwhile.
        const runner = ds.createQueryRunner()
        await runner.connect()
        try {
            await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
            const query: SqlQuery = (sql, params) => runner.query(sql, params)
            const head = await indexHead(query)
            const ownership = await ownershipAt(query, {token: args.token, block: args.recordBlock, chainId: args.chainId, head: head?.height, partition: args.partition})
            await runner.query('COMMIT')
            return {prepared: preparePayout(ownership, args.amount, args.policy), head}
        } finally {
            await runner.release()
        }
    }).catch(err => {
        if (err instanceof OperatorError) throw err
        if (err instanceof Error && /ECONNREFUSED|ENOTFOUND|password authentication|does not exist|timeout/i.test(err.message)) {
            throw new OperatorError(`cannot read the index in ${describeDatabase()}: ${err.message} (set DB_URL, or DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS)`)
        }
        throw err
    })

    const {result: r, ownership: o} = prepared
    fs.mkdirSync(args.out, {recursive: true})
    const partition = args.partition == null ? '' : `-${args.partition.replace(/[^\w.-]/g, '_')}`
    const base = path.join(args.out, `entitlements-${o.token.address}${partition}-${o.block}`)
    fs.writeFileSync(`${base}.json`, JSON.stringify(payoutJson(prepared), null, 2) + '\n')
    fs.writeFileSync(`${base}.csv`, payoutCsv(prepared))

    const partly = o.holders.filter(h => h.frozenTokens > 0n).length
    const frozenAddresses = o.holders.filter(h => h.addressFrozen).length
    const say = (m: string) => console.log(m)
    say(`token ${o.token.symbol ?? '?'} ${o.token.address} (chain ${o.token.chainId}), record block ${o.block} (indexed head ${head?.height})`)
    if (head != null && o.block > head.finalized) {
        say(`warning: record block ${o.block} is not final yet (last finalized block ${head.finalized}): a reorg may still change its holders`)
    }
    say(`holders of record: ${o.holders.length}, total supply ${o.totalSupply}`)
    say(r.includeFrozen
        ? 'frozen balances: included (frozen tokens and frozen addresses count toward entitlements)'
        : `frozen balances: excluded — frozen as of block ${o.block} from the indexed TokensFrozen/TokensUnfrozen/AddressFrozen events ` +
          `(${partly} wallet(s) with frozen tokens, ${frozenAddresses} frozen address(es), ${r.excluded.length} holder(s) entirely frozen and left out)`)
    say(`basis ${r.basis}, rounding ${r.rounding}: ${r.lines.length} entitlement(s) over an eligible supply of ${r.eligibleSupply}`)
    say(`amount ${r.totalAmount}: allocated ${r.allocated}, unallocated ${r.unallocated}`)
    say(`merkle root ${prepared.merkleRoot}`)
    say(`wrote ${base}.csv and ${base}.json`)
}

main().catch(err => exitWithError(log, err))
