import 'reflect-metadata' // type-graphql's decorators read the parameter types through it
import {mergeSchemas} from '@graphql-tools/schema'
import {getSchemaBuilder} from '@subsquid/openreader/lib/dialect'
import {customScalars} from '@subsquid/openreader/lib/scalars'
import {loadModel, resolveGraphqlSchema} from '@subsquid/openreader/lib/tools'
import {GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString} from 'graphql'
import {buildSchema, ResolverData} from 'type-graphql'
import * as resolvers from '../server-extension/resolvers'
import {HEAD_SQL} from './indexHead'
import {RequestDb} from './requestDb'

/** What every resolver gets: `openreader` is the name the generated API's resolvers look for. */
export interface ApiContext {
    openreader: RequestDb
}

/**
 * The one schema the API serves: OpenReader's, generated from schema.graphql (entities, filters,
 * ordering, connections, subscriptions), squidStatus, and our type-graphql resolvers
 * (src/server-extension/resolvers), each constructed per request with the request's transaction.
 */
export async function apiSchema(projectDir: string): Promise<GraphQLSchema> {
    const model = loadModel(resolveGraphqlSchema(projectDir))
    const generated = (await getSchemaBuilder({model, subscriptions: true})).build()
    const [first, ...rest] = Object.values(resolvers)
    const custom = await buildSchema({
        resolvers: [first!, ...rest],
        scalarsMap: [
            {type: Date, scalar: customScalars.DateTime},
            {type: BigInt, scalar: customScalars.BigInt},
            {type: Buffer, scalar: customScalars.Bytes},
        ],
        container: {get: (resolver: new (tx: () => Promise<unknown>) => unknown, {context}: ResolverData<ApiContext>) => new resolver(async () => context.openreader.readTx())},
        validate: false,
    })
    return mergeSchemas({schemas: [generated, squidStatusSchema(), custom]})
}

/** `squidStatus`: the last block the indexer committed (Subsquid's field of the same name). */
function squidStatusSchema(): GraphQLSchema {
    return new GraphQLSchema({
        query: new GraphQLObjectType({
            name: 'Query',
            fields: {
                squidStatus: {
                    type: new GraphQLObjectType({
                        name: 'SquidStatus',
                        fields: {
                            height: {type: GraphQLInt, description: 'The height of the last processed block'},
                            hash: {type: GraphQLString, description: 'The hash of the last processed block'},
                        },
                    }),
                    resolve: async (_source, _args, context: ApiContext) => {
                        const [row] = await context.openreader.readTx().query(HEAD_SQL)
                        return row == null ? null : {height: Number(row.height), hash: row.hash}
                    },
                },
            },
        }),
    })
}
