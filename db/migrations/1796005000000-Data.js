// ERC-1400 tokens: Token.standard, the partition ledger, holdings, partitions and movements, a distribution's partition (schema.graphql).
module.exports = class Data1796005000000 {
    name = 'Data1796005000000'

    async up(db) {
        await db.query(`CREATE TABLE "partition_transfer" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "partition" text NOT NULL, "to_partition" text, "from" text NOT NULL, "to" text NOT NULL, "amount" numeric NOT NULL, "kind" character varying(8) NOT NULL, "classified_by" character varying(12) NOT NULL, "operator" text, "data" text, "operator_data" text, "actor" text NOT NULL, "block_number" integer NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "token_id" character varying, "transfer_id" character varying, CONSTRAINT "PK_f76789ff41567ed901a513ba927" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_d615334fdffc013f2401ebec7f" ON "partition_transfer" ("partition") `)
        await db.query(`CREATE INDEX "IDX_b4a60c2cc09724de6cfc6da3d6" ON "partition_transfer" ("from") `)
        await db.query(`CREATE INDEX "IDX_f9b1b0d8c5b992a6c480bd85ea" ON "partition_transfer" ("to") `)
        await db.query(`CREATE INDEX "IDX_8ab15aec056997bd13962a857a" ON "partition_transfer" ("transfer_id") `)
        await db.query(`CREATE INDEX "IDX_fa83d34cd2970c46aaf198058f" ON "partition_transfer" ("token_id", "block_number", "log_index") `)
        await db.query(`CREATE TABLE "partition_balance_change" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "partition" text NOT NULL, "wallet" text NOT NULL, "delta" numeric NOT NULL, "balance_after" numeric NOT NULL, "block_number" integer NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "valid_until_block" integer, "token_id" character varying, "movement_id" character varying, CONSTRAINT "PK_02defdb748021a60bd80b514c54" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_f22a0cd67d531515774c1fc241" ON "partition_balance_change" ("movement_id") `)
        await db.query(`CREATE INDEX "IDX_f7d150dddec78d740f86355394" ON "partition_balance_change" ("token_id", "partition", "block_number") `)
        await db.query(`CREATE INDEX "IDX_a450d90f24b8234260eb48d981" ON "partition_balance_change" ("token_id", "partition", "wallet", "block_number", "log_index") `)
        await db.query(`CREATE TABLE "partition_holding" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "partition" text NOT NULL, "wallet" text NOT NULL, "balance" numeric NOT NULL, "first_acquired_block" integer, "last_changed_block" integer NOT NULL, "token_id" character varying, CONSTRAINT "PK_fea378f74b9591ff1d982c14dc6" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_518cafdb3e9f16e0d4601441df" ON "partition_holding" ("wallet") `)
        await db.query(`CREATE INDEX "IDX_81091982400b37d5ceeb4430e3" ON "partition_holding" ("token_id", "partition", "balance") `)
        await db.query(`CREATE TABLE "token_partition" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "partition" text NOT NULL, "name" text, "total_supply" numeric NOT NULL, "holder_count" integer NOT NULL, "first_block" integer NOT NULL, "token_id" character varying, CONSTRAINT "PK_4db6f6a919ad3e7efa43534a6cf" PRIMARY KEY ("id"))`)
        await db.query(`CREATE UNIQUE INDEX "IDX_518f9449582b404522a7073c78" ON "token_partition" ("token_id", "partition") `)
        // Tokens indexed before ERC-1400 support are all ERC-3643: the default fills them in, then goes (the mapping always sets it).
        await db.query(`ALTER TABLE "token" ADD "standard" character varying(7) NOT NULL DEFAULT 'ERC3643'`)
        await db.query(`ALTER TABLE "token" ALTER COLUMN "standard" DROP DEFAULT`)
        await db.query(`ALTER TABLE "distribution" ADD "partition" text`)
        await db.query(`ALTER TABLE "partition_transfer" ADD CONSTRAINT "FK_cdd2109d6ca1577293b4961694f" FOREIGN KEY ("token_id") REFERENCES "token"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "partition_transfer" ADD CONSTRAINT "FK_8ab15aec056997bd13962a857a9" FOREIGN KEY ("transfer_id") REFERENCES "transfer"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "partition_balance_change" ADD CONSTRAINT "FK_55fc600a0de78919830a41ecefb" FOREIGN KEY ("token_id") REFERENCES "token"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "partition_balance_change" ADD CONSTRAINT "FK_f22a0cd67d531515774c1fc2412" FOREIGN KEY ("movement_id") REFERENCES "partition_transfer"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "partition_holding" ADD CONSTRAINT "FK_8ce6c1a968ea00386586fdc5492" FOREIGN KEY ("token_id") REFERENCES "token"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "token_partition" ADD CONSTRAINT "FK_0738f874d5027f91e8050152a0e" FOREIGN KEY ("token_id") REFERENCES "token"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
    }

    async down(db) {
        await db.query(`DROP TABLE "partition_transfer"`)
        await db.query(`DROP INDEX "public"."IDX_d615334fdffc013f2401ebec7f"`)
        await db.query(`DROP INDEX "public"."IDX_b4a60c2cc09724de6cfc6da3d6"`)
        await db.query(`DROP INDEX "public"."IDX_f9b1b0d8c5b992a6c480bd85ea"`)
        await db.query(`DROP INDEX "public"."IDX_8ab15aec056997bd13962a857a"`)
        await db.query(`DROP INDEX "public"."IDX_fa83d34cd2970c46aaf198058f"`)
        await db.query(`DROP TABLE "partition_balance_change"`)
        await db.query(`DROP INDEX "public"."IDX_f22a0cd67d531515774c1fc241"`)
        await db.query(`DROP INDEX "public"."IDX_f7d150dddec78d740f86355394"`)
        await db.query(`DROP INDEX "public"."IDX_a450d90f24b8234260eb48d981"`)
        await db.query(`DROP TABLE "partition_holding"`)
        await db.query(`DROP INDEX "public"."IDX_518cafdb3e9f16e0d4601441df"`)
        await db.query(`DROP INDEX "public"."IDX_81091982400b37d5ceeb4430e3"`)
        await db.query(`DROP TABLE "token_partition"`)
        await db.query(`DROP INDEX "public"."IDX_518f9449582b404522a7073c78"`)
        await db.query(`ALTER TABLE "distribution" DROP COLUMN "partition"`)
        await db.query(`ALTER TABLE "token" DROP COLUMN "standard"`)
        await db.query(`ALTER TABLE "partition_transfer" DROP CONSTRAINT "FK_cdd2109d6ca1577293b4961694f"`)
        await db.query(`ALTER TABLE "partition_transfer" DROP CONSTRAINT "FK_8ab15aec056997bd13962a857a9"`)
        await db.query(`ALTER TABLE "partition_balance_change" DROP CONSTRAINT "FK_55fc600a0de78919830a41ecefb"`)
        await db.query(`ALTER TABLE "partition_balance_change" DROP CONSTRAINT "FK_f22a0cd67d531515774c1fc2412"`)
        await db.query(`ALTER TABLE "partition_holding" DROP CONSTRAINT "FK_8ce6c1a968ea00386586fdc5492"`)
        await db.query(`ALTER TABLE "token_partition" DROP CONSTRAINT "FK_0738f874d5027f91e8050152a0e"`)
    }
}
