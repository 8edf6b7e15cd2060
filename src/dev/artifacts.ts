import { contracts as trexArtifacts } from '@tokenysolutions/t-rex'
import { contracts as onchainIdArtifacts } from '@onchain-id/solidity'
import { Contract, ContractFactory, ContractRunner, Interface, InterfaceAbi, Signer } from 'ethers'

export type TrexContractName = keyof typeof trexArtifacts
export type OnchainIdContractName = keyof typeof onchainIdArtifacts
/** The two packages use disjoint contract names, so one flat name space is unambiguous. */
export type ArtifactName = TrexContractName | OnchainIdContractName

interface Artifact {
    abi: InterfaceAbi
    bytecode: string
}

function isTrexName(name: ArtifactName): name is TrexContractName {
    return name in trexArtifacts
}

function artifact(name: ArtifactName): Artifact {
    return isTrexName(name) ? trexArtifacts[name] : onchainIdArtifacts[name]
}

/** Factory that deploys the compiled artifact exactly as published in the npm package. */
export function contractFactory(name: ArtifactName, signer: Signer): ContractFactory {
    const {abi, bytecode} = artifact(name)
    return new ContractFactory(abi, bytecode, signer)
}

export function contractAt(name: ArtifactName, address: string, runner: ContractRunner): Contract {
    return new Contract(address, artifact(name).abi, runner)
}

export function contractInterface(name: ArtifactName): Interface {
    return new Interface(artifact(name).abi)
}
