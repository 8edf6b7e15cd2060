import 'dotenv/config'
import {createLogger} from '@subsquid/logger'
import {describeDatabase, resetDatabase} from '../db'
import {exitWithError} from '../errors'

// Recovery after a reorg deeper than finality or a chain reset: drop the index; the processor then rebuilds it from START_BLOCK.
const log = createLogger('abst:reindex')

async function main(): Promise<void> {
    await resetDatabase()
    log.info(`dropped all indexed data in ${describeDatabase()}; start the processor (npm run process) to rebuild it from START_BLOCK`)
}

main().catch(err => exitWithError(log, err))
