import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../engine/app/config/load.ts';
import type { StaffCallPayload } from '../../engine/contracts/mqtt.ts';
import { ensureUiBuilt } from '../../renderer/build-ui.ts';
import { LANDSCAPE, PORTRAIT, openKiosk, type KioskBrowser } from './support/browser.ts';
import { MQTT_URL, runCli, startKiosk, startSummarizer, type KioskProcess } from './support/kiosk-process.ts';

// Issue 12, as a shop would meet it. Real: `voice-kiosk start` and `voice-kiosk staff set-pin` as
// child processes on one SQLite file, the local Mosquitto (a plain mqtt.js client is the staff
// pager), the cloud helper's summarizer, the built renderer, and Debian's Chromium — two windows:
// the shopper's screen and a staff screen. Nothing here is a test double.

let kiosk: KioskProcess;
let staff: KioskBrowser;
let shopper: KioskBrowser;
let pager: mqtt.MqttClient;
let knowledgeDir: string;
let summarizer: Awaited<ReturnType<typeof startSummarizer>> | null = null;
const paged: StaffCallPayload[] = [];
const db = () => path.join(kiosk.dir, 'kiosk.db');

let dataDir = '';
const deviceId = `e2e-floor-${randomUUID().slice(0, 8)}`;
/** Starts (or restarts, on the same data dir and database) the real kiosk. */
const startShopKiosk = () =>
  startKiosk({ VOICE_KIOSK_REPLY_KNOWLEDGE_DIR: knowledgeDir }, { dir: dataDir, deviceId });

beforeAll(async () => {
  await ensureUiBuilt();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'vk-e2e-floor-'));
  // The shop's own copy of the knowledge files, so the test can break one without touching the repo.
  knowledgeDir = path.join(dataDir, 'knowledge');
  cpSync(path.join(APP_ROOT, 'assets', 'knowledge'), knowledgeDir, { recursive: true });
  kiosk = await startShopKiosk();
  pager = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, clientId: `pager-${deviceId}` });
  pager.on('message', (_t, p) => paged.push(JSON.parse(p.toString()) as StaffCallPayload));
  await pager.subscribeAsync(`kiosk/v1/${deviceId}/staff-call`, { qos: 1 });
  staff = await openKiosk(kiosk.url, PORTRAIT);
  shopper = await openKiosk(kiosk.url, LANDSCAPE);
}, 240_000);

afterAll(async () => {
  await staff?.close();
  await shopper?.close();
  await pager?.endAsync();
  await summarizer?.stop();
  await kiosk?.stop();
});

async function login(ui: KioskBrowser, pin: string) {
  for (const d of pin) await ui.page.getByRole('button', { name: `Digit ${d}` }).click();
  await ui.page.getByRole('button', { name: 'Log in' }).click();
}

async function ask(text: string) {
  const { page } = shopper;
  await page.getByRole('textbox', { name: 'Your question' }).fill(text);
  await page.getByRole('button', { name: 'Ask' }).click();
  await expect.poll(() => page.getByTestId('heard').textContent(), { timeout: 10_000 }).toBe(text);
  // An answer, or (above "I don't know that") the screen saying it could not find it.
  await expect
    .poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 })
    .toMatch(/^(Here is what I found|I could not find that)$/);
  return (await page.getByTestId('reply').textContent()) ?? '';
}

describe('first run: no default PIN', () => {
  it('the staff screen only says how to set a PIN; a PIN set from the terminal works at once', async () => {
    const { page } = staff;
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    const notice = page.getByTestId('no-staff-pin');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('voice-kiosk staff set-pin --name YOUR-NAME');
    expect(await page.getByRole('button', { name: 'Digit 1' }).count()).toBe(0);
    await staff.shot('first-run-no-pin-portrait');

    const set = await runCli(['staff', 'set-pin', '--name', 'Sam', '--db', db()], '4826\n');
    expect(set).toMatchObject({ code: 0, out: 'PIN set for Sam; it works now, no restart needed.\n' });
    await page.getByRole('button', { name: 'Digit 1' }).waitFor({ timeout: 10_000 }); // no reload, no restart
    await login(staff, '1234');
    await expect
      .poll(() => page.getByTestId('login-message').textContent())
      .toBe('Wrong PIN. 4 attempts left.');
    await login(staff, '4826');
    await page.getByRole('heading', { name: 'Staff calls' }).waitFor({ timeout: 10_000 });
  }, 60_000);
});

