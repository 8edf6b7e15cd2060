import {describe, expect, it} from 'vitest'
import {functions as irs} from '../../src/abi/IdentityRegistryStorage'
import {ClassificationSource} from '../../src/model/generated/_classificationSource'
import {ContractKind} from '../../src/model/generated/_contractKind'
import {ChainEvent} from '../../src/mapping/events'
import {auditedWalletOf, movedWallets, MovedWallets, readStoredIdentities, recordMoved, storedIdentityReadsOf} from '../../src/mapping/identityChange'
import {DEFAULT_NODE_LIMITS, RpcBatchClient, RpcCall} from '../../src/rpc/nodeLimits'

const STORAGE = '0x00000000000000000000000000000000000000dd'
const REGISTRY = '0x00000000000000000000000000000000000000cc'
const MULTISIG = '0x00000000000000000000000000000000000000ee'
const OLD = '0x0000000000000000000000000000000000000001'
const NEW = '0x0000000000000000000000000000000000000002'
const OTHER = '0x0000000000000000000000000000000000000003'
const FIRST = '0x0000000000000000000000000000000000000a11'
const SECOND = '0x0000000000000000000000000000000000000a22'
const THIRD = '0x0000000000000000000000000000000000000a33'
const BLOCK = 40

/** An identity change of `contract` (the storage's IdentityModified or the registry's IdentityUpdated) in a transaction to `txTo` calling `input`. */
function change(name: 'IdentityModified' | 'IdentityUpdated', oldIdentity = OLD, newIdentity = NEW, input = '0xdeadbeef', txTo = MULTISIG, logIndex = 3): ChainEvent {
    const storage = name === 'IdentityModified'
    return {
        block: {height: BLOCK, hash: '0xb', timestamp: 0}, logIndex, txHash: '0xt', actor: FIRST, txTo, sighash: input.slice(0, 10), input,
        contract: storage ? STORAGE : REGISTRY, kind: storage ? ContractKind.IDENTITY_REGISTRY_STORAGE : ContractKind.IDENTITY_REGISTRY,
        name, params: {oldIdentity, newIdentity}, raw: {topics: [], data: '0x'},
    }
}

/** storedIdentity(wallet) of STORAGE at BLOCK, as the reads key them. */
const reads = (stored: Record<string, string | null>) => new Map(Object.entries(stored).map(([w, id]) => [`${STORAGE}|${w}|${BLOCK}`, id]))

describe('movedWallets()', () => {
    describe('when the call names the wallet', () => {
        it('should move that wallet only, by the transaction\'s selector, without reading', () => {
            const direct = change('IdentityModified', OLD, NEW, irs.modifyStoredIdentity.encode({_userAddress: SECOND, _identity: NEW}), STORAGE)
            expect(movedWallets(direct, [FIRST, SECOND], new Map())).toEqual({value: [SECOND], by: 'TX_SELECTOR'})
        })
    })

    describe('when no call names it', () => {
        it('should move the old identity\'s wallets the storage now holds under the new one, by STORAGE_READ', () => {
            expect(movedWallets(change('IdentityModified'), [FIRST, SECOND, THIRD], reads({[FIRST]: OLD, [SECOND]: NEW, [THIRD]: OLD})))
                .toEqual({value: [SECOND], by: 'STORAGE_READ'})
        })

        it('should move the wallets no longer under the old identity when none holds the new one (changed again later in the block)', () => {
            expect(movedWallets(change('IdentityModified'), [FIRST, SECOND], reads({[FIRST]: OLD, [SECOND]: OTHER})))
                .toEqual({value: [SECOND], by: 'STORAGE_READ'})
        })

        it('should fall back to every wallet of the old identity, by TX_EVENTS, when a wallet was not read', () => {
            expect(movedWallets(change('IdentityModified'), [FIRST, SECOND], reads({[FIRST]: OLD, [SECOND]: null}))).toEqual({value: [FIRST, SECOND], by: 'TX_EVENTS'})
            expect(movedWallets(change('IdentityModified'), [FIRST], new Map())).toEqual({value: [FIRST], by: 'TX_EVENTS'})
        })
    })
})

