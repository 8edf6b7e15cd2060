export interface GqlResponse<T> {
    data?: T
    errors?: {message: string}[]
}

export async function gqlRaw<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{status: number; body: GqlResponse<T>}> {
    const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query, variables})})
    return {status: res.status, body: await res.json() as GqlResponse<T>}
}

/** Runs a query and fails the test on any GraphQL error. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const {body} = await gqlRaw<T>(url, query, variables)
    if (body.errors?.length) throw new Error(body.errors.map(e => e.message).join('; '))
    if (body.data == null) throw new Error('no data')
    return body.data
}
