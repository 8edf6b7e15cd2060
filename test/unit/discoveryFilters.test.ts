import {describe, expect, it} from 'vitest'
import {events as distributions} from '../../src/abi/DistributionManager'
import {events as dvd} from '../../src/abi/DVDTransferManager'
import {events as gateway} from '../../src/abi/TREXGateway'
import {selfDiscoveryFilters} from '../../src/mapping/discovery'

const TOKEN = '0x00000000000000000000000000000000000000a1'
const OTHER = '0x00000000000000000000000000000000000000a2'
const FACTORY = '0x00000000000000000000000000000000000000f1'
const word = (address: string) => '0x' + address.slice(2).padStart(64, '0')
const ANY = word('0x01')

/** Whether a log's topics pass an eth_getLogs topic filter: position by position, null any, a list any of it. */
function passes(filter: readonly (string | readonly string[] | null)[], topics: readonly string[]): boolean {
    return filter.every((want, i) => {
        const got = topics[i]
        return want == null || (got != null && (typeof want === 'string' ? [want] : want).includes(got))
    })
}

const filters = selfDiscoveryFilters([TOKEN], [FACTORY])
const matching = (topics: string[]) => filters.filter(f => passes(f.topics, topics)).length

describe('selfDiscoveryFilters()', () => {
    it('should ask the node with three filters (each is a scan of the range at the node)', () => {
        expect(filters).toHaveLength(3)
    })

    describe('when a watched token is the one a contract names', () => {
        it('should find its DistributionCreated', () => {
            expect(matching([distributions.DistributionCreated.topic, ANY, word(TOKEN)])).toBe(1)
        })
        it('should find a DVDTransferInitiated that has it as either token', () => {
            expect(matching([dvd.DVDTransferInitiated.topic, ANY, word(TOKEN), word(OTHER)])).toBe(1)
            expect(matching([dvd.DVDTransferInitiated.topic, ANY, word(OTHER), word(TOKEN)])).toBe(1)
        })
        it('should find a FactorySet of a watched factory', () => {
            expect(matching([gateway.FactorySet.topic, word(FACTORY)])).toBe(1)
        })
    })

    describe('when the token or factory is not watched', () => {
        it('should find none of those events', () => {
            expect(matching([distributions.DistributionCreated.topic, ANY, word(OTHER)])).toBe(0)
            expect(matching([dvd.DVDTransferInitiated.topic, ANY, word(OTHER), word(OTHER)])).toBe(0)
            expect(matching([gateway.FactorySet.topic, word(OTHER)])).toBe(0)
        })
        it('should not take another event that carries the token in the same place', () => {
            expect(matching([gateway.FactorySet.topic, ANY, word(TOKEN)])).toBe(0)
        })
    })
})
