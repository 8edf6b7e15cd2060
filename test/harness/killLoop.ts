import {Client} from 'pg'
import {runCompiled} from '../../src/dev/children'
import {mulberry32} from '../../src/dev/random'

// kill -9 the indexer again and again during an ingest, recording what each restart resumed from.
// The indexer runs here without its supervisor: the loop is the supervisor, so it picks the kill
// moments and reads the committed height between a kill and the next start.

export interface KillPlan {
    /** indexer environment (chain, database, tokens) */
    env: NodeJS.ProcessEnv
    dbUrl: string
    /** the chain head the ingest runs to */
    head: number
    kills: number
    seed: number
    /** an 'afterCommit' kill lands at most this long after the run's first commit */
    maxDelayMs: number
}

export interface Committed {
    /** last finalized block (squid_processor.status), -1 before the first */
    final: number
    /** last block committed at all, hot blocks included */
    top: number
}

/** Where in a run the kill lands. */
export type KillMoment =
    /** while starting: migrations, chain checks, before the processor runs */
    | 'startup'
    /** once the processor writes: while a batch transaction is open */
    | 'batch'
    /** shortly after a batch committed, while the next one is fetched */
    | 'afterCommit'

export interface KillRecord {
    moment: KillMoment
    /** committed before the run started and after it was killed */
    before: Committed
    after: Committed
    /** a transaction of the indexer was open just before the kill */
    inTransaction: boolean
    /** the final block the processor said it resumed from, when it got that far */
    resumedFrom?: number
}

const MOMENTS: readonly [KillMoment, number][] = [['startup', 0.2], ['batch', 0.5], ['afterCommit', 0.3]]
const STARTUP_WINDOW_MS = 1000
const IN_BATCH_DELAY_MS = 100
const POLL_MS = 10
/** the indexer writes from here on: the catch-up by address, or the processor */
const WRITING = /catching up by address|using chain RPC data source/

export async function killRepeatedly(plan: KillPlan, onKill: (r: KillRecord, i: number) => void = () => undefined): Promise<KillRecord[]> {
    const rand = mulberry32(plan.seed)
    const db = new Client({connectionString: plan.dbUrl})
    await db.connect()
    try {
        const records: KillRecord[] = []
        for (let i = 0; i < plan.kills; i++) {
            const before = await committed(db)
            const moment = pickMoment(rand())
            const lines: string[] = []
            const child = runCompiled('cli/indexer', plan.env, l => lines.push(l))
            let gone = false
            void child.exited.then(() => { gone = true })
            const until = async (done: () => Promise<boolean> | boolean) => {
                while (!gone && !await done()) await sleep(POLL_MS)
            }
            const atHead = async () => (await committed(db)).top >= plan.head
            let inTransaction: boolean
            try {
                if (moment === 'startup') {
                    await sleep(rand() * STARTUP_WINDOW_MS)
                } else if (moment === 'batch') {
                    await until(() => lines.some(l => WRITING.test(l)))
                    await until(async () => await openTransactions(db) > 0 || await atHead())
                    await sleep(rand() * IN_BATCH_DELAY_MS)
                } else {
                    await until(async () => (await committed(db)).top > before.top || await atHead())
                    await sleep(rand() * plan.maxDelayMs)
                }
                if (gone) throw new Error(`the indexer exited by itself (${await child.exited}):\n${lines.slice(-20).join('\n')}`)
                inTransaction = await openTransactions(db) > 0
            } finally {
                child.proc.kill('SIGKILL')
            }
            await child.exited
            // A COMMIT the dead process sent may still be finishing in its backend: read the state once those are gone.
            await untilNoOtherSessions(db)
            const after = await committed(db)
            const record = {moment, before, after, inTransaction, resumedFrom: resumedFrom(lines)}
            records.push(record)
            onKill(record, i)
        }
        return records
    } finally {
        await db.end()
    }
}

/** The final block a run said it resumed from: where the catch-up started (less one), or the processor's own line. */
function resumedFrom(lines: string[]): number | undefined {
    for (const l of lines) {
        const catchUp = /catching up by address after block (-?\d+)/.exec(l)
        if (catchUp) return Number(catchUp[1])
        const processor = /last processed final block was (\d+)/.exec(l)
        if (processor) return Number(processor[1])
    }
    return undefined
}

function pickMoment(r: number): KillMoment {
    let acc = 0
    for (const [moment, share] of MOMENTS) {
        acc += share
        if (r < acc) return moment
    }
    return 'afterCommit'
}

async function committed(db: Client): Promise<Committed> {
    const exists = await db.query<{t: string | null}>(`SELECT to_regclass('squid_processor.hot_block') AS t`)
    if (exists.rows[0]?.t == null) return {final: -1, top: -1}
    const {rows} = await db.query<{final: number; hot: number | null}>(
        'SELECT (SELECT height FROM squid_processor.status WHERE id = 0) AS final, (SELECT max(height) FROM squid_processor.hot_block) AS hot')
    const final = rows[0]?.final ?? -1
    return {final, top: Math.max(final, rows[0]?.hot ?? -1)}
}

const OTHER_SESSIONS = 'FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'

async function openTransactions(db: Client): Promise<number> {
    const {rows} = await db.query<{n: string}>(`SELECT count(*) AS n ${OTHER_SESSIONS} AND xact_start IS NOT NULL`)
    return Number(rows[0]?.n)
}

async function untilNoOtherSessions(db: Client): Promise<void> {
    for (;;) {
        const {rows} = await db.query<{n: string}>(`SELECT count(*) AS n ${OTHER_SESSIONS}`)
        if (Number(rows[0]?.n) === 0) return
        await sleep(POLL_MS)
    }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
