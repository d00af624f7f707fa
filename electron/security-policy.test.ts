import { describe, expect, it } from 'vitest';
import { checkIpc } from './ipc-contract.ts';
import { decidePermission, decidePermissionCheck, kioskWebPreferences, mayNavigate, windowOpenDecision, withCsp } from './security-policy.ts';

// Real: the shell's policy functions exactly as main.ts plugs them into Electron's hooks.
const ENGINE = 'http://127.0.0.1:8787/';
const main = { frameUrl: 'http://127.0.0.1:8787/', isMainFrameOfKioskWindow: true };

describe('window', () => {
  it('isolates the renderer: contextIsolation and sandbox on, no Node anywhere, no webview', () => {
    expect(kioskWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
  it('blocks navigation away from our UI and every new window', () => {
    expect(mayNavigate('http://127.0.0.1:8787/staff', ENGINE)).toBe(true);
    expect(mayNavigate('http://127.0.0.1:9999/', ENGINE)).toBe(false);
    expect(mayNavigate('https://example.com/', ENGINE)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', ENGINE)).toBe(false);
    expect(mayNavigate('http://127.0.0.1:8787/', null)).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
  it('adds the CSP to our responses, replacing any other', () => {
    const h = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, ENGINE + 'index.html', ENGINE);
    expect(h['Content-Security-Policy']).toEqual([expect.stringContaining("script-src 'self'")]);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['Content-Type']).toEqual(['text/html']);
  });
});

describe('permissions', () => {
  it('grants the microphone to our own origin only', () => {
    expect(decidePermission({ permission: 'media', requestingUrl: ENGINE, mediaTypes: ['audio'] }, ENGINE)).toBe(true);
    expect(decidePermission({ permission: 'media', requestingUrl: ENGINE, mediaTypes: ['audio', 'video'] }, ENGINE)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingUrl: ENGINE, mediaTypes: [] }, ENGINE)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }, ENGINE)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midi', 'openExternal']) {
      expect(decidePermission({ permission: p, requestingUrl: ENGINE }, ENGINE)).toBe(false);
    }
    expect(decidePermissionCheck('media', 'http://127.0.0.1:8787', 'audio', ENGINE)).toBe(true);
    expect(decidePermissionCheck('media', 'http://127.0.0.1:8787', 'video', ENGINE)).toBe(false);
  });
});

describe('IPC validation', () => {
  it('accepts a well-formed call from the kiosk main frame', () => {
    expect(checkIpc('call', main, { name: 'conversation-ask', args: { text: 'hi' }, token: null }, ENGINE)).toEqual({
      ok: true,
      value: { name: 'conversation-ask', args: { text: 'hi' }, token: null },
    });
  });
  it('refuses other frames, other origins and malformed messages', () => {
    const bad = [
      checkIpc('call', { ...main, isMainFrameOfKioskWindow: false }, { name: 'system-status', args: {}, token: null }, ENGINE),
      checkIpc('call', { ...main, frameUrl: 'https://evil.example/' }, { name: 'system-status', args: {}, token: null }, ENGINE),
      checkIpc('call', { ...main, frameUrl: null }, { name: 'system-status', args: {}, token: null }, ENGINE),
      checkIpc('call', main, { name: 'shell-exec', args: {}, token: null }, ENGINE),
      checkIpc('call', main, { name: 'system-status', args: 'rm -rf', token: null }, ENGINE),
      checkIpc('call', main, { name: 'system-status', args: {}, token: null, extra: 1 }, ENGINE),
      checkIpc('setStaffToken', main, { token: 5 }, ENGINE),
    ];
    for (const r of bad) expect(r.ok).toBe(false);
    expect(checkIpc('setStaffToken', main, { token: 'abc' }, ENGINE).ok).toBe(true);
  });
});
