import type { Connectivity } from '../hooks/use-engine.ts';

/** Online / offline / N queued, in words as well as colour so it reads without colour vision. */
export function ConnectivityBadge({ c }: { c: Connectivity }) {
  let text: string;
  let tone: string;
  if (!c.engineConnected) {
    text = 'Assistant restarting…';
    tone = 'bad';
  } else if (c.online) {
    text = c.queued > 0 ? `Online · ${c.queued} queued` : 'Online';
    tone = 'good';
  } else {
    text = c.queued > 0 ? `Offline · ${c.queued} queued` : 'Offline';
    tone = 'warn';
  }
  return (
    <p className={`badge badge-${tone}`} role="status" aria-live="polite" aria-label={`Connection: ${text}`} data-testid="connectivity">
      {text}
    </p>
  );
}
