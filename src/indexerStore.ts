import {Logger} from '@subsquid/logger'
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {isConnectionLoss} from './connectionLoss'
import {describeDatabase} from './db'

// The processor's store: Subsquid's TypeormDatabase with hot blocks, except that a lost database
// connection ends the process with one line rather than the processor's fatal dump of the batch and its
// SQL. Nothing of the batch is committed (its transaction died with the connection); the supervisor
// restarts the indexer, which waits for the database and resumes from the last committed block.

export class IndexerStore extends TypeormDatabase {
    constructor(private readonly log: Logger) {
        super({supportHotBlocks: true})
    }

    override connect(): ReturnType<TypeormDatabase['connect']> {
        return this.guard(() => super.connect())
    }

    override transact(...args: Parameters<TypeormDatabase['transact']>): Promise<void> {
        return this.guard(() => super.transact(...args))
    }

    override transactHot(...args: Parameters<TypeormDatabase['transactHot']>): Promise<void> {
        return this.guard(() => super.transactHot(...args))
    }

    override transactHot2(...args: Parameters<TypeormDatabase['transactHot2']>): Promise<void> {
        return this.guard(() => super.transactHot2(...args))
    }

    private async guard<T>(fn: () => Promise<T>): Promise<T> {
        try {
            return await fn()
        } catch (err) {
            if (!isConnectionLoss(err)) throw err
            this.log.error(`database ${describeDatabase()} connection lost (${err instanceof Error ? err.message : String(err)}); exiting so the supervisor restarts from the last committed block`)
            process.exit(1)
        }
    }
}
