import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {ReadTx} from '../../api/requestDb'
import {tokenInfoAt} from '../../analytics/factsAt'
import {SqlQuery} from '../../analytics/ownershipAt'
import {findContract, RoleHolder, rolesAt} from '../../analytics/stateAt'
import {answer, AsOfBlock, resolveAsOf, resolveBlock, sqlOf} from '../../api/asOf'

@ObjectType()
export class RoleHolderView {
    @Field() account!: string
    @Field(() => Int, {description: 'held without a break since the end of this block'}) sinceBlock!: number
    @Field({description: 'the transaction that granted it then'}) txHash!: string
    @Field({description: 'that transaction\'s sender'}) grantedBy!: string
}

@ObjectType()
export class ContractRolesView {
    @Field() contract!: string
    @Field({description: 'TOKEN, IDENTITY_REGISTRY, COMPLIANCE, …'}) kind!: string
    @Field(() => [RoleHolderView], {description: 'isAgent: the agents, by address'}) agents!: RoleHolderView[]
    @Field(() => [RoleHolderView], {description: 'owner (one at a time on Ownable contracts)'}) owners!: RoleHolderView[]
}

@ObjectType()
export class RolesView {
    @Field(() => Int, {description: 'the block the answer is as of (its end)'}) block!: number
    @Field(() => String, {nullable: true, description: 'that block\'s time (ISO 8601); null for a past block in which nothing watched happened'}) timestamp!: string | null
    @Field(() => [ContractRolesView], {description: 'the contract; for a token also the identity registry and compliance it used at the block'}) contracts!: ContractRolesView[]
}

@Resolver()
export class RolesResolver {
    constructor(private readonly tx: () => Promise<ReadTx>) {}

    @Query(() => RolesView, {description: 'Who may act: agents and owners of a contract (a token: with its identity registry and compliance) as of a block or time (default: the indexed head).'})
    async roles(
        @Arg('contract', {description: 'a token, or another watched contract (identity registry, compliance, storage, …)'}) contract: string,
        @Arg('atBlock', () => Int, {nullable: true}) atBlock: number | null,
        @Arg('atTimestamp', () => String, {nullable: true, description: 'ISO 8601'}) atTimestamp: string | null,
    ): Promise<RolesView> {
        return answer(async () => {
            const query = sqlOf(await this.tx())
            const watched = await findContract(query, contract)
            const {at, contracts} = watched.kind === 'TOKEN'
                ? await tokenContracts(query, watched.address, {atBlock, atTimestamp})
                : {at: await resolveBlock(query, watched.chainId, {atBlock, atTimestamp}), contracts: [{address: watched.address, kind: watched.kind}]}
            const views = await Promise.all(contracts.map(async c => {
                const r = await rolesAt(query, watched.chainId, c.address, at.block)
                return {contract: c.address, kind: c.kind, agents: r.agents.map(holderView), owners: r.owners.map(holderView)}
            }))
            return {block: at.block, timestamp: at.timestamp?.toISOString() ?? null, contracts: views}
        })
    }
}

/** The token and the registry and compliance it used at the block `args` name. */
async function tokenContracts(query: SqlQuery, token: string, args: {atBlock: number | null; atTimestamp: string | null}): Promise<{at: AsOfBlock; contracts: {address: string; kind: string}[]}> {
    const at = await resolveAsOf(query, {token, ...args})
    const {info} = await tokenInfoAt(query, at.token.chainId, at.token.address, at.block)
    const contracts = [{address: at.token.address, kind: 'TOKEN'}]
    if (info?.identityRegistry) contracts.push({address: info.identityRegistry, kind: 'IDENTITY_REGISTRY'})
    if (info?.compliance) contracts.push({address: info.compliance, kind: 'COMPLIANCE'})
    return {at, contracts}
}

const holderView = (h: RoleHolder): RoleHolderView => ({account: h.account, sinceBlock: h.since.fromBlock, txHash: h.since.txHash, grantedBy: h.since.actor})
