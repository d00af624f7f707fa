import { useCallback, useEffect, useState } from 'react';
import type { KnowledgeStatus, OwnerReport, UnansweredGroup } from '../../../engine/contracts/api.ts';
import { useEngine, useEngineEvents } from '../hooks/use-engine.ts';
import '../components/shop-floor.css';

const CATEGORY_TEXT: Record<UnansweredGroup['category'], string> = {
  declined: 'Did not know',
  'low-confidence': 'Unsure what was said',
  'did-you-mean': 'Corrected (did you mean)',
  'staff-call': 'Staff called',
};

/**
 * The owner's view: the day's questions, what the kiosk could not answer (grouped, newest first), and
 * the knowledge files — reload them after an edit, and read what is wrong with them in plain words.
 */
export function OwnerPanel() {
  const client = useEngine();
  const [report, setReport] = useState<OwnerReport | null>(null);
  const [knowledge, setKnowledge] = useState<KnowledgeStatus | null>(null);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [r, k] = await Promise.all([
      client.request('owner-report', {}),
      client.request('knowledge-status', {}),
    ]);
    if (r.ok) setReport(r.value);
    if (k.ok) setKnowledge(k.value);
  }, [client]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEngineEvents((e) => {
    if (e.type === 'reply' || e.type === 'staff-call') void refresh();
  });

  const reloadKnowledge = async () => {
    setBusy(true);
    const r = await client.request('knowledge-reload', {});
    setBusy(false);
    setMessage(
      r.ok
        ? {
            text: `Knowledge reloaded: ${r.value.sections} sections. Shoppers get the new answers now.`,
            bad: false,
          }
        : {
            text: `The knowledge files were not reloaded, so the kiosk keeps answering from the last good version. What is wrong: ${r.error.message}`,
            bad: true,
          },
    );
    await refresh();
  };

  const t = report?.today;
  return (
    <section className="panel owner-panel" aria-labelledby="owner-heading">
      <h2 id="owner-heading">Questions the kiosk could not answer</h2>
      {t && (
        <ul className="totals" aria-label="Today" data-testid="owner-totals">
          <li>
            <strong>{t.questions}</strong> questions today
          </li>
          <li>
            <strong>{t.answered}</strong> answered
          </li>
          <li>
            <strong>{t.declined}</strong> not known
          </li>
          <li>
            <strong>{t.staffCalls}</strong> staff calls
          </li>
        </ul>
      )}
      {report && report.unanswered.length === 0 && (
        <p className="muted">Nothing yet: every question so far was answered.</p>
      )}
      {report && report.unanswered.length > 0 && (
        <table className="unanswered" data-testid="unanswered">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Why</th>
              <th scope="col">Times</th>
              <th scope="col">Last</th>
            </tr>
          </thead>
          <tbody>
            {report.unanswered.map((g) => (
              <tr key={`${g.category}:${g.question}`} data-category={g.category}>
                <td>{g.question}</td>
                <td className="category">{CATEGORY_TEXT[g.category]}</td>
                <td>{g.count}</td>
                <td>
                  {new Date(g.lastAskedAt).toLocaleString([], {
                    weekday: 'short',
                    hour: '2-digit',
                    minute: '2-digit',
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Knowledge files</h3>
      {knowledge && (
        <p className="muted" data-testid="knowledge-state">
          {knowledge.sections !== null ? `${knowledge.sections} sections loaded` : 'Not loaded'}
          {knowledge.loadedAt
            ? ` at ${new Date(knowledge.loadedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
            : ''}
          .
        </p>
      )}
      {knowledge?.error && !message && (
        <p className="notice notice-bad knowledge-error" role="alert" data-testid="knowledge-error">
          A knowledge file has a problem: {knowledge.error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void reloadKnowledge()}
        >
          Reload knowledge
        </button>
      </div>
      {message && (
        <p
          className={`notice ${message.bad ? 'notice-bad' : ''} knowledge-error`}
          role={message.bad ? 'alert' : 'status'}
          data-testid="knowledge-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