describe('auditedWalletOf()', () => {
    const moved = (wallets: string[], by: ClassificationSource): MovedWallets => {
        const m: MovedWallets = new Map()
        recordMoved(m, change('IdentityModified'), {value: wallets, by})
        return m
    }

    it('should name the one wallet the storage\'s change moved, on the storage\'s row and on its registry\'s IdentityUpdated of the same call', () => {
        expect(auditedWalletOf(change('IdentityModified'), STORAGE, moved([SECOND], ClassificationSource.STORAGE_READ))).toEqual({value: SECOND, by: 'STORAGE_READ'})
        expect(auditedWalletOf(change('IdentityUpdated', OLD, NEW, '0xdeadbeef', MULTISIG, 4), STORAGE, moved([SECOND], ClassificationSource.STORAGE_READ))).toEqual({value: SECOND, by: 'STORAGE_READ'})
    })

    it('should name no wallet when the reads moved several, or the change fell back to every wallet', () => {
        expect(auditedWalletOf(change('IdentityModified'), STORAGE, moved([FIRST, SECOND], ClassificationSource.STORAGE_READ))).toEqual({value: undefined, by: 'STORAGE_READ'})
        expect(auditedWalletOf(change('IdentityModified'), STORAGE, moved([FIRST, SECOND], ClassificationSource.TX_EVENTS))).toEqual({value: undefined, by: 'TX_EVENTS'})
    })

    it('should be undefined for other events', () => {
        expect(auditedWalletOf({...change('IdentityModified'), name: 'IdentityStored'}, STORAGE, new Map())).toBeUndefined()
    })
})

describe('storedIdentityReadsOf()', () => {
    it('should read, at the block of each unnamed change, every wallet that can belong to a replaced identity then', () => {
        const registered = [{storage: STORAGE, wallet: FIRST, investor: OLD}, {storage: STORAGE, wallet: SECOND, investor: OTHER}, {storage: REGISTRY, wallet: THIRD, investor: OLD}]
        const stored: ChainEvent = {...change('IdentityModified'), name: 'IdentityStored', logIndex: 1, params: {investorAddress: THIRD, identity: OLD}}
        expect(storedIdentityReadsOf(registered, [stored, change('IdentityModified')])).toEqual([
            {storage: STORAGE, wallet: FIRST, block: BLOCK},
            {storage: STORAGE, wallet: THIRD, block: BLOCK},
        ])
    })

    it('should follow an unnamed change into the replaced identity: its wallets may have moved to it first', () => {
        const registered = [{storage: STORAGE, wallet: FIRST, investor: OTHER}, {storage: STORAGE, wallet: SECOND, investor: OLD}, {storage: STORAGE, wallet: THIRD, investor: NEW}]
        const first = {...change('IdentityModified', OTHER, OLD), block: {height: BLOCK - 1, hash: '0xa', timestamp: 0}}
        expect(storedIdentityReadsOf(registered, [first, change('IdentityModified')])).toEqual([
            {storage: STORAGE, wallet: FIRST, block: BLOCK - 1},
            {storage: STORAGE, wallet: SECOND, block: BLOCK},
            {storage: STORAGE, wallet: FIRST, block: BLOCK},
        ])
    })

    it('should read nothing when every change names its wallet', () => {
        const direct = change('IdentityModified', OLD, NEW, irs.modifyStoredIdentity.encode({_userAddress: FIRST, _identity: NEW}), STORAGE)
        expect(storedIdentityReadsOf([{storage: STORAGE, wallet: FIRST, investor: OLD}], [direct])).toEqual([])
    })
})

describe('readStoredIdentities()', () => {
    it('should read storedIdentity at the block in one batch, lower-case, a failed call as null', async () => {
        const asked: unknown[] = []
        // a checksummed address for FIRST; SECOND's call failed (validateError answered null)
        const answers = ['0x000000000000000000000000ABCDEF0000000000000000000000000000000002', null]
        const client: RpcBatchClient = {
            batchCall: async <T>(calls: RpcCall[]): Promise<T[]> => {
                asked.push(calls)
                return answers as T[]
            },
        }
        const got = await readStoredIdentities(client, [{storage: STORAGE, wallet: FIRST, block: BLOCK}, {storage: STORAGE, wallet: SECOND, block: BLOCK}], DEFAULT_NODE_LIMITS)
        expect(got).toEqual(reads({[FIRST]: '0xabcdef0000000000000000000000000000000002', [SECOND]: null}))
        expect(asked).toHaveLength(1)
        expect(asked[0]).toEqual([FIRST, SECOND].map(w => ({method: 'eth_call', params: [{to: STORAGE, data: irs.storedIdentity.encode({_userAddress: w})}, '0x28']})))
    })
})
