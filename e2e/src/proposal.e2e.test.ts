import { readFile } from 'node:fs/promises';
import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { BIG_SCREEN, launchChromium, newBigScreen, newPhone, PHONE, screenshot } from './support/browser.js';
import { seedIdeas } from './support/seedIdeas.js';
import { expectOnScreen } from './support/visible.js';

const SECTION = 'section-editor-problem';

/** The text of one section editor as the person sees it, without the others' caret labels. */
const sectionText = (page: Page, key = SECTION) =>
  page.getByTestId(key).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });

/** Selects `text` inside a section editor the way a mouse drag would (a DOM selection). */
async function selectText(page: Page, testId: string, text: string): Promise<void> {
  await page.evaluate(
    ({ testId: id, text: wanted }) => {
      const root = document.querySelector(`[data-testid="${id}"]`);
      if (!root) throw new Error(`no ${id}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in one text node of ${id}`);
    },
    { testId, text },
  );
}

/** Puts the caret at the end of a section (or its start) by clicking it and pressing Ctrl+End. */
async function caretIn(page: Page, key: string, where: 'start' | 'end'): Promise<void> {
  await page.getByTestId(key).click();
  await page.keyboard.press(where === 'end' ? 'Control+End' : 'Control+Home');
}

/** The title shows all its text: it wrapped onto several lines and nothing is cut off. */
async function expectWholeTitle(page: Page): Promise<void> {
  const title = page.getByTestId('proposal-title');
  const size = await title.evaluate((area) => ({ client: area.clientHeight, scroll: area.scrollHeight, width: area.scrollWidth - area.clientWidth, line: parseFloat(getComputedStyle(area).lineHeight) }));
  expect(size.scroll).toBeLessThanOrEqual(size.client + 1);
  expect(size.width).toBe(0);
  expect(size.client).toBeGreaterThan(2 * size.line);
  await expectOnScreen(page, title);
}

async function waitSynced(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('synced');
}

/**
 * Issue 5, end to end: ideas become a proposal that several people write at once, with carets,
 * anchored comments, read-only roles, versions and a Markdown export.
 */
