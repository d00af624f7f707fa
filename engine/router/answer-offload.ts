import type { AnswerPayload } from '../contracts/mqtt.ts';

/**
 * The part of the offload client the router needs: whether the cloud is reachable now, and a way to
 * queue an `answer` job in the durable outbox (it is sent when the connection returns). Kept this small
 * so the router is testable without MQTT; the offload client satisfies it.
 */
export interface AnswerOffload {
  online(): boolean;
  /**
   * Queues the question (and the local passages as context); returns the job id. `correlationId` is
   * the interaction it answers, so the fuller answer can reach that interaction when it lands.
   */
  enqueueAnswer(q: AnswerPayload, correlationId?: string): string;
}
