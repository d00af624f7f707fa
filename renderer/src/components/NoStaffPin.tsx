import { useEffect } from 'react';
import { useEngine } from '../hooks/use-engine.ts';
import './shop-floor.css';

/**
 * What the staff screen shows until a staff PIN exists — how to set one, and nothing else. It checks
 * every two seconds, so the keypad appears as soon as `voice-kiosk staff set-pin` has run.
 */
export function NoStaffPin({ onSet }: { onSet: () => void }) {
  const client = useEngine();
  useEffect(() => {
    const t = setInterval(() => {
      void client.request('system-status', {}).then((r) => {
        if (r.ok && r.value.staffPinSet) onSet();
      });
    }, 2000);
    return () => clearInterval(t);
  }, [client, onSet]);
  return (
    <section className="panel no-pin" aria-labelledby="no-pin-heading" data-testid="no-staff-pin">
      <h2 id="no-pin-heading">No staff PIN is set yet</h2>
      <p>There is no default PIN. To set one, open a terminal on this kiosk and run:</p>
      <pre>voice-kiosk staff set-pin --name YOUR-NAME</pre>
      <p>
        Type a PIN of 4 to 12 digits twice when asked. It works at once — this screen shows the keypad when it
        is set. Add a PIN for each member of staff the same way.
      </p>
    </section>
  );
}
