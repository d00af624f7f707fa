import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layer rules (.dependency-cruiser.cjs) run in CI through `npm run lint`. These tests show that each
// kind of upward or sideways import is caught, on a small tree written here, and that the real tree is clean.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CRUISER = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const run = promisify(execFile);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Cruises `dirs` under `cwd` with the repository's rules; returns the violations (exit 1 = found some). */
async function cruise(cwd: string, dirs: string[]): Promise<Violation[]> {
  const args = [CRUISER, ...dirs, '--config', CONFIG, '--output-type', 'json'];
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = err as { stdout?: string; code?: number };
    if (e.code !== 1 || !e.stdout) throw err;
    stdout = e.stdout;
  }
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

let tree: string;

/** Writes a file of the scratch tree (paths as in the repository). */
async function put(rel: string, body: string): Promise<void> {
  const file = path.join(tree, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
}

beforeAll(async () => {
  tree = await mkdtemp(path.join(os.tmpdir(), 'vk-layers-'));
  await put(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        allowImportingTsExtensions: true,
        noEmit: true,
      },
    }),
  );
  await put('engine/contracts/events.ts', "export type Ev = { type: 'x' };\n");
  await put(
    'engine/errors/engine-error.ts',
    "import type { Ev } from '../contracts/events.ts';\nexport type E = Ev;\n",
  );
  await put(
    'engine/pipeline/event-bus.ts',
    "import type { Ev } from '../contracts/events.ts';\nexport class EventBus { last?: Ev; }\n",
  );
  await put('engine/app/config/load.ts', 'export function loadConfig(): object { return {}; }\n');
  await put(
    'engine/audio/frames.ts',
    "import type { Ev } from '../contracts/events.ts';\nexport type F = Ev;\n",
  );
  await put(
    'engine/reply/reply.ts',
    "import type { Ev } from '../contracts/events.ts';\nexport type R = Ev;\n",
  );
  await put('engine/wake/wake.ts', "import type { F } from '../audio/frames.ts';\nexport type W = F;\n");
  await put('test/support/peer.ts', 'export const peer = 1;\n');
  await put('engine/store/a.ts', "import { b } from './b.ts';\nexport const a = () => b;\n");
  await put('engine/store/b.ts', "import { a } from './a.ts';\nexport const b = () => a;\n");
}, 60_000);
afterAll(() => rm(tree, { recursive: true, force: true }));

describe('import layers (dependency-cruiser rules)', () => {
  it('lets the real tree through with no violation', async () => {
    expect(await cruise(ROOT, ['engine', 'cloud', 'electron', 'renderer', 'bin', 'test', 'bench'])).toEqual(
      [],
    );
  }, 120_000);

  it('fails each upward, sideways, cyclic or test import, naming the rule and the import', async () => {
    await put(
      'engine/contracts/config.ts',
      "import { loadConfig } from '../app/config/load.ts';\nexport const c = loadConfig;\n",
    );
    await put(
      'engine/offload/client.ts',
      "import type { EventBus } from '../pipeline/event-bus.ts';\nexport type B = EventBus;\n",
    );
    await put('engine/asr/phrases.ts', "import type { R } from '../reply/reply.ts';\nexport type P = R;\n");
    await put(
      'engine/pipeline/runner.ts',
      "import { loadConfig } from '../app/config/load.ts';\nexport const r = loadConfig;\n",
    );
    await put(
      'engine/app/kiosk.ts',
      "import { peer } from '../../test/support/peer.ts';\nexport const k = peer;\n",
    );
    await put('cloud/service.ts', "import type { W } from '../engine/wake/wake.ts';\nexport type S = W;\n");
    await put('engine/models/m.ts', "import type { W } from '../wake/wake.ts';\nexport type M = W;\n");
    await put(
      'engine/gadgets/g.ts',
      "import type { Ev } from '../contracts/events.ts';\nexport type G = Ev;\n",
    );

    const found = (await cruise(tree, ['engine', 'cloud', 'test'])).map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}`,
    );
    expect(found.sort()).toEqual(
      [
        'contracts-import-nothing: engine/contracts/config.ts → engine/app/config/load.ts',
        'stage-not-up: engine/offload/client.ts → engine/pipeline/event-bus.ts',
        'stage-not-sideways-audio-users: engine/asr/phrases.ts → engine/reply/reply.ts',
        'pipeline-not-up: engine/pipeline/runner.ts → engine/app/config/load.ts',
        'no-production-to-test: engine/app/kiosk.ts → test/support/peer.ts',
        'cloud-sees-contracts: cloud/service.ts → engine/wake/wake.ts',
        'support-below-stages: engine/models/m.ts → engine/wake/wake.ts',
        'known-layers-only: engine/gadgets/g.ts → engine/contracts/events.ts',
        // A cycle is reported once, at the import that closes it.
        'no-circular: engine/store/a.ts → engine/store/b.ts',
      ].sort(),
    );
  }, 120_000);

  it('allows the documented lower-stage uses (wake → audio) and tests reaching anywhere', async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'vk-layers-ok-'));
    try {
      const write = async (rel: string, body: string) => {
        await mkdir(path.dirname(path.join(scratch, rel)), { recursive: true });
        await writeFile(path.join(scratch, rel), body);
      };
      await write(
        'tsconfig.json',
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            allowImportingTsExtensions: true,
            noEmit: true,
          },
        }),
      );
      await write('engine/contracts/events.ts', "export type Ev = { type: 'x' };\n");
      await write(
        'engine/audio/frames.ts',
        "import type { Ev } from '../contracts/events.ts';\nexport type F = Ev;\n",
      );
      await write(
        'engine/wake/wake.ts',
        "import type { F } from '../audio/frames.ts';\nexport type W = F;\n",
      );
      await write('engine/app/kiosk.ts', "import type { W } from '../wake/wake.ts';\nexport type K = W;\n");
      await write(
        'engine/wake/wake.test.ts',
        "import type { K } from '../app/kiosk.ts';\nexport type T = K;\n",
      );
      expect(await cruise(scratch, ['engine'])).toEqual([]);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
