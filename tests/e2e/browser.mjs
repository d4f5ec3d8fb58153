// What every browser test needs: Debian's Chromium launched headless, a signed-in context of a demo
// account, and a page that records what must never happen on a healthy page.

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium ($CHROMIUM, default /usr/bin/chromium), headless. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A browser context in Vietnamese and Vietnam's time, logged in as `username` (demo password). */
export async function signedIn(browser, baseUrl, username, { acceptDownloads = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads,
  });
  context.setDefaultTimeout(20_000);
  await logIn(context, baseUrl, username);
  return context;
}

/**
 * A new page of `context` and the list it fills with JS errors, console errors, failed requests
 * and HTTP errors (`into`, when several pages of a test share one list). `expected(response)` names
 * the HTTP errors a test provokes on purpose (a 422 of a refused form, say); those are not recorded.
 */
export async function watchedPage(context, { expected = () => false, into = [] } = {}) {
  const page = await context.newPage();
  const problems = into;
  // The addresses of the errors provoked on purpose: Chromium also logs each on the console.
  const provoked = new Set();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/responded with a status of \d+/.test(msg.text()) && provoked.has(msg.location()?.url)) return;
    problems.push(`console error: ${msg.text()} @ ${msg.location()?.url ?? ''}`);
  });
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.method()} ${req.url()} ${why}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    if (expected(res)) provoked.add(res.url());
    else problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return { page, problems };
}

/** Logs `username` in with the demo password through the log-in page of a browser context. */
export async function logIn(context, baseUrl, username) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('thidua-demo');
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  await page.close();
}

/** A bearer token of a demo account, for the API calls a test makes itself. */
export async function token(baseUrl, username) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'thidua-demo' }),
  });
  assert.equal(res.status, 200, `log-in of ${username}`);
  return (await res.json()).token;
}
