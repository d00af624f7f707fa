import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { IClientOptions } from 'mqtt';
import { resolvePath } from '../engine/paths/app-root.ts';
import { EngineError } from '../engine/errors/engine-error.ts';
import type { SummaryBackend } from './backends/backend.ts';
import { ExtractiveBackend } from './backends/extractive-backend.ts';
import { OpenAiBackend } from './backends/openai-backend.ts';
import type { SummarizerMetrics } from './service/metrics.ts';
import type { JobStore } from './store/job-store.ts';
import { PostgresJobStore } from './store/postgres-job-store.ts';
import { SqliteJobStore } from './store/sqlite-job-store.ts';

/**
 * The summarizer's composition root: the one place that turns options (CLI flags) into the real store,
 * backend and MQTT options. Tests build the same pieces directly.
 */
export interface BackendChoice {
  backend: 'extractive' | 'openai';
  openaiUrl?: string;
  model?: string;
  apiKey?: string | null;
  contextTokens?: number;
  maxSummaryTokens?: number;
  timeoutMs?: number;
  concurrency?: number;
}

/** `sqlite:PATH` (relative to the app root) or `postgres://…`. */
export function openJobStore(spec: string, opts: { pgSchema?: string } = {}): JobStore {
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (!path) throw new EngineError('bad-input', '--store sqlite:PATH needs a path', { stage: 'cloud' });
    return new SqliteJobStore(path === ':memory:' ? path : resolvePath(path));
  }
  if (spec.startsWith('postgres://') || spec.startsWith('postgresql://')) return new PostgresJobStore(spec, opts.pgSchema ? { schema: opts.pgSchema } : {});
  throw new EngineError('bad-input', `--store must be sqlite:PATH or postgres://…, got '${spec}'`, { stage: 'cloud' });
}

/** Builds the backend named on the command line. */
export function buildBackend(c: BackendChoice): SummaryBackend {
  if (c.backend === 'extractive') return new ExtractiveBackend();
  if (!c.openaiUrl || !c.model) throw new EngineError('bad-input', '--backend openai needs --openai-url and --model', { stage: 'cloud' });
  return new OpenAiBackend({
    baseUrl: c.openaiUrl,
    model: c.model,
    apiKey: c.apiKey ?? null,
    ...(c.contextTokens ? { contextTokens: c.contextTokens } : {}),
    ...(c.maxSummaryTokens ? { maxSummaryTokens: c.maxSummaryTokens } : {}),
    ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    ...(c.concurrency ? { concurrency: c.concurrency } : {}),
  });
}

/** TLS and credentials for mqtts:// brokers, from files named on the command line. */
export function mqttSecurity(o: { username?: string; password?: string; ca?: string; cert?: string; key?: string }): IClientOptions {
  const out: IClientOptions = {};
  if (o.username) out.username = o.username;
  if (o.password) out.password = o.password;
  if (o.ca) out.ca = readFileSync(o.ca);
  if (o.cert) out.cert = readFileSync(o.cert);
  if (o.key) out.key = readFileSync(o.key);
  return out;
}

/** Serves the metrics registry on GET /metrics (127.0.0.1 unless a host is given). */
export function serveMetrics(metrics: SummarizerMetrics, port: number, host = '127.0.0.1'): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
