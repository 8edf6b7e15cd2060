import {Store} from '@subsquid/typeorm-store'
import {PartitionBalanceChange, PartitionHolding, PartitionTransfer, Token, TokenPartition} from '../../model'
import {bulkWrite, entityManagerOf, trackedUpdate} from '../bulkWrite'
import {fillDecimals} from '../decimals'
import {Entities} from '../state'
import {MovementPlan} from './movements'

// What one batch reads and writes of the ERC-1400 partitions: holdings and partition totals loaded in bulk,
// the partition ledger appended, each wallet's current row in a partition closed where its next one starts.

export const partitionHoldingId = (chainId: number, token: string, partition: string, wallet: string): string =>
    `${chainId}-${token}-${partition}-${wallet}`

export const tokenPartitionId = (chainId: number, token: string, partition: string): string => `${chainId}-${token}-${partition}`

/** A bytes32 partition as text when it is printable ASCII padded with zero bytes ("senior"), else null. */
export function partitionName(partition: string): string | null {
    const bytes = Buffer.from(partition.replace(/^0x/, ''), 'hex')
    const end = bytes.indexOf(0) < 0 ? bytes.length : bytes.indexOf(0)
    if (end === 0 || bytes.subarray(end).some(b => b !== 0)) return null
    const text = bytes.subarray(0, end)
    return text.every(b => b >= 0x20 && b < 0x7f) ? text.toString('ascii') : null
}

export class Erc1400State {
    /** how the batch's logs fit into movements: filled while the rows to load are declared, in chain order */
    readonly plan = new MovementPlan()
    readonly holdings = new Entities(PartitionHolding)
    readonly partitions = new Entities(TokenPartition)
    readonly movements: PartitionTransfer[] = []
    readonly changes: PartitionBalanceChange[] = []
    /** per `<token id>|<partition>|<wallet>`: the latest ledger row of this batch */
    private readonly latest = new Map<string, PartitionBalanceChange>()
    /** per `<token id>|<partition>|<wallet>`: the block that closes the current row from an earlier batch */
    private readonly closing = new Map<string, number>()

    constructor(private readonly chainId: number) {}

    want(token: string, partition: string, wallets: readonly string[]): void {
        this.partitions.want(tokenPartitionId(this.chainId, token, partition))
        for (const w of wallets) this.holdings.want(partitionHoldingId(this.chainId, token, partition, w))
    }

    async load(store: Store): Promise<void> {
        await this.holdings.load(store)
        await this.partitions.load(store)
    }

    /** The partition of `token`, created empty at `block` on first sight; marked as changed. */
    partition(token: Token, partition: string, block: number): TokenPartition {
        const id = tokenPartitionId(this.chainId, token.address, partition)
        const p = this.partitions.upsert(id, () => new TokenPartition({
            id, chainId: this.chainId, partition, name: partitionName(partition), totalSupply: 0n, holderCount: 0, firstBlock: block,
        }))
        p.token = token
        return p
    }

    /** The wallet's holding in a partition, created at zero on first sight; marked as changed. */
    holding(token: Token, partition: string, wallet: string, block: number): PartitionHolding {
        const id = partitionHoldingId(this.chainId, token.address, partition, wallet)
        const h = this.holdings.upsert(id, () => new PartitionHolding({
            id, chainId: this.chainId, partition, wallet, balance: 0n, firstAcquiredBlock: null, lastChangedBlock: block,
        }))
        h.token = token
        return h
    }

    /** A ledger row: it closes the wallet's previous row in the partition, whose balance held until this block. */
    addChange(change: PartitionBalanceChange): void {
        const key = `${change.token.id}|${change.partition}|${change.wallet}`
        const previous = this.latest.get(key)
        if (previous) previous.validUntilBlock = change.blockNumber
        else this.closing.set(key, change.blockNumber)
        this.latest.set(key, change)
        this.changes.push(change)
    }

    /** The decimal twins of the amounts this batch writes, in the decimals of each row's token. */
    fillDecimals(decimalsOf: (row: {token?: {id: string} | null}) => number | null | undefined): void {
        fillDecimals(this.partitions.changedRows(), ['totalSupply'], decimalsOf)
        fillDecimals(this.holdings.changedRows(), ['balance'], decimalsOf)
        fillDecimals(this.movements, ['amount'], decimalsOf)
        fillDecimals(this.changes, ['delta', 'balanceAfter'], decimalsOf)
    }

    /** After the batch's Transfers (movements name them). */
    async save(store: Store): Promise<void> {
        await this.partitions.save(store)
        await this.holdings.save(store)
        await bulkWrite(store, 'insert', this.movements)
        await this.closeRows(store)
        await bulkWrite(store, 'insert', this.changes)
    }

    private async closeRows(store: Store): Promise<void> {
        if (this.closing.size === 0) return
        const keys = [...this.closing.keys()].map(k => k.split('|') as [string, string, string])
        const rows: {id: string; until: number}[] = await entityManagerOf(store).query(
            `SELECT b.id, u.until FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u(token, partition, wallet, until)
               JOIN partition_balance_change b ON b.token_id = u.token AND b.partition = u.partition AND b.wallet = u.wallet AND b.valid_until_block IS NULL`,
            [keys.map(k => k[0]), keys.map(k => k[1]), keys.map(k => k[2]), [...this.closing.values()]])
        await trackedUpdate(store, PartitionBalanceChange, rows.map(r => r.id),
            'UPDATE partition_balance_change b SET valid_until_block = u.until FROM unnest($1::text[], $2::int[]) AS u(id, until) WHERE b.id = u.id',
            [rows.map(r => r.id), rows.map(r => r.until)])
    }
}
