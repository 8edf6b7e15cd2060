import {defineConfig} from 'vitest/config'

export default defineConfig({
    test: {
        projects: [
            {test: {name: 'unit', include: ['test/unit/**/*.test.ts']}},
            {
                test: {
                    name: 'integration',
                    include: ['test/integration/**/*.test.ts'],
                    globalSetup: ['test/globalSetup.ts'],
                    testTimeout: 120_000,
                    hookTimeout: 300_000,
                    // The files share one chain and run real processes: one at a time keeps them honest and within 2 cores.
                    fileParallelism: false,
                },
            },
        ],
    },
})
