// Indexes the generated migration cannot express, for the partition ledger as for the whole-token one
// (AsOfIndexes, OpenLedgerRows): holders of a partition as of block B are one range lookup, and closing a
// wallet's current row in a partition finds it without walking the wallet's history.
module.exports = class PartitionLedgerIndexes1796005000001 {
    name = 'PartitionLedgerIndexes1796005000001'

    async up(db) {
        await db.query(`DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
                CREATE INDEX "IDX_partition_balance_change_valid_at" ON "partition_balance_change" USING gist ("token_id", "partition", int4range("block_number", "valid_until_block")) WHERE "balance_after" > 0;
            ELSE
                CREATE INDEX "IDX_partition_balance_change_valid_at" ON "partition_balance_change" USING gist (int4range("block_number", "valid_until_block")) WHERE "balance_after" > 0;
            END IF;
        END $$`)
        await db.query(`CREATE INDEX "IDX_partition_balance_change_open" ON "partition_balance_change" ("token_id", "partition", "wallet") WHERE "valid_until_block" IS NULL`)
    }

    async down(db) {
        await db.query(`DROP INDEX "IDX_partition_balance_change_open"`)
        await db.query(`DROP INDEX "IDX_partition_balance_change_valid_at"`)
    }
}
