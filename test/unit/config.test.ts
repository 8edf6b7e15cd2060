import {describe, expect, it} from 'vitest'
import fs from 'fs'
import path from 'path'
import {ConfigError, indexerConfig, parseAddressList, parseNat, readEnvironment, redactUrl, VARIABLES} from '../../src/config'
import {startupRetries} from '../../src/retry'

const base = {RPC_ETH_HTTP: 'http://127.0.0.1:8545', TREX_FACTORIES: '0xAbCdEf0123456789abcdef0123456789ABCDEF01'}

describe('indexerConfig()', () => {
    describe('with a factory and defaults', () => {
        it('should lower-case addresses and default START_BLOCK to 0 and finality to 10', () => {
            expect(indexerConfig(base)).toEqual({
                rpcUrl: 'http://127.0.0.1:8545',
                portalUrl: undefined,
                chainId: undefined,
                startBlock: 0,
                factories: ['0xabcdef0123456789abcdef0123456789abcdef01'],
                tokens: [],
                erc1400Tokens: [],
                distributionManagers: [],
                finalityConfirmation: 10,
                rpcRequestTimeoutMs: 30_000,
                catchUpWindow: 10_000,
                batchSplit: {mode: 'none'},
                traces: 'auto',
                nodeLimits: {maxLogRange: 2000, maxAddresses: 500, maxBatch: 100, retryBudgetMs: 180_000},
                metrics: {host: '127.0.0.1', port: 0},
                heapMb: 1024,
            })
        })
    })

    describe('when RPC_ETH_HTTP is missing', () => {
        it('should say which variable to set', () => {
            expect(() => indexerConfig({TOKENS: base.TREX_FACTORIES})).toThrow(/RPC_ETH_HTTP is not set/)
        })
    })

    describe('when nothing is to be indexed', () => {
        it('should refuse', () => {
            expect(() => indexerConfig({RPC_ETH_HTTP: base.RPC_ETH_HTTP})).toThrow(/Neither TREX_FACTORIES nor TOKENS nor ERC1400_TOKENS/)
        })
    })

    describe('when RPC_REQUEST_TIMEOUT_MS is 0', () => {
        it('should refuse a timeout that never fires', () => {
            expect(() => indexerConfig({...base, RPC_REQUEST_TIMEOUT_MS: '0'})).toThrow('RPC_REQUEST_TIMEOUT_MS=0 would wait forever')
            expect(indexerConfig({...base, RPC_REQUEST_TIMEOUT_MS: '1500'}).rpcRequestTimeoutMs).toBe(1500)
        })
    })

    describe('when RPC_TRACES is given', () => {
        it('should take auto, debug, parity or off, and name the choices otherwise', () => {
            expect(['auto', 'debug', 'parity', 'off', ' OFF '].map(v => indexerConfig({...base, RPC_TRACES: v}).traces)).toEqual(['auto', 'debug', 'parity', 'off', 'off'])
            expect(() => indexerConfig({...base, RPC_TRACES: 'no'})).toThrow('RPC_TRACES="no" must be one of auto, debug, parity, off')
        })
    })

    describe('when node limits are given', () => {
        it('should parse them', () => {
            expect(indexerConfig({...base, RPC_MAX_LOG_RANGE: '10000', RPC_MAX_ADDRESSES: '50', RPC_MAX_BATCH: '20', RPC_RETRY_BUDGET_MS: '0'}).nodeLimits)
                .toEqual({maxLogRange: 10_000, maxAddresses: 50, maxBatch: 20, retryBudgetMs: 0})
        })

        it('should refuse 0 and non-numbers, naming the variable', () => {
            expect(() => indexerConfig({...base, RPC_MAX_LOG_RANGE: '0'})).toThrow(new ConfigError('RPC_MAX_LOG_RANGE=0: give at least 1'))
            expect(() => indexerConfig({...base, RPC_MAX_BATCH: '0'})).toThrow(new ConfigError('RPC_MAX_BATCH=0: give at least 1'))
            expect(() => indexerConfig({...base, RPC_MAX_ADDRESSES: 'all'})).toThrow(new ConfigError('RPC_MAX_ADDRESSES="all" is not a non-negative integer'))
            expect(() => indexerConfig({...base, RPC_RETRY_BUDGET_MS: '-1'})).toThrow(new ConfigError('RPC_RETRY_BUDGET_MS="-1" is not a non-negative integer'))
        })
    })

    describe('when INDEXER_HEAP_MB is given', () => {
        it('should take 0 (V8 default) and 128 MiB or more, and refuse less or a non-number, naming it', () => {
            expect(indexerConfig({...base, INDEXER_HEAP_MB: '0'}).heapMb).toBe(0)
            expect(indexerConfig({...base, INDEXER_HEAP_MB: '512'}).heapMb).toBe(512)
            expect(() => indexerConfig({...base, INDEXER_HEAP_MB: '64'})).toThrow(new ConfigError("INDEXER_HEAP_MB is below 128: give at least 128 MiB, or 0 for V8's default"))
            expect(() => indexerConfig({...base, INDEXER_HEAP_MB: '1g'})).toThrow(new ConfigError('INDEXER_HEAP_MB="1g" is not a non-negative integer'))
        })
    })

    describe('when CHAIN_ID is given', () => {
        it('should parse it', () => {
            expect(indexerConfig({...base, CHAIN_ID: '137'}).chainId).toBe(137)
        })
    })
})

