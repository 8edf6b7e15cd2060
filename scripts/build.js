// `npm run build`: compiles src/ into lib/ only when a source is newer than the last build, and then
// incrementally (tsc's own .tsbuildinfo). It never deletes lib/: a process started from this checkout
// (npm start's indexer and API) keeps running on it while another command builds. `npm run build:clean`
// rebuilds from nothing.
// `node scripts/build.js harness` (`npm run build:harness`) also compiles what only the benchmark and the
// simulation run as plain node (bench/src, test/harness, with the src they import) into lib-harness/, the
// same way; the product in lib/ never contains them.
// The dashboard (dashboard/: browser TypeScript, chart.js, the graphql-ws client) is type-checked and
// bundled by esbuild into lib/dashboard/, which the API serves at / and /dashboard; rebuilt, like lib/,
// only when one of its sources is newer than its stamp.
const {spawnSync} = require('child_process')
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
// the stamp is written in the output folder after each successful build (tsc's .tsbuildinfo is also
// written by `tsc --noEmit`, which emits nothing)
const TARGETS = {
    product: {config: 'tsconfig.json', out: 'lib', inputs: ['src', 'tsconfig.json']},
    harness: {config: 'tsconfig.harness.json', out: 'lib-harness', inputs: ['src', 'test/harness', 'bench/src', 'tsconfig.json', 'tsconfig.harness.json']},
    dashboard: {config: 'dashboard/tsconfig.json', out: 'lib/dashboard', inputs: ['dashboard', 'package-lock.json']},
}
/** What esbuild writes and copies into lib/dashboard/: the page's only files, nothing fetched from elsewhere at run time. */
const DASHBOARD = {entry: 'dashboard/src/main.ts', bundle: 'app.js', copied: ['dashboard/index.html', 'dashboard/style.css']}

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

/** Whether the target's output (lib/ by default) is older than any of its inputs (or missing). */
function isStale(root = ROOT, target = TARGETS.product) {
    const stamp = path.join(root, target.out, '.build-stamp')
    if (!fs.existsSync(stamp)) return true
    return newestMtime(target.inputs.map(i => path.join(root, i))) > fs.statSync(stamp).mtimeMs
}

function build(target, emit = () => {}) {
    if (!isStale(ROOT, target)) {
        console.log(`${target.out}/ is up to date with ${target.inputs.filter(i => !i.endsWith('.json')).join(', ')}: not rebuilding`)
        return
    }
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, target.config)], {stdio: 'inherit'})
    if (tsc.status !== 0) process.exit(tsc.status ?? 1)
    emit()
    fs.writeFileSync(path.join(ROOT, target.out, '.build-stamp'), `${new Date().toISOString()}\n`)
}

/** Bundles the dashboard (tsc above only type-checks it) and copies its page and stylesheet next to the bundle. */
function bundleDashboard() {
    const out = path.join(ROOT, TARGETS.dashboard.out)
    fs.mkdirSync(out, {recursive: true})
    require('esbuild').buildSync({
        entryPoints: [path.join(ROOT, DASHBOARD.entry)], outfile: path.join(out, DASHBOARD.bundle),
        bundle: true, minify: true, sourcemap: true, format: 'esm', target: 'es2022', platform: 'browser', logLevel: 'warning',
    })
    for (const f of DASHBOARD.copied) fs.copyFileSync(path.join(ROOT, f), path.join(out, path.basename(f)))
}

function main() {
    const which = process.argv[2]
    if (which !== undefined && which !== 'harness') {
        console.error(`unknown build target '${which}': run without one for the product (lib/), or with 'harness' for the benchmark and simulation (lib-harness/)`)
        process.exit(2)
    }
    build(TARGETS.product)
    build(TARGETS.dashboard, bundleDashboard)
    if (which === 'harness') build(TARGETS.harness)
}

module.exports = {isStale, TARGETS}
if (require.main === module) main()
