import {describe, expect, it} from 'vitest'
import {events} from '../../src/abi/TREXImplementationAuthority'
import {ContractKind} from '../../src/model/generated/_contractKind'
import {decodeEvent} from '../../src/mapping/catalog'
import {ChainEvent} from '../../src/mapping/events'
import {updatedVersion, versionString, versionTopic} from '../../src/mapping/implementationAuthority'

const AUTHORITY = '0x00000000000000000000000000000000000000aa'
/** VersionUpdated's topic 1 as the real TREXImplementationAuthority 4.1.6 emitted it on anvil (addAndUseTREXVersion, useTREXVersion). */
const TOPIC = {
    '4.1.6': '0x69b8b788c80f3d10decc367a4c35fe3b9160640b3b19a1d2b6bd5f9e0acc3766',
    '4.2.0': '0x22aa5df8bf1a85e2257a20af8949cdabf4ca487ac37a7900be3a1211d93078e0',
}
const versionUpdated = (topic: string) => ({topics: [events.VersionUpdated.topic, topic], data: '0x'})

describe('TREXImplementationAuthority events', () => {
    it('should decode an indexed struct to its hash, which the generated decoder cannot', () => {
        expect(() => events.VersionUpdated.decode(versionUpdated(TOPIC['4.1.6']))).toThrow()
        expect(decodeEvent(ContractKind.IMPLEMENTATION_AUTHORITY, versionUpdated(TOPIC['4.1.6']))).toEqual({name: 'VersionUpdated', params: {version: TOPIC['4.1.6']}})
        const added = {topics: [events.TREXVersionAdded.topic, TOPIC['4.2.0'], '0x' + '11'.repeat(32)], data: '0x'}
        expect(decodeEvent(ContractKind.IMPLEMENTATION_AUTHORITY, added)).toEqual({name: 'TREXVersionAdded', params: {version: TOPIC['4.2.0'], trex: '0x' + '11'.repeat(32)}})
        expect(() => decodeEvent(ContractKind.IMPLEMENTATION_AUTHORITY, {...added, topics: added.topics.slice(0, 2)})).toThrow(/3 topics, this log 2/)
    })

    it('should hash a version as the contract\'s event topic does', () => {
        expect(versionTopic({major: 4, minor: 1, patch: 6})).toBe(TOPIC['4.1.6'])
        expect(versionTopic({major: 4, minor: 2, patch: 0})).toBe(TOPIC['4.2.0'])
        expect(versionString({major: 4, minor: 1, patch: 6})).toBe('4.1.6')
    })
})

describe('updatedVersion()', () => {
    const ev = (topic: string): ChainEvent => {
        const raw = versionUpdated(topic)
        return {
            block: {height: 9, hash: '0xb', timestamp: 0}, logIndex: 0, txHash: '0xt', actor: AUTHORITY, txTo: AUTHORITY, sighash: undefined,
            contract: AUTHORITY, kind: ContractKind.IMPLEMENTATION_AUTHORITY, raw, ...decodeEvent(ContractKind.IMPLEMENTATION_AUTHORITY, raw)!,
        }
    }

    it('should be the version read at the end of the block when its hash is the event\'s', () => {
        expect(updatedVersion(ev(TOPIC['4.2.0']), new Map([[`${AUTHORITY}@9`, {major: 4, minor: 2, patch: 0}]]))).toBe('4.2.0')
    })

    it('should be null when a later update in the same block superseded it, or the authority has no getCurrentVersion()', () => {
        expect(updatedVersion(ev(TOPIC['4.2.0']), new Map([[`${AUTHORITY}@9`, {major: 4, minor: 1, patch: 6}]]))).toBeNull()
        expect(updatedVersion(ev(TOPIC['4.2.0']), new Map([[`${AUTHORITY}@9`, null]]))).toBeNull()
    })
})
