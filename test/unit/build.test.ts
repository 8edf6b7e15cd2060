import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import pkg from '../../package.json'

// the build script is plain JavaScript: it runs before any TypeScript is compiled
interface Target {out: string; inputs: string[]}
const {isStale, TARGETS} = require('../../scripts/build.js') as {isStale: (root: string, target?: Target) => boolean; TARGETS: Record<string, Target>}

describe('npm run build', () => {
    describe('.isStale()', () => {
        it('should rebuild only when a source is newer than the last build', () => {
            const root = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-build-'))
            try {
                fs.mkdirSync(path.join(root, 'src'))
                fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1\n')
                expect(isStale(root)).toBe(true)
                fs.mkdirSync(path.join(root, 'lib'))
                fs.writeFileSync(path.join(root, 'lib', '.build-stamp'), '')
                const past = new Date(Date.now() - 60_000)
                fs.utimesSync(path.join(root, 'src', 'a.ts'), past, past)
                expect(isStale(root)).toBe(false)
                fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 2\n')
                expect(isStale(root)).toBe(true)
            } finally {
                fs.rmSync(root, {recursive: true, force: true})
            }
        })
    })

    describe('when the dashboard\'s sources change', () => {
        it('should rebuild lib/dashboard/ only then, whatever lib/ holds', () => {
            const root = fs.mkdtempSync(path.join(os.tmpdir(), 'abst-build-'))
            try {
                fs.mkdirSync(path.join(root, 'dashboard', 'src'), {recursive: true})
                fs.writeFileSync(path.join(root, 'dashboard', 'src', 'main.ts'), 'export {}\n')
                fs.mkdirSync(path.join(root, 'lib', 'dashboard'), {recursive: true})
                fs.writeFileSync(path.join(root, 'lib', '.build-stamp'), '')
                expect(isStale(root, TARGETS.dashboard)).toBe(true)
                fs.writeFileSync(path.join(root, 'lib', 'dashboard', '.build-stamp'), '')
                const past = new Date(Date.now() - 60_000)
                fs.utimesSync(path.join(root, 'dashboard', 'src', 'main.ts'), past, past)
                expect(isStale(root, TARGETS.dashboard)).toBe(false)
                // set, not left to the write: a coarse file clock could give the stamp and the edit the same time
                fs.writeFileSync(path.join(root, 'dashboard', 'src', 'main.ts'), 'export const a = 1\n')
                const later = new Date(Date.now() + 60_000)
                fs.utimesSync(path.join(root, 'dashboard', 'src', 'main.ts'), later, later)
                expect(isStale(root, TARGETS.dashboard)).toBe(true)
            } finally {
                fs.rmSync(root, {recursive: true, force: true})
            }
        })
    })

    describe('when a command starts (start, process, serve, payout:prepare, reindex, test)', () => {
        it('should never delete lib/, which a running process of this checkout may be using', () => {
            const scripts: Record<string, string> = pkg.scripts
            for (const name of ['build', 'prestart', 'start', 'process', 'serve', 'payout:prepare', 'reindex', 'pretest', 'test', 'migration:generate']) {
                expect(scripts[name], name).toBeDefined()
                expect(scripts[name], name).not.toMatch(/rm -rf|rimraf|tsc\b/)
            }
            // sqd's commands (commands.json) too: their build must not start with a clean
            const commands = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'commands.json'), 'utf8')) as {commands: Record<string, {deps?: string[]; cmd: unknown[]}>}
            expect(commands.commands.build!.deps ?? []).not.toContain('clean')
            expect(commands.commands.build!.cmd).toEqual(['node', 'scripts/build.js'])
        })
    })
})

describe('the product code (src/, dashboard/src/)', () => {
    const ROOT = path.resolve(__dirname, '..', '..')
    const filesUnder = (dir: string): string[] => fs.readdirSync(dir, {withFileTypes: true})
        .flatMap(e => e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [])

    it('should import nothing from the test and benchmark harness (test/, bench/), which production never runs', () => {
        const harness = [path.join(ROOT, 'test'), path.join(ROOT, 'bench')]
        const imports: string[] = []
        for (const file of [...filesUnder(path.join(ROOT, 'src')), ...filesUnder(path.join(ROOT, 'dashboard', 'src'))]) {
            for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.[^'"]+)['"]/g)) {
                const target = path.resolve(path.dirname(file), m[1]!)
                if (harness.some(h => target === h || target.startsWith(h + path.sep))) imports.push(`${path.relative(ROOT, file)} imports ${m[1]}`)
            }
        }
        expect(imports).toEqual([])
        // the check itself sees relative imports: src/ holds many
        expect(filesUnder(path.join(ROOT, 'src')).length).toBeGreaterThan(50)
    })
})
