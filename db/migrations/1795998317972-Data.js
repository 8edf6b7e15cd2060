module.exports = class Data1795998317972 {
    name = 'Data1795998317972'

    async up(db) {
        await db.query(`ALTER TABLE "transfer" ADD "classified_by" character varying(11)`)
        await db.query(`ALTER TABLE "audit_event" ADD "classified_by" character varying(11)`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "transfer" DROP COLUMN "classified_by"`)
        await db.query(`ALTER TABLE "audit_event" DROP COLUMN "classified_by"`)
    }
}
