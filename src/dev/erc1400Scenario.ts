import {AbiCoder, Contract, encodeBytes32String, id, JsonRpcProvider} from 'ethers'
import {deployPayoutContract, payoutContractAt} from './payouts'
import {ACCOUNT, connect, DevAccounts, sendChecked} from './rpc'

// Our ERC-1400 test fixture (contracts/ERC1400Token.sol) on a dev chain: three partitions, and a story that
// makes it emit every event of the family — issuance and redemption (by partition, ERC-1594, by operators),
// transfers (ERC-20, by partition, by operators, with partition changes), operators granted and revoked
// (global and per partition), controller transfers and redemptions, documents set, updated and removed.

export const PARTITION = {
    locked: encodeBytes32String('locked'),
    unlocked: encodeBytes32String('unlocked'),
    senior: encodeBytes32String('senior'),
} as const

export const DOCUMENT = {
    ppm: encodeBytes32String('PPM'),
    prospectus: encodeBytes32String('PROSPECTUS'),
} as const

/** The accounts of the story: the issuer deploys and issues, the controller forces, holders and operators trade. */
export const ERC1400_ROLE = {
    issuer: ACCOUNT.deployer,
    controller: ACCOUNT.agent,
    holders: [ACCOUNT.firstInvestor, ACCOUNT.firstInvestor + 1, ACCOUNT.firstInvestor + 2, ACCOUNT.firstInvestor + 3, ACCOUNT.firstInvestor + 4, ACCOUNT.firstInvestor + 5],
    operator: ACCOUNT.firstInvestor + 6,
} as const

/** `data` of a transfer by partition that lands in `partition` (CHANGE_PARTITION_FLAG, then the partition). */
export const changeTo = (partition: string): string =>
    AbiCoder.defaultAbiCoder().encode(['bytes32', 'bytes32'], [`0x${'f'.repeat(64)}`, partition])

export interface Erc1400Token {
    address: string
    symbol: string
    /** the Polymath signatures of IssuedByPartition and RedeemedByPartition */
    polymathEvents: boolean
    deployBlock: number
}

/** Deploys the fixture as the issuer, the controller the agent account, ERC-20 transfers drawing on unlocked then senior. */
export async function deployErc1400(rpcUrl: string, name: string, symbol: string, polymathEvents: boolean): Promise<Erc1400Token> {
    const accounts = new DevAccounts(await connect(rpcUrl))
    const token = await deployPayoutContract('ERC1400Token', accounts.signer(ERC1400_ROLE.issuer),
        [name, symbol, 0, accounts.address(ERC1400_ROLE.controller), [PARTITION.unlocked, PARTITION.senior], polymathEvents])
    return {address: (await token.getAddress()).toLowerCase(), symbol, polymathEvents, deployBlock: await accounts.provider.getBlockNumber()}
}

/** Every account the story touches: whose balances, partitions and operators an oracle reads. */
export function erc1400Accounts(provider: JsonRpcProvider): string[] {
    const accounts = new DevAccounts(provider)
    return [ERC1400_ROLE.issuer, ERC1400_ROLE.controller, ...ERC1400_ROLE.holders, ERC1400_ROLE.operator].map(i => accounts.address(i).toLowerCase())
}

/** The story, one transaction per block. */
export async function runErc1400Scenario(rpcUrl: string, token: string): Promise<void> {
    const accounts = new DevAccounts(await connect(rpcUrl))
    const as = (index: number): Contract => payoutContractAt('ERC1400Token', token, accounts.signer(index))
    const [h0, h1, h2, h3, h4, h5] = ERC1400_ROLE.holders.map(i => accounts.address(i))
    const [a0, a1, a2, a3, a4, a5] = ERC1400_ROLE.holders
    const op = ERC1400_ROLE.operator
    const issuer = as(ERC1400_ROLE.issuer)
    const controller = as(ERC1400_ROLE.controller)
    const steps: [string, Contract, string, unknown[]][] = [
        ['issue unlocked', issuer, 'issueByPartition', [PARTITION.unlocked, h0, 1000n, '0x']],
        ['issue locked', issuer, 'issueByPartition', [PARTITION.locked, h1, 500n, '0x']],
        ['issue senior', issuer, 'issueByPartition', [PARTITION.senior, h2, 300n, '0x']],
        ['issue (ERC-1594)', issuer, 'issue', [h3, 200n, '0x01']],
        ['issue senior again', issuer, 'issueByPartition', [PARTITION.senior, h0, 150n, '0x']],
        ['set the PPM', issuer, 'setDocument', [DOCUMENT.ppm, 'ipfs://ppm-v1', id('ppm v1')]],
        ['set the prospectus', issuer, 'setDocument', [DOCUMENT.prospectus, 'https://issuer.example/prospectus.pdf', id('prospectus')]],
        ['ERC-20 transfer', as(a0), 'transfer', [h4, 100n]],
        ['transfer by partition', as(a0), 'transferByPartition', [PARTITION.senior, h1, 50n, '0x']],
        ['unlock own tokens', as(a1), 'transferByPartition', [PARTITION.locked, h1, 200n, changeTo(PARTITION.unlocked)]],
        ['authorize an operator', as(a1), 'authorizeOperator', [accounts.address(op)]],
        ['operator transfer', as(op), 'operatorTransferByPartition', [PARTITION.unlocked, h1, accounts.address(op), 100n, '0x', '0xabcd']],
        ['authorize a senior operator', as(a2), 'authorizeOperatorByPartition', [PARTITION.senior, accounts.address(op)]],
        ['operator transfer into another partition', as(op), 'operatorTransferByPartition', [PARTITION.senior, h2, h4, 60n, changeTo(PARTITION.unlocked), '0x']],
        ['revoke the senior operator', as(a2), 'revokeOperatorByPartition', [PARTITION.senior, accounts.address(op)]],
        ['revoke the operator', as(a1), 'revokeOperator', [accounts.address(op)]],
        // 900 unlocked then 50 senior: two movements, both forced
        ['controller transfer', controller, 'controllerTransfer', [h0, h5, 950n, '0x', '0x0c']],
        ['update the PPM', issuer, 'setDocument', [DOCUMENT.ppm, 'ipfs://ppm-v2', id('ppm v2')]],
        ['redeem (ERC-1594)', as(a3), 'redeem', [50n, '0x']],
        ['redeem by partition', as(a4), 'redeemByPartition', [PARTITION.unlocked, 20n, '0x']],
        ['authorize an unlocked operator', as(a5), 'authorizeOperatorByPartition', [PARTITION.unlocked, accounts.address(op)]],
        ['operator redemption', as(op), 'operatorRedeemByPartition', [PARTITION.unlocked, h5, 30n, '0x01']],
        ['controller redemption', controller, 'controllerRedeem', [h1, 120n, '0x', '0x0d']],
        ['remove the prospectus', issuer, 'removeDocument', [DOCUMENT.prospectus]],
        ['approve', as(a3), 'approve', [accounts.address(op), 45n]],
        ['transfer from', as(op), 'transferFrom', [h3, h5, 40n]],
        ['transfer with data', as(a3), 'transferWithData', [h5, 10n, '0x1234']],
        ['redeem from', as(op), 'redeemFrom', [h3, 5n, '0x']],
        ['issue locked again', issuer, 'issueByPartition', [PARTITION.locked, h4, 77n, '0x']],
    ]
    for (const [step, contract, method, args] of steps) await sendChecked(step, contract, method, args)
}
