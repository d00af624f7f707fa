import { testPins } from '../../../test/support/api/test-pins.ts';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../pipeline/event-bus.ts';
import { createApiTestPeer } from '../../../test/support/api/api-test-peer.ts';
import { createApiHandlers } from './handlers.ts';
import { ApiHandlers } from './handler-registry.ts';
import { StaffAuth } from './staff-auth.ts';

// Real: the dispatcher, zod validation and StaffAuth. Test peer: the engine ports (api-test-peer.ts).
function setup() {
  const bus = new EventBus();
  const peer = createApiTestPeer(bus);
  const auth = new StaffAuth({ pins: testPins, maxFailures: 5, lockoutMs: 60_000 });
  return { bus, peer, auth, api: createApiHandlers(peer.deps, auth) };
}

describe('ApiHandlers', () => {
  it('throws when a name is registered twice', () => {
    const { api } = setup();
    expect(() => api.register({ 'system-status': () => ({ online: true, queued: 0, micAvailable: true, wakePhrase: 'x', stages: [] }) })).toThrow(
      /registered twice/,
    );
    const fresh = new ApiHandlers(new StaffAuth({ pins: testPins, maxFailures: 1, lockoutMs: 1000 }));
    fresh.register({ 'knowledge-suggestions': () => ({ questions: [] }) });
    expect(() => fresh.register({ 'knowledge-suggestions': () => ({ questions: ['x'] }) })).toThrow(/knowledge-suggestions/);
  });

  it('registers every EngineApi name', () => {
    expect(setup().api.names().sort()).toHaveLength(34);
  });

  it('validates args with a readable reason and never reaches the service with bad input', async () => {
    const { api, peer } = setup();
    const empty = await api.dispatch('conversation-ask', { text: '   ' }, null);
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(!empty.ok && empty.error.message).toContain('text: must not be empty');
    const extra = await api.dispatch('conversation-ask', { text: 'hi', evil: 1 }, null);
    expect(extra.ok).toBe(false);
    const wrongType = await api.dispatch('conversation-ask', { text: 42 }, null);
    expect(wrongType.ok).toBe(false);
    expect(peer.asked).toEqual([]);
    const good = await api.dispatch('conversation-ask', { text: '  where is the milk? ' }, null);
    expect(good).toMatchObject({ ok: true, value: { answer: 'You asked: where is the milk?' } });
    expect(peer.asked).toEqual(['where is the milk?']);
  });

  it('refuses staff-only names without a session and accepts them with one', async () => {
    const { api } = setup();
    expect(await api.dispatch('meetings-start', { title: 'Stand-up' }, null)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await api.dispatch('meetings-start', { title: 'Stand-up' }, 'forged')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const login = await api.dispatch('staff-login', { pin: '1234' }, null);
    if (!login.ok) throw new Error(login.error.message);
    const started = await api.dispatch('meetings-start', { title: 'Stand-up' }, login.value.token);
    expect(started).toMatchObject({ ok: true, value: { title: 'Stand-up', staff: 'Test Staff' } });
    await api.dispatch('staff-logout', {}, login.value.token);
    expect((await api.dispatch('meetings-list', {}, login.value.token)).ok).toBe(false);
  });

  it('answers unknown names with not-found and keeps service error codes and context', async () => {
    const { api, auth } = setup();
    expect(await api.dispatch('rm-rf', {}, null)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const { token } = await auth.login('1234');
    const missing = await api.dispatch('meetings-stop', { meetingId: 'nope' }, token);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', detail: { meetingId: 'nope' } } });
  });

  it('adds staffPinSet to system-status: false with no PIN stored, true once one is', async () => {
    const { api } = setup();
    expect(await api.dispatch('system-status', {}, null)).toMatchObject({ ok: true, value: { staffPinSet: true, wakePhrase: 'hey jarvis' } });
    const none = createApiHandlers(createApiTestPeer(new EventBus()).deps, new StaffAuth({ pins: () => [], maxFailures: 5, lockoutMs: 1000 }));
    expect(await none.dispatch('system-status', {}, null)).toMatchObject({ ok: true, value: { staffPinSet: false } });
    expect(await none.dispatch('staff-login', { pin: '1234' }, null)).toMatchObject({ ok: false, error: { code: 'unavailable', detail: { pinSet: false } } });
  });

  it('lets a shopper raise a staff call but keeps the list and answering it for staff', async () => {
    const { api, auth } = setup();
    const raised = await api.dispatch('staff-call-raise', { question: 'Where are the ladders?' }, null);
    expect(raised).toMatchObject({ ok: true, value: { state: 'raised', question: 'Where are the ladders?' } });
    for (const name of ['staff-call-list', 'owner-report', 'knowledge-status', 'meetings-lines'] as const)
      expect(await api.dispatch(name, name === 'meetings-lines' ? { meetingId: 'm' } : {}, null)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const { token } = await auth.login('1234');
    const id = raised.ok ? raised.value.id : '';
    expect(await api.dispatch('staff-call-acknowledge', { callId: id }, token)).toMatchObject({ ok: true, value: { state: 'acknowledged', acknowledgedBy: 'Test Staff' } });
    expect(await api.dispatch('meetings-export', { meetingId: 'm', format: 'pdf' }, token)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});
