// Longer enum values: ClassificationSource STORAGE_READ, FactKind IMPLEMENTATION_AUTHORITY and TREX_VERSION.
// Generated as DROP COLUMN + ADD COLUMN, which would lose every row's value: the columns are widened in place.
module.exports = class Data1796000656133 {
    name = 'Data1796000656133'

    async up(db) {
        await db.query(`ALTER TABLE "transfer" ALTER COLUMN "classified_by" TYPE character varying(12)`)
        await db.query(`ALTER TABLE "fact_version" ALTER COLUMN "kind" TYPE character varying(24)`)
        await db.query(`ALTER TABLE "audit_event" ALTER COLUMN "classified_by" TYPE character varying(12)`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "transfer" ALTER COLUMN "classified_by" TYPE character varying(11)`)
        await db.query(`ALTER TABLE "fact_version" ALTER COLUMN "kind" TYPE character varying(14)`)
        await db.query(`ALTER TABLE "audit_event" ALTER COLUMN "classified_by" TYPE character varying(11)`)
    }
}
