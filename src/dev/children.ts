import {ChildProcess, spawn} from 'child_process'
import path from 'path'
import readline from 'readline'
import {PROJECT_DIR} from '../localStack'

export {PROJECT_DIR}

export interface Child {
    proc: ChildProcess
    /** resolves with the exit code (or signal name) when the process ends */
    exited: Promise<number | string>
}

/** Runs one of our compiled entry points (lib/SCRIPT.js, e.g. 'cli/process') with the given environment and arguments, its lines prefixed. */
export function runCompiled(script: string, env: NodeJS.ProcessEnv, out: (line: string) => void, args: readonly string[] = []): Child {
    return runNodeFile(path.join(PROJECT_DIR, 'lib', `${script}.js`), env, out, args)
}

/** Runs a compiled JavaScript file by its path (the benchmark's own entry points live outside lib/), as runCompiled does. */
export function runNodeFile(file: string, env: NodeJS.ProcessEnv, out: (line: string) => void, args: readonly string[] = []): Child {
    const name = path.basename(file, '.js')
    const proc = spawn(process.execPath, [file, ...args], {
        cwd: PROJECT_DIR,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group: a Ctrl-C in the terminal reaches only the parent, which stops children in order.
        detached: true,
    })
    for (const stream of [proc.stdout, proc.stderr]) {
        if (stream) readline.createInterface({input: stream}).on('line', line => out(`[${name}] ${line}`))
    }
    const exited = new Promise<number | string>(resolve => proc.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
    return {proc, exited}
}
