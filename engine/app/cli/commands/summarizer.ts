import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { buildBackend, mqttSecurity, openJobStore, serveMetrics } from '../../../../cloud/compose.ts';
import { SummarizerMetrics } from '../../../../cloud/service/metrics.ts';
import { DEFAULTS, SummarizerService } from '../../../../cloud/service/summarizer-service.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { redactUrl } from '../../../log/redact-url.ts';
import { LLM_API_KEY, MQTT_PASSWORD, readSecret, refuseSecretFlag } from './secret-source.ts';
import type { CliCommand } from '../cli-command.ts';

const USAGE = `usage: voice-kiosk summarizer --mqtt URL [--store sqlite:PATH|postgres://…] [--backend extractive|openai]
  [--openai-url URL --model M --api-key-file FILE --context-tokens N --max-summary-tokens N --timeout-ms N]
  [--batch-window-ms 100 --max-batch 16 --concurrency 4 --lease-ms 30000 --group summarizers --devices ID,ID --client-id ID]
  [--price-per-1k-tokens P --metrics-port PORT --max-payload-bytes N]
  [--username U --password-file FILE --ca FILE --cert FILE --key FILE]
  secrets also from VOICE_KIOSK_SUMMARIZER_PASSWORD (or VOICE_KIOSK_MQTT_PASSWORD) and VOICE_KIOSK_SUMMARIZER_API_KEY (or OPENAI_API_KEY);
  --password and --api-key are refused (a command line is visible to every local user)`;

function int(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new EngineError('bad-input', `--${name} must be an integer >= ${min}, got '${v}'`, { stage: 'cloud' });
  return n;
}

export const command: CliCommand = {
  usage: USAGE,
  summary: 'run the cloud meeting summarizer: MQTT shared subscription, job store, batching backend',
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        strict: true,
        options: {
          mqtt: { type: 'string' },
          store: { type: 'string', default: 'sqlite:data/summarizer.db' },
          backend: { type: 'string', default: 'extractive' },
          'openai-url': { type: 'string' },
          model: { type: 'string' },
          'api-key': { type: 'string' },
          'api-key-file': { type: 'string' },
          'context-tokens': { type: 'string' },
          'max-summary-tokens': { type: 'string' },
          'timeout-ms': { type: 'string' },
          'batch-window-ms': { type: 'string' },
          'max-batch': { type: 'string' },
          concurrency: { type: 'string' },
          'lease-ms': { type: 'string' },
          group: { type: 'string' },
          devices: { type: 'string' },
          'client-id': { type: 'string' },
          'pg-schema': { type: 'string' },
          'price-per-1k-tokens': { type: 'string' },
          'metrics-port': { type: 'string' },
          'max-payload-bytes': { type: 'string' },
          username: { type: 'string' },
          password: { type: 'string' },
          'password-file': { type: 'string' },
          ca: { type: 'string' },
          cert: { type: 'string' },
          key: { type: 'string' },
          help: { type: 'boolean', default: false },
        },
      }));
    } catch (err) {
      throw new EngineError('bad-input', `${(err as Error).message}\n${USAGE}`, { stage: 'cloud' });
    }
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    refuseSecretFlag(MQTT_PASSWORD, values.password);
    refuseSecretFlag(LLM_API_KEY, values['api-key']);
    const password = readSecret(MQTT_PASSWORD, values['password-file']);
    const apiKey = readSecret(LLM_API_KEY, values['api-key-file']);
    if (!values.mqtt) throw new EngineError('bad-input', `--mqtt URL is required\n${USAGE}`, { stage: 'cloud' });
    if (values.backend !== 'extractive' && values.backend !== 'openai') throw new EngineError('bad-input', `--backend must be extractive or openai, got '${values.backend}'`, { stage: 'cloud' });
    const price = values['price-per-1k-tokens'] === undefined ? 0 : Number(values['price-per-1k-tokens']);
    if (!(price >= 0)) throw new EngineError('bad-input', `--price-per-1k-tokens must be a number >= 0`, { stage: 'cloud' });
    const concurrency = int('concurrency', values.concurrency, 1) ?? DEFAULTS.concurrency;

    const backend = buildBackend({
      backend: values.backend,
      openaiUrl: values['openai-url'],
      model: values.model,
      apiKey: apiKey ?? null,
      contextTokens: int('context-tokens', values['context-tokens'], 512),
      maxSummaryTokens: int('max-summary-tokens', values['max-summary-tokens'], 16),
      timeoutMs: int('timeout-ms', values['timeout-ms'], 100),
      concurrency,
    });
    const store = openJobStore(values.store, values['pg-schema'] ? { pgSchema: values['pg-schema'] } : {});
    const metrics = new SummarizerMetrics(price);
    const maxPayloadBytes = int('max-payload-bytes', values['max-payload-bytes'], 1024);
    const service = new SummarizerService({
      mqttUrl: values.mqtt,
      mqttOptions: mqttSecurity({ ...values, ...(password === undefined ? {} : { password }) }),
      store,
      backend,
      metrics,
      concurrency,
      ...(values.group ? { group: values.group } : {}),
      ...(values.devices ? { deviceIds: values.devices.split(',').map((d) => d.trim()).filter(Boolean) } : {}),
      ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
      ...(maxPayloadBytes ? { limits: { maxPayloadBytes } } : {}),
      batchWindowMs: int('batch-window-ms', values['batch-window-ms'], 0) ?? DEFAULTS.batchWindowMs,
      maxBatch: int('max-batch', values['max-batch'], 1) ?? DEFAULTS.maxBatch,
      leaseMs: int('lease-ms', values['lease-ms'], 100) ?? DEFAULTS.leaseMs,
    });
    const metricsPort = int('metrics-port', values['metrics-port'], 0);
    const server = metricsPort === undefined ? null : await serveMetrics(metrics, metricsPort);
    if (server) process.stderr.write(`summarizer: metrics on http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics\n`);

    try {
      await service.start();
    } catch (err) {
      await service.stop().catch(() => undefined);
      server?.close();
      if (err instanceof EngineError) throw err;
      throw new EngineError('unavailable', `cannot start on ${redactUrl(values.mqtt)}: ${(err as Error).message}`, { stage: 'cloud', cause: err });
    }
    // One line on stdout so scripts (and the fault-injection suite) know the worker is subscribed.
    process.stdout.write(JSON.stringify({ ready: true, worker: service.workerId, subscription: service.subscription, backend: backend.name, store: store.name }) + '\n');
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await service.stop();
    server?.close();
    return 0;
  },
};
