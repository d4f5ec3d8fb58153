// End-to-end: a whole commendation round in a real headless Chromium against a real
// `thidua serve --demo`, through the pages only: the ward (donvi1) nominates nld1 for Chiến sĩ thi
// đua cơ sở in the sample's open 2025 round and sees the pre-check; the city office (noivu) accepts
// it, calls a council meeting and opens its ballot (secret, as every CSTĐ title's); hoidong1..3 vote
// on the ballot page, seeing no counters while it is open; the office closes it and every member
// then sees the tally; the office drafts the decision from the passed nominations; the leader
// (lanhdao) approves it and the register gives it its number; the office attaches the signed scan
// and finds the meeting and the decision on the round's page; nld1 finds the award on their record
// page with the money in đồng (thousands dots).
//
// Run from the repo root:  node --test tests/e2e/commendation.test.mjs
// Env as people.test.mjs (THIDUA_BIN, CHROMIUM, THIDUA_E2E_DATABASE_URL, THIDUA_E2E_SCREENSHOTS).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from './server.mjs';
import { launch, signedIn, token, watchedPage } from './browser.mjs';

const screenshotDir = path.resolve(repoRoot, process.env.THIDUA_E2E_SCREENSHOTS || 'docs/screenshots');
const AWARD = 'chien_si_thi_dua_co_so';
const AWARD_NAME = 'Chiến sĩ thi đua cơ sở';
const MEMBERS = ['hoidong1', 'hoidong2', 'hoidong3'];

