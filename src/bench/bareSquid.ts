import 'dotenv/config'
import {EvmBatchProcessor} from '@subsquid/evm-processor'
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {events} from '../abi/Token'
import {indexerConfig} from '../config'
import {applyMigrations} from '../db'
import {logId} from '../ids'
import {Transfer, TransferKind} from '../model'

// The baseline of the ingest benchmark: the least a squid can do with the same logs (decode, one row each).
async function main(): Promise<void> {
    const cfg = indexerConfig()
    await applyMigrations()
    const processor = new EvmBatchProcessor()
        .setRpcEndpoint({url: cfg.rpcUrl, capacity: 10, maxBatchCallSize: 100})
        .setRpcDataIngestionSettings({headPollInterval: 1000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.startBlock})
        .setFields({log: {transactionHash: true}})
        .addLog({topic0: [events.Transfer.topic]})
    processor.run(new TypeormDatabase({supportHotBlocks: true}), async ctx => {
        const rows: Transfer[] = []
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
                    actor: '',
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
