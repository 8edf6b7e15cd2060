// What `npm start` leaves for the commands run beside or after it (reindex, payout:prepare, process,
// serve): where its embedded database and dev chain are, in a file only this user can read, so that
// no password is ever printed and no command falls back to a database nobody named.

import fs from 'fs'
import path from 'path'
import {ConfigError, readEnvironment, redactUrl} from './config'

/**
 * The checkout: the nearest folder above this file with a package.json. This file runs as
 * lib/localStack.js for the product and as lib-harness/src/localStack.js for the benchmark and the
 * simulation, so its depth is not fixed.
 */
export const PROJECT_DIR = projectDir(__dirname)

function projectDir(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, 'package.json'))) return dir
        if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
    }
}

export interface LocalStack {
    /** the embedded PostgreSQL's URL (with its password: the file is mode 0600) */
    dbUrl: string
    /** the dev chain, when `npm start` runs anvil */
    devChain?: {rpcUrl: string; factory: string; startBlock: number}
}

export type DatabaseOrigin =
    | {kind: 'explicit'; via: 'DB_URL' | 'DB_HOST'}
    | {kind: 'embedded'; file: string}

type Env = NodeJS.ProcessEnv

export const dataDir = (env: Env = process.env): string => path.resolve(PROJECT_DIR, env.DATA_DIR?.trim() || '.data')

export const connectionFile = (env: Env = process.env): string => path.join(dataDir(env), 'connection.json')

export function writeLocalStack(stack: LocalStack, env: Env = process.env): void {
    const file = connectionFile(env)
    fs.writeFileSync(file, JSON.stringify(stack, null, 2) + '\n', {mode: 0o600})
    fs.chmodSync(file, 0o600)
}

export function readLocalStack(env: Env = process.env): LocalStack | undefined {
    const file = connectionFile(env)
    if (!fs.existsSync(file)) return undefined
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
    if (parsed == null || typeof parsed !== 'object' || typeof (parsed as LocalStack).dbUrl !== 'string') {
        throw new ConfigError(`${file} is not a connection file written by npm start: delete it, or set DB_URL`)
    }
    return parsed as LocalStack
}

const isSet = (v: string | undefined) => v != null && v.trim() !== ''

/**
 * Validates every configuration variable (readEnvironment), then finds the database this command
 * works on: the one named by DB_URL or DB_HOST, else the embedded database
 * of this checkout's `npm start` (its URL is put in DB_URL for this process and its children). With
 * neither, refuses: guessing localhost:5432/postgres could read, or drop, someone else's data.
 */
export function locateDatabase(env: Env = process.env): DatabaseOrigin {
    readEnvironment(env)
    if (isSet(env.DB_URL)) return {kind: 'explicit', via: 'DB_URL'}
    if (isSet(env.DB_HOST)) return {kind: 'explicit', via: 'DB_HOST'}
    const stack = readLocalStack(env)
    if (stack == null) {
        throw new ConfigError('No database is configured: set DB_URL (or DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASS), ' +
            `or run \`npm start\`, whose embedded database the other commands then find through ${connectionFile(env)}`)
    }
    env.DB_URL = stack.dbUrl
    return {kind: 'embedded', file: connectionFile(env)}
}

/** For `npm run process` after `npm start`: the dev chain's RPC, factory and first block, where not set. */
export function useDevChain(env: Env = process.env): boolean {
    const chain = readLocalStack(env)?.devChain
    if (chain == null || isSet(env.RPC_ETH_HTTP)) return false
    env.RPC_ETH_HTTP = chain.rpcUrl
    if (!isSet(env.TREX_FACTORIES) && !isSet(env.TOKENS)) env.TREX_FACTORIES = chain.factory
    if (!isSet(env.START_BLOCK)) env.START_BLOCK = String(chain.startBlock)
    return true
}

/** How to name the origin in messages. */
export function describeOrigin(origin: DatabaseOrigin, url?: string): string {
    return origin.kind === 'embedded'
        ? `the embedded database of npm start${url ? ` (${redactUrl(url)})` : ''}, found through ${origin.file}`
        : `the database named by ${origin.via}`
}
