import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../../../engine/contracts/api.ts';
import { SummariesPanel } from './SummariesPanel.tsx';

// Real: the panel's React markup, rendered on the server side; no browser needed for the words.
const row = (over: Partial<SummaryRow>): SummaryRow => ({
  meetingId: 'm1',
  jobId: 'j1',
  text: 'Order bread.',
  model: 'textrank-1',
  createdAt: '2026-12-01T10:00:00.000Z',
  source: 'cloud',
  ...over,
});

describe('SummariesPanel provenance', () => {
  it('says which summaries are kiosk drafts and which came from the cloud', () => {
    const html = renderToStaticMarkup(
      <SummariesPanel
        meetings={[]}
        summaries={[row({ jobId: 'a', source: 'device' }), row({ jobId: 'b', meetingId: 'm2', source: 'cloud' })]}
      />,
    );
    expect(html).toContain('Draft made on this kiosk — the cloud summary replaces it when it arrives');
    expect(html).toContain('Summary from the cloud');
    expect(html).toMatch(/data-source="device"/);
    expect(html).toMatch(/data-source="cloud"/);
  });
});
