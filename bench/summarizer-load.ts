// Load generator for bench/summarizer.bench.ts, run as its own process so the kiosk side's CPU
// (encoding requests, decoding responses) does not share the summarizer's event loop. Test peer: a real
// mqtt.js client speaking the job protocol. Prints one JSON line: {seconds, results, reconciles}.
import { parseArgs } from 'node:util';
import { KioskPeer, meetingTranscript } from '../test/support/cloud/kiosk-peer.ts';

const { values } = parseArgs({ options: { device: { type: 'string' }, jobs: { type: 'string' }, sentences: { type: 'string' } } });
const N = Number(values.jobs);
const kiosk = await KioskPeer.connect('bench', values.device);
const jobs = Array.from({ length: N }, (_, i) => kiosk.job(`bench-${i}`, meetingTranscript(i, Number(values.sentences))));
// Wait for the go signal on stdin, so connecting is not timed.
process.stdout.write('{"ready":true}\n');
await new Promise((r) => process.stdin.once('data', r));
const t0 = performance.now();
await Promise.all(jobs.map((j) => kiosk.send(j)));
// Like a kiosk, reconcile what has not arrived after a quiet spell: Mosquitto drops QoS 1 messages
// beyond max_queued_messages (default 1000) for a slow subscriber, and the protocol covers that.
let reconciles = 0;
const results = () => new Set(kiosk.responses.filter((r) => r.status === 'result').map((r) => r.jobId));
while (results().size < N) {
  const before = kiosk.responses.length;
  await kiosk.waitFor(() => results().size >= N || kiosk.responses.length > before, 2_000).catch(() => undefined);
  if (results().size < N && kiosk.responses.length === before) {
    const have = results();
    reconciles++;
    await kiosk.send({ op: 'reconcile', deviceId: kiosk.deviceId, jobIds: jobs.map((j) => j.jobId).filter((id) => !have.has(id)) });
  }
}
process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, results: results().size, reconciles }) + '\n');
await kiosk.close();
process.exit(0);
