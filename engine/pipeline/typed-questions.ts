import type { AskResult } from '../contracts/api.ts';
import { EngineError } from '../errors/engine-error.ts';

interface Waiter {
  resolve(result: AskResult): void;
  reject(err: EngineError): void;
}

/**
 * The callers of `ask()` still waiting for their answer, by correlation id. A typed question's answer
 * arrives through reducer effects long after `ask()` returned, so its promise is parked here until
 * the interaction is stored, superseded or fails. Spoken questions have no waiter and settle to nothing.
 */
export class TypedQuestions {
  private readonly waiting = new Map<string, Waiter>();

  /** Parks a caller before the question is dispatched, so an outcome can never arrive before its waiter. */
  wait(correlationId: string): Promise<AskResult> {
    return new Promise<AskResult>((resolve, reject) => this.waiting.set(correlationId, { resolve, reject }));
  }

  /** Drops a waiter whose question the reducer refused; the caller is answered with the refusal instead. */
  forget(correlationId: string): void {
    this.waiting.delete(correlationId);
  }

  /** Answers the waiting caller, if any, exactly once. */
  settle(correlationId: string, outcome: AskResult | EngineError): void {
    const w = this.waiting.get(correlationId);
    if (!w) return;
    this.waiting.delete(correlationId);
    if (outcome instanceof EngineError) w.reject(outcome);
    else w.resolve(outcome);
  }
}
