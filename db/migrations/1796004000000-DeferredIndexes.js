// The secondary indexes and foreign keys of the history tables that a first catch-up drops and builds
// again when it reaches the head (src/ingest/deferredIndexes.ts). A row is deleted in the transaction that
// builds its index: rows left over after a crash are built at the next start. While any row is here the
// index is catching up: the API's readiness reads this table.
module.exports = class DeferredIndexes1796004000000 {
    name = 'DeferredIndexes1796004000000'

    async up(db) {
        await db.query(`CREATE TABLE "deferred_index" (
            "name" text PRIMARY KEY,
            "table_name" text NOT NULL,
            "definition" text NOT NULL,
            "deferred_at" timestamp with time zone NOT NULL DEFAULT now()
        )`)
    }

    async down(db) {
        await db.query(`DROP TABLE "deferred_index"`)
    }
}
