// `npm run build`: compiles src/ into lib/ only when a source is newer than the last build, and then
// incrementally (tsc's own .tsbuildinfo). It never deletes lib/: a process started from this checkout
// (npm start's indexer and API) keeps running on it while another command builds. `npm run build:clean`
// rebuilds from nothing.
const {spawnSync} = require('child_process')
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
// written here after each successful build (tsc's .tsbuildinfo is also written by `tsc --noEmit`, which emits nothing)
const STAMP = path.join(ROOT, 'lib', '.build-stamp')
const INPUTS = ['src', 'tsconfig.json']

/** The newest modification time (ms) of the files under `paths`. */
function newestMtime(paths) {
    let newest = 0
    const visit = p => {
        const st = fs.statSync(p)
        if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e))
        else newest = Math.max(newest, st.mtimeMs)
    }
    for (const p of paths) if (fs.existsSync(p)) visit(p)
    return newest
}

/** Whether lib/ is older than any input (or missing). */
function isStale(root = ROOT) {
    const stamp = path.join(root, 'lib', '.build-stamp')
    if (!fs.existsSync(stamp)) return true
    return newestMtime(INPUTS.map(i => path.join(root, i))) > fs.statSync(stamp).mtimeMs
}

function main() {
    if (!isStale()) {
        console.log('lib/ is up to date with src/: not rebuilding')
        return
    }
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], {stdio: 'inherit'})
    if (tsc.status !== 0) process.exit(tsc.status ?? 1)
    fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`)
}

module.exports = {isStale}
if (require.main === module) main()
