import 'dotenv/config'
import path from 'path'
import {EvmBatchProcessor} from '@subsquid/evm-processor'
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {events} from '../../src/abi/Token'
import {indexerConfig} from '../../src/config'
import {applyMigrations} from '../../src/db'
import {logId} from '../../src/ids'
import {PROJECT_DIR} from '../../src/dev/children'

// The entity classes of the product's build (lib/model), which TypeormDatabase registers: this file's own
// compiled copy of src/model (lib-harness) holds other classes, unknown to the connection.
const {Transfer, TransferKind} = require(path.join(PROJECT_DIR, 'lib', 'model')) as typeof import('../../src/model')

// The baselines of the ingest benchmark: the least a squid can do with the same logs (decode, one row
// each); with BARE_WITH_TX=1 it also fetches each log's transaction (sender, selector), as we must.
async function main(): Promise<void> {
    const cfg = indexerConfig()
    const withTx = process.env.BARE_WITH_TX === '1'
    await applyMigrations()
    const processor = new EvmBatchProcessor()
        .setRpcEndpoint({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: 100})
        .setRpcDataIngestionSettings({headPollInterval: 1000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.startBlock})
        .setFields({log: {transactionHash: true}, transaction: {from: true, sighash: true}})
        .addLog({topic0: [events.Transfer.topic], transaction: withTx})
    processor.run(new TypeormDatabase({supportHotBlocks: true}), async ctx => {
        const rows: InstanceType<typeof Transfer>[] = []
        for (const block of ctx.blocks) {
            for (const log of block.logs) {
                const e = events.Transfer.decode(log)
                rows.push(new Transfer({
                    id: logId(0, block.header.height, log.logIndex),
                    chainId: 0,
                    from: e.from,
                    to: e.to,
                    amount: e.value,
                    kind: TransferKind.TRANSFER,
                    actor: log.transaction?.from ?? '',
                    blockNumber: block.header.height,
                    timestamp: new Date(block.header.timestamp),
                    txHash: log.transactionHash,
                    logIndex: log.logIndex,
                }))
            }
        }
        await ctx.store.insert(rows)
    })
}

void main()
