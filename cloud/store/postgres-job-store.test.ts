import { randomBytes } from 'node:crypto';
import { describeJobStoreConformance } from './job-store.conformance.ts';
import { PostgresJobStore } from './postgres-job-store.ts';

// Real: PostgreSQL on 127.0.0.1:5432, database `test`, one throwaway schema per test, dropped after.
export const PG_URL = process.env.VOICE_KIOSK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

describeJobStoreConformance('postgres', async () => {
  const schema = `vk_jobs_${randomBytes(5).toString('hex')}`;
  return {
    store: new PostgresJobStore(PG_URL, { schema }),
    reopen: async () => new PostgresJobStore(PG_URL, { schema }),
    cleanup: async () => {
      const s = new PostgresJobStore(PG_URL, { schema });
      await s.dropSchema();
      await s.close();
    },
  };
});
