import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { EngineSupervisor, parseReadyLine, type EngineProcess, type SupervisorEvent } from './engine-supervisor.ts';

// Real: the supervisor state machine driving real OS child processes (node -e scripts standing in
// for the engine binary, which in the shell is a utilityProcess). Timers are real but short.

function nodeProcess(script: string): EngineProcess {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout! });
  return {
    onStdoutLine: (l) => lines.on('line', l),
    onExit: (l) => child.once('exit', (code) => l(code)),
    kill: () => child.kill('SIGTERM'),
  };
}

const READY = (port: number) => `console.log('starting'); setTimeout(() => console.log('voice-kiosk: UI at http://127.0.0.1:${port}/'), 20);`;

function collect(sup: EngineSupervisor) {
  const events: SupervisorEvent[] = [];
  sup.on((e) => events.push(e));
  const waitFor = (pred: (e: SupervisorEvent) => boolean, ms = 10_000) =>
    new Promise<SupervisorEvent>((resolve, reject) => {
      const hit = events.find(pred);
      if (hit) return resolve(hit);
      const t = setTimeout(() => reject(new Error(`timeout; saw ${JSON.stringify(events)}`)), ms);
      const off = sup.on((e) => {
        if (pred(e)) {
          clearTimeout(t);
          off();
          resolve(e);
        }
      });
    });
  return { events, waitFor };
}

describe('parseReadyLine', () => {
  it('accepts only the exact ready line of voice-kiosk start', () => {
    expect(parseReadyLine('voice-kiosk: UI at http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/');
    expect(parseReadyLine('voice-kiosk: UI at http://evil.example:80/')).toBeNull();
    expect(parseReadyLine('log: voice-kiosk: UI at http://127.0.0.1:1/')).toBeNull();
  });
});

describe('EngineSupervisor', () => {
  it('starts the engine, reports its URL, and restarts it with a growing delay when it crashes', async () => {
    let n = 0;
    const sup = new EngineSupervisor({
      spawn: () => nodeProcess(n++ < 2 ? `${READY(4000 + n)} setTimeout(() => process.exit(3), 80);` : `${READY(4000 + n)} setInterval(() => {}, 1000);`),
      restartDelayMs: 40,
      random: () => 0.5,
    });
    const { events, waitFor } = collect(sup);
    sup.start();
    await waitFor((e) => e.type === 'ready' && e.url === 'http://127.0.0.1:4003/');
    expect(sup.current).toBe('running');
    expect(sup.url).toBe('http://127.0.0.1:4003/');
    const crashes = events.filter((e) => e.type === 'crashed');
    expect(crashes).toEqual([
      { type: 'crashed', code: 3, restartInMs: 40 },
      { type: 'crashed', code: 3, restartInMs: 80 },
    ]);
    expect(events.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state)).toEqual([
      'starting',
      'running',
      'waiting-to-restart',
      'starting',
      'running',
      'waiting-to-restart',
      'starting',
      'running',
    ]);
    sup.stop();
    await waitFor((e) => e.type === 'state' && e.state === 'stopped');
    expect(sup.restarts).toBe(2);
  });

  it('kills and restarts an engine that never becomes ready', async () => {
    let n = 0;
    const sup = new EngineSupervisor({
      spawn: () => nodeProcess(n++ === 0 ? `setInterval(() => {}, 1000);` : `${READY(4100)} setInterval(() => {}, 1000);`),
      restartDelayMs: 20,
      readyTimeoutMs: 3000, // generous: a loaded CI machine may take a second to start node
    });
    const { waitFor } = collect(sup);
    sup.start();
    await waitFor((e) => e.type === 'crashed');
    await waitFor((e) => e.type === 'ready');
    sup.stop();
    await waitFor((e) => e.type === 'state' && e.state === 'stopped');
  });

  it('does not restart after stop(), even while waiting to restart', async () => {
    let spawned = 0;
    const sup = new EngineSupervisor({ spawn: () => (spawned++, nodeProcess('process.exit(1)')), restartDelayMs: 200 });
    const { waitFor } = collect(sup);
    sup.start();
    await waitFor((e) => e.type === 'crashed');
    sup.stop();
    expect(sup.current).toBe('stopped');
    await new Promise((r) => setTimeout(r, 400));
    expect(spawned).toBe(1);
  });
});