describe('call staff', () => {
  it('the button raises a call: on the staff screen at once, on the pager topic, and "Sam is on the way"', async () => {
    await shopper.page.getByRole('button', { name: 'Call staff' }).click();
    const banner = shopper.page.getByTestId('staff-call-banner');
    await expect
      .poll(() => banner.textContent(), { timeout: 5000 })
      .toBe('A colleague has been notified and will be with you shortly.');
    const call = staff.page.getByTestId('staff-calls').locator('[data-state="raised"]').first();
    await call.waitFor({ timeout: 5000 });
    expect(await call.textContent()).toContain('pressed Call staff');
    await expect.poll(() => paged.filter((p) => p.state === 'raised').length, { timeout: 10_000 }).toBe(1);
    await staff.shot('staff-call-raised-portrait');
    await shopper.shot('shopper-call-raised-landscape');

    await call.getByRole('button', { name: 'On my way' }).click();
    await expect.poll(() => banner.textContent(), { timeout: 5000 }).toBe('Sam is on the way.');
    await expect
      .poll(() => paged.map((p) => `${p.state}:${p.staff ?? ''}`), { timeout: 10_000 })
      .toEqual(['raised:', 'acknowledged:Sam']);
    await shopper.shot('shopper-call-on-the-way-landscape');
    await staff.page
      .getByTestId('staff-calls')
      .locator('[data-state="acknowledged"]')
      .getByRole('button', { name: 'Done' })
      .click();
    await expect.poll(() => banner.textContent(), { timeout: 5000 }).toBe('Thank you — your call is closed.');
    await expect.poll(() => staff.page.getByTestId('staff-calls').locator('[data-state="closed"]').first().textContent(), { timeout: 5000 }).toContain('done · closed by Sam');
  }, 60_000);

  it('a typed "yes" to "shall I call a member of staff?" raises a call with the question that led to it', async () => {
    const offer = await ask('Can I book a flight to Paris here?');
    expect(offer).toMatch(/Shall I call a member of staff/);
    expect(await shopper.page.getByTestId('phase').textContent()).toBe('I could not find that');
    const yes = await ask('yes please');
    expect(yes).toBe('A colleague has been notified and will be with you shortly.');
    await expect
      .poll(() => shopper.page.getByTestId('staff-call-banner').textContent(), { timeout: 5000 })
      .toBe('A colleague has been notified and will be with you shortly.');
    const call = staff.page.getByTestId('staff-calls').locator('[data-state="raised"]').first();
    await expect
      .poll(() => call.textContent(), { timeout: 5000 })
      .toContain('“Can I book a flight to Paris here?”');
    expect(await call.textContent()).toContain('said yes to the offer');
    await expect
      .poll(
        () => paged.some((p) => p.trigger === 'offer' && p.question === 'Can I book a flight to Paris here?'),
        { timeout: 10_000 },
      )
      .toBe(true);
    const metrics = await (await fetch(`${kiosk.url}metrics`)).text();
    expect(metrics).toMatch(/^voice_kiosk_staff_calls_total\{state="raised"\} 2$/m);
    await staff.page.setViewportSize(LANDSCAPE);
    await staff.shot('staff-call-offer-landscape');
    await staff.page.setViewportSize(PORTRAIT);
    await call.getByRole('button', { name: 'Done' }).click();
  }, 90_000);
});

describe('meetings and shoppers side by side', () => {
  const lines = [
    'The delivery of fresh bread arrives at seven every morning.',
    'We agreed to extend Saturday opening hours until nine in the evening.',
    'Bob will update the price lables for the summer promotion by Friday.',
  ];

  it('while a meeting records, typed questions are answered and the shopper screen says voice waits', async () => {
    const { page } = staff;
    await page.getByRole('textbox', { name: 'Meeting title' }).fill('Morning stand-up');
    await page.getByRole('button', { name: 'Start meeting' }).click();
    await shopper.page.getByTestId('voice-paused').waitFor({ timeout: 5000 });
    expect(await shopper.page.getByTestId('voice-paused').textContent()).toMatch(
      /^Voice questions are paused while staff record a meeting\. Please type/,
    );
    const answer = await ask('Where is the bread?');
    expect(answer.toLowerCase()).toContain('bread');
    await shopper.page.setViewportSize(PORTRAIT);
    await shopper.shot('shopper-during-meeting-portrait');
    await shopper.page.setViewportSize(LANDSCAPE);
    await shopper.shot('shopper-during-meeting-landscape');
    for (const l of lines) {
      await page.getByRole('textbox', { name: 'Transcript line' }).fill(l);
      await page.getByRole('button', { name: 'Add line' }).click();
      await expect
        .poll(
          () =>
            page.getByTestId('meeting-transcript').locator('li').last().locator('.line-text').textContent(),
          { timeout: 10_000 },
        )
        .toBe(l);
    }
    await page.getByRole('button', { name: 'Stop meeting' }).click();
    await shopper.page.getByTestId('voice-paused').waitFor({ state: 'detached', timeout: 5000 });
  }, 90_000);

  it('lines stay visible after a reload and a new login, can be corrected and exported', async () => {
    const { page } = staff;
    await page.reload();
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await login(staff, '4826');
    const current = page.getByTestId('current-meeting');
    await expect
      .poll(() => current.locator('h3').textContent(), { timeout: 10_000 })
      .toContain('ended · 3 lines · started by Sam');
    const shown = page.getByTestId('meeting-transcript').locator('.line-text');
    await expect.poll(() => shown.allTextContents(), { timeout: 10_000 }).toEqual(lines);

    await page.getByRole('button', { name: /^Edit line .*Bob will update/ }).click();
    await page
      .getByRole('textbox', { name: 'Corrected line' })
      .fill('Bob will update the price labels for the summer promotion by Friday.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => shown.nth(2).textContent())
      .toBe('Bob will update the price labels for the summer promotion by Friday. (edited)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-morning-stand-up\.md$/);
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain('# Morning stand-up');
    expect(md).toContain('by Sam');
    expect(md).toContain('Bob will update the price labels for the summer promotion by Friday. _(edited)_');
    const [txt] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export text' }).click(),
    ]);
    expect(readFileSync((await txt.path())!, 'utf8')).toMatch(
      /^\[\d\d:\d\d\] The delivery of fresh bread arrives at seven every morning\.$/m,
    );
    await staff.shot('staff-meeting-lines-portrait');
  }, 60_000);

  it('the summary of the corrected transcript lists decisions and action items apart from the gist', async () => {
    const { page } = staff;
    summarizer = await startSummarizer(kiosk.deviceId);
    await page.getByRole('button', { name: 'Summarize now' }).click();
    const actions = page.getByTestId('summary-actions').first();
    await expect
      .poll(() => actions.textContent().catch(() => ''), { timeout: 60_000, interval: 500 })
      .toBe('Bob: update the price labels for the summer promotion — by Friday');
    expect(await page.getByTestId('summary-decisions').first().textContent()).toBe(
      'We agreed to extend Saturday opening hours until nine in the evening.',
    );
    await page.setViewportSize(LANDSCAPE);
    await staff.shot('staff-summary-outline-landscape');
    await page.setViewportSize(PORTRAIT);
  }, 120_000);
});

