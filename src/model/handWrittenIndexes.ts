import {Index} from 'typeorm'
import {BalanceChange, FactVersion, PartitionBalanceChange} from './generated'
import {HAND_WRITTEN_INDEXES} from './handWrittenIndexNames'

// The hand-written indexes, declared to TypeORM with `synchronize: false`: the schema diff of
// `npm run migration:generate` then sees them as ours and neither drops nor recreates them.
for (const name of HAND_WRITTEN_INDEXES.balance_change) Index(name, {synchronize: false})(BalanceChange)
for (const name of HAND_WRITTEN_INDEXES.fact_version) Index(name, {synchronize: false})(FactVersion)
for (const name of HAND_WRITTEN_INDEXES.partition_balance_change) Index(name, {synchronize: false})(PartitionBalanceChange)
