import {
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    getNamedType,
    getNullableType,
    GraphQLNamedType,
    GraphQLSchema,
    isInterfaceType,
    isListType,
    isObjectType,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
} from 'graphql'

/**
 * Static limits on a GraphQL request, checked before anything is resolved (graphql-armor's depth,
 * alias and cost limits know nothing of our lists' `limit` arguments; it bounds tokens and directives).
 *
 * - depth: the deepest field nesting, a root field being at depth 1 (fragments are expanded in place).
 * - aliases: aliased fields, counted after expanding fragments (a fragment with 5 aliases spread
 *   3 times counts 15).
 * - complexity: an estimate of the objects one row of the top-level page may bring along, like
 *   openreader's response-node estimate but per row: scalar fields are free; every field with a
 *   sub-selection costs the number of times it may appear under one row of the first list on its
 *   path, i.e. the product of the sizes of the lists below that first list, its own included.
 *   The first list itself (the page a client asks for, e.g. `auditEvents(limit: 100000)`) counts
 *   1 a row: its size is the table's, bounded by the SQL statement timeout; what this limit stops is
 *   the multiplication nested lists add (N pages of M rows of K rows…).
 *   A list's size is its `limit` (or `first`) argument, a literal or a variable; a non-list field
 *   with such an argument (`capTable(limit:)`, `xConnection(first:)`) passes it on to the lists
 *   below it (`rows`, `edges`). A nested list without one counts DEFAULT_LIST_SIZE (100).
 *   Negative sizes count 0.
 *   Introspection (`__schema`, `__type`) is finite and not scored; the depth limit bounds it, with
 *   `ofType` (unwrapping NonNull and List, a chain GraphiQL asks 7 levels deep) adding no depth.
 *   E.g. `transfers(limit: 10000) { amount token { id } }` scores 2;
 *   `tokens { holdings(limit: 1000) { id } }` 1,001; `tokens(limit: 5) { holdings(limit: 1000)
 *   { id transfers(limit: 1000) { id } } }` 1 + 1,000 + 1,000,000.
 *
 * Without a schema, a field is taken for a list when it has a `limit` or `first` argument.
 * The walk is bounded (fragment cycles are cut, at most MAX_VISITS fields are visited, nesting is
 * followed to MAX_WALK_DEPTH): past that the analysis reports `truncated` and check() refuses.
 */
export interface QueryLimits {
    depth: number
    aliases: number
    complexity: number
}

export const DEFAULT_LIMITS: QueryLimits = {depth: 12, aliases: 30, complexity: 10_000}
export const DEFAULT_LIST_SIZE = 100
export const MAX_VISITS = 100_000
export const MAX_WALK_DEPTH = 200

export interface Analysis extends QueryLimits {
    /** the document was too large to walk completely: the figures are lower bounds */
    truncated: boolean
    /** the first list of the generated API (a `limit` without default) given no limit */
    unbounded?: string
}

/**
 * Nodes one answer of the generated API may hold (OpenReader's response size limit, rows ×
 * fields of every list); it refuses a list without a limit, which check() names first.
 */
export const MAX_RESPONSE_NODES = 1_000_000

export interface AnalyseOptions {
    /** to tell lists from single objects and follow types through fragments */
    schema?: GraphQLSchema
    /** the request's variables, for `limit: $n` */
    variables?: Record<string, unknown> | null
    /** the operation to analyse; without it, every operation of the document (the largest figures) */
    operationName?: string | null
}

const SIZE_ARGS = ['limit', 'first']

export function analyse(doc: DocumentNode, options: AnalyseOptions = {}): Analysis {
    const fragments = new Map<string, FragmentDefinitionNode>()
    const operations: OperationDefinitionNode[] = []
    for (const def of doc.definitions) {
        if (def.kind === 'FragmentDefinition') fragments.set(def.name.value, def)
        else if (def.kind === 'OperationDefinition') operations.push(def)
    }
    const chosen = options.operationName ? operations.filter(o => o.name?.value === options.operationName) : operations
    const result: Analysis = {depth: 0, aliases: 0, complexity: 0, truncated: false}
    for (const op of chosen) {
        const a = analyseOperation(op, fragments, options)
        result.depth = Math.max(result.depth, a.depth)
        result.aliases = Math.max(result.aliases, a.aliases)
        result.complexity = Math.max(result.complexity, a.complexity)
        result.truncated ||= a.truncated
        result.unbounded ??= a.unbounded
    }
    return result
}

/** null when the document is within the limits, else why not (the limit and the value). */
export function check(doc: DocumentNode, limits: QueryLimits = DEFAULT_LIMITS, options: AnalyseOptions = {}): string | null {
    const a = analyse(doc, options)
    const more = a.truncated ? 'more than ' : ''
    if (a.truncated && a.depth > MAX_WALK_DEPTH) return `query depth limit exceeded: depth ${more}${MAX_WALK_DEPTH}, the limit is ${limits.depth}`
    if (a.depth > limits.depth) return `query depth limit exceeded: depth ${more}${a.depth}, the limit is ${limits.depth}`
    if (a.aliases > limits.aliases) return `query alias limit exceeded: ${more}${a.aliases} aliases, the limit is ${limits.aliases}`
    if (a.complexity > limits.complexity) return `query complexity limit exceeded: complexity ${more}${formatScore(a.complexity)}, the limit is ${limits.complexity} (per row of the top-level list, nested lists count their limit or first argument, default ${DEFAULT_LIST_SIZE}, and multiply)`
    if (a.truncated) return `query complexity limit exceeded: more than ${MAX_VISITS} fields after expanding fragments, the limit is ${limits.complexity}`
    if (a.unbounded) {
        return `${a.unbounded} has no limit: every list of the generated API needs one, and an answer may hold at most ${MAX_RESPONSE_NODES} ` +
            'nodes (rows × fields); for bulk reads use the streamed exports under /export/'
    }
    return null
}

