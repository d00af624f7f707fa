import type { EventOf, EventSink, PipelineEvent, PipelineEventType } from '../contracts/events.ts';

type Listener = (event: PipelineEvent) => void;

/**
 * The engine's one in-process channel for PipelineEvents: stages and services publish, the API's
 * event stream, the metrics and the store subscribe. A throwing listener is isolated so one bad
 * subscriber cannot stop the pipeline.
 */
export class EventBus implements EventSink {
  private readonly listeners = new Set<Listener>();
  private readonly t0 = performance.now();

  /** Milliseconds since this bus (the engine) started: the `atMs` clock of every event. */
  now(): number {
    return Math.round(performance.now() - this.t0);
  }

  publish(event: PipelineEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        process.stderr.write(`event listener failed on ${event.type}: ${(err as Error).message}\n`);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to one event type, typed. */
  on<T extends PipelineEventType>(type: T, listener: (event: EventOf<T>) => void): () => void {
    return this.subscribe((e) => {
      if (e.type === type) listener(e as EventOf<T>);
    });
  }
}
