// Compiles contracts/*.sol with solc-js (the npm `solc` package) and writes, for each file's
// contract of the same name:
//   contracts/build/<Name>.json  {contractName, sourceName, compiler, abi, bytecode, deployedBytecode}
//   abi/<Name>.json              the ABI alone, like the other files in abi/
// Both are committed, so installing the project needs no compiler run.
// `--check` compiles without writing and fails if a committed file is out of date.
const fs = require('fs')
const path = require('path')
const solc = require('solc')

const root = path.join(__dirname, '..')
const contractsDir = path.join(root, 'contracts')
const buildDir = path.join(contractsDir, 'build')
const abiDir = path.join(root, 'abi')
const check = process.argv.includes('--check')

// Explicit EVM version: solc's default follows the newest hardfork, which not every chain runs.
const settings = {
    optimizer: {enabled: true, runs: 200},
    evmVersion: 'cancun',
    outputSelection: {'*': {'*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object']}},
}

function findImports(importPath) {
    const candidates = [path.join(root, importPath), path.join(root, 'node_modules', importPath)]
    try {
        candidates.push(require.resolve(importPath, {paths: [root]}))
    } catch {
        // not resolvable as a package file
    }
    for (const file of candidates) {
        if (fs.existsSync(file)) return {contents: fs.readFileSync(file, 'utf8')}
    }
    return {error: `import not found: ${importPath} (is the package installed? run npm install)`}
}

function compile() {
    const files = fs.readdirSync(contractsDir).filter(f => f.endsWith('.sol')).sort()
    if (files.length === 0) throw new Error(`no .sol files in ${contractsDir}`)
    const sources = {}
    for (const f of files) {
        sources[`contracts/${f}`] = {content: fs.readFileSync(path.join(contractsDir, f), 'utf8')}
    }
    const input = {language: 'Solidity', sources, settings}
    const output = JSON.parse(solc.compile(JSON.stringify(input), {import: findImports}))
    const diagnostics = output.errors ?? []
    for (const d of diagnostics) {
        if (d.severity !== 'error') console.warn(d.formattedMessage)
    }
    const errors = diagnostics.filter(d => d.severity === 'error')
    if (errors.length > 0) {
        throw new Error(`solc failed:\n${errors.map(e => e.formattedMessage).join('\n')}`)
    }
    const artifacts = []
    for (const f of files) {
        const name = path.basename(f, '.sol')
        const sourceName = `contracts/${f}`
        const contract = output.contracts[sourceName]?.[name]
        if (!contract) throw new Error(`${sourceName} defines no contract named ${name}`)
        artifacts.push({
            contractName: name,
            sourceName,
            compiler: {version: solc.version(), settings: {optimizer: settings.optimizer, evmVersion: settings.evmVersion}},
            abi: contract.abi,
            bytecode: `0x${contract.evm.bytecode.object}`,
            deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
        })
    }
    return artifacts
}

function main() {
    const artifacts = compile()
    const outputs = []
    for (const a of artifacts) {
        outputs.push([path.join(buildDir, `${a.contractName}.json`), JSON.stringify(a, null, 2) + '\n'])
        outputs.push([path.join(abiDir, `${a.contractName}.json`), JSON.stringify(a.abi, null, 2) + '\n'])
    }
    if (check) {
        const stale = outputs.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text)
        if (stale.length > 0) {
            console.error(`out of date (run npm run contracts): ${stale.map(([f]) => path.relative(root, f)).join(', ')}`)
            process.exit(1)
        }
        console.log(`contracts up to date (solc ${solc.version()})`)
        return
    }
    fs.mkdirSync(buildDir, {recursive: true})
    fs.mkdirSync(abiDir, {recursive: true})
    for (const [file, text] of outputs) fs.writeFileSync(file, text)
    console.log(`compiled ${artifacts.map(a => a.contractName).join(', ')} with solc ${solc.version()}`)
}

try {
    main()
} catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
}
