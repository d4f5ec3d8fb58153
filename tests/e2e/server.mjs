// Starts a real `thidua serve --demo` for the end-to-end tests and stops it again.
//
// - binary: $THIDUA_BIN, default <repo>/target/debug/thidua (build it first);
// - database: $THIDUA_E2E_DATABASE_URL if set (it must point at an EMPTY database,
//   e.g. a fresh PostgreSQL one), otherwise a new SQLite file in a temp folder;
// - port: a free loopback port, found by binding port 0 and closing it again.
//
// stop() sends SIGTERM and requires the server to exit by itself, with status 0,
// within a few seconds: that checks the graceful shutdown too.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

const STDERR_KEEP = 64 * 1024;

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = srv.address();
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start the server. Resolves to { baseUrl, port, databaseUrl, stop(), output() }.
 * @param {{ timeoutMs?: number, demo?: boolean }} [opts]
 */
export async function startServer({ timeoutMs = 60_000, demo = true } = {}) {
  const bin = path.resolve(repoRoot, process.env.THIDUA_BIN || 'target/debug/thidua');
  try {
    await access(bin, fsConstants.X_OK);
  } catch {
    throw new Error(`thidua binary not found or not executable: ${bin} (run \`cargo build -p thidua\` or set THIDUA_BIN)`);
  }

  let tmpDir = null;
  let databaseUrl = process.env.THIDUA_E2E_DATABASE_URL;
  if (!databaseUrl) {
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'thidua-e2e-'));
    databaseUrl = `sqlite://${path.join(tmpDir, 'thidua.db')}`;
  }

  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const baseUrl = `http://${addr}`;
  const args = ['--database', databaseUrl, 'serve', '--addr', addr];
  if (demo) args.push('--demo');

  // THIDUA_DATABASE_URL from the caller's environment must not win over --database.
  const env = { ...process.env };
  delete env.THIDUA_DATABASE_URL;
  env.NO_COLOR = '1';

  const child = spawn(bin, args, { cwd: tmpDir ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout = (stdout + d).slice(-STDERR_KEEP); });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr = (stderr + d).slice(-STDERR_KEEP); });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let exitInfo = null;
  exited.then((info) => { exitInfo = info; });
  // Safety net: never leave the server behind if the test process dies early.
  const killOnExit = () => { if (!exitInfo) child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  exited.then(() => process.removeListener('exit', killOnExit));
  const output = () => `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;

  const cleanup = async () => {
    if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
  };

  // Wait for /healthz to answer "ok".
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt yet';
  for (;;) {
    if (exitInfo) {
      await cleanup();
      throw new Error(`thidua exited before it was ready (code ${exitInfo.code}, signal ${exitInfo.signal})\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      const body = (await res.text()).trim();
      if (res.ok && body === 'ok') break;
      lastError = `HTTP ${res.status}: ${body.slice(0, 200)}`;
    } catch (err) {
      lastError = String(err?.cause?.code ?? err?.message ?? err);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      await cleanup();
      throw new Error(`thidua did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s (last: ${lastError})\n${output()}`);
    }
    await sleep(200);
  }

  let stopped = false;
  /**
   * SIGTERM, then require a clean exit (status 0) within graceMs; SIGKILL otherwise.
   * Resolves to { code, signal }; throws if the shutdown was not graceful.
   */
  async function stop({ graceMs = 5_000 } = {}) {
    if (stopped) return exitInfo;
    stopped = true;
    try {
      if (exitInfo) {
        throw new Error(`thidua had already exited (code ${exitInfo.code}, signal ${exitInfo.signal})\n${output()}`);
      }
      child.kill('SIGTERM');
      const info = await Promise.race([exited, sleep(graceMs).then(() => null)]);
      if (!info) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`thidua did not exit within ${graceMs / 1000} s of SIGTERM (killed)\n${output()}`);
      }
      if (info.code !== 0) {
        throw new Error(`thidua did not shut down cleanly on SIGTERM (code ${info.code}, signal ${info.signal})\n${output()}`);
      }
      return info;
    } finally {
      await cleanup();
    }
  }

  return { baseUrl, port, databaseUrl, stop, output, pid: child.pid };
}
