// Worker thread for extractiveSummary(): TextRank on a long meeting takes hundreds of milliseconds,
// which must not stall the kiosk's event loop (audio, wake word, UI). Plain .mjs so the thread can
// register tsx itself and then load the TypeScript source, exactly as bin/voice-kiosk.mjs does.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { extractiveSummary } = await import('./extractive-summary.ts');
parentPort.on('message', ({ id, transcript }) => {
  try {
    parentPort.postMessage({ id, result: extractiveSummary(transcript) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
