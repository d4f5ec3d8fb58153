// End-to-end: the city's TĐKT office imports a people list from Excel in a real headless Chromium:
// the empty list offered as a download, a file filled in by the office, the preview, the
// confirmation, the people found in the directory, and the same file refused the second time.
//
// Run from the repo root:  node --test tests/e2e/
// Env as server.mjs and browser.mjs; screenshots in $THIDUA_E2E_SCREENSHOTS (default docs/screenshots).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { startServer, repoRoot } from './server.mjs';
import { launch, signedIn, watchedPage } from './browser.mjs';

const screenshotDir = path.resolve(repoRoot, process.env.THIDUA_E2E_SCREENSHOTS || 'docs/screenshots');

describe('importing a people list from Excel', () => {
  let server;
  let browser;
  let office;
  let tmp;

  before(async () => {
    server = await startServer();
    browser = await launch();
    office = await signedIn(browser, server.baseUrl, 'noivu', { acceptDownloads: true });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'thidua-e2e-import-'));
    await mkdir(screenshotDir, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('previews, imports all rows at once, and refuses the same people a second time', async () => {
    const base = server.baseUrl;
    // A refused preview answers 422 on purpose.
    const { page, problems } = await watchedPage(office, {
      expected: (res) => res.status() === 422 && new URL(res.url()).pathname === '/nguoi/nhap',
    });
    await page.goto(`${base}/nguoi/nhap`);
    assert.match(await page.locator('h1').textContent(), /Nhập danh sách/);

    // The empty list in the layout's columns, downloaded from the page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải tệp Excel mẫu' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'mau-danh-sach-can-bo.xlsx');
    const template = await readFile(await download.path());
    assert.equal(template.subarray(0, 2).toString(), 'PK', 'an XLSX (a zip)');

    // The list as an office types it: dates as text dd/mm/yyyy, the ward by its name.
    const file = path.join(tmp, 'danh-sach-moi.xlsx');
    await writeExcelFile([
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Chức vụ', 'Đơn vị'],
      [1, 'Lò Thị Pằng', '15/03/1990', 'Nữ', 'Chuyên viên', 'Phường Kim Tân'],
      [2, 'Giàng A Chử', '02/01/1985', 'Nam', 'Kế toán', 'Phường Kim Tân'],
    ]).toFile(file);

    await page.locator('#f-tep').setInputFiles(file);
    await Promise.all([page.waitForURL(`${base}/nguoi/nhap`), page.getByRole('button', { name: 'Xem trước' }).click()]);
    await page.getByRole('heading', { name: 'Xem trước: danh-sach-moi.xlsx' }).waitFor();
    assert.match(await page.locator('main').textContent(), /2\s*dòng hợp lệ/);
    for (const name of ['Lò Thị Pằng', 'Giàng A Chử']) {
      assert.equal(await page.getByRole('cell', { name, exact: true }).count(), 1, `${name} in the preview`);
    }
    await page.screenshot({ path: path.join(screenshotDir, 'import-preview.png'), fullPage: true });

    await Promise.all([
      page.waitForURL(`${base}/nguoi/nhap?da_nhap=2`),
      page.getByRole('button', { name: 'Nhập 2 người' }).click(),
    ]);
    await page.getByText('Đã nhập 2 người.').waitFor();

    // In the directory, found without diacritics.
    await page.goto(`${base}/nguoi?q=lo+thi+pang`);
    await page.locator('#results').getByRole('link', { name: 'Lò Thị Pằng', exact: true }).waitFor();

    // The same file again: each row is named as already in the directory, and there is nothing to confirm.
    await page.goto(`${base}/nguoi/nhap`);
    await page.locator('#f-tep').setInputFiles(file);
    await Promise.all([page.waitForURL(`${base}/nguoi/nhap`), page.getByRole('button', { name: 'Xem trước' }).click()]);
    const refused = page.locator('table.problems tbody tr');
    await refused.first().waitFor();
    assert.equal(await refused.count(), 2);
    for (const row of await refused.allTextContents()) {
      assert.match(row, /đã có trong danh bạ của đơn vị/);
    }
    assert.equal(await page.getByRole('button', { name: /^Nhập \d/ }).count(), 0, 'no confirm button');
    await page.screenshot({ path: path.join(screenshotDir, 'import-refused.png'), fullPage: true });

    assert.deepEqual(problems, [], 'no JS errors, failed requests or unexpected HTTP errors');
    await page.close();
  });
});
