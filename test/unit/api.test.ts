import {GraphQLError} from 'graphql'
import {describe, expect, it} from 'vitest'
import {lowercaseAddressesIn} from '../../src/api/addresses'
import {IndexHead} from '../../src/api/indexHead'
import {HeadWatch, LiveQuery} from '../../src/api/liveQuery'
import {toPublic, userInputError} from '../../src/api/publicErrors'
import {apiSettings} from '../../src/api/settings'

describe('apiSettings()', () => {
    describe('when nothing is set', () => {
        it('should listen on loopback with GraphiQL and introspection on and no CORS', () => {
            expect(apiSettings({})).toMatchObject({port: 4350, host: '127.0.0.1', graphiql: true, introspection: true, corsOrigins: [], maxConcurrentRequests: 64, requestTimeoutMs: 10_000})
        })
    })

    describe('when NODE_ENV=production', () => {
        it('should turn GraphiQL and introspection off unless asked for', () => {
            expect(apiSettings({NODE_ENV: 'production'})).toMatchObject({graphiql: false, introspection: false})
            expect(apiSettings({NODE_ENV: 'production', API_INTROSPECTION: 'true'})).toMatchObject({graphiql: false, introspection: true})
        })
    })

    describe('when a value is wrong', () => {
        it('should name the variable', () => {
            expect(() => apiSettings({API_GRAPHIQL: 'maybe'})).toThrow('API_GRAPHIQL="maybe" is not a boolean (true/false, 1/0, yes/no, on/off)')
            expect(() => apiSettings({API_CORS_ORIGINS: 'https://a.example.com/app'})).toThrow('API_CORS_ORIGINS contains "https://a.example.com/app", which is not an origin (scheme://host[:port], no path): did you mean https://a.example.com?')
            expect(() => apiSettings({API_MAX_CONCURRENT_REQUESTS: '0'})).toThrow('API_MAX_CONCURRENT_REQUESTS="0" is below 1')
            expect(() => apiSettings({API_HOST: 'a b'})).toThrow('API_HOST="a b" is not a host name or IP address')
        })

        it('should name every wrong variable at once, the indexer variables too', () => {
            expect(() => apiSettings({API_CACHE_MB: '-1', API_INTROSPECTION: 'sometimes', RPC_ETH_HTTP: 'ftp://node'})).toThrow(
                'RPC_ETH_HTTP="ftp://node" must be an http(s) or ws(s) URL\nAPI_INTROSPECTION="sometimes" is not a boolean (true/false, 1/0, yes/no, on/off)\nAPI_CACHE_MB="-1" is not a non-negative integer')
        })
    })
})

describe('lowercaseAddressesIn()', () => {
    it('should lowercase 20-byte addresses, alone or inside ids, and leave 32-byte hashes and other text alone', () => {
        const a = '0xAbCdEf0123456789abcdef0123456789ABCDEF01'
        const hash = `0x${'AB'.repeat(32)}`
        expect(lowercaseAddressesIn(`{ tokens(where: {address_eq: "${a}"}) { id } }`)).toBe(`{ tokens(where: {address_eq: "${a.toLowerCase()}"}) { id } }`)
        expect(lowercaseAddressesIn(`31337-${a}`)).toBe(`31337-${a.toLowerCase()}`)
        expect(lowercaseAddressesIn(hash)).toBe(hash)
        expect(lowercaseAddressesIn('Token ABC')).toBe('Token ABC')
    })
})

describe('toPublic()', () => {
    const logged: string[] = []
    const publicOf = (err: unknown) => toPublic(err, id => logged.push(id), 10_000)

    it('should keep a user input error and a graphql-js argument refusal as BAD_USER_INPUT', () => {
        expect(publicOf(userInputError('limit 0 must be an integer from 1 to 1000')).toJSON()).toEqual({message: 'limit 0 must be an integer from 1 to 1000', extensions: {code: 'BAD_USER_INPUT'}})
        const located = new GraphQLError('x', undefined, undefined, undefined, ['capTable'], new GraphQLError('Argument "limit" of non-null type "Int!" must not be null.'))
        expect(publicOf(located).toJSON()).toMatchObject({message: 'Argument "limit" of non-null type "Int!" must not be null.', path: ['capTable'], extensions: {code: 'BAD_USER_INPUT'}})
    })

    it('should mask a driver error with an id that the log has, and say a timeout or an outage as such', () => {
        const driver = Object.assign(new Error('syntax error at or near "SELECT"'), {code: '42601'})
        const masked = publicOf(new GraphQLError('syntax error at or near "SELECT"', undefined, undefined, undefined, ['holdings'], driver))
        expect(masked.message).toBe(`internal error ${logged.at(-1)} (the API's log has the details under this id)`)
        expect(JSON.stringify(masked.toJSON())).not.toMatch(/SELECT|stack/)
        expect(publicOf(Object.assign(new Error('canceling statement due to statement timeout'), {code: '57014'})).message)
            .toBe('the request exceeded its database time budget of 10000 ms: ask for fewer rows or a narrower filter')
        expect(publicOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {code: 'ECONNREFUSED'})).message).toBe('the database is unavailable; retry shortly')
    })
})

describe('LiveQuery', () => {
    const head = (height: number): IndexHead => ({height, hash: `0x${height}`})

    it('should answer at once, again only when the head moves and the answer differs, and poll nothing after return()', async () => {
        let current = head(1)
        const watch = new HeadWatch(async () => current, 5, () => undefined)
        let answer = 'a'
        let polls = 0
        const live = new LiveQuery(watch, async () => {
            polls++
            return answer
        })
        expect(await live.next()).toEqual({done: false, value: 'a'})
        const second = live.next()
        current = head(2)
        await new Promise(r => setTimeout(r, 30)) // the head moved, the answer did not: no push
        answer = 'b'
        current = head(3)
        expect(await second).toEqual({done: false, value: 'b'})
        const third = live.next()
        await live.return()
        expect(await third).toEqual({done: true, value: undefined})
        const after = polls
        current = head(4)
        await new Promise(r => setTimeout(r, 30))
        expect(polls).toBe(after)
        expect(watch.listening).toBe(0)
    })
})