describe('proposal co-authoring', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consoleContext: BrowserContext;
  let consolePage: Page;
  let owner: Page;
  let bob: Page;
  let carol: Page;
  let dana: Page;
  const invites = { editor: '', commenter: '', viewer: '' };

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Steel plant ideas', language: 'en' });
    await seedIdeas(app.url, created, 3);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('the facilitator promotes two ideas from the console board into a proposal', async () => {
    consoleContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    consolePage = await consoleContext.newPage();
    await consolePage.goto(created.facilitatorUrl);
    await expect.poll(() => consolePage.getByTestId('console-idea').count()).toBe(3);
    const cards = consolePage.getByTestId('console-idea');
    const titles = [await cards.nth(0).locator('.console-idea-title').innerText(), await cards.nth(1).locator('.console-idea-title').innerText()];
    await cards.nth(0).getByTestId('idea-select').check();
    await cards.nth(1).getByTestId('idea-select').check();
    await expect.poll(() => consolePage.getByTestId('promote-count').innerText()).toContain('2');

    const [page] = await Promise.all([consoleContext.waitForEvent('page'), consolePage.getByTestId('promote-create').click()]);
    owner = page;
    await owner.waitForURL(/\/p\/[^#]+$/);
    await waitSynced(owner);
    for (const title of titles) {
      await expect.poll(() => owner.getByTestId('proposal-sources').innerText()).toContain(title);
      await expect.poll(() => sectionText(owner, 'section-editor-solution')).toContain(title);
    }
    await expect.poll(() => owner.getByTestId('my-role').getAttribute('data-role')).toBe('owner');
    await expect.poll(() => consolePage.getByTestId('proposal-row').count()).toBe(1);

    // The owner's team panel has the invite links the console received.
    await owner.getByTestId('panel-tab-team').click();
    for (const role of ['editor', 'commenter', 'viewer'] as const) {
      invites[role] = await owner.getByTestId(`invite-url-${role}`).inputValue();
      expect(invites[role]).toContain('#invite=');
    }
  });

  it('a second person opens the editor invite on a phone and names themselves', async () => {
    const context = await newPhone(browser);
    bob = await context.newPage();
    await bob.goto(invites.editor);
    await bob.getByTestId('proposal-join-name').fill('Bob');
    await bob.getByTestId('proposal-join-submit').click();
    await waitSynced(bob);
    expect(new URL(bob.url()).hash).toBe('');
    await expect.poll(() => bob.getByTestId('my-role').getAttribute('data-role')).toBe('editor');
    await expect.poll(() => owner.getByTestId('member-row').filter({ hasText: 'Bob' }).count()).toBe(1);
    await expect.poll(() => owner.getByTestId('presence-avatar').count()).toBe(2);
  });

  it('both type in the same section at once and see each other’s text and caret with the name', async () => {
    await caretIn(owner, SECTION, 'end');
    await caretIn(bob, SECTION, 'end');
    await Promise.all([owner.keyboard.type('Alpha text from the owner. ', { delay: 15 }), bob.keyboard.type('Bravo from Bob', { delay: 15 })]);
    for (const page of [owner, bob]) {
      await expect.poll(() => sectionText(page)).toContain('Alpha text from the owner.');
      await expect.poll(() => sectionText(page)).toContain('Bravo from Bob');
    }
    // Both texts are read on each try: the last keystroke (a trailing space) may still be on
    // its way to one of them.
    await expect.poll(async () => {
      const [mine, theirs] = await Promise.all([sectionText(owner), sectionText(bob)]);
      return mine === theirs;
    }).toBe(true);
    expect(await sectionText(owner)).toBe(await sectionText(bob));
    // Each sees the other's caret, labelled with their name. Each moves its caret once more
    // first: the caret rides on the awareness update of the last selection change, and on a
    // loaded machine the one sent while typing could come before the text it points into.
    for (const page of [owner, bob]) await page.keyboard.press('End');
    const ownerName = await owner.getByTestId('presence-avatar').first().getAttribute('data-name');
    await expect.poll(() => owner.locator('.collaboration-carets__label').filter({ hasText: 'Bob' }).count()).toBe(1);
    await expect.poll(() => bob.locator('.collaboration-carets__label').filter({ hasText: ownerName ?? '' }).count()).toBe(1);
    await expectOnScreen(owner, owner.locator('.collaboration-carets__label').filter({ hasText: 'Bob' }));
    await screenshot(bob, 'proposal-phone-editor', { docs: true });
  });

  it('a commenter comments a passage and the comment stays on it while the owner edits before it', async () => {
    const context = await newBigScreen(browser);
    carol = await context.newPage();
    await carol.goto(invites.commenter);
    await carol.getByTestId('proposal-join-name').fill('Carol');
    await carol.getByTestId('proposal-join-submit').click();
    await waitSynced(carol);
    await expectOnScreen(carol, carol.getByTestId('readonly-banner'));
    expect(await carol.getByTestId(SECTION).getAttribute('contenteditable')).toBe('false');

    await selectText(carol, SECTION, 'Bravo from Bob');
    await carol.getByTestId('float-comment').click();
    await carol.getByTestId('comment-composer-input').fill('Please quantify the savings.');
    await carol.getByTestId('comment-composer-submit').click();
    await expect.poll(() => carol.getByTestId('comment-body').allInnerTexts()).toEqual(['Please quantify the savings.']);
    await expect.poll(() => carol.getByTestId('float-comment').count()).toBe(0);
    // Everyone's highlight marks exactly the passage; the owner hears of it live (message 100).
    for (const page of [carol, owner, bob]) {
      await expect.poll(() => page.locator(`[data-testid="${SECTION}"] .comment-mark`).allInnerTexts()).toEqual(['Bravo from Bob']);
    }

    await caretIn(owner, SECTION, 'start');
    await owner.keyboard.type('Intro by the owner. ');
    await expect.poll(() => sectionText(carol)).toContain('Intro by the owner. ');
    for (const page of [carol, owner]) {
      await expect.poll(() => page.locator(`[data-testid="${SECTION}"] .comment-mark`).allInnerTexts()).toEqual(['Bravo from Bob']);
    }
    await owner.getByTestId('panel-tab-comments').click();
    await expect.poll(() => owner.getByTestId('comment-quote').allInnerTexts()).toEqual(['Bravo from Bob']);
    await screenshot(carol, 'proposal-desktop-comments', { docs: true });

    await bob.getByTestId('phone-panel-comments').click();
    // The bottom sheet slides up: wait until the thread has arrived inside the phone's screen.
    await expect.poll(async () => (await bob.getByTestId('comment-thread').boundingBox())?.y ?? Infinity).toBeLessThan(PHONE.height - 100);
    await expectOnScreen(bob, bob.getByTestId('comment-thread'));
    await screenshot(bob, 'proposal-phone-comments', { docs: true });
    await bob.getByTestId('sheet-close').click();
  });

  it('a viewer cannot type: the editor is read-only and the server stays unchanged', async () => {
    const context = await newPhone(browser);
    dana = await context.newPage();
    await dana.goto(invites.viewer);
    await dana.getByTestId('proposal-join-name').fill('Dana');
    await dana.getByTestId('proposal-join-submit').click();
    await waitSynced(dana);
    await expectOnScreen(dana, dana.getByTestId('readonly-banner'));
    expect(await dana.getByTestId(SECTION).getAttribute('contenteditable')).toBe('false');
    expect(await dana.getByTestId('proposal-title').getAttribute('readonly')).not.toBeNull();
    await expect.poll(() => dana.getByTestId('editor-toolbar').count()).toBe(0);

    await dana.getByTestId(SECTION).click();
    await dana.keyboard.type('viewer was here');
    // Focus, not click: the spaces typed into the read-only section scrolled the phone's page,
    // and a click would race that scroll; what matters is that typing into the title does nothing.
    await dana.getByTestId('proposal-title').focus();
    await dana.keyboard.type('viewer title');
    // A later edit by the owner reaches the viewer: everything before it has been exchanged.
    await caretIn(owner, SECTION, 'end');
    await owner.keyboard.type(' Marker.');
    await expect.poll(() => sectionText(dana)).toContain('Marker.');
    for (const page of [owner, dana]) {
      expect(await sectionText(page)).not.toContain('viewer was here');
      expect(await page.getByTestId('proposal-title').inputValue()).not.toContain('viewer title');
    }
    expect(await dana.getByTestId('sync-status').getAttribute('data-state')).toBe('synced');
  });

  it('saves a version, changes the text, compares and restores it; everyone gets the restore', async () => {
    await owner.getByTestId('panel-tab-history').click();
    await owner.getByTestId('version-name').fill('Before the big change');
    await owner.getByTestId('version-save').click();
    await expect.poll(() => owner.getByTestId('version-item').filter({ hasText: 'Before the big change' }).count()).toBe(1);

    await caretIn(owner, SECTION, 'end');
    await owner.keyboard.type(' EXTRA-CHANGE');
    await expect.poll(() => sectionText(bob)).toContain('EXTRA-CHANGE');

    await owner.getByTestId('version-item').filter({ hasText: 'Before the big change' }).locator('button').click();
    await owner.getByTestId('version-document').waitFor();
    expect(await owner.getByTestId('version-document').innerText()).not.toContain('EXTRA-CHANGE');
    await owner.getByTestId('version-mode-compare').click();
    await expect.poll(() => owner.getByTestId('diff-added').allInnerTexts()).toContainEqual(expect.stringContaining('EXTRA-CHANGE'));
    await owner.setViewportSize(BIG_SCREEN);
    await screenshot(owner, 'proposal-desktop-compare', { docs: true });

    await owner.getByTestId('version-restore').click();
    await owner.getByTestId('version-restore-dialog').getByTestId('dialog-confirm').click();
    await owner.getByTestId(SECTION).waitFor();
    // Bob is told at once (the toast closes itself after 5 s, so it is looked for first).
    await expect.poll(() => bob.getByTestId('proposal-toast').count()).toBe(1);
    for (const page of [owner, bob, carol, dana]) {
      await expect.poll(() => sectionText(page)).not.toContain('EXTRA-CHANGE');
      await expect.poll(() => sectionText(page)).toContain('Bravo from Bob');
    }
    // The restore changed only what differed, so Carol's comment still marks its passage.
    for (const page of [owner, carol]) {
      await expect.poll(() => page.locator(`[data-testid="${SECTION}"] .comment-mark`).allInnerTexts()).toEqual(['Bravo from Bob']);
    }
    // The text before the restore was kept as a version.
    await expect.poll(() => owner.getByTestId('version-item').and(owner.locator('[data-kind="restore"]')).count()).toBe(1);
    await owner.getByTestId('panel-tab-comments').click();
    await screenshot(owner, 'proposal-desktop-editor', { docs: true });
  });

  it('exports Markdown, with and without comments', async () => {
    await owner.getByTestId('panel-tab-export').click();
    const read = async () => {
      const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('export-markdown').click()]);
      const file = await download.path();
      return readFile(file, 'utf8');
    };
    const plain = await read();
    expect(plain).toMatch(/^# .+/m);
    expect(plain).toMatch(/^## Problem$/m);
    expect(plain).toContain('Intro by the owner.');
    expect(plain).toContain('Alpha text from the owner.');
    expect(plain).toContain('Bravo from Bob');
    expect(plain).not.toContain('Please quantify the savings.');
    await owner.getByTestId('export-with-comments').check();
    const withComments = await read();
    // The reference sits right after the commented passage, and its definition follows the text.
    expect(withComments).toContain('Bravo from Bob[^1]');
    expect(withComments).toMatch(/^\[\^1\]: \*\*Carol\*\* on “Bravo from Bob” \(Problem\): Please quantify the savings\.$/m);
  });

  it('an editor’s “Comment” button goes once the comment is posted, and never covers the header while scrolling', async () => {
    // Focus, not a click: a click could land on Carol's highlight and open her thread.
    await bob.getByTestId(SECTION).focus();
    await selectText(bob, SECTION, 'Alpha text');
    const button = bob.getByTestId('float-comment');
    await expectOnScreen(bob, button);
    const headerBottom = () => bob.evaluate(() => Math.max(...Array.from(document.querySelectorAll('[data-float-edge="top"]'), (bar) => bar.getBoundingClientRect().bottom)));
    const buttonTop = async () => (await button.boundingBox())?.y ?? -1;
    expect(await buttonTop()).toBeGreaterThanOrEqual(await headerBottom());
    await screenshot(bob, 'proposal-phone-float-comment');

    // Scrolled so the passage sits just below the header: the button moves below the passage.
    const passageTop = () => bob.evaluate(() => window.getSelection()?.getRangeAt(0).getBoundingClientRect().top ?? 0);
    await bob.evaluate((by) => window.scrollBy(0, by), (await passageTop()) - (await headerBottom()) - 10);
    await expect.poll(async () => (await buttonTop()) > (await passageTop())).toBe(true);
    expect(await buttonTop()).toBeGreaterThanOrEqual(await headerBottom());
    await screenshot(bob, 'proposal-phone-float-comment-under-header');
    // Scrolled on until the passage is under the header: the button goes with it, and comes back.
    await bob.evaluate(() => window.scrollBy(0, 80));
    await expect.poll(() => button.count()).toBe(0);
    await bob.evaluate(() => window.scrollBy(0, -80));
    await expect.poll(() => button.count()).toBe(1);

    await button.click();
    await bob.getByTestId('comment-composer-input').fill('Name the owner?');
    await bob.getByTestId('comment-composer-submit').click();
    await expect.poll(() => bob.getByTestId('comment-body').allInnerTexts()).toContain('Name the owner?');
    await bob.getByTestId('sheet-close').click();
    // The editor still holds its selection, but the passage was just commented: no button.
    await bob.evaluate(() => document.dispatchEvent(new Event('selectionchange')));
    await bob.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await button.count()).toBe(0);
    await expect.poll(() => bob.locator(`[data-testid="${SECTION}"] .comment-mark`).allInnerTexts()).toContain('Alpha text');

    // On a desktop too it floats below the sticky bars, and goes when the selection collapses.
    await owner.setViewportSize({ width: 1440, height: 900 });
    await owner.getByTestId(SECTION).focus();
    await selectText(owner, SECTION, 'Marker');
    const ownerButton = owner.getByTestId('float-comment');
    await expectOnScreen(owner, ownerButton);
    const toolbarBottom = await owner.evaluate(() => document.querySelector('[data-float-edge="top"].toolbar-wrap')?.getBoundingClientRect().bottom ?? Infinity);
    expect((await ownerButton.boundingBox())?.y).toBeGreaterThanOrEqual(toolbarBottom);
    await screenshot(owner, 'proposal-desktop-float-comment');
    await owner.evaluate(() => window.getSelection()?.collapseToEnd());
    await expect.poll(() => ownerButton.count()).toBe(0);
  });

  it('a long title wraps on a phone, in English and Chinese; Enter moves on to the text and the title stays shared', async () => {
    const title = bob.getByTestId('proposal-title');
    const english = 'Recover the waste heat of the east hall to warm the visitor centre through the whole winter season';
    await title.fill(english);
    await title.press('End');
    await title.press('Enter');
    // Enter did not break the line: the caret went on to the first section's text.
    await expect.poll(() => bob.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))).toBe(SECTION);
    expect(await title.inputValue()).toBe(english);
    await expect.poll(() => owner.getByTestId('proposal-title').inputValue()).toBe(english);
    await bob.evaluate(() => window.scrollTo(0, 0));
    await expectWholeTitle(bob);
    await screenshot(bob, 'proposal-phone-long-title-en');

    const context = await newPhone(browser, 'zh-CN');
    const li = await context.newPage();
    await li.goto(invites.editor);
    await li.getByTestId('proposal-join-name').fill('李雷');
    await li.getByTestId('proposal-join-submit').click();
    await waitSynced(li);
    const chinese = '利用东厅的余热在整个冬季为访客中心供暖，并把节省下来的能源费用投入到社区活动和志愿者培训中';
    // A pasted line break becomes a space: the title stays one paragraph.
    await li.getByTestId('proposal-title').fill(`${chinese.slice(0, 10)}\n${chinese.slice(10)}`);
    const expected = `${chinese.slice(0, 10)} ${chinese.slice(10)}`;
    await expect.poll(() => bob.getByTestId('proposal-title').inputValue()).toBe(expected);
    expect(await li.getByTestId('proposal-title').inputValue()).toBe(expected);
    await expectWholeTitle(li);
    await screenshot(li, 'proposal-phone-long-title-zh');
    await expect.poll(() => owner.getByTestId('proposal-title').inputValue()).toBe(expected);
    await owner.evaluate(() => window.scrollTo(0, 0));
    await screenshot(owner, 'proposal-desktop-long-title');
  });

  it('asks for a link address in the app’s own dialog: Escape changes nothing, Enter sets the link', async () => {
    await owner.getByTestId('toolbar-bold').waitFor();
    await owner.getByTestId(SECTION).click();
    await selectText(owner, SECTION, 'Alpha text');
    await owner.getByTestId('toolbar-link').click();
    const dialog = owner.getByTestId('link-dialog');
    await dialog.waitFor({ state: 'visible' });
    // The field has the focus, and its label says what to type.
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-input');
    expect(await dialog.getByLabel('Link address (leave empty to remove the link)').count()).toBe(1);
    await owner.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await owner.getByTestId(SECTION).locator('a').count()).toBe(0);

    await selectText(owner, SECTION, 'Alpha text');
    await owner.getByTestId('toolbar-link').click();
    await dialog.waitFor({ state: 'visible' });
    await owner.keyboard.type('example.org/alpha');
    await owner.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const link = owner.getByTestId(SECTION).locator('a');
    await expect.poll(() => link.getAttribute('href')).toBe('https://example.org/alpha');
    expect(await link.innerText()).toBe('Alpha text');
  });
});
