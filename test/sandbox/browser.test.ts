import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { CHANNELS } from '../../src/sandbox/people.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import { SANDBOX_BOT_TOKEN } from '../../src/sandbox/web-api.ts';
import { launchChromium, screenshotter, type LaunchedChromium } from '../support/chromium.ts';

/**
 * Issue #9, done means: in real Chromium, on the real bot in the sandbox (its
 * own embedded PGlite in a temporary folder), a whole case walked by clicking
 * and typing only — an officer reports through the modal, the partner's
 * contact disputes, an officer proposes, the approver approves, the clock
 * moves until the formal decision goes out, and the public notice is in the
 * notices channel. Every step writes a screenshot to test-results/sandbox/.
 *
 * The steps share one browser and one sandbox, and run in order: each starts
 * where the one before stopped, as a visitor would go.
 */

const STEP = 90_000;
/** How long the page may take to show what the bot did (a Bolt round trip and an SSE refresh). */
const SHOWN = 20_000;

describe('the sandbox in a browser: one case, every role', () => {
  let dataDir: string;
  let sandbox: RunningSandbox | undefined;
  let browser: LaunchedChromium | undefined;
  let page: Page;
  let shot: (page: Page, name: string) => Promise<string>;
  const pageErrors: string[] = [];
  let caseId = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sandbox-browser-'));
    // The first start creates and migrates the PGlite database and seeds the demo: several seconds.
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', dataDir, logger: silentLogger, env: {} });
    browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    page = browser.page;
    page.setDefaultTimeout(SHOWN);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The page runs under a strict Content-Security-Policy: anything it blocks is a defect of the page.
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) pageErrors.push(m.text());
    });
    // The page asks confirm() only before a reset; nothing in this walk should.
    page.on('dialog', (d) => {
      pageErrors.push(`unexpected ${d.type()} dialog: ${d.message()}`);
      void d.dismiss();
    });
    shot = await screenshotter('sandbox');
    await page.goto(`${sandbox.url}/?as=UOFFICER1`);
    await page.locator('body[data-me="UOFFICER1"]').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  // ---- what a person does on the page

  async function actAs(person: string): Promise<void> {
    await page.getByTestId('person-switcher').selectOption(person);
    await page.locator(`body[data-me="${person}"]`).waitFor();
  }

  async function openConversation(channel: string): Promise<void> {
    await page.locator(`[data-testid=conversation][data-channel="${channel}"]`).click();
    await page.locator(`[data-testid=conversation][data-channel="${channel}"].active`).waitFor();
  }

  async function openDmWithBot(): Promise<void> {
    const dm = page.getByTestId('dm-list').getByTestId('conversation');
    await expect.poll(() => dm.count(), { timeout: SHOWN }).toBe(1);
    await dm.click();
    await page.getByTestId('dm-list').locator('[data-testid=conversation].active').waitFor();
  }

  async function typeCommand(line: string): Promise<void> {
    const box = page.getByTestId('message-box');
    await box.click();
    await box.fill(line);
    await box.press('Enter');
  }

  function modal(): Locator {
    return page.getByTestId('modal');
  }

  function inputBlock(blockId: string): Locator {
    return modal().locator(`[data-testid=input-block][data-block-id="${blockId}"]`);
  }

  /** The bot's answer to a submission is a small "done" modal; it is read, then closed with its button. */
  async function closeDoneModal(title: string): Promise<string> {
    await expect.poll(() => page.getByTestId('modal-title').textContent(), { timeout: SHOWN }).toBe(title);
    const text = (await modal().textContent()) ?? '';
    await modal().getByTestId('modal-close').click();
    await modal().waitFor({ state: 'detached' });
    return text;
  }

  /** The newest message in the open conversation that contains `text`. */
  function message(text: string | RegExp): Locator {
    return page.getByTestId('messages').getByTestId('message').filter({ hasText: text }).last();
  }

  async function noProblems(): Promise<void> {
    const problems = page.getByTestId('problems');
    if (await problems.isVisible()) throw new Error(`the sandbox caught something Slack would refuse: ${await problems.textContent()}`);
    expect(pageErrors).toEqual([]);
  }

  // ---- the case

  it(
    'an officer reports a violation through the report modal',
    async () => {
      await openDmWithBot();
      // A command the app does not have is refused in a visible error line, as Slack refuses it.
      await typeCommand('/violations report');
      const error = page.getByTestId('error-line');
      await error.waitFor({ state: 'visible' });
      expect(await error.textContent()).toContain('/violations is not a valid command');

      await typeCommand('/violation report');
      await modal().waitFor();
      await error.waitFor({ state: 'hidden' });
      expect(await page.getByTestId('modal-title').textContent()).toBe('Report a violation');

      // The partner: an external select; typing asks the bot for options.
      const partner = inputBlock('partner').getByTestId('external-select-input');
      await partner.click();
      await partner.fill('Cloudway');
      const suggestion = inputBlock('partner').getByTestId('suggestion');
      await expect.poll(() => suggestion.allTextContents(), { timeout: SHOWN }).toEqual(['Cloudway Consulting (P-A)']);
      await suggestion.click();
      expect(await partner.inputValue()).toBe('Cloudway Consulting (P-A)');

      // The item: the catalog as a grouped static select (SVC-09 is a class-2 service item).
      const item = inputBlock('item').locator('select');
      await item.selectOption('SVC-09');
      expect(await item.locator('option:checked').textContent()).toContain('SVC-09 · Class 2');

      await inputBlock('occurred_on').locator('input[type=date]').fill(await daysBefore(2));
      await inputBlock('facts').locator('textarea').fill('Follow-up visits promised in the contract were not made for three weeks.');
      await inputBlock('evidence').locator('textarea').fill('https://example.com/evidence/visit-log.pdf');
      expect(await inputBlock('evidence_files').getByTestId('file-input').textContent()).toContain('not available in the sandbox');
      await shot(page, 'report-modal');

      await modal().getByTestId('modal-submit').click();
      const done = await closeDoneModal('Reported');
      // The sandbox starts empty: the first case filed is V-000001, and the modal names it.
      expect(done).toContain('V-000001');
      caseId = 'V-000001';
      expect(done).toContain('must reply by');
      await shot(page, 'reported');

      // The staff side panel lists it, waiting for the partner's reply.
      const listed = page.locator(`[data-testid=case-item][data-case-id="${caseId}"]`);
      await expect.poll(() => listed.textContent(), { timeout: SHOWN }).toContain('waiting for the partner');
      await noProblems();
    },
    STEP,
  );

  it(
    "the partner's contact disputes it, and a dispute without proof is refused under its input",
    async () => {
      await actAs('UPARTNERA1');
      // The notice arrived while they were away: an unread badge on the DM.
      const dmBadge = page.getByTestId('dm-list').getByTestId('unread');
      await expect.poll(() => dmBadge.textContent(), { timeout: SHOWN }).toMatch(/^[1-9]\d*$/);
      await openDmWithBot();
      const notice = message(caseId);
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Notice of suspected violation');
      expect(await notice.textContent()).toContain('Cloudway Consulting (P-A)');
      await expect.poll(() => dmBadge.count(), { timeout: SHOWN }).toBe(0); // seen
      await shot(page, 'partner-notice');

      // Accept asks first (a confirm object): the page shows Slack's dialog, and "no" changes nothing.
      await notice.locator('[data-action-id=reply_accept]').click();
      const confirm = page.getByTestId('confirm-dialog');
      await confirm.waitFor();
      expect(await confirm.getByRole('heading').textContent()).toBe('Accept the violation?');
      await shot(page, 'accept-confirm');
      await confirm.getByTestId('confirm-no').click();
      await confirm.waitFor({ state: 'detached' });
      expect(await modal().count()).toBe(0);

      await notice.locator('[data-action-id=reply_dispute]').click();
      await modal().waitFor();
      expect(await page.getByTestId('modal-title').textContent()).toBe('Dispute');
      await inputBlock('text').locator('textarea').fill('The visits were made by phone; the customer confirmed each one.');
      await modal().getByTestId('modal-submit').click();

      // R-REPLY: a dispute needs proof. The error shows under the links input; what was typed stays.
      const error = inputBlock('evidence').getByTestId('block-error');
      await error.waitFor({ state: 'visible' });
      expect(await error.textContent()).toContain('A dispute needs proof');
      expect(await inputBlock('text').locator('textarea').inputValue()).toBe('The visits were made by phone; the customer confirmed each one.');
      await shot(page, 'dispute-needs-proof');

      await inputBlock('evidence').locator('textarea').fill('https://example.com/partner/call-records.pdf');
      await modal().getByTestId('modal-submit').click();
      const done = await closeDoneModal('Dispute sent');
      expect(done).toContain(caseId);
      await shot(page, 'dispute-sent');
      await noProblems();
    },
    STEP,
  );

  it(
    'an officer proposes the determination from the button the bot offers, with the engine preview',
    async () => {
      await actAs('UOFFICER1');
      await openDmWithBot();
      const disputed = message('The partner disputed the violation');
      await disputed.waitFor();
      expect(await disputed.textContent()).toContain('https://example.com/partner/call-records.pdf');

      await disputed.locator('[data-action-id=determine_open]').click();
      await modal().waitFor();
      expect(await page.getByTestId('modal-title').textContent()).toBe('Determination');
      const body = (await modal().textContent()) ?? '';
      // P-A has one class-2 sanction in the last 12 months: this is its 2nd, CNY 10,000 (R-P2).
      expect(body).toContain(caseId);
      expect(body).toContain('Class 2');
      expect(body).toContain('CNY 10,000.00');
      expect(body).toContain('R-P2');
      // "Yes, established" is chosen already; a radio the person can see.
      expect(await inputBlock('established').getByLabel('Yes, established').isChecked()).toBe(true);
      await inputBlock('reasons').locator('textarea').fill('The call records show no visit in the three weeks; established.');
      await shot(page, 'determination-modal');

      await modal().getByTestId('modal-submit').click();
      const done = await closeDoneModal('Proposed');
      expect(done).toContain(caseId);
      await noProblems();
    },
    STEP,
  );

  it(
    'the approver approves in #violation-approvals',
    async () => {
      await actAs('UAPPROVER1');
      await openConversation(CHANNELS.approvals.id);
      const request = message(caseId);
      await request.waitFor();
      expect(await request.textContent()).toContain('CNY 10,000.00');
      await request.locator('[data-action-id=determination_approve]').scrollIntoViewIfNeeded();
      await shot(page, 'approval-request');

      await request.locator('[data-action-id=determination_approve]').click();
      // The bot updates the message in place (chat.update): the buttons give way to who approved.
      const approved = page.getByTestId('messages').getByTestId('message').filter({ hasText: caseId }).filter({ has: page.getByTestId('edited') }).first();
      await approved.waitFor();
      expect(await approved.textContent()).toContain('Approved by');
      expect(await approved.locator('[data-action-id=determination_approve]').count()).toBe(0);
      // And tells the approver privately.
      const privately = message('You approved determination');
      await privately.waitFor();
      expect(await privately.getByTestId('ephemeral').textContent()).toBe('Only visible to you');
      await shot(page, 'approved');
      await noProblems();
    },
    STEP,
  );

  it(
    'the clock moves deadline by deadline until the formal decision goes out',
    async () => {
      await actAs('UPARTNERA1');
      await openConversation(CHANNELS.notices.id);
      const notice = message(caseId);
      expect(await notice.count()).toBe(0); // not before the objection window closes

      const next = page.getByTestId('clock-advance-next');
      const now = page.getByTestId('clock-now');
      const upcoming = page.getByTestId('clock-next-deadline');
      // Reminders first, then the close of the objection window (R-NOTICE), after which the decision goes out.
      const passed: string[] = [];
      while (!passed.some((d) => d.includes('objection close'))) {
        expect(passed.length, `the objection window should close within a few deadlines: ${passed.join(' | ')}`).toBeLessThan(8);
        await expect.poll(() => next.isEnabled(), { timeout: SHOWN }).toBe(true);
        const before = await now.textContent();
        passed.push((await upcoming.textContent()) ?? '');
        expect(await notice.count(), 'no public notice while the objection window is open').toBe(0);
        await next.click();
        await expect.poll(() => now.textContent(), { timeout: SHOWN }).not.toBe(before);
      }
      expect(passed.at(-1)).toContain(caseId);
      // Deliveries go through the job queue: the notice follows shortly.
      await notice.waitFor();
      await shot(page, 'clock-moved');

      // The partner's DM holds the formal decision: 10,000 less what the deposit, prepayments and unpaid fees covered.
      await openDmWithBot();
      const decision = message('Formal violation decision');
      await decision.waitFor();
      const text = (await decision.textContent()) ?? '';
      expect(text).toContain(caseId);
      expect(text).toContain('CNY 10,000.00');
      expect(text).toContain('CNY 2,000.00');
      await decision.scrollIntoViewIfNeeded();
      await shot(page, 'formal-decision');
      await noProblems();
    },
    STEP,
  );

  it(
    'the public notice is in #partner-notices, in both languages',
    async () => {
      await openConversation(CHANNELS.notices.id);
      const notice = message(caseId);
      await notice.waitFor();
      await notice.locator('.message-head').scrollIntoViewIfNeeded();
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain('Violation notice');
      expect(text).toContain('违规处理通报');
      expect(text).toContain('Cloudway Consulting (P-A)');
      expect(text).toContain('Penalty of CNY 10,000.00');
      expect(text).toContain('Class 2');
      await shot(page, 'public-notice');
      await noProblems();
    },
    STEP,
  );

  it(
    'the case file beside it shows the explanation with rule ids and the audit trail',
    async () => {
      await page.locator(`[data-testid=case-item][data-case-id="${caseId}"]`).click();
      const file = page.locator(`[data-testid=case-file-view][data-case-id="${caseId}"]`);
      await file.waitFor();
      const explanation = (await file.getByTestId('case-explanation').textContent()) ?? '';
      expect(explanation).toContain('R-P2');
      expect(explanation).toContain('CNY 10,000.00');
      const audit = file.getByTestId('case-audit');
      const actions = await audit.getByTestId('audit-action').allTextContents();
      for (const step of ['case.reported', 'case.reply.dispute', 'determination.proposed', 'determination.approved']) expect(actions).toContain(step);
      expect((await audit.textContent()) ?? '').toContain('Wang Fang');
      await audit.scrollIntoViewIfNeeded();
      await shot(page, 'case-file');
      await noProblems();
    },
    STEP,
  );

  it(
    "App Home shows the partner's standing with the new sanction, and its buttons work",
    async () => {
      await page.getByTestId('app-home').click();
      const home = page.getByTestId('home');
      await expect.poll(() => home.textContent(), { timeout: SHOWN }).toContain('Standing of Cloudway Consulting (P-A)');
      const text = (await home.textContent()) ?? '';
      expect(text).toContain(`${caseId} · SVC-09 · Class 2`);
      expect(text).toContain('CNY 10,000.00');
      await shot(page, 'partner-home');

      // A button on Home opens a modal (the action's source is the Home view); Cancel closes it.
      await home.locator('[data-action-id=report_open]').click();
      await modal().waitFor();
      expect(await page.getByTestId('modal-title').textContent()).toBe('Report a violation');
      await modal().getByTestId('modal-close').click();
      await modal().waitFor({ state: 'detached' });
      await noProblems();
    },
    STEP,
  );

  it(
    'what the page cannot render shows as JSON, text stays text, and what Slack would refuse shows as a problem',
    async () => {
      // The bot's side of the wire, as the bot itself calls it: the sandbox's Web API with the sandbox's token.
      const api = async (method: string, args: Record<string, unknown>) => {
        const res = await fetch(`${sandbox!.url}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SANDBOX_BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(args),
        });
        return (await res.json()) as { ok: boolean; error?: string };
      };
      const posted = await api('chat.postMessage', {
        channel: CHANNELS.notices.id,
        text: 'Odd blocks',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: 'mrkdwn with markup: <img src=x id=injected-img> *bold*' } },
          { type: 'context', elements: [{ type: 'plain_text', text: '<b id="injected-b">plain, not HTML</b>' }] },
          // A valid Slack block the page does not render.
          {
            type: 'video',
            title: { type: 'plain_text', text: 'A block the page does not know' },
            alt_text: 'A walkthrough',
            video_url: 'https://example.com/embed/walkthrough',
            thumbnail_url: 'https://example.com/walkthrough.png',
          },
        ],
      });
      expect(posted.ok).toBe(true);
      // A message without blocks: Slack shows its text as mrkdwn.
      expect((await api('chat.postMessage', { channel: CHANNELS.notices.id, text: '*Text only* with <i id=injected-i>markup</i>' })).ok).toBe(true);
      expect(await api('chat.nonsense', {})).toEqual({ ok: false, error: 'unknown_method' });

      await openConversation(CHANNELS.notices.id);
      const odd = message('mrkdwn with markup');
      await odd.waitFor();
      // mrkdwn went through slack-to-html (escaped); plain text went in as text: no element was made from either.
      expect(await page.locator('#injected-img, #injected-b').count()).toBe(0);
      expect(await odd.textContent()).toContain('<img src=x id=injected-img>');
      expect(await odd.textContent()).toContain('<b id="injected-b">plain, not HTML</b>');
      const textOnly = message('Text only');
      await textOnly.waitFor();
      expect(await textOnly.locator('.slack_bold').textContent()).toBe('Text only');
      expect(await page.locator('#injected-i').count()).toBe(0);
      expect(await textOnly.textContent()).toContain('<i id=injected-i>markup</i>');
      // The unknown block is shown, as readable JSON, never dropped.
      const unknown = odd.getByTestId('unknown-block');
      expect(await unknown.locator('pre').textContent()).toContain('"video_url": "https://example.com/embed/walkthrough"');

      const problems = page.getByTestId('problems');
      await problems.waitFor({ state: 'visible' });
      expect(await problems.textContent()).toContain('chat.nonsense');
      expect(await problems.textContent()).toContain('unknown_method');
      await odd.scrollIntoViewIfNeeded();
      await shot(page, 'unknown-block-and-problem');
      await page.getByTestId('problems-dismiss').click();
      await problems.waitFor({ state: 'hidden' });
      expect(pageErrors).toEqual([]);
    },
    STEP,
  );

  it(
    'finance exports the cases: the CSV arrives in its DM as a download link served by the sandbox (issue 11)',
    async () => {
      await actAs('UFINANCE1');
      await openDmWithBot();
      await typeCommand('/violation export cases 2000-01-01 2099-12-31');
      const link = page.getByTestId('file-link').last();
      await link.waitFor();
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/files\/F\d+\?as=UFINANCE1$/);
      expect(await link.getAttribute('download')).toBe('cases-2000-01-01_2099-12-31.csv');
      const res = await fetch(`${sandbox!.url}${href}`);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      const csv = await res.text();
      expect(csv.split('\n')[0]).toMatch(/^case_id,partner_id,item_id,state,/);
      expect(csv).toContain(`${caseId},P-A,`);
      await message('Sent').waitFor();
      await link.scrollIntoViewIfNeeded();
      await shot(page, 'export-file');
      await noProblems();
    },
    STEP,
  );

  it(
    'Reset demo, once confirmed, brings the workspace and the cases back to their first state',
    async () => {
      let asked = '';
      page.removeAllListeners('dialog');
      page.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await page.getByTestId('reset-demo').click();
      await expect.poll(() => page.getByTestId('case-list').textContent(), { timeout: 60_000 }).toContain('No cases yet.');
      expect(asked).toContain('Reset the demo?');
      await expect.poll(() => page.getByTestId('messages').getByTestId('message').count(), { timeout: SHOWN }).toBe(0);
      expect(await page.getByTestId('clock-next-deadline').textContent()).toBe('No deadline pending');
      expect(pageErrors).toEqual([]);
    },
    STEP,
  );

  /** A day shortly before the sandbox's today, typed into the date picker as a person would. */
  async function daysBefore(n: number): Promise<string> {
    const today = (await page.getByTestId('clock-day').textContent())?.slice(0, 10) ?? '';
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  }
});