describe('readEnvironment()', () => {
    describe('when nothing is set', () => {
        it('should leave every variable to its default', () => {
            const e = readEnvironment({})
            expect([e.STARTUP_RETRIES, e.START_BLOCK, e.DB_URL, e.TOKENS]).toEqual([undefined, undefined, undefined, []])
        })
    })

    describe('when several variables are malformed', () => {
        it('should name each variable, its value and what is expected, all at once', () => {
            const env = {STARTUP_RETRIES: 'abc', TOKENS: '0x12', DB_URL: 'mysql://u:secret@h/db', GQL_PORT: '70000', START_BLOCK: '1.5', CHAIN_ID: '0'}
            let message = ''
            try {
                readEnvironment(env)
            } catch (e) {
                expect(e).toBeInstanceOf(ConfigError)
                message = (e as Error).message
            }
            expect(message.split('\n')).toEqual([
                'CHAIN_ID="0" is below 1: give a whole number of at least 1',
                'START_BLOCK="1.5" is not a non-negative integer',
                'TOKENS contains "0x12", which is not a 0x-prefixed 20-byte hex address',
                'DB_URL="mysql://u:***@h/db" must be a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)',
                'GQL_PORT="70000" is not a TCP port (1–65535)',
                'STARTUP_RETRIES="abc" is not a non-negative integer',
            ])
        })
    })

    describe('when a URL is not one', () => {
        it('should say so without printing its password', () => {
            expect(() => readEnvironment({DB_URL: 'secret-password'})).toThrow('DB_URL="secret-password" is not a URL')
            expect(() => readEnvironment({RPC_ETH_HTTP: 'ftp://node'})).toThrow('RPC_ETH_HTTP="ftp://node" must be an http(s) or ws(s) URL')
        })
    })
})

describe('.env.example', () => {
    it('should document every variable the commands read, and hold only valid values', () => {
        const text = fs.readFileSync(path.resolve(__dirname, '..', '..', '.env.example'), 'utf8')
        const documented = Object.fromEntries(text.split('\n').filter(l => /^[A-Z][A-Z0-9_]*=/.test(l)).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
        expect(VARIABLES.filter(v => !(v in documented))).toEqual([])
        expect(Object.keys(documented).filter(v => !VARIABLES.includes(v))).toEqual([])
        expect(() => readEnvironment(documented)).not.toThrow()
    })
})

describe('startupRetries()', () => {
    it('should refuse a malformed value instead of using the default', () => {
        expect(() => startupRetries({STARTUP_RETRIES: 'abc'})).toThrow(new ConfigError('STARTUP_RETRIES="abc" is not a non-negative integer'))
        expect(() => startupRetries({STARTUP_RETRIES: '0'})).toThrow('STARTUP_RETRIES="0" is below 1')
        expect([startupRetries({}), startupRetries({STARTUP_RETRIES: ' 3 '})]).toEqual([8, 3])
    })
})

describe('parseAddressList()', () => {
    it('should accept spaces and empty items', () => {
        expect(parseAddressList('TOKENS', ` ${base.TREX_FACTORIES} ,, `)).toHaveLength(1)
    })

    it('should name the variable and the bad value', () => {
        expect(() => parseAddressList('TOKENS', '0x12')).toThrow(new ConfigError('TOKENS contains "0x12", which is not a 0x-prefixed 20-byte hex address'))
    })
})

describe('parseNat()', () => {
    it('should reject negative, fractional and oversized numbers', () => {
        expect(() => parseNat('START_BLOCK', '-1', 0)).toThrow('START_BLOCK="-1" is not a non-negative integer')
        expect(() => parseNat('START_BLOCK', '1.5', 0)).toThrow(/not a non-negative integer/)
        expect(() => parseNat('START_BLOCK', '99999999999999999999', 0)).toThrow(/too large/)
        expect(parseNat('START_BLOCK', ' 42 ', 0)).toBe(42)
    })
})

describe('redactUrl()', () => {
    it('should mask the password only', () => {
        expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db')
    })
})
