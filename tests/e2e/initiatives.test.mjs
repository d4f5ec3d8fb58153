// End-to-end: a worker (nld1) writes up an initiative in a real headless Chromium against a real
// `thidua serve --demo`, sees the earlier initiatives that look like it while typing (htmx) and with
// the "Kiểm tra trùng lặp" button, and submits it; the office puts it before the demo council's open
// round; a council member (hoidong1) scores it on the scoring page, blind to the others' sheets.
//
// Run from the repo root:  node --test tests/e2e/initiatives.test.mjs
// Env as people.test.mjs (THIDUA_BIN, CHROMIUM, THIDUA_E2E_DATABASE_URL, THIDUA_E2E_SCREENSHOTS).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from './server.mjs';
import { launch, signedIn, token, watchedPage } from './browser.mjs';

const screenshotDir = path.resolve(repoRoot, process.env.THIDUA_E2E_SCREENSHOTS || 'docs/screenshots');

async function api(baseUrl, token, method, uri, body) {
  const res = await fetch(`${baseUrl}${uri}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Vietnamese without its diacritics (đ → d), as people type on a keyboard without a Telex tool. */
function strip(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

describe('an initiative, from the worker to the council', () => {
  let server;
  let browser;
  let worker; // nld1's browser context
  let member; // hoidong1's browser context
  const problems = [];

  before(async () => {
    server = await startServer();
    browser = await launch();
    const newContext = (username) => signedIn(browser, server.baseUrl, username);
    worker = await newContext('nld1');
    member = await newContext('hoidong1');
    await mkdir(screenshotDir, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  });

  /** A page that records JS errors, failed requests and HTTP errors (none is expected here). */
  async function newPage(context) {
    return (await watchedPage(context, { into: problems })).page;
  }

  async function submit(page, name, scope = page) {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      scope.getByRole('button', { name, exact: true }).click(),
    ]);
  }

  it('nld1 submits an initiative and hoidong1 scores it', async () => {
    const base = server.baseUrl;
    const office = await token(base, 'noivu');

    // An earlier initiative of the sample, which the worker's text will resemble.
    const earlierList = await api(base, office, 'GET', '/api/v1/initiatives?status=recognised&per_page=1');
    assert.equal(earlierList.status, 200);
    const earlier = (await api(base, office, 'GET', `/api/v1/initiatives/${earlierList.json.items[0].id}`)).json.initiative;
    assert.ok(earlier.solution.length > 80, 'the sample initiative has a text');

    // ---- nld1 writes it up; the similar list refreshes while typing (htmx) ----------------------
    const page = await newPage(worker);
    await page.goto(`${base}/sang-kien/moi`);
    await page.getByText('(tôi)').first().waitFor({ state: 'attached' });
    const title = `Cải tiến: ${earlier.title}`;
    await page.locator('#f-title').fill(title);
    await page.locator('#f-field').selectOption(earlier.field);
    const typed = page.waitForResponse((r) => r.url().endsWith('/sang-kien/trung-lap') && r.status() === 200);
    // Typed without diacritics, key by key at the end so that htmx hears the typing.
    await page.locator('#f-solution').fill(strip(earlier.solution).slice(0, 400));
    await page.locator('#f-solution').press('End');
    await page.locator('#f-solution').pressSequentially(' them buoc kiem tra.', { delay: 20 });
    await typed;
    const first = page.locator('#similar li').first();
    await first.waitFor();
    assert.match(await first.textContent(), /%/);
    assert.ok((await page.locator('#similar mark').count()) > 0, 'overlapping passages are highlighted');
    assert.ok((await page.locator('#similar').textContent()).includes(earlier.title), 'the earlier initiative is listed');
    // Without JavaScript the button does the same: the form comes back with the list.
    await submit(page, 'Kiểm tra trùng lặp');
    assert.equal(await page.locator('#f-title').inputValue(), title, 'what was typed is kept');
    assert.ok((await page.locator('#similar').textContent()).includes(earlier.title));
    await page.locator('#f-applied_where').fill('Bộ phận một cửa phường');
    await page.locator('#f-benefit_vnd').fill('90.000.000');
    await page.screenshot({ path: path.join(screenshotDir, 'initiatives-form.png'), fullPage: true });
    await submit(page, 'Lưu và nộp');
    await page.getByText('Đã nộp sáng kiến.').waitFor();
    const id = Number(/\/sang-kien\/(\d+)/.exec(page.url())[1]);
    assert.ok(id > 0);
    await page.screenshot({ path: path.join(screenshotDir, 'initiatives-detail.png'), fullPage: true });

    // ---- the office puts it before the demo council's open round --------------------------------
    const councils = (await api(base, office, 'GET', '/api/v1/councils')).json.items;
    const council = councils.find((c) => c.name === 'Hội đồng sáng kiến thành phố năm 2025');
    assert.ok(council, 'the demo council');
    const detail = (await api(base, office, 'GET', `/api/v1/councils/${council.id}`)).json;
    const round = detail.rounds.find((r) => r.status === 'open');
    assert.ok(round, 'the demo council has an open round');
    const added = await api(base, office, 'POST', `/api/v1/rounds/${round.id}/initiatives`, { initiative_ids: [id] });
    assert.equal(added.status, 200, JSON.stringify(added.json));

    // ---- hoidong1 scores it ----------------------------------------------------------------------
    const mp = await newPage(member);
    await mp.goto(`${base}/hoi-dong`);
    await Promise.all([mp.waitForURL(/\/hoi-dong\/vong\/\d+$/), mp.locator(`a[href="/hoi-dong/vong/${round.id}"]`).first().click()]);
    const section = mp.locator(`#sk-${id}`);
    await section.waitFor();
    assert.match(await section.textContent(), /0\/\d+ thành viên đã chấm/);
    const inputs = section.locator('input[type=number]');
    const n = await inputs.count();
    assert.ok(n >= 2, 'one input per criterion');
    for (let i = 0; i < n; i += 1) {
      const max = Number(await inputs.nth(i).getAttribute('max'));
      await inputs.nth(i).fill(String(Math.max(0, max - 2)));
    }
    await section.getByLabel('Đồng ý công nhận sáng kiến').check();
    await section.getByLabel('Nhận xét').fill('Giải pháp thiết thực, cần đánh giá thêm hiệu quả.');
    await submit(mp, 'Gửi phiếu chấm', section);
    await mp.getByText('Đã ghi phiếu chấm của bạn.').waitFor();
    const after = mp.locator(`#sk-${id}`);
    assert.match(await after.textContent(), /Phiếu của tôi/);
    assert.match(await after.textContent(), /1\/\d+ thành viên đã chấm/);
    assert.equal(await after.getByRole('button', { name: 'Gửi phiếu chấm' }).count(), 0, 'one sheet per member');
    // The top of the scoring page (rubric, blind-scoring note) and the sheet just sent.
    await mp.screenshot({ path: path.join(screenshotDir, 'initiatives-round.png') });
    await after.screenshot({ path: path.join(screenshotDir, 'initiatives-scored.png') });

    // Blind: the worker's own page shows no score, and the office's round page not hoidong1's comment.
    const op = await newPage(worker);
    await op.goto(`${base}/sang-kien/${id}`);
    assert.ok(!(await op.content()).includes('Giải pháp thiết thực'));

    assert.deepEqual(problems, [], 'no JS errors, failed requests or HTTP errors');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    await browser.close();
    const info = await server.stop({ graceMs: 5_000 });
    assert.equal(info.code, 0);
  });
});
