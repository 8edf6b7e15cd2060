module.exports = class Data1795998399617 {
    name = 'Data1795998399617'

    async up(db) {
        await db.query(`CREATE TABLE "indexed_block" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "height" integer NOT NULL, "hash" text NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6331f0d6c7336ab7d47f89e7e3b" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_74aecd384e8c0b1d5b0979d873" ON "indexed_block" ("chain_id", "timestamp", "height") `)
        await db.query(`CREATE TABLE "fact_version" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "kind" character varying(14) NOT NULL, "contract" text NOT NULL, "key" text NOT NULL, "value" jsonb NOT NULL, "from_block" integer NOT NULL, "valid_until_block" integer, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "actor" text NOT NULL, "token_id" character varying, CONSTRAINT "PK_52a644e3baf60125536eab0a295" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_f34da717cc38e4df5f99428613" ON "fact_version" ("token_id") `)
        await db.query(`CREATE INDEX "IDX_1267986561fefaf1e42181ffb4" ON "fact_version" ("kind", "key") `)
        await db.query(`CREATE INDEX "IDX_a8dba7d4f9c02d6b9b6fba78f2" ON "fact_version" ("chain_id", "kind", "contract", "key", "from_block") `)
        await db.query(`ALTER TABLE "identity" DROP COLUMN "country"`)
        await db.query(`ALTER TABLE "identity" DROP COLUMN "country_code"`)
        await db.query(`ALTER TABLE "chain" ADD "head_block" integer`)
        await db.query(`ALTER TABLE "chain" ADD "head_timestamp" TIMESTAMP WITH TIME ZONE`)
        await db.query(`ALTER TABLE "watched_contract" ADD "discovered_log_index" integer NOT NULL`)
        await db.query(`ALTER TABLE "fact_version" ADD CONSTRAINT "FK_f34da717cc38e4df5f994286131" FOREIGN KEY ("token_id") REFERENCES "token"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
    }

    async down(db) {
        await db.query(`DROP TABLE "indexed_block"`)
        await db.query(`DROP INDEX "public"."IDX_74aecd384e8c0b1d5b0979d873"`)
        await db.query(`DROP TABLE "fact_version"`)
        await db.query(`DROP INDEX "public"."IDX_f34da717cc38e4df5f99428613"`)
        await db.query(`DROP INDEX "public"."IDX_1267986561fefaf1e42181ffb4"`)
        await db.query(`DROP INDEX "public"."IDX_a8dba7d4f9c02d6b9b6fba78f2"`)
        await db.query(`ALTER TABLE "identity" ADD "country" integer`)
        await db.query(`ALTER TABLE "identity" ADD "country_code" text`)
        await db.query(`ALTER TABLE "chain" DROP COLUMN "head_block"`)
        await db.query(`ALTER TABLE "chain" DROP COLUMN "head_timestamp"`)
        await db.query(`ALTER TABLE "watched_contract" DROP COLUMN "discovered_log_index"`)
        await db.query(`ALTER TABLE "fact_version" DROP CONSTRAINT "FK_f34da717cc38e4df5f994286131"`)
    }
}
