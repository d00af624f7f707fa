// Real: the `voice-kiosk` CLI as child processes (meetings, summaries, outbox, engine), SQLite, a private
// Mosquitto (free port). Test peer: CloudPeer, a scripted MQTT v5 client standing in for the summarizer.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../config/load.ts';
import { CloudPeer, waitFor } from '../../../../test/support/offload/cloud-peer.ts';
import { MosquittoProcess } from '../../../../test/support/offload/mosquitto-process.ts';

const run = promisify(execFile);
const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
let dir: string;
let db: string;
let broker: MosquittoProcess;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args, '--db', db], { cwd: dir });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-cli-'));
  db = path.join(dir, 'kiosk.db');
  broker = await MosquittoProcess.start();
});
afterAll(async () => {
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('voice-kiosk meetings / summaries / outbox / engine', () => {
  it('adds a meeting, queues its summary, relays it through the broker, and stops cleanly on SIGTERM', async () => {
    const transcript = path.join(dir, 't.txt');
    writeFileSync(transcript, 'Stock count on Monday.\nUmbrellas are sold out.\nDelivery on Friday.\n');
    const added = await cli('meetings', 'add', '--title', 'Standup', '--transcript', transcript);
    expect(added.code).toBe(0);
    const meetingId = added.stdout.trim();
    expect(meetingId).toMatch(/^[0-9a-f-]{36}$/);
    const queued = await cli('meetings', 'summarize', meetingId, '--json');
    const { jobId, state } = JSON.parse(queued.stdout) as { jobId: string; state: string };
    expect(state).toBe('pending');
    expect(JSON.parse((await cli('outbox', '--json')).stdout)).toMatchObject({
      jobId,
      state: 'pending',
      kind: 'summarize',
      meetingId,
    });

    const deviceId = `cli-${process.pid}`;
    const peer = await CloudPeer.connect(broker.url, deviceId);
    peer.respond = (req) =>
      req.jobId
        ? [
            {
              status: 'result',
              jobId: req.jobId,
              kind: 'summarize',
              text: 'Umbrellas sold out; delivery Friday.',
              model: 'peer',
            },
          ]
        : [];
    const engine = spawn(
      process.execPath,
      [BIN, 'engine', '--mqtt', broker.url, '--db', db, '--device', deviceId],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    engine.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => engine.once('exit', (code) => resolve(code)));
    try {
      await waitFor('summary event in the relay log', () => stderr.includes('"event summary"'), 20_000);
      const lines = (await cli('summaries', '--json')).stdout.trim().split('\n');
      expect(lines.map((l) => JSON.parse(l))).toEqual([
        expect.objectContaining({ meetingId, jobId, text: 'Umbrellas sold out; delivery Friday.', source: 'cloud' }),
      ]);
      expect(JSON.parse((await cli('outbox', '--json')).stdout)).toMatchObject({ jobId, state: 'done' });
    } finally {
      engine.kill('SIGTERM');
      await peer.close();
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"msg":"stopping".*"signal":"SIGTERM"/);
  });

  it('bad input: one-line errors and non-zero exits, nothing written', async () => {
    const missing = await cli('meetings', 'add', '--title', 'X', '--transcript', path.join(dir, 'nope.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/cannot read transcript .*nope\.txt/);
    const unknown = await cli('meetings', 'summarize', 'no-such-meeting');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no meeting no-such-meeting/);
    const noBroker = await run(process.execPath, [BIN, 'engine', '--db', db], {
      cwd: dir,
      env: { ...process.env, VOICE_KIOSK_MQTT_URL: '' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((noBroker as { code: number }).code).toBe(1);
    expect((noBroker as { stderr: string }).stderr).toMatch(/needs a broker/);
  });
});
