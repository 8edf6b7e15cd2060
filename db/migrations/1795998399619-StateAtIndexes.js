// Indexes the generated migration cannot express, for the as-of state queries (src/analytics/stateAt.ts).
module.exports = class StateAtIndexes1795998399619 {
    name = 'StateAtIndexes1795998399619'

    async up(db) {
        // investorState: an investor's wallets in a storage at block B, without reading every registration of the storage.
        await db.query(`CREATE INDEX "IDX_fact_version_registered_identity" ON "fact_version" ("chain_id", "contract", (("value"->>'identity')), "from_block") WHERE "kind" = 'REGISTRATION'`)
    }

    async down(db) {
        await db.query(`DROP INDEX "IDX_fact_version_registered_identity"`)
    }
}
