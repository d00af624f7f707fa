import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobState } from '../../contracts/events.ts';
import type { EventBus } from '../../pipeline/event-bus.ts';

const JOB_STATES: JobState[] = ['pending', 'sent', 'accepted', 'done', 'failed'];
/** Jobs in a final state are forgotten after this many, so a long-running kiosk's map stays bounded. */
const MAX_TRACKED_JOBS = 10_000;

export interface EngineMetrics {
  registry: Registry;
  apiRequests: Counter<'name' | 'outcome'>;
  stop(): void;
}

/**
 * Prometheus metrics derived from the event bus alone, so no stage has to know about monitoring:
 * stage latencies, wake detections, offload queue depth and job states.
 */
export function createEngineMetrics(bus: EventBus, registry: Registry = new Registry(), withDefaults = true): EngineMetrics {
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: 'voice_kiosk_' });
  const latency = new Histogram({
    name: 'voice_kiosk_stage_latency_ms',
    help: 'Latency of pipeline stages in milliseconds (asr_decode, reply_first_token, reply_total, wake_to_listening)',
    labelNames: ['stage'] as const,
    buckets: [10, 25, 50, 100, 150, 250, 500, 1000, 2000, 5000, 10_000],
    registers: [registry],
  });
  const wakes = new Counter({
    name: 'voice_kiosk_wake_detections_total',
    help: 'Wake word detections',
    labelNames: ['keyword'] as const,
    registers: [registry],
  });
  const routes = new Counter({
    name: 'voice_kiosk_routes_total',
    help: 'Router decisions by route',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'voice_kiosk_offload_queue_depth',
    help: 'Offload jobs waiting in the local outbox',
    registers: [registry],
  });
  const online = new Gauge({ name: 'voice_kiosk_broker_online', help: '1 when the MQTT broker is reachable', registers: [registry] });
  const jobStates = new Gauge({
    name: 'voice_kiosk_offload_jobs',
    help: 'Offload jobs seen since start, by current state',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const apiRequests = new Counter({
    name: 'voice_kiosk_api_requests_total',
    help: 'API calls by name and outcome (ok or an error code)',
    labelNames: ['name', 'outcome'] as const,
    registers: [registry],
  });
  const staffCalls = new Counter({
    name: 'voice_kiosk_staff_calls_total',
    help: 'Staff calls by state reached (raised, acknowledged, closed) since start',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  for (const s of JOB_STATES) jobStates.set({ state: s }, 0);
  for (const s of ['raised', 'acknowledged', 'closed']) staffCalls.inc({ state: s }, 0);

  const jobs = new Map<string, JobState>();
  const wakeAt = new Map<string, number>();
  const unsubscribe = bus.subscribe((e) => {
    switch (e.type) {
      case 'wake':
        wakes.inc({ keyword: e.keyword });
        wakeAt.set(e.correlationId, e.atMs);
        break;
      case 'listening': {
        const t = wakeAt.get(e.correlationId);
        if (t !== undefined) latency.observe({ stage: 'wake_to_listening' }, e.atMs - t);
        wakeAt.delete(e.correlationId);
        break;
      }
      case 'transcript':
        latency.observe({ stage: 'asr_decode' }, e.decodeMs);
        break;
      case 'route':
        routes.inc({ route: e.route });
        break;
      case 'reply':
        latency.observe({ stage: 'reply_first_token' }, e.ttftMs);
        latency.observe({ stage: 'reply_total' }, e.totalMs);
        break;
      case 'connectivity':
        queueDepth.set(e.queued);
        online.set(e.online ? 1 : 0);
        break;
      case 'job': {
        const prev = jobs.get(e.jobId);
        if (prev) jobStates.dec({ state: prev });
        jobStates.inc({ state: e.state });
        jobs.set(e.jobId, e.state);
        if (jobs.size > MAX_TRACKED_JOBS) forgetFinished(jobs);
        break;
      }
      case 'staff-call':
        staffCalls.inc({ state: e.state });
        break;
      default:
        break;
    }
    if (wakeAt.size > 1000) wakeAt.clear();
  });
  return { registry, apiRequests, stop: unsubscribe };
}

function forgetFinished(jobs: Map<string, JobState>): void {
  for (const [id, state] of jobs) if (state === 'done' || state === 'failed') jobs.delete(id);
}
