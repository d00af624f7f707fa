/**
 * "Did you mean …?": the kiosk was unsure what it heard, so it shows its best 2–3 readings as large
 * buttons; a tap answers that question at once (saying "yes" or "the second one" works too).
 */
export function DidYouMean({ candidates, onChoose }: { candidates: string[]; onChoose: (index: number) => void }) {
  if (candidates.length === 0) return null;
  return (
    <section className="did-you-mean" aria-labelledby="dym-heading" data-testid="did-you-mean">
      <h3 id="dym-heading">Did you mean…</h3>
      <ul className="choices">
        {candidates.map((c, i) => (
          <li key={c}>
            <button type="button" className="btn btn-choice" onClick={() => onChoose(i)}>
              {c}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">Tap one, or say “yes” or “the second one”.</p>
    </section>
  );
}
