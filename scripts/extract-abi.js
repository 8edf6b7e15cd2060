// Copies the ABIs of the contracts we index out of the npm artifacts, so typegen and reviewers see them in abi/.
const fs = require('fs')
const path = require('path')
const trex = require('@tokenysolutions/t-rex').contracts

const wanted = {
  Token: trex.Token,
  TREXFactory: trex.TREXFactory,
}
const out = path.join(__dirname, '..', 'abi')
fs.mkdirSync(out, {recursive: true})
for (const [name, artifact] of Object.entries(wanted)) {
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(artifact.abi, null, 2) + '\n')
}
