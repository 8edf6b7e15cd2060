// The query parameters of the exports, validated strictly (zod): an unknown or repeated parameter, an
// impossible date or an out-of-range number is answered 400 naming it, never ignored or rolled over.

import {z} from 'zod'
import {AuditEventKind} from '../model/generated/_auditEventKind'
import {isAddress} from '../analytics/ownershipAt'

/** Bad request parameters: answered with `status` and the message as plain text. */
export class ExportInputError extends Error {
    constructor(message: string, readonly status = 400) {
        super(message)
    }
}

/** block_number columns are Postgres integers. */
export const MAX_BLOCK = 2_147_483_647

const KINDS: readonly string[] = Object.values(AuditEventKind)

/**
 * A time parameter: a full ISO 8601 time with its zone (2026-06-30T12:00:00Z, …+02:00), or a whole
 * day (2026-06-30, UTC) meaning that whole day: from its first instant, up to and including its last.
 */
export interface TimeParam {
    /** the instant given, or the first instant of the day */
    start: Date
    /** the instant given, or the first instant of the next day (exclusive) */
    end: Date
    wholeDay: boolean
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** A time parameter, or undefined when impossible (31 February, hour 24, no zone, …). */
export function parseTimeParam(value: string): TimeParam | undefined {
    const day = DAY.exec(value)
    const instant = INSTANT.exec(value)
    const m = day ?? instant
    if (m == null) return undefined
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const first = new Date(Date.UTC(y, mo - 1, d))
    // Date.UTC rolls 2024-02-31 over into March: an impossible day is refused instead
    if (first.getUTCFullYear() !== y || first.getUTCMonth() !== mo - 1 || first.getUTCDate() !== d) return undefined
    if (day != null) return {start: first, end: new Date(first.getTime() + 86_400_000), wholeDay: true}
    const [h, mi, s] = [Number(instant![4]), Number(instant![5]), Number(instant![6] ?? 0)]
    if (h > 23 || mi > 59 || s > 59) return undefined
    const at = new Date(value)
    if (Number.isNaN(at.getTime())) return undefined
    return {start: at, end: at, wholeDay: false}
}

const TIME_EXPECTED = 'is not an ISO 8601 date (2026-06-30, the whole day) or time with its zone (2026-06-30T12:00:00Z)'

const text = (name: string) => z.string().transform(v => v.trim()).refine(v => v !== '', {message: `${name} is empty`})

const address = (name: string) => text(name).transform((v, ctx) => {
    if (isAddress(v)) return v.toLowerCase()
    ctx.addIssue({code: 'custom', message: `${name}=${v} is not an address (0x followed by 40 hex digits)`})
    return z.NEVER
})

const block = (name: string) => text(name).transform((v, ctx) => {
    if (!/^\d+$/.test(v)) {
        ctx.addIssue({code: 'custom', message: `${name}=${v} is not a block number (a non-negative integer)`})
        return z.NEVER
    }
    const n = Number(v)
    if (n > MAX_BLOCK) {
        ctx.addIssue({code: 'custom', message: `${name}=${v} is out of range: a block number is at most ${MAX_BLOCK}`})
        return z.NEVER
    }
    return n
})

const time = (name: string) => text(name).transform((v, ctx) => {
    const t = parseTimeParam(v)
    if (t != null) return t
    ctx.addIssue({code: 'custom', message: `${name}=${v} ${TIME_EXPECTED}`})
    return z.NEVER
})

const kinds = text('kind').transform((v, ctx) => {
    const list = v.split(',').map(k => k.trim()).filter(k => k !== '')
    const unknown = list.filter(k => !KINDS.includes(k))
    if (unknown.length === 0 && list.length > 0) return [...new Set(list)]
    ctx.addIssue({code: 'custom', message: `kind=${v}: unknown audit event kind ${unknown.join(', ') || '(none given)'}; ` +
        `expected one or more of ${KINDS.join(', ')}, comma-separated`})
    return z.NEVER
})

/** An ERC-1400 partition as given, bytes32 hex or its name: resolved against the token's partitions (knownPartition), which names a bad one. */
const partition = text('partition').refine(v => v.length <= 66, {message: 'partition is longer than a bytes32 (0x and 64 hex digits) or a name of at most 32 bytes'})

const AUDIT_TRAIL = z.strictObject({
    token: address('token').optional(),
    account: address('account').optional(),
    investor: address('investor').optional(),
    kind: kinds.optional(),
    fromBlock: block('fromBlock').optional(),
    toBlock: block('toBlock').optional(),
    fromTime: time('fromTime').optional(),
    toTime: time('toTime').optional(),
    partition: partition.optional(),
})

const CAP_TABLE = z.strictObject({
    token: address('token').optional(),
    atBlock: block('atBlock').optional(),
    atTimestamp: time('atTimestamp').optional(),
    partition: partition.optional(),
})

export interface AuditTrailFilter {
    token?: string
    account?: string
    /** an investor identity: events whose subject's or counterparty's investor it was at the time */
    investor?: string
    kinds?: string[]
    fromBlock?: number
    toBlock?: number
    /** timestamp ≥ this */
    fromTime?: Date
    /** timestamp ≤ `time`, or < it when `exclusive` (a whole day's end) */
    toTime?: {time: Date; exclusive: boolean}
    /** ERC-1400: rows whose event names this partition of `token` (bytes32 hex or its name, as given) */
    partition?: string
}

export interface CapTableParams {
    token: string
    atBlock?: number
    /** the last instant the cap table is as of (a whole day: its last millisecond) */
    atTimestamp?: Date
    /** an ERC-1400 partition, bytes32 hex or its name */
    partition?: string
}

/** The parameters as one object; a repeated one is refused (which of two values would count?). */
function single(params: URLSearchParams): Record<string, string> {
    const o: Record<string, string> = {}
    for (const [k, v] of params) {
        if (k in o) throw new ExportInputError(`${k} is given more than once: give it once (kind takes a comma-separated list)`)
        o[k] = v
    }
    return o
}

function parseWith<T>(schema: z.ZodType<T, Record<string, string>>, params: URLSearchParams): T {
    const input = single(params)
    const r = schema.safeParse(input)
    if (r.success) return r.data
    const messages = r.error.issues.map(i => i.code === 'unrecognized_keys'
        ? `unknown parameter ${i.keys.map(k => `${k}=${input[k]}`).join(', ')}; expected ${schemaKeys(schema).join(', ')}`
        : i.message)
    throw new ExportInputError(messages.join('\n'))
}

const schemaKeys = (schema: z.ZodType): string[] => schema instanceof z.ZodObject ? Object.keys(schema.shape) : []

/** The filters of an audit-trail export, validated; throws ExportInputError naming the parameter and value. */
export function parseAuditTrailFilter(params: URLSearchParams): AuditTrailFilter {
    const p = parseWith(AUDIT_TRAIL, params)
    if (p.fromBlock != null && p.toBlock != null && p.fromBlock > p.toBlock) {
        throw new ExportInputError(`fromBlock=${p.fromBlock} is after toBlock=${p.toBlock}`)
    }
    const after = (from: Date, to: TimeParam) => to.wholeDay ? from >= to.end : from > to.end
    if (p.fromTime != null && p.toTime != null && after(p.fromTime.start, p.toTime)) {
        throw new ExportInputError(`fromTime=${params.get('fromTime')} is after toTime=${params.get('toTime')}`)
    }
    // a partition is a token's: without the token there is nothing to resolve its name against
    if (p.partition != null && p.token == null) throw new ExportInputError(`partition=${p.partition} needs token=<address>: a partition is one token's`)
    return {
        token: p.token,
        account: p.account,
        investor: p.investor,
        kinds: p.kind,
        fromBlock: p.fromBlock,
        toBlock: p.toBlock,
        fromTime: p.fromTime?.start,
        toTime: p.toTime && {time: p.toTime.end, exclusive: p.toTime.wholeDay},
        partition: p.partition,
    }
}

/** The parameters of a cap-table export, validated. */
export function parseCapTableParams(params: URLSearchParams): CapTableParams {
    const p = parseWith(CAP_TABLE, params)
    if (p.token == null) throw new ExportInputError('token is required: /export/cap-table.csv?token=<address>[&atBlock=<block> | &atTimestamp=<time>]')
    if (p.atBlock != null && p.atTimestamp != null) throw new ExportInputError('give atBlock or atTimestamp, not both')
    return {
        token: p.token,
        atBlock: p.atBlock,
        atTimestamp: p.atTimestamp && (p.atTimestamp.wholeDay ? new Date(p.atTimestamp.end.getTime() - 1) : p.atTimestamp.start),
        partition: p.partition,
    }
}
