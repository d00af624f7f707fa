import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildElectron } from './build.ts';

// Real: the Vite build of the shell and the resulting CommonJS preload, run in a node:vm context.
// Test peer: a recording stand-in for Electron's contextBridge/ipcRenderer (the binary is absent here).
describe('electron bundle', () => {
  it('builds a sandbox-compatible preload that exposes exactly the KioskBridge', async () => {
    const out = await buildElectron();
    const preload = readFileSync(out.preload, 'utf8');
    const requires = [...preload.matchAll(/require\((["'])(.+?)\1\)/g)].map((m) => m[2]);
    expect(requires).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*import\s/m);

    const exposed: Record<string, unknown> = {};
    const invoked: [string, unknown][] = [];
    const sent: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (ch: string, p: unknown) => (invoked.push([ch, p]), { ok: true, value: {} }),
        send: (ch: string, p: unknown) => sent.push([ch, p]),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    vm.runInNewContext(preload, { require: (m: string) => (m === 'electron' ? electron : undefined), module: { exports: {} }, exports: {} });
    const bridge = exposed.kiosk as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(exposed)).toEqual(['kiosk']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onConnection', 'onEvent', 'setStaffToken']);
    await bridge.call!('system-status', {}, null);
    bridge.setStaffToken!('t');
    expect(invoked).toEqual([['kiosk:call', { name: 'system-status', args: {}, token: null }]]);
    expect(sent).toEqual([['kiosk:set-staff-token', { token: 't' }]]);

    const main = readFileSync(out.main, 'utf8');
    const imports = [...main.matchAll(/^import .* from ["'](.+?)["'];?$/gm)].map((m) => m[1]);
    for (const i of imports) expect(i).toMatch(/^(node:|ws$|zod$|prom-client$)/);
  });
});
