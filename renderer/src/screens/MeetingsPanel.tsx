import { useEffect, useState, type FormEvent } from 'react';
import type { MeetingRow } from '../../../engine/contracts/api.ts';
import { LIMITS } from '../../../engine/contracts/limits.ts';
import { useEngine } from '../hooks/use-engine.ts';
import { MeetingLines } from '../components/MeetingLines.tsx';

interface Props {
  meetings: MeetingRow[];
  onChanged: () => Promise<void>;
}

/** Start and stop a meeting, watch its transcript arrive, add a line by typing, ask for a summary. */
export function MeetingsPanel({ meetings, onChanged }: Props) {
  const client = useEngine();
  const [title, setTitle] = useState('');
  const [line, setLine] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(t);
  }, [message]);
  const active = meetings.find((m) => m.endedAt === null) ?? null;
  const current = meetings.find((m) => m.id === selected) ?? active ?? meetings[0] ?? null;

  const act = async (work: () => Promise<{ ok: boolean; error?: { message: string } }>, done?: string) => {
    const r = await work();
    setMessage(r.ok ? (done ?? null) : (r.error?.message ?? 'failed'));
    await onChanged();
  };

  const start = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (!t) return;
    void act(async () => {
      const r = await client.request('meetings-start', { title: t });
      if (r.ok) {
        setSelected(r.value.id);
        setTitle('');
      }
      return r;
    }, 'Meeting started.');
  };

  const addLine = (e: FormEvent) => {
    e.preventDefault();
    if (!current || !line.trim()) return;
    const text = line;
    setLine('');
    void act(() => client.request('meetings-add-segment', { meetingId: current.id, text }));
  };

  return (
    <section className="panel" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">Meetings</h2>
      {!active && (
        <form className="row" onSubmit={start}>
          <label htmlFor="meeting-title" className="visually-hidden">
            Meeting title
          </label>
          <input id="meeting-title" className="input" placeholder="Meeting title" value={title} maxLength={LIMITS.meetingTitleChars} onChange={(e) => setTitle(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={!title.trim()}>
            Start meeting
          </button>
        </form>
      )}
      {meetings.length > 1 && (
        <div className="row">
          <label htmlFor="meeting-pick">Meeting</label>
          <select id="meeting-pick" className="input" value={current?.id ?? ''} onChange={(e) => setSelected(e.target.value)}>
            {meetings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title} {m.endedAt ? `(ended${m.endReason && m.endReason !== 'stopped' ? `: ${m.endReason}` : ''})` : '(recording)'}
              </option>
            ))}
          </select>
        </div>
      )}
      {current && (
        <div className="meeting" data-testid="current-meeting">
          <h3>
            {current.title}{' '}
            <span className="muted">
              {current.endedAt ? `ended${current.endReason && current.endReason !== 'stopped' ? ` (${current.endReason})` : ''}` : 'recording'} · {current.segments} {current.segments === 1 ? 'line' : 'lines'}
              {current.staff ? ` · started by ${current.staff}` : ''}
            </span>
          </h3>
          <MeetingLines meeting={current} onEdited={setMessage} />
          {!current.endedAt && (
            <form className="row" onSubmit={addLine}>
              <label htmlFor="segment" className="visually-hidden">
                Transcript line
              </label>
              <input id="segment" className="input" placeholder="Type a transcript line" value={line} maxLength={LIMITS.segmentChars} onChange={(e) => setLine(e.target.value)} />
              <button type="submit" className="btn" disabled={!line.trim()}>
                Add line
              </button>
            </form>
          )}
          <div className="row">
            {!current.endedAt && (
              <button type="button" className="btn" onClick={() => void act(() => client.request('meetings-stop', { meetingId: current.id }), 'Meeting stopped.')}>
                Stop meeting
              </button>
            )}
            <button
              type="button"
              className="btn btn-primary"
              disabled={current.segments === 0}
              onClick={() => void act(() => client.request('meetings-summarize', { meetingId: current.id }), 'Summary requested — see the outbox.')}
            >
              Summarize now
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