function formatScore(n: number): string {
    return Number.isFinite(n) && n < 1e21 ? String(Math.round(n)) : 'beyond 1e21'
}

function analyseOperation(op: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, options: AnalyseOptions): Analysis {
    const {schema} = options
    const variables: Record<string, unknown> = {}
    for (const v of op.variableDefinitions ?? []) {
        if (v.defaultValue?.kind === 'IntValue') variables[v.variable.name.value] = Number(v.defaultValue.value)
    }
    Object.assign(variables, options.variables ?? {})
    const result: Analysis = {depth: 0, aliases: 0, complexity: 0, truncated: false}
    let visits = 0

    const size = (field: FieldNode): number | undefined => {
        for (const arg of field.arguments ?? []) {
            if (!SIZE_ARGS.includes(arg.name.value)) continue
            const n = numberOf(arg.value, variables)
            if (n !== undefined) return Math.max(0, n)
        }
        return undefined
    }

    /**
     * fanout: how many times this selection set appears in the answer; pending: a size passed down
     * by a non-list field to the lists below; inList: a list encloses it; scored: outside introspection.
     */
    const walk = (set: SelectionSetNode, type: GraphQLNamedType | undefined, depth: number, fanout: number,
        pending: number | undefined, inList: boolean, scored: boolean, path: Set<string>): void => {
        for (const sel of set.selections) {
            if (result.truncated) return
            if (sel.kind === 'InlineFragment') {
                const t = sel.typeCondition && schema ? schema.getType(sel.typeCondition.name.value) ?? undefined : type
                walk(sel.selectionSet, t, depth, fanout, pending, inList, scored, path)
                continue
            }
            if (sel.kind === 'FragmentSpread') {
                const name = sel.name.value
                const frag = fragments.get(name)
                if (frag == null || path.has(name)) continue // unknown or cyclic: validation refuses these anyway
                path.add(name)
                const t = schema ? schema.getType(frag.typeCondition.name.value) ?? undefined : type
                walk(frag.selectionSet, t, depth, fanout, pending, inList, scored, path)
                path.delete(name)
                continue
            }
            if (++visits > MAX_VISITS) {
                result.truncated = true
                return
            }
            if (sel.alias) result.aliases++
            const name = sel.name.value
            // __Type.ofType unwraps NonNull/List: a finite chain (GraphiQL asks for 7 of them)
            const d = !scored && name === 'ofType' ? depth : depth + 1
            result.depth = Math.max(result.depth, d)
            if (sel.selectionSet == null) continue
            if (d > MAX_WALK_DEPTH) {
                result.truncated = true
                return
            }
            const fieldScored = scored && name !== '__schema' && name !== '__type'
            const fieldType = fieldTypeOf(schema, type, name)
            if (fieldScored && takesLimit(type, name) && !sel.arguments?.some(a => a.name.value === 'limit')) result.unbounded ??= name
            const own = size(sel)
            const isList = fieldType ? isListType(getNullableType(fieldType)) : own !== undefined
            let n = 1
            let nextPending = pending
            if (isList) {
                // the first list on the path is the page: scored per row
                n = inList ? own ?? pending ?? DEFAULT_LIST_SIZE : 1
                nextPending = undefined
            } else if (own !== undefined) {
                nextPending = own
            }
            const count = fanout * n
            if (fieldScored) result.complexity += count
            walk(sel.selectionSet, fieldType ? getNamedType(fieldType) : undefined, d, count, nextPending, inList || isList, fieldScored, path)
        }
    }

    const root = schema ? (op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) ?? undefined : undefined
    walk(op.selectionSet, root, 0, 1, undefined, false, true, new Set())
    return result
}

function fieldTypeOf(schema: GraphQLSchema | undefined, parent: GraphQLNamedType | undefined, name: string) {
    if (schema == null) return undefined
    if (name === '__schema') return schema.getType('__Schema') ?? undefined
    if (name === '__type') return schema.getType('__Type') ?? undefined
    if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name]?.type
    return undefined
}

/** A list field with a `limit` argument and no default: the generated API's lists, all rows when it is left out. */
function takesLimit(parent: GraphQLNamedType | undefined, name: string): boolean {
    if (parent == null || !(isObjectType(parent) || isInterfaceType(parent))) return false
    const field = parent.getFields()[name]
    return field != null && isListType(getNullableType(field.type)) && field.args.some(a => a.name === 'limit' && a.defaultValue === undefined)
}

function numberOf(value: ValueNode, variables: Record<string, unknown>): number | undefined {
    if (value.kind === 'IntValue' || value.kind === 'FloatValue') return Number(value.value)
    if (value.kind === 'Variable') {
        const v = variables[value.name.value]
        if (typeof v === 'number' && !Number.isNaN(v)) return v
        if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v)
    }
    return undefined
}