async function api(baseUrl, token, uri) {
  const res = await fetch(`${baseUrl}${uri}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `GET ${uri}`);
  return res.json();
}

/** Today in Vietnam as dd/mm/yyyy (the server's "today" for dates left as they are). */
function todayVn() {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('-');
  return { text: `${d}/${m}/${y}`, iso: `${y}-${m}-${d}` };
}

/** đồng with thousands dots, as the pages write money: "2.340.000 đ". */
function dong(n) {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

describe('a commendation round, from the ward to the record', () => {
  let server;
  let browser;
  const contexts = {};
  const problems = [];

  before(async () => {
    server = await startServer();
    browser = await launch();
    for (const username of ['donvi1', 'noivu', 'lanhdao', 'nld1', ...MEMBERS]) {
      contexts[username] = await signedIn(browser, server.baseUrl, username);
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

  async function submit(page, name, scope = page) {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      scope.getByRole('button', { name, exact: true }).click(),
    ]);
  }

  it('donvi1 nominates nld1, the council votes by secret ballot, lanhdao approves, nld1 sees the award', async () => {
    const base = server.baseUrl;
    const today = todayVn();
    // Who nld1 is (their person id and name), to type the id into the nomination form.
    const me = await api(base, await token(base, 'nld1'), '/api/v1/auth/me');
    const personId = me.person_id ?? me.user?.person_id;
    assert.ok(personId > 0, `nld1 is a person: ${JSON.stringify(me)}`);

    // ---- donvi1 nominates nld1 in the open round; the pre-check shows ---------------------------
    const unit = await newPage('donvi1');
    await unit.goto(`${base}/de-nghi`);
    const roundName = await unit.locator('select[name=dot] option:checked').textContent();
    assert.match(roundName, /2025/, 'the open round of the sample is chosen');
    // The nominee is found by name, typed without diacritics; the search re-shows the form with a
    // pick list (htmx fills it while typing; the button works without JavaScript).
    const fullName = me.display_name ?? me.user?.display_name;
    assert.ok(fullName, `nld1 has a name: ${JSON.stringify(me)}`);
    const folded = fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    await unit.getByLabel('Tìm người theo họ tên').fill(folded);
    await submit(unit, 'Tìm');
    await unit.locator(`input[name=person_id][value="${personId}"]`).check();
    await unit.getByLabel('Danh hiệu, hình thức').selectOption(AWARD);
    await unit.getByLabel('Tóm tắt thành tích').fill('Hoàn thành xuất sắc nhiệm vụ năm 2025; sáng kiến được công nhận.');
    await submit(unit, 'Lập đề nghị và kiểm tra điều kiện');
    const nominationId = Number(/\/de-nghi\/(\d+)$/.exec(unit.url())[1]);
    assert.ok(nominationId > 0);
    await unit.getByText('Đủ điều kiện theo dữ liệu hiện có.').waitFor();
    const subject = (await unit.locator('h1').textContent()).split(' — ')[0].trim();
    assert.ok(subject.length > 3, 'the nominee is named');
    assert.match(await unit.locator('#status').textContent(), /Đang soạn/);
    await unit.screenshot({ path: path.join(screenshotDir, 'commendation-nomination.png'), fullPage: true });
    await submit(unit, 'Gửi đề nghị');
    assert.match(await unit.locator('#status').textContent(), /Đã gửi/);
    assert.equal(await unit.getByRole('button', { name: 'Tiếp nhận', exact: true }).count(), 0, 'a unit does not review');

    // ---- noivu accepts it -------------------------------------------------------------------------
    const office = await newPage('noivu');
    await office.goto(`${base}/de-nghi/${nominationId}`);
    await submit(office, 'Tiếp nhận');
    assert.match(await office.locator('#status').textContent(), /Đã tiếp nhận/);

    // ---- noivu calls a council meeting on the round and opens its ballot ---------------------------
    await office.goto(`${base}/hoi-dong-khen-thuong`);
    const council = office.locator('section').filter({ has: office.getByRole('button', { name: 'Triệu tập phiên họp' }) }).first();
    await council.getByLabel('Đợt xét').selectOption({ label: roundName.trim() });
    await council.getByLabel('Ngày họp (dd/mm/yyyy)').fill(today.text);
    await council.getByLabel('Địa điểm').fill('Phòng họp số 2, Ủy ban nhân dân thành phố');
    await submit(office, 'Triệu tập phiên họp', council);
    assert.match(office.url(), /\/phien-hop\/\d+$/);
    assert.ok((await office.locator('ol').textContent()).includes(subject), 'the accepted nomination is on the agenda');
    await submit(office, 'Mở lượt bỏ phiếu');
    const ballotUrl = office.url();
    assert.match(ballotUrl, /\/bo-phieu\/\d+$/);
    assert.match(await office.locator('h1').textContent(), /Phiếu bầu kín/, 'CSTĐ is voted by secret ballot');
    assert.match(await office.locator('#ballot-status').textContent(), /Đang bỏ phiếu\. Đã có 0 thành viên/);

    // ---- hoidong1..3 vote on the ballot page; no counters while it is open -------------------------
    const memberPages = {};
    for (const [i, who] of MEMBERS.entries()) {
      const p = await newPage(who);
      memberPages[who] = p;
      await p.goto(`${base}/hoi-dong-khen-thuong`);
      await Promise.all([p.waitForURL(ballotUrl), p.getByRole('link', { name: /Lượt bỏ phiếu số \d+/ }).first().click()]);
      assert.equal(await p.locator('#tally').count(), 0, 'no tally before the close');
      const papers = p.locator('form fieldset');
      const n = await papers.count();
      assert.ok(n >= 1, 'one choice per agenda item');
      for (let k = 0; k < n; k += 1) {
        const paper = papers.nth(k);
        if ((await paper.getByLabel('Đồng ý', { exact: true }).count()) === 0) continue; // recused
        // hoidong3 abstains on everything but nld1; the rest agree.
        const mine = (await paper.locator('legend').textContent()).includes(subject);
        await paper.getByLabel(mine || who !== 'hoidong3' ? 'Đồng ý' : 'Không biểu quyết', { exact: true }).check();
      }
      if (i === 0) await p.screenshot({ path: path.join(screenshotDir, 'commendation-ballot-open.png'), fullPage: true });
      await submit(p, 'Bỏ phiếu');
      await p.getByText('Đã ghi nhận phiếu của bạn.').waitFor();
      assert.match(await p.locator('#ballot-status').textContent(), new RegExp(`Đã có ${i + 1} thành viên bỏ phiếu`));
      assert.equal(await p.locator('#tally').count(), 0, 'still no tally');
      assert.equal(await p.getByRole('button', { name: 'Bỏ phiếu', exact: true }).count(), 0, 'one paper per member');
    }

    // ---- the office closes the ballot; every member sees the tally ---------------------------------
    await office.goto(ballotUrl);
    assert.equal(await office.locator('#tally').count(), 0);
    await submit(office, 'Đóng lượt bỏ phiếu và kiểm phiếu');
    assert.match(await office.locator('#ballot-status').textContent(), /Đã đóng/);
    for (const who of MEMBERS) {
      const p = memberPages[who];
      await p.goto(ballotUrl);
      const row = p.locator('#tally tbody tr').filter({ hasText: subject });
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      assert.deepEqual(cells.slice(1, 4).map((c) => c.trim()), ['3', '0', '0'], `${who} sees the counts of nld1's item`);
      assert.match(cells[5], /^Thông qua/);
    }
    await memberPages.hoidong2.screenshot({ path: path.join(screenshotDir, 'commendation-ballot.png'), fullPage: true });
    await office.goto(`${base}/de-nghi/${nominationId}`);
    assert.match(await office.locator('#status').textContent(), /Hội đồng thông qua/);

    // ---- noivu drafts the decision from the round's passed nominations ----------------------------
    await office.goto(`${base}/quyet-dinh`);
    await office.getByLabel('Đợt xét').selectOption({ label: roundName.trim() });
    await office.getByLabel('Trích yếu').fill('Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025');
    await office.getByLabel('Ngày dự kiến ký (dd/mm/yyyy)').fill(today.text);
    await submit(office, 'Lập dự thảo');
    const decisionUrl = office.url();
    assert.match(decisionUrl, /\/quyet-dinh\/\d+$/);
    assert.match(await office.locator('#decision-status').textContent(), /Dự thảo/);
    const line = office.locator('tbody tr').filter({ hasText: subject });
    assert.equal(await line.count(), 1, 'one line for nld1');
    assert.ok((await line.textContent()).includes(AWARD_NAME));
    assert.equal(await office.getByRole('button', { name: 'Duyệt và cấp số' }).count(), 0, 'only the leader approves');

    // ---- lanhdao approves: the register gives the number ----------------------------------------
    const leader = await newPage('lanhdao');
    await leader.goto(decisionUrl);
    assert.equal(await leader.getByLabel('Ngày ký (dd/mm/yyyy)').inputValue(), today.text, 'signed today by default');
    await submit(leader, 'Duyệt và cấp số');
    assert.match(await leader.locator('#decision-status').textContent(), /Đã duyệt, đã cấp số/);
    const heading = await leader.locator('h1').textContent();
    const reference = /Quyết định số (\S+)/.exec(heading)?.[1];
    assert.ok(reference && /^\d+\//.test(reference), `numbered from the register: ${heading}`);

    // The right money, worked out here from the rule tables: the award's coefficient in the regime
    // in force × the base salary in force on the signing day, rounded up to 10.000 đ.
    const tables = await api(base, await token(base, 'noivu'), '/api/v1/rules/tables');
    const expected = expectedMoney(tables, AWARD, today.iso);
    const amountCell = leader.locator('tbody tr').filter({ hasText: subject }).locator('td').nth(5);
    assert.equal((await amountCell.textContent()).trim(), dong(expected), 'money per line');
    const amounts = (await leader.locator('tbody tr td:nth-child(6)').allTextContents())
      .map((t) => Number(t.replace(/\D/g, '') || 0));
    assert.equal((await leader.locator('#total').textContent()).trim(), dong(amounts.reduce((a, b) => a + b, 0)), 'the total');

    // ---- the office attaches the signed scan: final and read-only ---------------------------------
    await office.goto(decisionUrl);
    await office.getByLabel('Bản quét quyết định đã ký (PDF)').setInputFiles({
      name: 'qd-khen-thuong-2025.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await submit(office, 'Đính kèm bản ký và ban hành');
    assert.match(await office.locator('#decision-status').textContent(), /Đã ký, đã ban hành/);
    await office.getByText('Quyết định đã ban hành, không sửa được nữa.').waitFor();
    await office.screenshot({ path: path.join(screenshotDir, 'commendation-decision.png'), fullPage: true });

    // ---- the round's page sums it up: the meeting, the decided nomination, the decision -------------
    await office.goto(`${base}/dot-xet`);
    await Promise.all([
      office.waitForURL(/\/dot-xet\/\d+$/),
      office.getByRole('link', { name: roundName.trim(), exact: true }).click(),
    ]);
    assert.equal((await office.locator('h1').textContent()).trim(), roundName.trim());
    const decided = office.locator('.round-statuses tbody tr').filter({ hasText: 'Đã có quyết định khen thưởng' });
    assert.ok(Number((await decided.locator('td').nth(1).textContent()).trim()) >= 1, 'nld1\'s nomination is counted as decided');
    assert.ok((await office.locator('.round-meetings').textContent()).includes(today.text), 'the meeting is listed');
    const roundDecision = office.locator('.round-decisions tbody tr').filter({ hasText: reference });
    assert.equal(await roundDecision.count(), 1, 'the decision is listed with its number');
    assert.match(await roundDecision.textContent(), /Đã ký, đã ban hành/);
    await office.screenshot({ path: path.join(screenshotDir, 'commendation-round.png'), fullPage: true });

    // ---- nld1 finds the award on their record page --------------------------------------------------
    const worker = await newPage('nld1');
    await worker.goto(`${base}/`);
    await Promise.all([worker.waitForURL(`${base}/nguoi/${personId}`), worker.getByRole('link', { name: 'Hồ sơ của tôi' }).click()]);
    const decisionPath = new URL(decisionUrl).pathname;
    const award = worker.locator('#record tbody tr').filter({ has: worker.locator(`a[href="${decisionPath}"]`) });
    assert.equal(await award.count(), 1, 'the new decision is on the record');
    const cells = (await award.locator('td').allTextContents()).map((c) => c.trim());
    assert.equal(cells[0], '2025');
    assert.equal(cells[1], AWARD_NAME);
    assert.equal(cells[2], reference, 'the number from the register');
    assert.equal(cells[3], today.text, 'decided on the signing day');
    assert.equal(cells[4], dong(expected), 'the money in đồng with thousands dots');
    assert.match(cells[4], /^\d{1,3}(\.\d{3})+ đ$/);
    await worker.screenshot({ path: path.join(screenshotDir, 'commendation-record.png'), fullPage: true });

    assert.deepEqual(problems, [], 'no JS errors, failed requests or HTTP errors');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    await browser.close();
    const info = await server.stop({ graceMs: 5_000 });
    assert.equal(info.code, 0);
  });
});

/**
 * The money of an individual's award from the rule tables' JSON (`GET /api/v1/rules/tables`) on an
 * ISO date: the coefficient of the regime in force × the base salary in force, rounded up to
 * 10.000 đ, in integers (the coefficient has at most three decimals).
 */
function expectedMoney(tables, award, isoDate) {
  const t = tables.tables ?? tables;
  const latest = (rows) => rows.filter((r) => !r.from || r.from <= isoDate).sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? -1 : 1)).at(-1);
  const base = latest(t.base_salaries);
  assert.ok(base, `a base salary in force on ${isoDate}`);
  const regime = latest(t.regimes);
  const coefficient = regime?.rules?.[award]?.award?.coefficient;
  assert.ok(typeof coefficient === 'number', `a coefficient for ${award} in ${regime?.code}`);
  const exact = BigInt(Math.round(coefficient * 1000)) * BigInt(base.amount_vnd);
  const step = 10_000n * 1000n;
  return Number(((exact + step - 1n) / step) * 10_000n);
}
