// Every fact's past (fact_version), the indexed blocks and the discovery order are built from the chain as
// it is indexed: an index written by an earlier version cannot be upgraded in place without silently
// missing that history. Refuse with the way out instead.
module.exports = class RequireReindex1795998399616 {
    name = 'RequireReindex1795998399616'

    async up(db) {
        const [held] = await db.query(`SELECT EXISTS (SELECT 1 FROM "token") AS held`)
        if (held.held) {
            throw new Error('this version keeps the history of every fact (registrations, verification, freezes, roles, modules, token info) ' +
                'and cannot add it to an index built by an earlier version: run `npm run reindex` (it drops the index; the next start rebuilds it from START_BLOCK)')
        }
    }

    async down() {}
}
