// Longer enum values: FactKind IMPLEMENTATION_AUTHORITY and TREX_VERSION.
// Generated as DROP COLUMN + ADD COLUMN, which would lose every row's value: the columns are widened in place.
module.exports = class Data1796000656133 {
    name = 'Data1796000656133'

    async up(db) {
        await db.query(`ALTER TABLE "fact_version" ALTER COLUMN "kind" TYPE character varying(24)`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "fact_version" ALTER COLUMN "kind" TYPE character varying(14)`)
    }
}
