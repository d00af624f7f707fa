import { sourceTitles, useKioskInfo } from '../hooks/use-kiosk-info.ts';

/** "From: Dairy, Opening hours": the sections an answer came from, by the titles staff gave them. */
export function AnswerSources({ ids }: { ids: readonly string[] }) {
  const { titles } = useKioskInfo();
  if (ids.length === 0) return null;
  return (
    <p className="sources" data-testid="sources">
      From: {sourceTitles(ids, titles).join(', ')}
    </p>
  );
}
