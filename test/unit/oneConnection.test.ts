import {describe, expect, it} from 'vitest'
import {oneAtATime} from '../../src/oneConnection'

describe('oneAtATime()', () => {
    /** A connection that answers after `ms` and records how many statements it held at once. */
    const connection = () => {
        let open = 0
        const seen = {most: 0, order: [] as string[]}
        const query = async (sql: string, ms: number): Promise<string> => {
            open++
            seen.most = Math.max(seen.most, open)
            await new Promise(r => setTimeout(r, ms))
            open--
            seen.order.push(sql)
            if (sql.startsWith('FAIL')) throw new Error(`${sql} failed`)
            return `rows of ${sql}`
        }
        return {query, seen}
    }

    describe('when statements are sent side by side', () => {
        it('should send each only once the previous one has answered, in call order', async () => {
            const {query, seen} = connection()
            const serial = oneAtATime(query)
            const rows = await Promise.all([serial('A', 30), serial('B', 1), serial('C', 10)])
            expect(rows).toEqual(['rows of A', 'rows of B', 'rows of C'])
            expect(seen).toEqual({most: 1, order: ['A', 'B', 'C']})
        })
    })

    describe('when a statement fails', () => {
        it('should reject that call alone and go on with the next', async () => {
            const {query, seen} = connection()
            const serial = oneAtATime(query)
            const results = await Promise.allSettled([serial('FAIL 1', 5), serial('B', 1)])
            expect(results.map(r => r.status === 'fulfilled' ? r.value : (r.reason as Error).message)).toEqual(['FAIL 1 failed', 'rows of B'])
            expect(seen.most).toBe(1)
        })
    })
})
