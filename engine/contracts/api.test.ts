import { describe, expect, it } from 'vitest';
import { ipcMessageSchemas } from '../../electron/ipc-contract.ts';
import { API_NAMES, apiSchemas, LIMITS } from './api.ts';

// One source for each contract: the API names, the argument limits the UI shows and the server enforces.
describe('engine API contract', () => {
  it('lists every API name once, in the documented domains', () => {
    expect(API_NAMES).toEqual([
      'conversation-tap-start',
      'conversation-tap-stop',
      'conversation-ask',
      'conversation-cancel',
      'conversation-choose',
      'knowledge-suggestions',
      'knowledge-info',
      'staff-login',
      'staff-logout',
      'knowledge-reload',
      'meetings-start',
      'meetings-stop',
      'meetings-add-segment',
      'meetings-list',
      'meetings-summarize',
      'summaries-list',
      'outbox-list',
      'outbox-retry',
      'system-status',
      'staff-call-raise',
      'staff-call-list',
      'staff-call-acknowledge',
      'staff-call-close',
      'meetings-lines',
      'meetings-edit-line',
      'meetings-export',
      'owner-report',
      'knowledge-status',
      'wake-status',
      'wake-train-start',
      'wake-train-cancel',
      'wake-try',
      'wake-activate',
      'wake-rollback',
    ]);
  });

  it('the Electron bridge accepts exactly the API names', () => {
    for (const name of API_NAMES)
      expect(ipcMessageSchemas.call.safeParse({ name, args: {}, token: null }).success).toBe(true);
    expect(ipcMessageSchemas.call.safeParse({ name: 'meetings-delete', args: {}, token: null }).success).toBe(
      false,
    );
  });

  it('enforces the same length limits the UI inputs use (maxLength = LIMITS)', () => {
    const ask = apiSchemas['conversation-ask'].args;
    expect(ask.safeParse({ text: 'x'.repeat(LIMITS.questionChars) }).success).toBe(true);
    expect(ask.safeParse({ text: 'x'.repeat(LIMITS.questionChars + 1) }).error?.issues[0]?.message).toBe(
      'is longer than 500 characters',
    );
    const title = apiSchemas['meetings-start'].args;
    expect(title.safeParse({ title: 'x'.repeat(LIMITS.meetingTitleChars + 1) }).success).toBe(false);
    const segment = apiSchemas['meetings-add-segment'].args;
    expect(segment.safeParse({ meetingId: 'm1', text: 'x'.repeat(LIMITS.segmentChars) }).success).toBe(true);
    expect(segment.safeParse({ meetingId: 'm1', text: 'x'.repeat(LIMITS.segmentChars + 1) }).success).toBe(
      false,
    );
    const login = apiSchemas['staff-login'].args;
    expect(login.safeParse({ pin: '1'.repeat(LIMITS.pinDigits) }).success).toBe(true);
    expect(login.safeParse({ pin: '1'.repeat(LIMITS.pinDigits + 1) }).success).toBe(false);
  });

  it('refuses a misspelt argument instead of ignoring it', () => {
    expect(apiSchemas['conversation-ask'].args.safeParse({ txt: 'hello' }).success).toBe(false);
    expect(apiSchemas['system-status'].args.safeParse({ verbose: true }).success).toBe(false);
  });
});
