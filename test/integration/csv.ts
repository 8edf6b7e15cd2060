// The exports' CSV read back by a parser of our own, independent of the exporter's writer (csv-stringify).
import {expect} from 'vitest'

/** An RFC 4180 parser, independent of the exporter's writer: rows of fields. */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = []
    let row: string[] = []
    let field = ''
    let quoted = false
    for (let i = 0; i < text.length; i++) {
        const c = text[i]!
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"'
                i++
            } else if (c === '"') {
                quoted = false
            } else {
                field += c
            }
        } else if (c === '"') {
            quoted = true
        } else if (c === ',') {
            row.push(field)
            field = ''
        } else if (c === '\r' && text[i + 1] === '\n') {
            // CRLF ends the record at the \n
        } else if (c === '\n') {
            row.push(field)
            rows.push(row)
            row = []
            field = ''
        } else {
            field += c
        }
    }
    if (field !== '' || row.length > 0) rows.push([...row, field])
    return rows
}

/** CSV as objects keyed by the header line. */
export function csvRecords(text: string): {header: string[]; records: Record<string, string>[]} {
    const [header, ...rows] = parseCsv(text)
    if (header == null) throw new Error('empty CSV')
    for (const r of rows) expect(r).toHaveLength(header.length)
    return {header, records: rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]!])))}
}
