import {Arg} from 'type-graphql'

/** The optional `partition` argument of the analytics queries: an ERC-1400 partition instead of the whole token. */
export const PartitionArg = (): ParameterDecorator =>
    Arg('partition', () => String, {nullable: true, description: 'ERC-1400: one partition (bytes32 hex or its name, e.g. "senior") instead of the whole token'})
