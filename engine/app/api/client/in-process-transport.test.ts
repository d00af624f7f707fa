import { testPins } from '../../../../test/support/api/test-pins.ts';
import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../contracts/events.ts';
import { EventBus } from '../../../pipeline/event-bus.ts';
import { createApiTestPeer } from '../../../../test/support/api/api-test-peer.ts';
import { createApiHandlers } from '../handlers.ts';
import { StaffAuth } from '../staff-auth.ts';
import { EngineClient, EngineClientError } from './engine-client.ts';
import { createInProcessTransport } from './in-process-transport.ts';

// Real: EngineClient, the in-process transport, the dispatcher and StaffAuth. Test peer: the engine ports.
describe('EngineClient over the in-process transport', () => {
  it('keeps the staff token, applies the staff event filter, and forgets an expired session', async () => {
    let now = 0;
    const bus = new EventBus();
    const auth = new StaffAuth({ pins: testPins, maxFailures: 5, lockoutMs: 1000, sessionTtlMs: 10_000, now: () => now });
    const client = new EngineClient(createInProcessTransport(createApiHandlers(createApiTestPeer(bus).deps, auth), bus));
    const seen: PipelineEvent['type'][] = [];
    const staffChanges: boolean[] = [];
    client.subscribe((e) => seen.push(e.type));
    client.onStaffChange((s) => staffChanges.push(s));

    bus.publish({ type: 'summary', meetingId: 'm', jobId: 'j', text: 'secret', source: 'cloud', correlationId: 'j', atMs: 0 });
    await client.send('staff-login', { pin: '1234' });
    const m = await client.send('meetings-start', { title: 'Inventory' });
    expect(m.staff).toBe('Test Staff');
    bus.publish({ type: 'summary', meetingId: 'm', jobId: 'j', text: 'secret', source: 'cloud', correlationId: 'j', atMs: 1 });
    expect(seen).toEqual(['meeting', 'summary']);

    now = 10_000; // session expired: the next staff call fails and the client drops its token
    const err = await client.send('meetings-list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineClientError);
    expect((err as EngineClientError).data.code).toBe('unauthorized');
    expect(client.isStaff).toBe(false);
    expect(staffChanges).toEqual([true, false]);
    client.close();
  });
});
