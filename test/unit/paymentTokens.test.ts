import {describe, expect, it} from 'vitest'
import {ContractKind} from '../../src/model/generated/_contractKind'
import {ChainEvent} from '../../src/mapping/events'
import {paymentTokenReads, paymentTokensOf, recordBlocksOf} from '../../src/mapping/paymentTokens'
import {infoKey} from '../../src/mapping/tokenInfo'

const MANAGER = '0x00000000000000000000000000000000000000d1'
const USDC = '0x00000000000000000000000000000000000000c0'
const ODD = '0x00000000000000000000000000000000000000c1'

/** A DistributionCreated of MANAGER at `height`, paying in `paymentToken` (checksummed like a decoded log). */
function created(height: number, paymentToken: string, recordBlock: bigint): ChainEvent {
    return {
        block: {height, hash: '0xb', timestamp: 0}, logIndex: 0, txHash: '0xt', actor: MANAGER, txTo: MANAGER, sighash: '0x00000000', input: '0x',
        contract: MANAGER, kind: ContractKind.DISTRIBUTION_MANAGER, name: 'DistributionCreated',
        params: {paymentToken: paymentToken.toUpperCase().replace('0X', '0x'), recordBlock}, raw: {topics: [], data: '0x'},
    }
}

describe('paymentTokenReads()', () => {
    describe('when a batch creates several distributions paying in the same tokens', () => {
        it('should read each new token once, at its first distribution\'s block, and skip known ones', () => {
            const known = new Set([USDC])
            const reads = paymentTokenReads(known, [created(10, ODD, 9n), created(12, USDC, 11n), created(14, ODD, 13n)])
            expect(reads).toEqual([{token: ODD, block: 10, fields: ['name', 'symbol', 'decimals']}])
        })
    })
})

describe('paymentTokensOf()', () => {
    describe('when a token answered every view', () => {
        it('should record its name, symbol and decimals at the discovery block', () => {
            const reads = [{token: USDC, block: 10, fields: []}]
            const [t] = paymentTokensOf(31337, reads, new Map([[infoKey(USDC, 10), {name: 'USD Coin', symbol: 'USDC', decimals: 6}]]))
            expect(t).toMatchObject({id: `31337-${USDC}`, chainId: 31337, address: USDC, name: 'USD Coin', symbol: 'USDC', decimals: 6, discoveredAtBlock: 10})
        })
    })
    describe('when symbol() and decimals() reverted or did not decode (a non-standard token)', () => {
        it('should record null for them, not fail', () => {
            const reads = [{token: ODD, block: 10, fields: []}]
            expect(paymentTokensOf(31337, reads, new Map([[infoKey(ODD, 10), {name: 'Odd', symbol: null, decimals: null}]]))[0])
                .toMatchObject({name: 'Odd', symbol: null, decimals: null})
            expect(paymentTokensOf(31337, reads, new Map())[0]).toMatchObject({name: null, symbol: null, decimals: null})
        })
    })
})

describe('recordBlocksOf()', () => {
    it('should list each new distribution\'s record block once', () => {
        expect(recordBlocksOf([created(10, ODD, 9n), created(12, USDC, 9n), created(14, ODD, 13n)])).toEqual([9, 13])
    })
})
