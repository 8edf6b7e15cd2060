import {describe, expect, it} from 'vitest'
import {copyLines} from '../../src/mapping/bulkWrite'

describe('.copyLines()', () => {
    describe('when values hold nulls, dates, arrays and special characters', () => {
        it('should write one tab-separated line per row in COPY text format', () => {
            const rows = [
                ['a\tb', null, 12, new Date(Date.UTC(2026, 10, 30, 6, 0, 0)), ['x', 'y"z'], '{"k":"v\\\\w"}'],
                ['line\nbreak', 'back\\slash', 0, undefined, [], 'cr\r'],
            ]
            expect([...copyLines(rows)].join('')).toBe(
                'a\\tb\t\\N\t12\t2026-11-30T06:00:00.000Z\t{"x","y\\\\"z"}\t{"k":"v\\\\\\\\w"}\n' +
                'line\\nbreak\tback\\\\slash\t0\t\\N\t{}\tcr\\r\n')
        })
    })

    describe('when there are more rows than a chunk', () => {
        it('should write every row once, in order', () => {
            const rows = Array.from({length: 1234}, (_, i) => [i])
            expect([...copyLines(rows)].join('').split('\n').slice(0, -1).map(Number)).toEqual(rows.map(r => r[0]))
        })
    })
})
