import {EnvelopArmorPlugin} from '@escape.tech/graphql-armor'
import {
    ArgumentNode,
    ASTVisitor,
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    NoSchemaIntrospectionCustomRule,
    SelectionSetNode,
    validate,
    ValidationContext,
    ValueNode,
} from 'graphql'
import type {Plugin} from 'graphql-yoga'
import {check, DEFAULT_LIMITS} from './queryLimits'
import {userInputError} from './publicErrors'

/** Tokens one document may hold: GraphiQL's introspection query has ~300; a 120,000-directive flood stops at the parser. */
export const MAX_TOKENS = 5000
export const MAX_DIRECTIVES = 20
/** Validation stops after this many errors: a document of a million mistakes costs no more than one of 25. */
export const MAX_VALIDATION_ERRORS = 25
/** Root fields of one operation: each is a query of its own on the database. */
export const MAX_ROOT_FIELDS = 20

export interface GuardOptions {
    introspection: boolean
}

/** The variables of the request being validated (yoga puts its GraphQL params on the context). */
interface WithParams {
    params?: {variables?: Record<string, unknown> | null}
}

/**
 * Refusals before anything is resolved, each naming the limit or argument: tokens and directives
 * (graphql-armor), the validation error cap, depth, aliases and complexity (./queryLimits, which
 * knows our lists' `limit` arguments), introspection when off, negative pages and NUL characters.
 */
export function requestGuards(options: GuardOptions): Plugin[] {
    return [
        EnvelopArmorPlugin({
            maxTokens: {n: MAX_TOKENS},
            maxDirectives: {n: MAX_DIRECTIVES},
            // ./queryLimits does these with the list sizes in mind
            maxDepth: {enabled: false},
            maxAliases: {enabled: false},
            costLimit: {enabled: false},
            // without introspection, "did you mean …" would still reveal the schema
            blockFieldSuggestion: {enabled: !options.introspection},
        }),
        {
            // The parser recurses per nesting level: a deep enough document overflows the stack before the token limit.
            onParse({parseFn, setParseFn}) {
                setParseFn((source, parseOptions) => {
                    try {
                        return parseFn(source, parseOptions)
                    } catch (err) {
                        if (err instanceof RangeError) throw new GraphQLError(`Syntax Error: the document nests too deeply to parse (the depth limit is ${DEFAULT_LIMITS.depth})`)
                        throw err
                    }
                })
            },
            onValidate({params, context, setValidationFn, setResult, addValidationRule}) {
                const variables = (context as WithParams).params?.variables ?? null
                const roots = rootFields(params.documentAST)
                const refusal = roots > MAX_ROOT_FIELDS
                    ? `only ${MAX_ROOT_FIELDS} root fields allowed, but got ${roots}`
                    : check(params.documentAST, DEFAULT_LIMITS, {schema: params.schema, variables})
                if (refusal != null) {
                    setResult([userInputError(refusal)])
                    return
                }
                if (!options.introspection) addValidationRule(NoSchemaIntrospectionCustomRule)
                addValidationRule((ctx: ValidationContext) => argumentRule(ctx, variables ?? {}))
                setValidationFn((schema, doc, rules, typeInfo) => validate(schema, doc, rules, typeInfo, {maxErrors: MAX_VALIDATION_ERRORS}))
            },
        },
    ]
}

/** The most root fields of any operation of `doc`, fragments expanded (each counted once, a cyclic spread as none). */
function rootFields(doc: DocumentNode): number {
    const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map(f => [f.name.value, f]))
    const perFragment = new Map<string, number>()
    const count = (set: SelectionSetNode): number => set.selections.reduce((n, sel) => {
        if (sel.kind === 'Field') return n + 1
        if (sel.kind === 'InlineFragment') return n + count(sel.selectionSet)
        const name = sel.name.value
        if (!perFragment.has(name)) {
            perFragment.set(name, 0) // while it is being counted: a cycle adds nothing
            const frag = fragments.get(name)
            perFragment.set(name, frag == null ? 0 : count(frag.selectionSet))
        }
        return n + perFragment.get(name)!
    }, 0)
    return Math.max(0, ...doc.definitions.map(d => d.kind === 'OperationDefinition' ? count(d.selectionSet) : 0))
}

const PAGE_ARGS = new Set(['limit', 'offset', 'first'])

/** Arguments the database would choke on, named: a negative page size or offset, a string holding NUL. */
function argumentRule(ctx: ValidationContext, variables: Record<string, unknown>): ASTVisitor {
    return {
        Argument(node: ArgumentNode) {
            const field = ctx.getFieldDef()?.name
            const where = field ? `argument ${node.name.value} of ${field}` : `argument ${node.name.value}`
            const problem = argumentProblem(node.name.value, node.value, variables)
            if (problem) ctx.reportError(new GraphQLError(`${where}: ${problem}`, node, undefined, undefined, undefined, undefined, {code: 'BAD_USER_INPUT'}))
        },
    }
}

function argumentProblem(name: string, value: ValueNode, variables: Record<string, unknown>): string | null {
    const v = valueOf(value, variables)
    if (PAGE_ARGS.has(name) && typeof v === 'number' && v < 0) return `${v} is negative; give 0 or more`
    if (containsNul(v)) return 'a string holds the NUL character (\\u0000), which no stored text contains'
    return null
}

function valueOf(value: ValueNode, variables: Record<string, unknown>): unknown {
    switch (value.kind) {
        case 'Variable': return variables[value.name.value]
        case 'IntValue': return Number(value.value)
        case 'StringValue': return value.value
        case 'ListValue': return value.values.map(v => valueOf(v, variables))
        case 'ObjectValue': return value.fields.map(f => valueOf(f.value, variables))
        default: return null
    }
}

function containsNul(v: unknown): boolean {
    if (typeof v === 'string') return v.includes('\u0000')
    if (Array.isArray(v)) return v.some(containsNul)
    if (v != null && typeof v === 'object') return Object.values(v).some(containsNul)
    return false
}
