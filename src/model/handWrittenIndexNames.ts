// Indexes written by hand in db/migrations (GiST validity ranges, partial and covering indexes that
// schema.graphql cannot express), by table. ./handWrittenIndexes.ts declares them to TypeORM.
export const HAND_WRITTEN_INDEXES = {
    balance_change: ['IDX_balance_change_valid_at', 'IDX_balance_change_ranked', 'IDX_balance_change_open'],
    fact_version: ['IDX_fact_version_valid_at', 'IDX_fact_version_open', 'IDX_fact_version_registered_identity'],
    partition_balance_change: ['IDX_partition_balance_change_valid_at', 'IDX_partition_balance_change_open'],
} as const
