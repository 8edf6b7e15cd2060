// The GraphQL the page sends: plain documents a dashboard developer can copy. Every list has a
// limit (the API refuses an unbounded one) and nothing needs introspection.

export interface Token {
    id: string
    chainId: number
    address: string
    name: string | null
    symbol: string | null
    decimals: number | null
    standard: string
    totalSupply: string
    holderCount: number
    investorCount: number
    paused: boolean
    createdAt: string
}

export interface ChainHead {
    id: string
    headBlock: number | null
    headTimestamp: string | null
}

export const TOKENS = `query Tokens {
  tokens(limit: 200, orderBy: [symbol_ASC, id_ASC]) {
    id chainId address name symbol decimals standard totalSupply holderCount investorCount paused createdAt
  }
  chains(limit: 10) { id headBlock headTimestamp }
}`

/** The indexed head of every chain: pushed again each time the indexer commits a block that changes it. */
export const HEAD = `subscription Head { chains(limit: 10) { id headBlock headTimestamp } }`

export const CAP_TABLE = `query CapTable($token: String!, $atBlock: Int, $atTimestamp: String, $groupBy: CapTableGroupBy!) {
  capTable(token: $token, atBlock: $atBlock, atTimestamp: $atTimestamp, groupBy: $groupBy, limit: 1000) {
    block timestamp supply holderCount investorCount rowCount
    rows { holder investor wallets balance frozenTokens frozenWallets share verified country countryCode }
  }
  jurisdictions(token: $token, atBlock: $atBlock, atTimestamp: $atTimestamp) {
    countries { country countryCode holders balance share }
  }
}`

export interface Country {
    country: number | null
    countryCode: string | null
    holders: number
    balance: string
    share: string
}

export const TIME_SERIES = `query Series($token: String!, $interval: TimeSeriesInterval!, $from: String!, $to: String!) {
  tokenTimeSeries(token: $token, interval: $interval, from: $from, to: $to) { start totalSupply holderCount investorCount }
}`

export interface Bucket {
    start: string
    totalSupply: string
    holderCount: number
    investorCount: number
}

export const AUDIT = `query Audit($where: AuditEventWhereInput!) {
  auditEvents(where: $where, orderBy: [blockNumber_DESC, logIndex_DESC], limit: 50) {
    id kind contractKind subject counterparty amount amountDecimal blockNumber timestamp txHash
  }
}`

export interface AuditEvent {
    id: string
    kind: string
    contractKind: string
    subject: string | null
    counterparty: string | null
    amount: string | null
    /** amount in its token's units (the payment token's for payouts); null when those decimals are unknown */
    amountDecimal: string | null
    blockNumber: number
    timestamp: string
    txHash: string
}

export const DISTRIBUTIONS = `query Distributions($token: String!) {
  distributions(where: {tokenAddress_eq: $token}, orderBy: [createdAtBlock_DESC, id_DESC], limit: 100) {
    id distributionId kind status paymentToken paymentTokenInfo { address symbol decimals } totalAmount funded paid reclaimed refunded outstanding recordBlock rootMatches createdAt
  }
}`

/** The ERC-20 a distribution pays in; symbol and decimals null when its views revert. */
export interface PaymentAsset {
    address: string
    symbol: string | null
    decimals: number | null
}

/** Where a distribution's money stands, in the payment token's smallest unit. */
interface Standing {
    status: string
    totalAmount: string
    funded: string
    paid: string
    reclaimed: string
    refunded: string
    outstanding: string
}

export interface Distribution extends Standing {
    id: string
    distributionId: string
    kind: string
    paymentToken: string
    /** null until the indexer has read the payment token (a database indexed before it did: reindex) */
    paymentTokenInfo: PaymentAsset | null
    recordBlock: number
    rootMatches: boolean | null
    createdAt: string
}

/**
 * The reconciliation summary of several distributions in one request, one alias each (the API allows
 * 30 aliases a request; the page asks for at most RECONCILIATION_SUMMARIES).
 */
export const RECONCILIATION_SUMMARIES = 20
export function reconciliationSummaries(count: number): string {
    const vars = Array.from({length: count}, (_, i) => `$id${i}: String!`).join(', ')
    const fields = Array.from({length: count}, (_, i) => `  r${i}: distributionReconciliation(id: $id${i}) { variance rootMatches byStatus { status count } }`).join('\n')
    return `query ReconciliationSummaries(${vars}) {\n${fields}\n}`
}

export interface ReconciliationSummary {
    variance: string
    rootMatches: boolean
    byStatus: {status: string; count: number}[]
}

export const RECONCILIATION = `query Reconciliation($id: String!) {
  distributionReconciliation(id: $id) {
    id status paymentToken { address symbol decimals } recordBlock recordBlockTime claimExpiry
    totalAmount funded paid reclaimed refunded outstanding expected variance owed excess undistributed
    onChainRoot computedRoot rootMatches rootDifferences unconfirmedHolders entitlementError
    lines { holder status expected paid difference manualPaid payments { txHash manual amount } }
  }
}`

export interface ReconciliationLine {
    holder: string
    status: string
    expected: string
    paid: string
    difference: string
    manualPaid: string
    payments: {txHash: string; manual: boolean; amount: string}[]
}

export interface Reconciliation extends Standing {
    id: string
    paymentToken: PaymentAsset
    recordBlock: number
    recordBlockTime: string | null
    claimExpiry: string
    expected: string
    variance: string
    owed: string
    excess: string
    undistributed: string
    onChainRoot: string
    computedRoot: string
    rootMatches: boolean
    rootDifferences: string[]
    unconfirmedHolders: string[]
    entitlementError: string | null
    lines: ReconciliationLine[]
}
