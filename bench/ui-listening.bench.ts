/**
 * How fast the screen shows "Listening…" after a wake event (target: within 150 ms). Measures the
 * real path bus → API server → WebSocket → renderer → DOM in Debian's Chromium; the engine services
 * behind the API are the API's test peer, since only the event path is being timed.
 * Run: npx tsx bench/ui-listening.bench.ts [rounds]
 */
import { testPins } from '../test/support/api/test-pins.ts';
import path from 'node:path';
import { createApiTestPeer } from '../test/support/api/api-test-peer.ts';
import { createApiHandlers } from '../engine/app/api/handlers.ts';
import { startApiServer } from '../engine/app/api/server.ts';
import { StaffAuth } from '../engine/app/api/staff-auth.ts';
import { APP_ROOT } from '../engine/app/config/load.ts';
import { EventBus } from '../engine/pipeline/event-bus.ts';
import { openKiosk } from '../test/e2e/support/browser.ts';
import { ensureUiBuilt } from '../renderer/build-ui.ts';

const rounds = Number(process.argv[2] ?? 20);
await ensureUiBuilt();
const bus = new EventBus();
const peer = createApiTestPeer(bus);
const server = await startApiServer({
  handlers: createApiHandlers(peer.deps, new StaffAuth({ pins: testPins, maxFailures: 5, lockoutMs: 60_000 })),
  bus,
  status: peer.deps.status,
  staticDir: path.join(APP_ROOT, 'renderer', 'dist'),
});
const ui = await openKiosk(server.url);
await ui.page.getByTestId('phase').waitFor();
await ui.page.waitForTimeout(500);

const samples: number[] = [];
for (let i = 0; i < rounds; i++) {
  const id = `bench-${i}`;
  // Arm a watcher in the page that records when the phase text flips, on the page's own clock.
  const flipped = ui.page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const el = document.querySelector('[data-testid="phase"]')!;
        const obs = new MutationObserver(() => {
          if (el.textContent === 'Listening…') {
            obs.disconnect();
            resolve(performance.timeOrigin + performance.now());
          }
        });
        obs.observe(el, { childList: true, characterData: true, subtree: true });
      }),
  );
  await ui.page.waitForTimeout(50);
  const t0 = performance.timeOrigin + performance.now();
  bus.publish({ type: 'wake', keyword: 'hey_jarvis', score: 0.9, correlationId: id, atMs: bus.now() });
  const t1 = await flipped;
  samples.push(t1 - t0);
  bus.publish({ type: 'idle', reason: 'no-speech', correlationId: id, atMs: bus.now() });
  await ui.page.waitForTimeout(50);
}
samples.sort((a, b) => a - b);
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
console.log(`wake event → "Listening…" on screen, ${rounds} rounds: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms (target 150 ms)`);
await ui.close();
await server.close();
