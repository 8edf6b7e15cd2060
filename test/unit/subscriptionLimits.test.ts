import {buildSchema} from 'graphql'
import {describe, expect, it} from 'vitest'
import {screenSubscriptions} from '../../src/api/subscriptionLimits'

const schema = buildSchema(`
    type Token { id: ID! holdings(limit: Int): [Holding!]! }
    type Holding { id: ID! token: Token! }
    type Query { tokens(limit: Int): [Token!]! }
    type Subscription { tokens(limit: Int): [Token!]! }
`)
const screen = screenSubscriptions(schema)
const subscribe = (query: string, variables?: Record<string, unknown>) => JSON.stringify({id: 'a1', type: 'subscribe', payload: {query, variables}})
const deep = (levels: number) => 'subscription { tokens(limit: 1) ' + '{ holdings(limit: 1) { token '.repeat(levels) + '{ id }' + ' } }'.repeat(levels) + ' }'

describe('screenSubscriptions()', () => {
    describe('when a message is not a subscribe, or its query does not parse', () => {
        it('should pass it on untouched, for the server to answer', () => {
            for (const m of ['{"type":"connection_init"}', '{"type":"ping"}', '{"id":"a1","type":"complete"}', 'not json', 'null', '7', subscribe('subscription { tokens {')]) {
                expect(screen(m)).toBeNull()
            }
        })
    })

    describe('when a subscribe is within the limits', () => {
        it('should pass it on, its limit variables counted', () => {
            expect(screen(subscribe(deep(5)))).toBeNull()
            expect(screen(subscribe('subscription($n: Int) { tokens(limit: $n) { holdings(limit: $n) { id } } }', {n: 9999}))).toBeNull()
        })
    })

    describe('when a subscribe is over a limit', () => {
        it('should answer it with a graphql-ws error for its id naming the limit', () => {
            expect(screen(subscribe(deep(6)))).toEqual({reply: JSON.stringify({id: 'a1', type: 'error', payload: [{message: 'query depth limit exceeded: depth 14, the limit is 12'}]})})
        })

        it('should take the sizes of nested lists from the variables', () => {
            const reply = screen(subscribe('subscription($n: Int) { tokens(limit: $n) { holdings(limit: $n) { id } } }', {n: 100000}))
            expect(JSON.parse(reply!.reply).payload[0].message).toMatch(/^query complexity limit exceeded: complexity 100001, the limit is 10000/)
        })

        it('should hold queries sent over the socket to the same limits', () => {
            const aliases = Array.from({length: 31}, (_, i) => `a${i}: id`).join(' ')
            const reply = screen(subscribe(`{ tokens(limit: 1) { ${aliases} } }`))
            expect(JSON.parse(reply!.reply).payload[0].message).toBe('query alias limit exceeded: 31 aliases, the limit is 30')
        })
    })
})
