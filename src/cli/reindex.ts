import 'dotenv/config'
import readline from 'readline/promises'
import {parseArgs} from 'util'
import {createLogger} from '@subsquid/logger'
import {describeDatabase, resetDatabase} from '../db'
import {exitWithError, OperatorError} from '../errors'
import {describeOrigin, locateDatabase} from '../localStack'

// npm run reindex [-- --yes]
// Recovery after a reorg deeper than finality or a chain reset: drop the index; the processor then
// rebuilds it from START_BLOCK. Only on a database someone named (DB_URL, DB_HOST) or on this
// checkout's embedded one, and only once confirmed.
const log = createLogger('abst:reindex')

const USAGE = 'usage: npm run reindex [-- --yes]   (drops every indexed row of DB_URL / DB_HOST…, or of npm start\'s embedded database)'

async function confirmed(target: string): Promise<boolean> {
    const rl = readline.createInterface({input: process.stdin, output: process.stdout})
    try {
        const answer = await rl.question(`Drop every indexed row in ${target}? Type "yes" to go on: `)
        return answer.trim().toLowerCase() === 'yes'
    } finally {
        rl.close()
    }
}

async function main(): Promise<void> {
    let yes: boolean
    try {
        yes = parseArgs({args: process.argv.slice(2), strict: true, options: {yes: {type: 'boolean', short: 'y', default: false}}}).values.yes
    } catch (e) {
        throw new OperatorError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`)
    }
    const origin = locateDatabase()
    const target = `${describeDatabase()} (${describeOrigin(origin)})`
    if (!yes) {
        if (!process.stdin.isTTY) throw new OperatorError(`refusing to drop the index in ${target} without confirmation: run \`npm run reindex -- --yes\``)
        if (!(await confirmed(target))) throw new OperatorError('nothing dropped')
    }
    await resetDatabase()
    log.info(`dropped all indexed data in ${target}; start the processor (npm run process) to rebuild it from START_BLOCK`)
}

main().catch(err => exitWithError(log, err))
