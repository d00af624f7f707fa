import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultPlan, parseFaultRules } from './fault-plan.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vk-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function firedHits(plan: FaultPlan, name: string, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = plan.hit(name);
    if (r.fire) out.push(r.hits);
  }
  return out;
}

describe('parseFaultRules', () => {
  it('reads probabilities, Nth-hit rules and bare names', () => {
    expect(parseFaultRules('kiosk.after-enqueue:0.05, cloud.during-backend:1@3,x')).toEqual([
      { name: 'kiosk.after-enqueue', probability: 0.05, fromHit: 1 },
      { name: 'cloud.during-backend', probability: 1, fromHit: 3 },
      { name: 'x', probability: 1, fromHit: 1 },
    ]);
  });

  it.each(['a:1.5', 'a:-1', 'a:abc', 'a:1@0', 'bad name:1', ':1'])(
    'rejects %s with a clear error',
    (spec) => {
      expect(() => parseFaultRules(spec)).toThrow(/invalid fault rule/);
    },
  );
});

describe('FaultPlan', () => {
  it('fires exactly on the Nth hit with 1@N', () => {
    const plan = new FaultPlan(parseFaultRules('p:1@3'), 'seed');
    expect(firedHits(plan, 'p', 5)).toEqual([3, 4, 5]);
  });

  it('never fires for a point that is not armed', () => {
    const plan = new FaultPlan(parseFaultRules('p:1'), 'seed');
    expect(firedHits(plan, 'q', 50)).toEqual([]);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const a = firedHits(new FaultPlan(parseFaultRules('p:0.2'), 's1'), 'p', 500);
    const b = firedHits(new FaultPlan(parseFaultRules('p:0.2'), 's1'), 'p', 500);
    const c = firedHits(new FaultPlan(parseFaultRules('p:0.2'), 's2'), 'p', 500);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    // 500 draws at p=0.2: 100 expected; [60, 140] is > 6 sigma wide.
    expect(a.length).toBeGreaterThan(60);
    expect(a.length).toBeLessThan(140);
  });

  it("keeps one point's schedule independent of another point's hits", () => {
    const alone = new FaultPlan(parseFaultRules('p:0.3,q:0.3'), 's');
    const mixed = new FaultPlan(parseFaultRules('p:0.3,q:0.3'), 's');
    const pAlone = firedHits(alone, 'p', 100);
    const pMixed: number[] = [];
    for (let i = 0; i < 100; i++) {
      mixed.hit('q');
      const r = mixed.hit('p');
      if (r.fire) pMixed.push(r.hits);
    }
    expect(pMixed).toEqual(pAlone);
  });
});

describe('faultPoint in a real child process', () => {
  function runChild(env: Record<string, string>) {
    const script = path.join(tmp, `child-${Math.random().toString(36).slice(2)}.ts`);
    const faultModule = path.join(here, 'fault-point.ts');
    writeFileSync(
      script,
      `import { faultPoint } from ${JSON.stringify(faultModule)};\n` +
        `for (let i = 1; i <= 5; i++) { process.stdout.write('before ' + i + '\\n'); faultPoint('t.boundary'); }\n` +
        `process.stdout.write('finished\\n');\n`,
    );
    return spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, VOICE_KIOSK_FAULTS: '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  it('dies by SIGKILL at the armed hit and logs which boundary fired', () => {
    const log = path.join(tmp, 'faults.log');
    const r = runChild({ VOICE_KIOSK_FAULTS: 't.boundary:1@3', VOICE_KIOSK_FAULT_LOG: log });
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout.trim().split('\n')).toEqual(['before 1', 'before 2', 'before 3']);
    const rec = JSON.parse(readFileSync(log, 'utf8').trim()) as { fault: string; hit: number };
    expect(rec).toMatchObject({ fault: 't.boundary', hit: 3 });
  });

  it('runs to the end when no fault is armed', () => {
    const r = runChild({});
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('finished');
  });
});
