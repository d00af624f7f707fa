import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'cloud/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'models/**/*.test.ts', 'test/**/*.test.ts'],
    // Native modules (better-sqlite3, onnxruntime-node) and child processes are safest in forks.
    pool: 'forks',
    // CI machines have 2 cores; more parallel files only fight over them.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
