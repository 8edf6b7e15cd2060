// Closing a wallet's current ledger row (src/mapping/state.ts closeLedgerRows) looks up the open row of each
// (token, wallet) that moved: without this index each lookup walked all the wallet's earlier rows, a cost
// that grew with history.
module.exports = class OpenLedgerRows1796002700000 {
    name = 'OpenLedgerRows1796002700000'

    async up(db) {
        await db.query(`CREATE INDEX "IDX_balance_change_open" ON "balance_change" ("token_id", "wallet") WHERE "valid_until_block" IS NULL`)
    }

    async down(db) {
        await db.query(`DROP INDEX "IDX_balance_change_open"`)
    }
}
