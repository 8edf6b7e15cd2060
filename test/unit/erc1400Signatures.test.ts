import {readFileSync} from 'fs'
import {join} from 'path'
import {EventFragment, id} from 'ethers'
import {describe, expect, it} from 'vitest'
import {events} from '../../src/abi/ERC1400Token'

// The event declarations as the EIPs print them (ERC-1400 = ERC-1410 + ERC-1594 + ERC-1643 + ERC-1644,
// github.com/ethereum/EIPs/issues/1411, 1410, 1594, 1643, 1644) and as Polymath's security token
// declares its two variants (polymath-core ISecurityToken / IERC1410), copied as text: the test parses
// them independently of our Solidity and of the typegen.
const EIP_TEXT = [
    'event Transfer(address indexed _from, address indexed _to, uint256 _value)',
    'event Approval(address indexed _owner, address indexed _spender, uint256 _value)',
    'event TransferByPartition(bytes32 indexed _fromPartition, address _operator, address indexed _from, address indexed _to, uint256 _value, bytes _data, bytes _operatorData)',
    'event ChangedPartition(bytes32 indexed _fromPartition, bytes32 indexed _toPartition, uint256 _value)',
    'event AuthorizedOperator(address indexed operator, address indexed tokenHolder)',
    'event RevokedOperator(address indexed operator, address indexed tokenHolder)',
    'event AuthorizedOperatorByPartition(bytes32 indexed partition, address indexed operator, address indexed tokenHolder)',
    'event RevokedOperatorByPartition(bytes32 indexed partition, address indexed operator, address indexed tokenHolder)',
    'event IssuedByPartition(bytes32 indexed partition, address indexed operator, address indexed to, uint256 amount, bytes data, bytes operatorData)',
    'event RedeemedByPartition(bytes32 indexed partition, address indexed operator, address indexed from, uint256 amount, bytes operatorData)',
    'event Issued(address indexed _operator, address indexed _to, uint256 _value, bytes _data)',
    'event Redeemed(address indexed _operator, address indexed _from, uint256 _value, bytes _data)',
    'event ControllerTransfer(address _controller, address indexed _from, address indexed _to, uint256 _value, bytes _data, bytes _operatorData)',
    'event ControllerRedemption(address _controller, address indexed _tokenHolder, uint256 _value, bytes _data, bytes _operatorData)',
    'event DocumentRemoved(bytes32 indexed _name, string _uri, bytes32 _documentHash)',
    'event DocumentUpdated(bytes32 indexed _name, string _uri, bytes32 _documentHash)',
]

const POLYMATH_TEXT = [
    'event IssuedByPartition(bytes32 indexed partition, address indexed to, uint256 value, bytes data)',
    'event RedeemedByPartition(bytes32 indexed partition, address indexed operator, address indexed from, uint256 value, bytes data, bytes operatorData)',
]

/** What identifies an event in a log: its topic (name and types) and which parameters are topics. */
const shape = (e: EventFragment) => ({topic: e.topicHash, indexed: e.inputs.map(i => i.indexed === true)})

const compiledAbi = JSON.parse(readFileSync(join(__dirname, '../../abi/ERC1400Token.json'), 'utf8')) as {type: string}[]
const compiled = compiledAbi.filter(f => f.type === 'event').map(f => EventFragment.from(f))

describe('ERC1400Token events', () => {
    describe('when compared with the EIP text', () => {
        for (const text of EIP_TEXT) {
            const eip = EventFragment.from(text)
            it(`should declare ${eip.format('sighash')} with the EIP's topic and indexed parameters`, () => {
                expect(compiled.filter(e => e.topicHash === eip.topicHash).map(shape)).toEqual([shape(eip)])
            })
        }
    })

    describe('when compared with Polymath\'s variants', () => {
        for (const text of POLYMATH_TEXT) {
            const variant = EventFragment.from(text)
            it(`should declare ${variant.format('sighash')} under a topic of its own`, () => {
                expect(compiled.filter(e => e.topicHash === variant.topicHash).map(shape)).toEqual([shape(variant)])
                expect(EIP_TEXT.map(t => EventFragment.from(t).topicHash)).not.toContain(variant.topicHash)
            })
        }
    })

    describe('when the ABI is compiled', () => {
        it('should declare no event beyond the EIP\'s and Polymath\'s', () => {
            const known = [...EIP_TEXT, ...POLYMATH_TEXT].map(t => EventFragment.from(t).topicHash).sort()
            expect(compiled.map(e => e.topicHash).sort()).toEqual(known)
        })
    })

    describe('when decoded through the typegen module', () => {
        it('should give every event its topic, keccak256 of its signature', () => {
            for (const e of Object.values(events)) expect(e.topic).toBe(id(e.signature))
            expect(Object.values(events).map(e => e.topic).sort()).toEqual(compiled.map(e => e.topicHash).sort())
        })
    })
})
