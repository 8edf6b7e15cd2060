import fs from 'fs'
import os from 'os'
import path from 'path'
import {afterAll, describe, expect, it} from 'vitest'
import {runNodeFile, stopGroup} from '../../src/dev/children'

describe('.stopGroup()', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-children-'))
    afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

    /** A script file of `body`; each script below prints 'ready <pid>' once running (a supervisor: its own and its child's). */
    const script = (name: string, body: string) => {
        const file = path.join(dir, `${name}.js`)
        fs.writeFileSync(file, body)
        return file
    }
    const stubbornChild = script('stubbornChild', `process.on('SIGTERM', () => {}); console.log('ready ' + process.pid); setInterval(() => {}, 1000)`)
    /** No such process, or a zombie (killed, its parent gone, and this machine's PID 1 does not reap). */
    const gone = (pid: number) => {
        try {
            return /^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
        } catch {
            return true
        }
    }
    const started = async (file: string) => {
        const lines: string[] = []
        const child = runNodeFile(file, process.env, l => lines.push(l))
        while (!lines.some(l => l.includes('ready'))) await new Promise(r => setTimeout(r, 10))
        return {child, pids: lines.flatMap(l => [...l.matchAll(/ready (\d+)/g)].map(m => Number(m[1])))}
    }

    describe('when the child stops on SIGTERM', () => {
        it('should resolve once it has exited, without killing it', async () => {
            const {child} = await started(script('polite', `console.log('ready ' + process.pid); setInterval(() => {}, 1000)`))
            expect(await stopGroup(child, 5000)).toBe(false)
            expect(await child.exited).toBe('SIGTERM')
        })
    })

    describe('when a supervisor and its child ignore SIGTERM', () => {
        it('should kill the whole group after the grace period', async () => {
            const supervisor = script('supervisor', `
                const {spawn} = require('child_process')
                process.on('SIGTERM', () => {})
                const c = spawn(process.execPath, [${JSON.stringify(stubbornChild)}], {stdio: ['ignore', 'pipe', 'inherit']})
                c.stdout.on('data', d => console.log('ready ' + process.pid + ' ' + String(d).trim()))
                setInterval(() => {}, 1000)`)
            const {child, pids} = await started(supervisor)
            expect(pids).toHaveLength(2)
            const t0 = Date.now()
            expect(await stopGroup(child, 300)).toBe(true)
            expect(Date.now() - t0).toBeGreaterThanOrEqual(300)
            expect(await child.exited).toBe('SIGKILL')
            // the supervised process went with its supervisor: the group was killed, not the supervisor alone
            for (let i = 0; i < 100 && !gone(pids[1]!); i++) await new Promise(r => setTimeout(r, 10))
            expect(pids.map(gone)).toEqual([true, true])
        })
    })
})