describe("the owner's view", () => {
  it('lists what the kiosk could not answer with the day totals, reloads knowledge and shows a broken file in plain words', async () => {
    const { page } = staff;
    const table = page.getByTestId('unanswered');
    await expect
      .poll(() => table.textContent().catch(() => ''), { timeout: 10_000 })
      .toContain('Can I book a flight to Paris here?');
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-category'), tr.querySelector('td')!.textContent]),
      );
    expect(rows).toContainEqual(['declined', 'Can I book a flight to Paris here?']);
    expect(rows).toContainEqual(['staff-call', 'Can I book a flight to Paris here?']);
    expect(rows).toContainEqual(['staff-call', '(the Call staff button)']);
    const totals = await page.getByTestId('owner-totals').textContent();
    // Asked today: the flight question (not known), "yes please" and "Where is the bread?".
    expect(totals).toMatch(/3 questions today/);
    expect(totals).toMatch(/2 answered/);
    expect(totals).toMatch(/2 staff calls/);

    await page.getByRole('button', { name: 'Reload knowledge' }).click();
    await expect
      .poll(() => page.getByTestId('knowledge-message').textContent())
      .toMatch(/^Knowledge reloaded: \d+ sections\./);
    writeFileSync(
      path.join(knowledgeDir, 'broken.md'),
      '---\ntitle: Car park\n---\nThe car park is behind the shop.\n',
    );
    await page.getByRole('button', { name: 'Reload knowledge' }).click();
    await expect
      .poll(() => page.getByTestId('knowledge-message').textContent())
      .toMatch(
        /^The knowledge files were not reloaded, so the kiosk keeps answering from the last good version\. What is wrong: knowledge file .*broken\.md: the front-matter has no 'id:' line/,
      );
    await page
      .getByRole('heading', { name: 'Questions the kiosk could not answer' })
      .scrollIntoViewIfNeeded();
    await staff.shot('staff-owner-view-portrait');
    await page.setViewportSize(LANDSCAPE);
    await staff.shot('staff-owner-view-landscape');
    await page.setViewportSize(PORTRAIT);
    expect(staff.errors).toEqual([]);
    expect(shopper.errors).toEqual([]);
  }, 60_000);
});

describe('a restart never leaves a meeting recording', () => {
  it('a meeting open when the kiosk is killed is closed on restart as "kiosk restarted", lines kept', async () => {
    const { page } = staff;
    await page.getByRole('textbox', { name: 'Meeting title' }).fill('Late meeting');
    await page.getByRole('button', { name: 'Start meeting' }).click();
    await page
      .getByRole('textbox', { name: 'Transcript line' })
      .fill('Alice will restock the dairy aisle before opening.');
    await page.getByRole('button', { name: 'Add line' }).click();
    await expect
      .poll(() => page.getByTestId('meeting-transcript').locator('.line-text').first().textContent(), {
        timeout: 10_000,
      })
      .toBe('Alice will restock the dairy aisle before opening.');
    await kiosk.kill9();
    kiosk = await startShopKiosk();
    await page.goto(kiosk.url);
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await login(staff, '4826');
    await page
      .getByRole('combobox', { name: 'Meeting' })
      .selectOption({ label: 'Late meeting (ended: kiosk restarted)' });
    const current = page.getByTestId('current-meeting');
    await expect
      .poll(() => current.locator('h3').textContent(), { timeout: 10_000 })
      .toContain('ended (kiosk restarted) · 1 line · started by Sam');
    expect(await current.locator('.line-text').first().textContent()).toBe(
      'Alice will restock the dairy aisle before opening.',
    );
    await staff.shot('staff-after-restart-portrait');
  }, 120_000);
});
