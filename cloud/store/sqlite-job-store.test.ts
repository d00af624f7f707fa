import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeJobStoreConformance } from './job-store.conformance.ts';
import { SqliteJobStore } from './sqlite-job-store.ts';

// Real: better-sqlite3 on a temp file. No test peers.
describeJobStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-jobstore-'));
  const path = join(dir, 'jobs.db');
  return {
    store: new SqliteJobStore(path),
    reopen: async () => new SqliteJobStore(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

it('sqlite job store runs at synchronous=FULL after a reopen of a WAL database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-jobstore-'));
  try {
    const path = join(dir, 'jobs.db');
    const a = new SqliteJobStore(path);
    await a.init();
    await a.close();
    const b = new SqliteJobStore(path);
    expect(b.synchronousLevel()).toBe(2);
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
