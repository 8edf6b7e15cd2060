import type {RequestCheckContext} from '@subsquid/graphql-server/lib/check'
import {DocumentNode, parse} from 'graphql'
import {check, DEFAULT_LIMITS} from '../api/queryLimits'

/**
 * graphql-server's request check (it loads lib/server-extension/check.js and calls requestCheck
 * after validation, before anything is resolved): a string refuses the request with that message
 * as a GraphQL error. Enforces the depth, alias and complexity limits of api/queryLimits.
 */
export async function requestCheck(req: RequestCheckContext): Promise<boolean | string> {
    // The context has the operation but not the fragments it spreads: those are in the query text.
    let doc: DocumentNode = {kind: 'Document', definitions: [req.operation]}
    if (typeof req.request.query === 'string') {
        try {
            doc = parse(req.request.query, {noLocation: true})
        } catch {
            // already parsed once by the server: cannot fail here; keep the operation alone
        }
    }
    const operationName = req.operation.name?.value ?? null
    const refusal = check(doc, DEFAULT_LIMITS, {
        schema: req.schema,
        variables: req.request.variables ?? null,
        // an unnamed operation is the only one of its document: then all of them is that one
        operationName,
    })
    return refusal ?? true
}
