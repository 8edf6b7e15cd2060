import 'dotenv/config'
import {spawn} from 'child_process'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {describeDatabase} from '../db'
import {exitWithError, OperatorError} from '../errors'
import {describeOrigin, locateDatabase} from '../localStack'

// npm run migration:apply | migration:generate: SQD's migration tool, run on the database every other
// command finds (DB_URL or DB_HOST, else npm start's embedded one) once the whole configuration is valid;
// never on a guessed localhost:5432/postgres.
const log = createLogger('abst:migration')

const USAGE = 'usage: npm run migration:apply | npm run migration:generate'
const COMMANDS = new Set(['apply', 'generate'])

/** The SQD migration tool's entry point in this checkout's node_modules. */
const TOOL = path.join(path.dirname(require.resolve('@subsquid/typeorm-migration/package.json')), 'bin', 'squid-typeorm-migration')

async function main(): Promise<void> {
    const [command, ...rest] = process.argv.slice(2)
    if (command == null || !COMMANDS.has(command) || rest.length > 0) throw new OperatorError(USAGE)
    const origin = locateDatabase()
    log.info(`migration ${command} on ${describeDatabase()} (${describeOrigin(origin)})`)
    const child = spawn(process.execPath, [TOOL, command], {stdio: 'inherit', env: process.env})
    const code = await new Promise<number>(resolve => child.once('exit', c => resolve(c ?? 1)))
    process.exit(code)
}

main().catch(err => exitWithError(log, err))
