// End-to-end: dashboards and review reports in a real headless Chromium against a real
// `thidua serve --demo`. Each of noivu (the city's TĐKT office), donvi1 (a ward's officer) and lanhdao
// (the leader) opens their dashboard and follows a number to the list behind it, which shows as
// many rows; noivu opens the year-end report, whose table shows the API's figures, and exports it as
// DOCX and XLSX: the workbook's first sheet (read here from the zip) and the document's text carry the
// same figures as the API. Screenshots of the three dashboards and of the report page go to
// docs/screenshots/.
//
// Run from the repo root:  node --test tests/e2e/reports.test.mjs
// Env as people.test.mjs (THIDUA_BIN, CHROMIUM, THIDUA_E2E_DATABASE_URL, THIDUA_E2E_SCREENSHOTS).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, repoRoot } from './server.mjs';
import { launch, signedIn, token, watchedPage } from './browser.mjs';

const screenshotDir = path.resolve(repoRoot, process.env.THIDUA_E2E_SCREENSHOTS || 'docs/screenshots');
const YEAR = 2025;

/** The files of a zip (DOCX, XLSX) by name, inflated: a small reader of the central directory. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i += 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

/** The numbers of column `col` of a sheet's XML, by row number. */
function column(sheetXml, col) {
  const out = {};
  for (const m of sheetXml.matchAll(new RegExp(`<c r="${col}(\\d+)"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>`, 'g'))) {
    out[Number(m[1])] = Number(m[2]);
  }
  return out;
}

const digits = (s) => Number(String(s).replace(/[^\d-]/g, ''));

describe('dashboards and the year-end report', () => {
  let server;
  let browser;
  const contexts = {};
  const problems = [];

  before(async () => {
    server = await startServer();
    browser = await launch();
    for (const username of ['noivu', 'donvi1', 'lanhdao']) {
      contexts[username] = await signedIn(browser, server.baseUrl, username, { acceptDownloads: true });
    }
    await mkdir(screenshotDir, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  });

  /** A page that records JS errors, failed requests and HTTP errors (none is expected here). */
  async function newPage(username) {
    return (await watchedPage(contexts[username], { into: problems })).page;
  }

  it('each role opens its dashboard and follows a number to a list of as many rows', async () => {
    const base = server.baseUrl;
    // role → the tile followed, and how its list shows its length.
    const follow = {
      noivu: { key: 'nominations-sent', count: async (p) => p.locator('tbody a[href^="/de-nghi/"]').count() },
      donvi1: { key: 'nominations-returned', count: async (p) => p.locator('tbody a[href^="/de-nghi/"]').count() },
      lanhdao: { key: 'decisions-to-sign', count: async (p) => p.locator('tbody a[href^="/quyet-dinh/"]').count() },
    };
    for (const [role, f] of Object.entries(follow)) {
      const page = await newPage(role);
      await page.goto(`${base}/bang-dieu-khien`);
      await page.waitForLoadState('load');
      await page.screenshot({ path: path.join(screenshotDir, `dashboard-${role}.png`), fullPage: true });
      const cards = page.locator('a.card');
      assert.ok((await cards.count()) > 0, `${role} sees numbers`);
      // Every number is a link.
      for (const href of await cards.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        assert.ok(href && href.startsWith('/'), `${role}: a number links to a list (${href})`);
      }
      const tile = page.locator(`a.card[data-key="${f.key}"]`);
      assert.equal(await tile.count(), 1, `${role} has ${f.key}`);
      const value = digits(await tile.locator('strong').textContent());
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), tile.click()]);
      assert.equal(await f.count(page), value, `${role}: ${f.key} = rows of ${page.url()}`);
      await page.close();
    }
  });

  it('noivu exports the year-end report as DOCX and XLSX with the API\'s figures', async () => {
    const base = server.baseUrl;
    const api = await (await fetch(`${base}/api/v1/reports/${YEAR}`, { headers: { authorization: `Bearer ${await token(base, 'noivu')}` } })).json();
    assert.equal(api.title, `Tổng kết năm ${YEAR}`);
    const page = await newPage('noivu');
    await page.goto(`${base}/bao-cao?ky=${YEAR}`);
    await page.screenshot({ path: path.join(screenshotDir, 'report-year-end.png'), fullPage: true });
    if (api.has_data) {
      // The page's table is the API's lines.
      for (const line of api.lines) {
        const cell = page.locator(`#report-lines tr[data-key="${line.key}"] td`).first();
        assert.equal(digits(await cell.textContent()), line.current, `page ${line.key}`);
      }
      assert.ok(await page.locator('figure.chart svg').count() >= 2, 'two charts');
    } else {
      await page.getByText('Chưa có số liệu').first().waitFor();
    }

    // XLSX: the first sheet's column C (the year) and D (the year before) are the API's lines.
    const [xlsxDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất Excel' }).click()]);
    const xlsx = unzip(await readFile(await xlsxDl.path()));
    const sheet = xlsx['xl/worksheets/sheet1.xml'];
    assert.ok(sheet, 'the first sheet');
    const cur = column(sheet, 'C');
    const prev = column(sheet, 'D');
    const first = api.has_data ? 2 : 3; // a note row before the lines when there is no data
    api.lines.forEach((line, i) => {
      assert.equal(cur[first + i], line.current, `xlsx ${line.key}`);
      assert.equal(prev[first + i], line.previous, `xlsx previous ${line.key}`);
    });

    // DOCX: the official layout's parts and the figures of the table.
    const [docxDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất Word' }).click()]);
    const docx = unzip(await readFile(await docxDl.path()));
    const text = [...docx['word/document.xml'].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
    assert.ok(text.includes('BÁO CÁO'), 'the kind title');
    assert.ok(text.includes(`Tổng kết năm ${YEAR}`), 'the summary');
    assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'the national title');
    if (api.has_data) {
      const posts = api.lines.find((l) => l.key === 'posts');
      const dotted = String(posts.current).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      assert.ok(text.includes(`${posts.label} ${dotted}`), `the DOCX has ${posts.label} ${dotted}`);
    }
    await page.close();
    assert.deepEqual(problems, [], 'no JS errors or HTTP errors');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    await browser.close();
    const info = await server.stop({ graceMs: 5_000 });
    assert.equal(info.code, 0);
  });
});
