// End-to-end: the public honour board (Bảng vàng) in a real headless Chromium against a real
// `thidua serve --demo`, without logging in: axe-core (from npm, injected into the page) finds no
// serious or critical accessibility violation on /bang-vang, a public profile page, a public
// decision page and /dang-nhap; the board shows the sample's published items and never its draft,
// whose public address answers 404; the board reads on a phone (no sideways scrolling) and its
// screenshots (desktop and phone) are kept under docs/screenshots/.
//
// Run from the repo root:  node --test tests/e2e/public.test.mjs
// Env as people.test.mjs (THIDUA_BIN, CHROMIUM, THIDUA_E2E_DATABASE_URL, THIDUA_E2E_SCREENSHOTS).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startServer, repoRoot } from './server.mjs';
import { token, launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const screenshotDir = path.resolve(repoRoot, process.env.THIDUA_E2E_SCREENSHOTS || 'docs/screenshots');

describe('the public honour board', () => {
  let server;
  let browser;
  let axeSource;
  let models;

  before(async () => {
    server = await startServer();
    browser = await launch();
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await mkdir(screenshotDir, { recursive: true });
    // What the office sees: the published profiles and the draft (the public must not).
    const t = await token(server.baseUrl, 'noivu');
    const res = await fetch(`${server.baseUrl}/api/v1/models`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal(res.status, 200);
    models = (await res.json()).items;
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  });

  /** Runs axe-core on the page; answers the serious and critical violations. */
  async function axe(page) {
    // Evaluated through the DevTools protocol: the pages' Content-Security-Policy (script-src 'self')
    // rightly refuses inline scripts, and stays as it is for the test.
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    });
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  async function visit(context, url, expectStatus = 200) {
    const page = await context.newPage();
    const res = await page.goto(url);
    assert.equal(res.status(), expectStatus, url);
    return page;
  }

  it('shows only what was published, and passes axe-core without serious violations', async () => {
    const base = server.baseUrl;
    const draft = models.find((m) => m.status === 'draft');
    const published = models.filter((m) => m.status === 'published');
    assert.ok(draft, 'the sample has a draft profile');
    assert.ok(published.length >= 2, 'the sample has published profiles');

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await visit(desktop, `${base}/bang-vang`);
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    assert.ok(await page.getByRole('main').count(), 'a main landmark');
    assert.ok(await page.getByRole('search').count(), 'a search landmark');
    const text = await page.locator('main').innerText();
    assert.match(text, /Khen thưởng/);
    assert.match(text, /Lao động tiên tiến/);
    for (const m of published.filter((m) => m.kind === 'dien_hinh_tien_tien')) {
      assert.ok(text.includes(m.title), `published profile "${m.title}" on the board`);
    }
    assert.ok(!text.includes(draft.title), 'the draft is not on the board');
    for (const img of await page.locator('main img').all()) {
      assert.ok((await img.getAttribute('alt'))?.trim(), 'every picture has its alt text');
    }
    let bad = await axe(page);
    assert.deepEqual(bad, [], `/bang-vang: ${JSON.stringify(bad, null, 1)}`);
    await page.screenshot({ path: path.join(screenshotDir, 'bang-vang-desktop.png'), fullPage: true });

    // A search typed without diacritics.
    await page.getByLabel(/Tìm theo tên/).fill('lao dong tien tien');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tìm', exact: true }).click()]);
    assert.match(await page.locator('main').innerText(), /Lao động tiên tiến/);

    // A public profile page and a public decision page.
    const collective = published.find((m) => m.subject === 'collective');
    const story = await visit(desktop, `${base}/bang-vang/dien-hinh/${collective.id}`);
    assert.match(await story.locator('h1').innerText(), new RegExp(collective.title.slice(0, 10)));
    bad = await axe(story);
    assert.deepEqual(bad, [], `profile page: ${JSON.stringify(bad, null, 1)}`);
    const decisionHref = await page.locator('a[href^="/bang-vang/quyet-dinh/"]').first().getAttribute('href');
    const decision = await visit(desktop, `${base}${decisionHref}`);
    bad = await axe(decision);
    assert.deepEqual(bad, [], `decision page: ${JSON.stringify(bad, null, 1)}`);

    // The draft's public address does not exist.
    const gone = await desktop.newPage();
    const res = await gone.goto(`${base}/bang-vang/dien-hinh/${draft.id}`);
    assert.equal(res.status(), 404);
    assert.ok(!(await gone.locator('body').innerText()).includes(draft.title));

    // The log-in page, with its link to the board.
    const login = await visit(desktop, `${base}/dang-nhap`);
    assert.ok(await login.locator('a[href="/bang-vang"]').count());
    bad = await axe(login);
    assert.deepEqual(bad, [], `/dang-nhap: ${JSON.stringify(bad, null, 1)}`);
    await desktop.close();
  });

  it('reads on a phone without sideways scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    const page = await phone.newPage();
    const res = await page.goto(`${server.baseUrl}/bang-vang`);
    assert.equal(res.status(), 200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the board scrolls sideways by ${overflow}px on a phone`);
    const bad = await axe(page);
    assert.deepEqual(bad, [], `/bang-vang on a phone: ${JSON.stringify(bad, null, 1)}`);
    await page.screenshot({ path: path.join(screenshotDir, 'bang-vang-phone.png'), fullPage: true });
    await phone.close();
  });
});
