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

/** How long a stopped child may take before its process group is killed (see stopGroup). */
export const STOP_GRACE_MS = 10_000

/**
 * Stops a child run in a process group of its own (runNodeFile): SIGTERM to it and, if it has not exited
 * after `graceMs`, SIGKILL to its whole group (a supervisor and the process it supervises), so that a stop
 * always ends. Resolves once the child has exited: true when it had to be killed.
 */
export async function stopGroup(child: Child, graceMs = STOP_GRACE_MS): Promise<boolean> {
    const pid = child.proc.pid
    if (pid == null) return false
    let killed = false
    if (child.proc.exitCode == null && child.proc.signalCode == null) child.proc.kill('SIGTERM')
    const timer = setTimeout(() => {
        killed = true
        try {
            process.kill(-pid, 'SIGKILL')
        } catch (err) {
            // ESRCH: the group ended meanwhile; nothing else can fail on a group we started
            if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
        }
    }, graceMs)
    await child.exited
    clearTimeout(timer)
    return killed
}
