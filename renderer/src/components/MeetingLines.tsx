import { useEffect, useState, type FormEvent } from 'react';
import type { MeetingLine, MeetingRow } from '../../../engine/contracts/api.ts';
import { useEngine } from '../hooks/use-engine.ts';
import './shop-floor.css';

function hhmm(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Hands a text to the browser as a file download (no server round trip, no navigation). */
function download(filename: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A meeting's lines read from the database (so they survive a reload, a new login or a restart),
 * each correctable in place, and the whole meeting exportable as Markdown or plain text.
 */
export function MeetingLines({
  meeting,
  onEdited,
}: {
  meeting: MeetingRow;
  onEdited: (message: string) => void;
}) {
  const client = useEngine();
  const [lines, setLines] = useState<MeetingLine[]>([]);
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void client.request('meetings-lines', { meetingId: meeting.id }).then((r) => {
      if (!alive) return;
      if (r.ok) setLines(r.value.lines);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [client, meeting.id, meeting.segments]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !editing.text.trim()) return;
    const r = await client.request('meetings-edit-line', {
      meetingId: meeting.id,
      lineId: editing.id,
      text: editing.text,
    });
    if (!r.ok) return setError(r.error.message);
    setLines((ls) => ls.map((l) => (l.id === r.value.id ? r.value : l)));
    setEditing(null);
    setError(null);
    onEdited('Line corrected. Press “Summarize now” for a summary of the corrected transcript.');
  };

  const exportAs = async (format: 'markdown' | 'text') => {
    const r = await client.request('meetings-export', { meetingId: meeting.id, format });
    if (r.ok) download(r.value.filename, r.value.mimeType, r.value.text);
    else setError(r.error.message);
  };

  return (
    <>
      {lines.length === 0 ? (
        <p className="muted" data-testid="meeting-transcript">
          No lines yet.
        </p>
      ) : (
        <ol className="lines" aria-label={`Transcript of ${meeting.title}`} data-testid="meeting-transcript">
          {lines.map((l) => (
            <li key={l.id} data-line-id={l.id}>
              <span className="line-time">{hhmm(l.createdAt)}</span>
              {editing?.id === l.id ? (
                <form className="line-edit" onSubmit={(e) => void save(e)}>
                  <label htmlFor={`line-${l.id}`} className="visually-hidden">
                    Corrected line
                  </label>
                  <input
                    id={`line-${l.id}`}
                    className="input"
                    value={editing.text}
                    maxLength={10_000}
                    onChange={(e) => setEditing({ id: l.id, text: e.target.value })}
                  />
                  <button type="submit" className="btn btn-small btn-primary">
                    Save
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <span className="line-text">
                    {l.text}
                    {l.editedAt && <span className="muted"> (edited)</span>}
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Edit line ${hhmm(l.createdAt)}: ${l.text.slice(0, 40)}`}
                    onClick={() => setEditing({ id: l.id, text: l.text })}
                  >
                    Edit
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn"
          disabled={lines.length === 0}
          onClick={() => void exportAs('markdown')}
        >
          Export Markdown
        </button>
        <button
          type="button"
          className="btn"
          disabled={lines.length === 0}
          onClick={() => void exportAs('text')}
        >
          Export text
        </button>
      </div>
    </>
  );
}
