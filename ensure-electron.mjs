#!/usr/bin/env node
// Runs before `npm start` and `npm run dev`. Electron 45 fetches its binary on the first
// `require('electron')`, but electron-vite looks for node_modules/electron/path.txt itself and stops
// with "Electron uninstall". So install the binary first, with Electron's own installer (its mirror,
// cache, checksum and proxy settings keep working), and turn a failed download into one clear message.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { lookup } from 'node:dns/promises';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = require('electron/package.json');
const installer = join(electronDir, 'install.js');
const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
const zipName = `electron-v${version}-${platform}-${arch}.zip`;
const logFile = join(dirname(electronDir), '.cache/registry-desk/electron-install.log');

/** What Electron's installer checks too; answering here saves starting it on every launch. */
function installed() {
  try {
    const executable = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    return readFileSync(join(electronDir, 'dist/version'), 'utf8').replace(/^v/, '') === version && existsSync(join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

const firstSet = (...names) => names.map((name) => process.env[name]).find(Boolean);
const proxy = (url) => (url.protocol === 'https:' ? firstSet('HTTPS_PROXY', 'https_proxy') : firstSet('HTTP_PROXY', 'http_proxy'));

/** The address the installer downloads from, read the way @electron/get reads it. */
function downloadUrl() {
  const mirror =
    firstSet('npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR', 'npm_package_config_electron_mirror', 'ELECTRON_MIRROR') ||
    'https://github.com/electron/electron/releases/download/';
  const folder = (firstSet('npm_config_electron_custom_dir', 'ELECTRON_CUSTOM_DIR') || `v${version}`).replace('{{ version }}', version);
  return new URL(`${mirror}${folder}/${zipName}`);
}

/** Where @electron/get looks for a zip before downloading: <cache root>/<sha256 of the URL's folder>/<zip>. */
function cachedZipPath(url) {
  const root = process.env.electron_config_cache || defaultCacheRoot();
  const folder = new URL(url);
  folder.hash = '';
  folder.search = '';
  folder.pathname = folder.pathname.slice(0, folder.pathname.lastIndexOf('/')) || '/';
  return join(root, createHash('sha256').update(folder.toString()).digest('hex'), zipName);
}

function defaultCacheRoot() {
  if (process.platform === 'darwin') return join(homedir(), 'Library/Caches/electron');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData/Local'), 'electron/Cache');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron');
}

/** Runs node_modules/electron/install.js; its output is kept for the log, progress bars pass through. */
function runInstaller(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      const text = chunk.toString('utf8');
      output += text;
      if (text.includes('Downloading ')) process.stderr.write(text);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.stack ?? error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? 1, output: signal ? `${output}\nkilled by ${signal}` : output }));
  });
}

/** Whether a TCP connection to host:port opens within 5 s: the installer's "fetch failed" says nothing more. */
function tryConnect(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error) => resolve(error.code ?? 'error'));
  });
}

const defaultPort = (url) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** The cause, in one sentence, from the installer's output and, when that is vague, a look at the network. */
async function diagnose(output, url) {
  const status = /HTTPError: Response code (\d+) \(([^)]*)\) for (\S+)/.exec(output);
  if (status) {
    return status[1] === '404'
      ? `the download address answered 404 Not Found: ${status[3]} (is ELECTRON_MIRROR right, and does the mirror hold Electron ${version}?)`
      : `the download address answered ${status[1]} ${status[2]}: ${status[3]}`;
  }
  if (/checksum/i.test(output) && /match/i.test(output)) {
    return `the downloaded ${zipName} does not match its SHA-256 checksum (a damaged download, a proxy that rewrites files, or a mirror with a different build)`;
  }
  if (/No checksum found|SHASUMS256/i.test(output)) return `the mirror has no checksum for ${zipName} (its SHASUMS256.txt is missing or incomplete)`;
  if (/EACCES|EPERM|ENOSPC|EROFS/.test(output)) return `the download could not be written (${/EACCES|EPERM|ENOSPC|EROFS/.exec(output)[0]}) in ${electronDir} or the cache folder`;
  const via = proxy(url);
  if (via) {
    const proxyUrl = new URL(via);
    const reach = await tryConnect(proxyUrl.hostname, defaultPort(proxyUrl));
    if (reach !== 'open') return `the proxy ${proxyUrl.host} (from the proxy variables) cannot be reached: ${reach === 'timeout' ? 'no answer within 5 s' : reach}`;
    return `the download through the proxy ${proxyUrl.host} failed (${lastLine(output)})`;
  }
  try {
    await lookup(url.hostname);
  } catch (error) {
    return `${url.hostname} cannot be resolved (${error.code ?? 'DNS error'}): this computer looks offline, or DNS is blocked`;
  }
  const reach = await tryConnect(url.hostname, defaultPort(url));
  if (reach === 'ECONNREFUSED') return `${url.host} refused the connection`;
  if (reach === 'timeout') return `${url.host} did not answer within 5 s (a firewall, or a proxy is needed)`;
  if (reach !== 'open') return `${url.host} cannot be reached (${reach})`;
  return `the download from ${url.host} failed (${lastLine(output)})`;
}

function lastLine(output) {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text && !text.startsWith('at '));
  return line ? line.slice(0, 200) : 'no detail';
}

function saveLog(output) {
  try {
    mkdirSync(dirname(logFile), { recursive: true });
    writeFileSync(logFile, output);
    return logFile;
  } catch {
    return undefined;
  }
}

async function main() {
  if (installed()) return 0;
  const url = downloadUrl();
  // @electron/get honours the proxy variables only when asked to; a user who set them expects them used.
  const env = { ...process.env };
  if (!env.ELECTRON_GET_USE_PROXY && firstSet('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy')) env.ELECTRON_GET_USE_PROXY = 'true';
  process.stderr.write(`Registry Desk: installing Electron ${version} (${platform}-${arch}) from ${url.origin}, once…\n`);
  const result = await runInstaller(env);
  if (result.code === 0 && installed()) return 0;
  const cause = await diagnose(result.output, url);
  const log = saveLog(result.output);
  process.stderr.write(
    [
      '',
      `Registry Desk cannot start: Electron ${version} could not be installed.`,
      `Cause: ${cause}.`,
      '',
      'What you can do:',
      '  - Behind a proxy: set HTTPS_PROXY (and NO_PROXY), e.g. HTTPS_PROXY=http://proxy.example:3128 npm start',
      `  - Use a mirror: ELECTRON_MIRROR=https://mirror.example/electron/ (the folder that holds v${version}/${zipName} and SHASUMS256.txt)`,
      `  - Use a zip you already have: put ${zipName} at`,
      `      ${cachedZipPath(url)}`,
      '    (electron_config_cache=<folder> moves that cache)',
      `  - Run Electron's installer yourself to see its full output: node ${join('node_modules', 'electron', 'install.js')}`,
      log ? `The installer's output is in ${log}` : '',
      '',
    ].join('\n'),
  );
  return 1;
}

process.exitCode = await main();
