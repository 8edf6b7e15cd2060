import {Mutex} from 'async-mutex'

// A transaction is one connection, and a connection runs one statement at a time: statements sent
// together (a Promise.all over analytics reads) are queued by pg today, a use pg 8 deprecates and pg 9
// removes. Whatever reads through one connection goes through a queue of its own.

/** Runs a step on one connection once every step queued before it has settled, in call order. */
export type ConnectionQueue = <T>(step: () => Promise<T>) => Promise<T>

/** A new queue for one connection (see ConnectionQueue); a step's result or error is its own. */
export function connectionQueue(): ConnectionQueue {
    const connection = new Mutex()
    return step => connection.runExclusive(step)
}

/**
 * `query` (a function sending statements on one connection: a transaction's) made to send each statement
 * only once the previous one has answered, in call order; its results and errors are unchanged.
 */
export function oneAtATime<A extends unknown[], R>(query: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    const queue = connectionQueue()
    return (...args) => queue(() => query(...args))
}
