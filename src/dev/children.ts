import {ChildProcess, spawn} from 'child_process'
import path from 'path'
import readline from 'readline'

export const PROJECT_DIR = path.resolve(__dirname, '..', '..')

export interface Child {
    proc: ChildProcess
    /** resolves with the exit code (or signal name) when the process ends */
    exited: Promise<number | string>
}

/** Runs one of our compiled entry points (lib/SCRIPT.js, e.g. 'cli/process') with the given environment and arguments, its lines prefixed. */
export function runCompiled(script: string, env: NodeJS.ProcessEnv, out: (line: string) => void, args: readonly string[] = []): Child {
    const name = path.basename(script)
    const proc = spawn(process.execPath, [path.join(PROJECT_DIR, 'lib', `${script}.js`), ...args], {
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
