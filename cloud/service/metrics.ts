import { Counter, Histogram, Registry } from 'prom-client';
import type { TokenCount } from '../backends/backend.ts';

/**
 * The summarizer's Prometheus metrics, on its own Registry so several workers in one test process (or
 * the bench) do not share counters. Served on /metrics when --metrics-port is given.
 */
export class SummarizerMetrics {
  readonly registry = new Registry();
  readonly batchSize = new Histogram({ name: 'summarizer_batch_size', help: 'Jobs per batch handed to the runner', buckets: [1, 2, 4, 8, 16, 32, 64], registers: [this.registry] });
  readonly backendItems = new Histogram({ name: 'summarizer_backend_batch_items', help: 'Distinct items per backend call after coalescing', buckets: [1, 2, 4, 8, 16, 32, 64], registers: [this.registry] });
  readonly claimCommit = new Histogram({ name: 'summarizer_claim_commit_size', help: 'Job claims committed per store transaction (group commit)', buckets: [1, 2, 4, 8, 16, 32, 64], registers: [this.registry] });
  readonly queueWait = new Histogram({ name: 'summarizer_queue_wait_seconds', help: 'Receipt to batch start', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30], registers: [this.registry] });
  readonly backendLatency = new Histogram({ name: 'summarizer_backend_latency_seconds', help: 'One backend call (a whole batch)', labelNames: ['backend'], buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120], registers: [this.registry] });
  readonly costPerSummary = new Histogram({ name: 'summarizer_cost_per_summary', help: 'Backend cost of one summary from the configured price per 1k tokens', buckets: [0, 0.0001, 0.001, 0.01, 0.1, 1], registers: [this.registry] });
  readonly costTotal = new Counter({ name: 'summarizer_cost_total', help: 'Backend cost of all summaries', registers: [this.registry] });
  readonly tokens = new Counter({ name: 'summarizer_tokens_total', help: 'Tokens used (measured by the server or estimated)', labelNames: ['type', 'measured'], registers: [this.registry] });
  readonly jobs = new Counter({ name: 'summarizer_jobs_total', help: 'Job requests by what happened', labelNames: ['outcome'], registers: [this.registry] });
  readonly coalesced = new Counter({ name: 'summarizer_coalesced_total', help: 'Jobs served by another identical job in the same batch', registers: [this.registry] });
  readonly backendCalls = new Counter({ name: 'summarizer_backend_calls_total', help: 'Backend runBatch calls', labelNames: ['backend'], registers: [this.registry] });
  readonly stored = new Counter({ name: 'summarizer_results_stored_total', help: 'Final outcomes written to the job store by this worker', registers: [this.registry] });
  readonly rejected = new Counter({ name: 'summarizer_rejected_total', help: 'Bad requests rejected (never stored)', labelNames: ['code'], registers: [this.registry] });

  constructor(private readonly pricePer1kTokens = 0) {}

  /** Records the tokens and cost of one summary. */
  observeCost(t: TokenCount): void {
    this.tokens.inc({ type: 'prompt', measured: String(t.measured) }, t.promptTokens);
    this.tokens.inc({ type: 'completion', measured: String(t.measured) }, t.completionTokens);
    const cost = ((t.promptTokens + t.completionTokens) / 1000) * this.pricePer1kTokens;
    this.costPerSummary.observe(cost);
    this.costTotal.inc(cost);
  }

  /** Current value of a counter (optionally one label set), for tests and the bench. */
  async count(name: string, labels: Record<string, string> = {}): Promise<number> {
    const metric = await this.registry.getSingleMetric(name)?.get();
    if (!metric) return 0;
    return metric.values
      .filter((v) => Object.entries(labels).every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val))
      .reduce((s, v) => s + v.value, 0);
  }

  /** Sum and count of a histogram, for tests and the bench. */
  async histogram(name: string): Promise<{ sum: number; count: number }> {
    const metric = await this.registry.getSingleMetric(name)?.get();
    const values = (metric?.values ?? []) as Array<{ value: number; metricName?: string }>;
    const pick = (suffix: string) => values.filter((v) => v.metricName === `${name}_${suffix}`).reduce((s, v) => s + v.value, 0);
    return { sum: pick('sum'), count: pick('count') };
  }
}
