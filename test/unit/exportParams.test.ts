import {describe, expect, it} from 'vitest'
import {ExportInputError, parseAuditTrailFilter, parseCapTableParams, parseTimeParam} from '../../src/api/exportParams'
import {auditTrailSql} from '../../src/api/streamExports'

const q = (s: string) => new URLSearchParams(s)
const refusal = (f: () => unknown): {status: number; message: string} => {
    try {
        f()
    } catch (e) {
        if (e instanceof ExportInputError) return {status: e.status, message: e.message}
        throw e
    }
    throw new Error('not refused')
}

describe('parseTimeParam()', () => {
    describe('when given a whole day', () => {
        it('should span that whole UTC day', () => {
            expect(parseTimeParam('2026-06-30')).toEqual({start: new Date('2026-06-30T00:00:00Z'), end: new Date('2026-07-01T00:00:00Z'), wholeDay: true})
        })
    })

    describe('when given an impossible or zoneless date', () => {
        it('should refuse it rather than roll it over', () => {
            for (const v of ['2024-02-31', '2023-02-29', '2024-13-01', '2024-01-31T24:00:00Z', '2024-01-31T12:00:00', '2024-1-31', '31/01/2024']) {
                expect(parseTimeParam(v), v).toBeUndefined()
            }
            expect(parseTimeParam('2024-02-29')?.start).toEqual(new Date('2024-02-29T00:00:00Z'))
        })
    })

    describe('when given a time with its zone', () => {
        it('should be that instant', () => {
            expect(parseTimeParam('2026-06-30T12:00:00+02:00')?.start).toEqual(new Date('2026-06-30T10:00:00Z'))
        })
    })
})

describe('parseAuditTrailFilter()', () => {
    describe('when toTime is a whole day', () => {
        it('should include that whole day', () => {
            expect(parseAuditTrailFilter(q('fromTime=2026-01-01&toTime=2026-06-30'))).toMatchObject({
                fromTime: new Date('2026-01-01T00:00:00Z'),
                toTime: {time: new Date('2026-07-01T00:00:00Z'), exclusive: true},
            })
            expect(parseAuditTrailFilter(q('toTime=2026-06-30T23:59:59Z')).toTime).toEqual({time: new Date('2026-06-30T23:59:59Z'), exclusive: false})
            expect(parseAuditTrailFilter(q('fromTime=2026-06-30&toTime=2026-06-30')).fromTime).toEqual(new Date('2026-06-30T00:00:00Z'))
        })
    })

    describe('when a parameter is unknown, repeated or out of range', () => {
        it('should refuse it, naming it', () => {
            expect(refusal(() => parseAuditTrailFilter(q('kinds=MINT')))).toEqual({status: 400, message: expect.stringContaining('unknown parameter kinds=MINT; expected token, account, investor, kind,')})
            expect(refusal(() => parseAuditTrailFilter(q('kind=MINT&kind=BURN'))).message).toBe('kind is given more than once: give it once (kind takes a comma-separated list)')
            expect(refusal(() => parseAuditTrailFilter(q('fromBlock=2147483648'))).message).toBe('fromBlock=2147483648 is out of range: a block number is at most 2147483647')
            expect(refusal(() => parseAuditTrailFilter(q('toTime=2024-02-31'))).message).toMatch(/^toTime=2024-02-31 is not an ISO 8601 date/)
            expect(refusal(() => parseAuditTrailFilter(q('investor=alice'))).message).toBe('investor=alice is not an address (0x followed by 40 hex digits)')
        })
    })

    describe('when given an investor', () => {
        it('should keep the identity lower-cased', () => {
            expect(parseAuditTrailFilter(q(`investor=0x${'AB'.repeat(20)}`)).investor).toBe(`0x${'ab'.repeat(20)}`)
        })
    })

    describe('when given a partition', () => {
        it('should keep it as given, for the token to resolve', () => {
            expect(parseAuditTrailFilter(q(`token=0x${'ab'.repeat(20)}&partition=senior`))).toMatchObject({token: `0x${'ab'.repeat(20)}`, partition: 'senior'})
        })

        it('should refuse it without a token, or empty, naming it', () => {
            expect(refusal(() => parseAuditTrailFilter(q('partition=senior')))).toEqual({status: 400, message: 'partition=senior needs token=<address>: a partition is one token\'s'})
            expect(refusal(() => parseAuditTrailFilter(q(`token=0x${'ab'.repeat(20)}&partition=`))).message).toBe('partition is empty')
        })
    })
})

describe('auditTrailSql()', () => {
    describe('when a partition is given', () => {
        it('should keep, in SQL, the rows whose params name it on either side', () => {
            const partition = `0x${'5e'.repeat(32)}`
            const {sql, params} = auditTrailSql({token: `0x${'ab'.repeat(20)}`, partition: 'senior'}, ['31337-x'], partition)
            expect(params).toEqual([['31337-x'], partition])
            expect(sql.replace(/\s+/g, ' ')).toContain("WHERE token_id = ANY($1::text[]) AND (params->>'partition' = $2::text OR params->>'fromPartition' = $2::text OR params->>'toPartition' = $2::text)")
        })
    })
})

describe('parseCapTableParams()', () => {
    describe('when atTimestamp is a whole day', () => {
        it('should be the cap table at the end of that day', () => {
            expect(parseCapTableParams(q(`token=0x${'ab'.repeat(20)}&atTimestamp=2026-06-30`)).atTimestamp).toEqual(new Date('2026-06-30T23:59:59.999Z'))
        })
    })

    describe('when both atBlock and atTimestamp are given, or an unknown parameter', () => {
        it('should refuse', () => {
            expect(refusal(() => parseCapTableParams(q(`token=0x${'ab'.repeat(20)}&atBlock=1&atTimestamp=2026-06-30`))).message).toBe('give atBlock or atTimestamp, not both')
            expect(refusal(() => parseCapTableParams(q(`token=0x${'ab'.repeat(20)}&block=1`))).message).toBe('unknown parameter block=1; expected token, atBlock, atTimestamp, partition')
        })
    })
})
