/**
 * Nothing typed is lost in the secretariat's minutes editor, and focus lands on the
 * confirmation, in a real browser (Debian's Chromium through playwright-core). With htmx, saving
 * one item's decision swaps only that item and leaves what is typed in the others; without
 * JavaScript, the one decisions form saves every item's text, and a rejection keeps them all.
 * Saving a reader's note with the keyboard moves focus to its confirmation. The held meeting with
 * two items is built here (reader-testing.ts), not taken from the demo seed.
 * Skipped without Chromium unless REQUIRE_BROWSER_TESTS=1.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkA11y,
  haveChromium,
  launchChromium,
  serveApp,
  signedIn as signedInAs,
  type TestServer,
} from '../../../test/helpers/browser.ts';
import { createReaderFixture, type ReaderFixture } from '../../../test/helpers/reader-fixture.ts';
import { MAX_DECISION } from './minutes.ts';

describe.skipIf(!haveChromium)('the minutes editor keeps what is typed, in a real browser', () => {
  let f: ReaderFixture;
  let server: TestServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    f = await createReaderFixture('sqlite');
    const s = { cookie: f.cookie.sekretariat };
    // Both meetings held (two items each): the decisions are being written.
    for (const m of [f.meeting, f.otherMeeting])
      expect((await f.t.post(`/meetings/${m}/minutes/holding`, {}, s)).status).toBe(303);
    server = await serveApp(f.t.app.fetch);
    base = server.base;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await f?.t.cleanup();
  });

  const signedIn = (username: string, javaScriptEnabled = true) =>
    signedInAs(browser, base, username, { viewport: { width: 1280, height: 900 }, javaScriptEnabled });

  const decisionOf = async (itemId: number) =>
    (
      await f.t.db.database.db
        .selectFrom('agenda_items')
        .select('decision')
        .where('id', '=', itemId)
        .executeTakeFirstOrThrow()
    ).decision;
  const saveButton = (page: Page, itemId: number) => page.locator(`#decision-${itemId}-block button`);

  it('with htmx, saving item 2 keeps the text typed in item 1 and focuses the confirmation', async () => {
    const { context, page, problems } = await signedIn('sekretariat');
    const [one, two] = [f.openItem, f.closedItem];
    await page.goto(`${base}/meetings/${f.meeting}/minutes`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.fill(`#decision-${one}`, 'Indstillingen blev godkendt (ikke gemt endnu).');
    await page.fill(`#decision-${two}`, 'Salget blev godkendt.');
    await saveButton(page, two).click();
    await expect.poll(() => page.textContent('#live')).toBe('Beslutningen på punkt 2 er gemt.');

    // Item 1's unsaved text is still in its field, on the same page (no reload).
    expect(await page.inputValue(`#decision-${one}`)).toBe('Indstillingen blev godkendt (ikke gemt endnu).');
    expect(await page.inputValue(`#decision-${two}`)).toBe('Salget blev godkendt.');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    // Focus is on the confirmation in item 2, not on the page body.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Beslutningen på punkt 2 er gemt.');
    expect(await page.evaluate((id) => !!document.activeElement?.closest(`#decision-${id}-block`), two)).toBe(true);
    // Only item 2 was saved.
    expect(await decisionOf(two)).toBe('Salget blev godkendt.');
    expect(await decisionOf(one)).toBeNull();

    // Saving item 1 afterwards keeps item 2 too; a rejected text stays in its field, which takes focus.
    await saveButton(page, one).click();
    await expect.poll(() => page.textContent('#live')).toBe('Beslutningen på punkt 1 er gemt.');
    expect(await decisionOf(one)).toBe('Indstillingen blev godkendt (ikke gemt endnu).');
    const tooLong = 'x'.repeat(MAX_DECISION + 1);
    await page.fill(`#decision-${two}`, tooLong);
    await page.fill(`#decision-${one}`, 'Ændret, men ikke gemt.');
    await saveButton(page, two).click();
    await expect.poll(() => page.locator(`#decision-${two}-error`).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`decision-${two}`);
    expect((await page.inputValue(`#decision-${two}`)).length).toBe(MAX_DECISION + 1);
    expect(await page.inputValue(`#decision-${one}`)).toBe('Ændret, men ikke gemt.');
    expect(await decisionOf(two)).toBe('Salget blev godkendt.');
    await checkA11y(page, 'minutes editor after in-place saves');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('with htmx, recording a conflict of interest on item 2 swaps only that item and keeps every unsaved decision', async () => {
    const { context, page, problems } = await signedIn('sekretariat');
    const [one, two] = [f.openItem, f.closedItem];
    await page.goto(`${base}/meetings/${f.meeting}/minutes`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.fill(`#decision-${one}`, 'Tekst på punkt 1, ikke gemt.');
    await page.fill(`#decision-${two}`, 'Tekst på punkt 2, ikke gemt.');
    const card = page.locator(`#item-${two}`);
    await card.locator('summary', { hasText: 'Registrer inhabilitet' }).click();
    // Rejected (no member chosen): the reason typed stays, the message takes focus.
    await page.fill(`#disq-reason-${two}`, 'Nabo til ejendommen.');
    await card.locator('form[action$="/disqualifications"] button').click();
    await expect.poll(() => page.locator(`#disq-person-${two}-error`).count()).toBe(1);
    await expect
      .poll(() =>
        page.evaluate(() => `${document.activeElement?.tagName} in ${document.activeElement?.closest('li.card')?.id}`),
      )
      .toBe(`P in item-${two}`);
    expect(await page.inputValue(`#disq-reason-${two}`)).toBe('Nabo til ejendommen.');
    expect(await page.inputValue(`#decision-${two}`)).toBe('Tekst på punkt 2, ikke gemt.');

    await page.selectOption(`#disq-person-${two}`, String(f.persons.anne));
    await page.locator(`#item-${two} form[action$="/disqualifications"] button`).click();
    await expect
      .poll(() => page.locator(`#item-${two}`).textContent())
      .toContain('Anne Andersen: Nabo til ejendommen.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li.card')?.id)).toBe(`item-${two}`);
    // Neither item's unsaved decision was lost, and the page was not reloaded.
    expect(await page.inputValue(`#decision-${one}`)).toBe('Tekst på punkt 1, ikke gemt.');
    expect(await page.inputValue(`#decision-${two}`)).toBe('Tekst på punkt 2, ikke gemt.');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('without JavaScript, saving any item saves every typed decision, and a rejection keeps them all', async () => {
    const { context, page } = await signedIn('sekretariat', false);
    const [one, two] = [f.otherOpenItem, f.otherClosedItem];
    await page.goto(`${base}/meetings/${f.otherMeeting}/minutes`);
    await page.fill(`#decision-${one}`, 'Længere åbent om torsdagen blev godkendt.');
    await page.fill(`#decision-${two}`, 'Tilskuddet blev bevilget.');
    await saveButton(page, two).click();
    await page.waitForURL(new RegExp(`/meetings/${f.otherMeeting}/minutes#item-${two}$`));
    expect(await page.textContent('#flash')).toContain('Beslutningerne er gemt.');
    expect(await page.inputValue(`#decision-${one}`)).toBe('Længere åbent om torsdagen blev godkendt.');
    expect(await page.inputValue(`#decision-${two}`)).toBe('Tilskuddet blev bevilget.');
    expect(await decisionOf(one)).toBe('Længere åbent om torsdagen blev godkendt.');
    expect(await decisionOf(two)).toBe('Tilskuddet blev bevilget.');

    // One text too long: 422, nothing saved, both fields keep what was typed.
    await page.fill(`#decision-${one}`, 'Ny tekst på punkt 1.');
    await page.fill(`#decision-${two}`, 'y'.repeat(MAX_DECISION + 1));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/minutes/decisions')),
      saveButton(page, one).click(),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForSelector('#error-summary');
    expect(await page.inputValue(`#decision-${one}`)).toBe('Ny tekst på punkt 1.');
    expect((await page.inputValue(`#decision-${two}`)).length).toBe(MAX_DECISION + 1);
    expect(await page.getAttribute(`#decision-${two}`, 'aria-invalid')).toBe('true');
    expect(await decisionOf(one)).toBe('Længere åbent om torsdagen blev godkendt.');
    await context.close();
  }, 60_000);

  it('moves focus to the confirmation after saving a reader note with the keyboard', async () => {
    const { context, page, problems } = await signedIn('politiker');
    await page.goto(`${base}/reader/meetings/${f.meeting}/items/${f.openItem}?view=agenda`);
    const field = `#note-${f.openItem}-item-body`;
    await page.locator(field).focus();
    await page.keyboard.type('Spørg til vintervedligeholdet.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#live')).toContain('Noten er gemt');
    // Focus moves when htmx has settled the swap (after the live region is filled): wait for the
    // focused element itself, not the page's text, which already holds the announcement.
    const focusedText = () =>
      page.evaluate(() =>
        document.activeElement && document.activeElement !== document.body
          ? (document.activeElement.textContent ?? '')
          : '',
      );
    await expect.poll(focusedText).toContain('Noten er gemt');
    expect(await page.evaluate((id) => !!document.activeElement?.closest(`#note-${id}-item`), f.openItem)).toBe(true);

    // Emptied and saved again: the note is deleted, and focus goes to that confirmation.
    await page.locator(field).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#live')).toContain('Noten er slettet');
    await expect.poll(focusedText).toContain('Noten er slettet');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
