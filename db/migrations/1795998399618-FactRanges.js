// Indexes the generated migration cannot express, for the facts' validity ranges (fact_version).
module.exports = class FactRanges1795998399618 {
    name = 'FactRanges1795998399618'

    async up(db) {
        // Setting a fact closes its open version: one row per fact, found without walking its past.
        await db.query(`CREATE UNIQUE INDEX "IDX_fact_version_open" ON "fact_version" ("chain_id", "kind", "contract", "key") WHERE "valid_until_block" IS NULL`)
        // Every fact of a contract valid at block B (all registrations of a storage, all settings of a compliance).
        await db.query(`DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
                CREATE INDEX "IDX_fact_version_valid_at" ON "fact_version" USING gist ("kind", "contract", int4range("from_block", "valid_until_block"));
            ELSE
                CREATE INDEX "IDX_fact_version_valid_at" ON "fact_version" USING gist (int4range("from_block", "valid_until_block"));
            END IF;
        END $$`)
    }

    async down(db) {
        await db.query(`DROP INDEX "IDX_fact_version_valid_at"`)
        await db.query(`DROP INDEX "IDX_fact_version_open"`)
    }
}
