import {buildSchema, getIntrospectionQuery, parse} from 'graphql'
import {describe, expect, it} from 'vitest'
import {analyse, check, DEFAULT_LIMITS, DEFAULT_LIST_SIZE} from '../../src/api/queryLimits'

const schema = buildSchema(`
    type Token { id: ID! address: String! holdings(limit: Int, offset: Int): [Holding!]! transfers(limit: Int): [Transfer!]! page(limit: Int): CapTable! }
    type Holding { id: ID! balance: String! token: Token! }
    type Transfer { id: ID! amount: String! token: Token! }
    type Row { holder: String! wallets: [String!]! }
    type CapTable { supply: String! rows: [Row!]! }
    type Edge { node: Token! cursor: String! }
    type TokensConnection { edges: [Edge!]! totalCount: Int! }
    type Query {
        tokens(limit: Int): [Token!]!
        tokenById(id: String!): Token
        transfers(limit: Int): [Transfer!]!
        capTable(token: String!, limit: Int = 100): CapTable!
        tokensConnection(first: Int): TokensConnection!
        hello: String
    }
`)

const a = (q: string, variables?: Record<string, unknown>) => analyse(parse(q), {schema, variables})
const nest = (levels: number) => '{ tokenById(id: "x") ' + '{ holdings(limit: 2) { token '.repeat(levels) + '{ id }' + ' } }'.repeat(levels) + ' }'

describe('analyse()', () => {
    it('should measure depth with the root field at 1, through fragments and inline fragments', () => {
        expect(a('{ hello }').depth).toBe(1)
        expect(a('{ tokens { id } }').depth).toBe(2)
        expect(a('{ tokens { holdings { token { id } } } }').depth).toBe(4)
        expect(a('query { tokens { ...T } } fragment T on Token { holdings { ... on Holding { token { id } } } }').depth).toBe(4)
        expect(a(nest(5)).depth).toBe(2 + 2 * 5)
    })

    it('should count aliases after expanding fragments', () => {
        expect(a('{ a: hello b: hello hello }').aliases).toBe(2)
        expect(a('{ x: tokens { ...F } y: tokens { ...F } } fragment F on Token { i: id j: id }').aliases).toBe(2 + 2 * 2)
    })

    it('should score per row of the top-level list, nested lists by their limit and multiplied, scalars free', () => {
        expect(a('{ hello }').complexity).toBe(0)
        // the top-level page counts 1 whatever its limit
        expect(a('{ transfers(limit: 100000) { amount id } }').complexity).toBe(1)
        expect(a('{ tokens { id } }').complexity).toBe(1)
        // a single object under a row counts once
        expect(a('{ transfers(limit: 100000) { token { id } } }').complexity).toBe(2)
        // an unlimited nested list counts DEFAULT_LIST_SIZE
        expect(a('{ tokens { holdings { id } } }').complexity).toBe(1 + DEFAULT_LIST_SIZE)
        expect(a('{ tokens(limit: 1000) { holdings(limit: 1000) { id } } }').complexity).toBe(1001)
        expect(a('{ tokens(limit: 5) { holdings(limit: 1000) { token { transfers(limit: 30) { id } } } } }').complexity).toBe(1 + 1000 + 1000 + 30_000)
    })

    it('should pass a non-list field\'s limit on to the lists below it', () => {
        expect(a('{ tokenById(id: "x") { holdings(limit: 7) { token { id } } } }').complexity).toBe(1 + 1 + 1)
        expect(a('{ tokens { holdings(limit: 3) { token { holdings(limit: 7) { id } } } } }').complexity).toBe(1 + 3 + 3 + 21)
        expect(a('{ tokens { page(limit: 50) { supply rows { holder wallets } } } }').complexity).toBe(1 + 1 + 50)
        expect(a('{ tokens { page { rows { holder } } } }').complexity).toBe(1 + 1 + DEFAULT_LIST_SIZE)
        expect(a('{ tokensConnection(first: 30) { totalCount edges { node { holdings(limit: 2) { id } } } } }').complexity).toBe(1 + 1 + 1 + 2)
    })

    it('should take sizes from variables and their defaults, and count negative ones 0', () => {
        expect(a('query($n: Int) { tokens { holdings(limit: $n) { id } } }', {n: 777}).complexity).toBe(1 + 777)
        expect(a('query($n: Int = 55) { tokens { holdings(limit: $n) { id } } }').complexity).toBe(1 + 55)
        expect(a('query($n: Int) { tokens { holdings(limit: $n) { id } } }').complexity).toBe(1 + DEFAULT_LIST_SIZE)
        expect(a('{ tokens { holdings(limit: -5) { id } } }').complexity).toBe(1)
    })

    it('should work without a schema, a field with limit or first being a list', () => {
        const r = analyse(parse('{ tokens(limit: 10) { holdings(limit: 20) { id } x { y } } }'))
        expect(r).toEqual({depth: 3, aliases: 0, complexity: 1 + 20 + 1, truncated: false})
    })

    it('should survive fragment cycles and fragment bombs', () => {
        const cyclic = parse('{ tokens { ...A } } fragment A on Token { id holdings { token { ...B } } } fragment B on Token { ...A }')
        expect(analyse(cyclic, {schema}).depth).toBe(3)
        // each level spreads the next twice: 2^40 fields when expanded
        const defs = Array.from({length: 40}, (_, i) => `fragment F${i} on Token { a${i}: id ...F${i + 1} b${i}: address ...F${i + 1} }`).join(' ')
        const bomb = analyse(parse(`{ tokens { ...F0 } } ${defs} fragment F40 on Token { id }`), {schema})
        expect(bomb.truncated).toBe(true)
        expect(check(parse(`{ tokens { ...F0 } } ${defs} fragment F40 on Token { id }`), DEFAULT_LIMITS, {schema})).toMatch(/alias limit|more than/)
    })

    it('should let GraphiQL introspect the schema', () => {
        const doc = parse(getIntrospectionQuery())
        expect(check(doc, DEFAULT_LIMITS, {schema})).toBeNull()
        expect(analyse(doc, {schema}).complexity).toBe(0)
    })

    it('should analyse only the named operation when given', () => {
        const doc = parse('query Small { hello } query Big { tokens(limit: 1000) { holdings(limit: 1000) { id } } }')
        expect(analyse(doc, {schema, operationName: 'Small'}).complexity).toBe(0)
        expect(analyse(doc, {schema}).complexity).toBe(1 + 1000)
    })
})

