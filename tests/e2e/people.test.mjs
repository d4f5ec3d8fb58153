// End-to-end: a real headless Chromium against a real `thidua serve --demo`.
//
// Run from the repo root:  node --test tests/e2e/
// Env: THIDUA_BIN (binary), CHROMIUM (browser, default /usr/bin/chromium),
//      THIDUA_E2E_DATABASE_URL (optional empty database instead of a temp SQLite file),
//      THIDUA_E2E_SCREENSHOTS (folder for screenshots, default docs/screenshots).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from './server.mjs';
import { launch, logIn, token } from './browser.mjs';

// App problems this test has found and that are still open. Each match is printed as a
// diagnostic instead of failing the test; delete the entry once the app is fixed so
// that the problem can never come back unnoticed.
const KNOWN_ISSUES = [];
const screenshotDir = path.resolve(repoRoot, process.env.THIDUA_E2E_SCREENSHOTS || 'docs/screenshots');

/** Vietnamese → plain ASCII, lower case: "Nguyễn Văn Đức" → "nguyen van duc". */
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

describe('thidua in a browser (sample city)', () => {
  let server;
  let browser;
  let context;

  before(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    context.setDefaultTimeout(15_000);
    // The directory is for signed-in officers: the city's TĐKT office looks at it here.
    await logIn(context, server.baseUrl, 'noivu');
  });

  after(async () => {
    await browser?.close().catch(() => {});
    // Normally already stopped by the last test; this only guarantees cleanup.
    await server?.stop().catch(() => {});
  });

  /**
   * A new page that records everything that should never happen on a healthy page:
   * uncaught JS errors, console errors, failed requests and HTTP errors.
   * Messages matching KNOWN_ISSUES go to `known` (reported as diagnostics) instead.
   * With `allow404`, a 404 for the main document itself is expected (the 404 test).
   */
  async function newPage({ allow404 = false } = {}) {
    const page = await context.newPage();
    const problems = [];
    const known = [];
    const record = (msg) => {
      if (allow404 && /status of 404/.test(msg) && msg.includes(page.url())) return;
      const issue = KNOWN_ISSUES.find((k) => k.match.test(msg));
      if (issue) known.push(`${issue.what}: ${msg}`);
      else problems.push(msg);
    };
    page.on('pageerror', (err) => record(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') record(`console error: ${msg.text()} @ ${msg.location()?.url ?? ''}`);
    });
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText ?? '';
      // A navigation that replaces an in-flight htmx request aborts it; that is not a fault.
      if (why !== 'net::ERR_ABORTED') record(`request failed: ${req.method()} ${req.url()} ${why}`);
    });
    page.on('response', (res) => {
      if (res.status() < 400) return;
      if (allow404 && res.status() === 404 && res.request().isNavigationRequest()) return;
      record(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    return { page, problems, known };
  }

  /** Fails on unexpected problems; lists the known ones as test diagnostics. */
  function assertHealthy(t, { problems, known }) {
    for (const k of new Set(known)) t.diagnostic(`KNOWN ISSUE ${k}`);
    assert.deepEqual(problems, [], 'no JS errors, failed requests or HTTP errors');
  }

  async function personFromApi() {
    // Page 2 of the API so that the person is not already in the unfiltered first page
    // of /nguoi (50 a page): the search must really be what brings them up.
    const url = `${server.baseUrl}/api/v1/people?per_page=50&page=2`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${await token(server.baseUrl, 'noivu')}` } });
    assert.equal(res.status, 200, `GET ${url}`);
    const body = await res.json();
    assert.ok(Array.isArray(body.items), 'API answer has items[]');
    assert.ok(body.total > 1000, `the sample city has thousands of people (total=${body.total})`);
    const person = body.items.find((p) => typeof p.full_name === 'string' && fold(p.full_name) !== p.full_name.toLowerCase());
    assert.ok(person, 'a person whose name has diacritics in /api/v1/people');
    return person;
  }

  it('finds a person by their name typed without diacritics, and opens their page', async (t) => {
    const person = await personFromApi();
    const folded = fold(person.full_name);
    assert.match(folded, /^[\x20-\x7e]+$/, `"${folded}" is plain ASCII`);
    assert.notEqual(folded, person.full_name, 'the name really had diacritics');

    const checks = await newPage();
    const { page } = checks;
    t.diagnostic(`person #${person.id} "${person.full_name}", typed "${folded}"`);
    const htmxSearches = [];
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.pathname === '/nguoi' && u.searchParams.get('q') === folded && req.headers()['hx-request'] === 'true') {
        htmxSearches.push(req.url());
      }
    });
    const res = await page.goto(`${server.baseUrl}/nguoi`);
    assert.equal(res.status(), 200);
    const link = page.locator(`#results a[href="/nguoi/${person.id}"]`);
    assert.equal(await link.count(), 0, 'the person is not listed before the search (pick is from page 2)');

    await page.locator('#q').click();
    await page.locator('#q').pressSequentially(folded, { delay: 20 });
    await page.locator('#q').press('Enter');

    // htmx swaps #results and pushes the URL (a plain GET form would end the same way):
    // wait for the address to carry the query and for the person to show up.
    await page.waitForURL((u) => u.searchParams.get('q') === folded);
    await link.waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');

    assert.equal((await link.textContent()).trim(), person.full_name, 'exact full name, with diacritics');
    assert.ok(await page.locator('#results').getByRole('link', { name: person.full_name, exact: true }).count() >= 1,
      'found by its accessible name too');
    assert.equal(await page.locator('#q').inputValue(), folded, 'the search box keeps what was typed');
    assert.ok(htmxSearches.length >= 1, 'the search went through htmx (partial update), not only a full page load');

    // Every listed person really matches: each typed word starts a word of their (folded) name.
    const names = await page.locator('#results table tbody tr td:first-child a').allTextContents();
    assert.ok(names.length >= 1 && names.length <= 50, `a filtered list (${names.length} rows)`);
    const words = folded.split(' ');
    for (const name of names) {
      const nameWords = fold(name).split(' ');
      for (const w of words) {
        assert.ok(nameWords.some((nw) => nw.startsWith(w)), `"${name}" matches "${folded}" (word "${w}")`);
      }
    }

    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'people-search.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${server.baseUrl}/nguoi/${person.id}`), link.click()]);
    const h1 = page.locator('h1');
    assert.equal(await h1.count(), 1, 'one h1 on the person page');
    assert.equal((await h1.textContent()).trim(), person.full_name);
    assert.match(await page.title(), new RegExp(person.full_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    assertHealthy(t, checks);
    await page.close();
  });

  it('is a Vietnamese page and shows the sample-data banner', async (t) => {
    const checks = await newPage();
    const { page } = checks;
    const res = await page.goto(`${server.baseUrl}/nguoi`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    const banner = page.getByText('Dữ liệu mẫu', { exact: false }).first();
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.textContent(), /Dữ liệu mẫu/);
    assert.equal(await page.evaluate(() => document.characterSet), 'UTF-8');
    assertHealthy(t, checks);
    await page.close();
  });

  it('answers an unknown address with a Vietnamese 404 page', async (t) => {
    const checks = await newPage({ allow404: true });
    const { page } = checks;
    const res = await page.goto(`${server.baseUrl}/khong-co-trang-nay`);
    assert.equal(res.status(), 404);
    assert.match(res.headers()['content-type'] ?? '', /^text\/html/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    const h1 = (await page.locator('h1').first().textContent()).trim();
    assert.match(h1, /Không tìm thấy/, `Vietnamese heading (got "${h1}")`);
    await page.getByText('Dữ liệu mẫu', { exact: false }).first().waitFor({ state: 'visible' });
    assertHealthy(t, checks);
    await page.close();
  });

  it('lets donvi1 work in their ward and never reach donvi2\'s unit pages', async (t) => {
    const admin = await token(server.baseUrl, 'admin');
    const unitOf = async (name) => {
      const res = await fetch(`${server.baseUrl}/api/v1/users?q=${name}`, { headers: { authorization: `Bearer ${admin}` } });
      const user = (await res.json()).items.find((u) => u.username === name);
      assert.ok(user?.unit_id, `${name} has a unit`);
      return user.unit_id;
    };
    const [own, other] = [await unitOf('donvi1'), await unitOf('donvi2')];

    const officer = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    officer.setDefaultTimeout(15_000);
    try {
      // Before logging in, a unit page sends to the log-in page and comes back afterwards.
      const page = await officer.newPage();
      await page.goto(`${server.baseUrl}/don-vi/${own}`);
      assert.match(new URL(page.url()).pathname, /^\/dang-nhap$/);
      await page.getByLabel('Tên đăng nhập').fill('donvi1');
      await page.getByLabel('Mật khẩu').fill('thidua-demo');
      await Promise.all([page.waitForURL(`${server.baseUrl}/don-vi/${own}`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
      assert.equal(await page.locator('h1').count(), 1);
      await page.getByText('donvi1').first().waitFor({ state: 'visible' });

      // The unit list offers only their own ward (and what is under it).
      await page.goto(`${server.baseUrl}/don-vi`);
      assert.equal(await page.locator(`a[href="/don-vi/${other}"]`).count(), 0, 'donvi2\'s ward is not listed');
      assert.ok(await page.locator(`a[href="/don-vi/${own}"]`).count() >= 1, 'their own ward is listed');

      // Typing the address of donvi2's ward: not found, in Vietnamese, and nothing of it shown.
      const res = await page.goto(`${server.baseUrl}/don-vi/${other}`);
      assert.equal(res.status(), 404);
      assert.match((await page.locator('h1').first().textContent()).trim(), /Không tìm thấy/);
      const people = await page.goto(`${server.baseUrl}/nguoi?don_vi=${other}`);
      assert.equal(people.status(), 200);
      assert.equal(await page.locator('#results table tbody tr').count(), 0, 'no one of donvi2\'s ward is listed');
      await mkdir(screenshotDir, { recursive: true });
      await page.goto(`${server.baseUrl}/tai-khoan`);
      await page.screenshot({ path: path.join(screenshotDir, 'account.png'), fullPage: true });

      // Logging out ends the session: the ward's page asks for a log-in again.
      await Promise.all([page.waitForURL(`${server.baseUrl}/`), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
      await page.goto(`${server.baseUrl}/don-vi/${own}`);
      assert.match(new URL(page.url()).pathname, /^\/dang-nhap$/);
      t.diagnostic(`donvi1's ward #${own}, donvi2's ward #${other}`);
    } finally {
      await officer.close();
    }
  });

  it('shuts down cleanly on SIGTERM', async () => {
    await browser.close();
    const info = await server.stop({ graceMs: 5_000 });
    assert.equal(info.code, 0);
  });
});
