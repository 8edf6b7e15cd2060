import {describe, expect, it} from 'vitest'
import {heapFlags} from '../../src/heapFlags'

describe('heapFlags()', () => {
    it('should limit the heap to INDEXER_HEAP_MB', () => {
        expect(heapFlags(1024, '')).toEqual(['--max-old-space-size=1024'])
    })

    describe('when NODE_OPTIONS sets a heap limit', () => {
        it('should leave it to NODE_OPTIONS', () => {
            expect(heapFlags(1024, '--enable-source-maps --max-old-space-size=2048')).toEqual([])
        })
    })

    describe('when INDEXER_HEAP_MB is 0', () => {
        it("should leave the heap to V8's default", () => {
            expect(heapFlags(0, '')).toEqual([])
        })
    })
})