describe('check()', () => {
    const c = (q: string, variables?: Record<string, unknown>) => check(parse(q), DEFAULT_LIMITS, {schema, variables})

    it('should accept ordinary queries', () => {
        expect(DEFAULT_LIMITS).toEqual({depth: 12, aliases: 30, complexity: 10_000})
        expect(c('{ transfers(limit: 100000) { amount id token { id } } }')).toBeNull()
        expect(c('{ tokens(limit: 10) { id holdings(limit: 1000) { balance } } }')).toBeNull()
        expect(c('{ capTable(token: "t", limit: 1000) { rows { holder } } }')).toBeNull()
        expect(c('{ tokens(limit: 10) { holdings(limit: 9999) { id } } }')).toBeNull()
        expect(c('{ tokens(limit: 10) { holdings(limit: 10000) { token { id } } } }')).toMatch(/complexity 20001/)
        expect(analyse(parse(nest(5)), {schema}).complexity).toBe(1 + 2 * (1 + 2 + 4 + 8 + 16))
        expect(c(nest(5))).toBeNull()
    })

    it('should refuse a list of the generated API without a limit, naming it', () => {
        expect(c('{ tokens { id } }')).toMatch(/^tokens has no limit: every list of the generated API needs one/)
        expect(c('{ tokens(limit: 5) { id holdings { balance } } }')).toMatch(/^holdings has no limit/)
        expect(c('{ capTable(token: "t") { rows { holder } } }')).toBeNull()
    })

    it('should refuse, naming the limit and the value', () => {
        expect(c(nest(10))).toBe('query depth limit exceeded: depth 22, the limit is 12')
        const aliases = Array.from({length: 100}, (_, i) => `a${i}: hello`).join(' ')
        expect(c(`{ ${aliases} }`)).toBe('query alias limit exceeded: 100 aliases, the limit is 30')
        expect(c('{ tokens(limit: 1000000) { holdings(limit: 1000000) { id } } }')).toMatch(/^query complexity limit exceeded: complexity 1000001, the limit is 10000/)
        expect(c('query($n: Int) { tokens { holdings(limit: $n) { token { transfers(limit: $n) { id } } } } }', {n: 2147483647})).toMatch(/complexity \d{19}, the limit is 10000/)
        expect(c('{ tokens(limit: 1e300) { holdings(limit: 1e300) { id } } }')).toMatch(/complexity beyond 1e21/)
    })

    it('should refuse a nesting too deep to walk without overflowing', () => {
        const q = '{ tokens ' + '{ holdings { token '.repeat(400) + '{ id }' + ' } }'.repeat(400) + ' }'
        expect(check(parse(q), DEFAULT_LIMITS)).toMatch(/^query depth limit exceeded: depth more than 200, the limit is 12/)
    })
})
