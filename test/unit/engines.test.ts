import fs from 'fs'
import path from 'path'
import semver from 'semver'
import {describe, expect, it} from 'vitest'
import pkg from '../../package.json'

/** name@version and engines.node of every installed package (nested ones included). */
function installed(dir: string, out: {id: string; node: string}[] = []): {id: string; node: string}[] {
    if (!fs.existsSync(dir)) return out
    for (const entry of fs.readdirSync(dir)) {
        if (entry.startsWith('.')) continue
        const p = path.join(dir, entry)
        if (entry.startsWith('@')) {
            installed(p, out)
            continue
        }
        const file = path.join(p, 'package.json')
        if (fs.existsSync(file)) {
            const j = JSON.parse(fs.readFileSync(file, 'utf8')) as {name?: string; version?: string; engines?: {node?: unknown}}
            if (typeof j.engines?.node === 'string' && semver.validRange(j.engines.node)) out.push({id: `${j.name}@${j.version}`, node: j.engines.node})
        }
        installed(path.join(p, 'node_modules'), out)
    }
    return out
}

describe('package.json engines', () => {
    describe('when every dependency is installed', () => {
        it('should promise only Node versions every dependency supports', () => {
            const ours = pkg.engines.node
            const narrower = installed(path.resolve(__dirname, '..', '..', 'node_modules')).filter(d => !semver.subset(ours, d.node))
            expect(narrower.map(d => `${d.id} requires node ${d.node}`)).toEqual([])
        })

        it('should hold the Node running this test', () => {
            expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true)
        })
    })
})
