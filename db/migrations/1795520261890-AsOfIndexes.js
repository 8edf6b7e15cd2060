// Indexes the generated migration cannot express: the ledger's validity ranges, for "holders as of block B".
module.exports = class AsOfIndexes1795520261890 {
    name = 'AsOfIndexes1795520261890'

    async up(db) {
        // btree_gist lets one GiST index hold the token id next to the range; it is a trusted extension (a
        // database owner may create it). Without it the range is indexed alone, and the token filtered after.
        await db.query(`DO $$ BEGIN
            CREATE EXTENSION IF NOT EXISTS btree_gist;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'btree_gist could not be created (%): as-of queries use a range-only index, slower with many tokens', SQLERRM;
        END $$`)
        await db.query(`DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
                CREATE INDEX "IDX_balance_change_valid_at" ON "balance_change" USING gist ("token_id", int4range("block_number", "valid_until_block")) WHERE "balance_after" > 0;
            ELSE
                CREATE INDEX "IDX_balance_change_valid_at" ON "balance_change" USING gist (int4range("block_number", "valid_until_block")) WHERE "balance_after" > 0;
            END IF;
        END $$`)
        // A cap-table page walks the ledger largest balance first and keeps the rows valid at B; the range
        // travels in the index so that rows not valid at B are skipped without reading the table.
        await db.query(`CREATE INDEX "IDX_balance_change_ranked" ON "balance_change" ("token_id", "balance_after" DESC, "wallet") INCLUDE ("block_number", "valid_until_block") WHERE "balance_after" > 0`)
    }

    async down(db) {
        await db.query(`DROP INDEX "IDX_balance_change_ranked"`)
        await db.query(`DROP INDEX "IDX_balance_change_valid_at"`)
    }
}
