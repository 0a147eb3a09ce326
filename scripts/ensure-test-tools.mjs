#!/usr/bin/env node
/**
 * Makes sure the Debian tools the tests use are on this machine before the suites that need them
 * run, so `pnpm test` on a fresh machine ends green instead of in a wall of failing browser tests.
 *
 * Whatever is missing is installed with apt-get (after apt-get update) when that is possible: as
 * root, or through `sudo -n` when sudo needs no password. Otherwise the script prints one line
 * saying what to install and how, and exits 1 before any suite starts.
 *
 * To need a new tool, add one line to TOOLS.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What the tests need. `command` is looked up on PATH; `file` is a fixed path that the variable
 * named by `env` overrides; `font` is a family name fc-list must report. `apt` is what provides it.
 */
const TOOLS = [
  // The browser the e2e suite drives through playwright-core (e2e/src/support/browser.ts).
  { name: 'chromium', file: '/usr/bin/chromium', env: 'CHROMIUM_PATH', apt: ['chromium'] },
  // Decodes the served QR codes, as a phone camera would.
  { name: 'zbarimg', command: 'zbarimg', apt: ['zbar-tools'] },
  // Checks the seal of completed agreements (pdfsig) and the Chinese text in their PDFs (pdftotext).
  { name: 'pdfsig', command: 'pdfsig', apt: ['poppler-utils'] },
  { name: 'pdftotext', command: 'pdftotext', apt: ['poppler-utils'] },
  // The scale-out tests start their own Redis on a free port (server/src/testing/redisServer.ts).
  { name: 'redis-server', command: 'redis-server', env: 'REDIS_SERVER', apt: ['redis-server'] },
  // CJK glyphs, so Chinese UI renders in screenshots instead of boxes; fc-list comes with fontconfig.
  { name: 'Noto Sans CJK fonts', font: 'Noto Sans CJK', apt: ['fonts-noto-cjk', 'fontconfig'] },
  // Emoji glyphs, so emoji names and titles show as emoji in screenshots (and their width is real).
  { name: 'Noto Color Emoji font', font: 'Noto Color Emoji', apt: ['fonts-noto-color-emoji', 'fontconfig'] },
];

const isRoot = process.getuid?.() === 0;

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, command)));
}

function hasFont(family) {
  if (!onPath('fc-list')) return false;
  const listed = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  return listed.status === 0 && listed.stdout.toLowerCase().includes(family.toLowerCase());
}

/** Where a tool is expected, for messages: its overridable path, or the command name. */
function whereOf(tool) {
  return tool.file ? (process.env[tool.env] || tool.file) : (tool.command ?? tool.name);
}

function isPresent(tool) {
  if (tool.file) return isExecutable(whereOf(tool));
  if (tool.command) return onPath(tool.command);
  return hasFont(tool.font);
}

/** A path the user set explicitly cannot be fixed by installing a package. */
function isOverridden(tool) {
  return Boolean(tool.env && process.env[tool.env]);
}

/** The prefix that runs apt-get as root, or null when nothing may install packages here. */
function rootPrefix() {
  if (process.platform !== 'linux' || !onPath('apt-get')) return null;
  if (isRoot) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

/** Runs one apt-get step quietly; its output is shown only when it fails. */
function aptGet(prefix, args) {
  const [command, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
  const result = spawnSync(command, rest, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return true;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
  process.stderr.write(`${output.trimEnd().split('\n').slice(-15).join('\n')}\n`);
  return false;
}

function packagesFor(tools) {
  return [...new Set(tools.flatMap((tool) => tool.apt))];
}

function describe(tools) {
  return tools.map((tool) => (tool.name === whereOf(tool) ? tool.name : `${tool.name} (${whereOf(tool)})`)).join(', ');
}

/** Prints the one line that says what is missing and how to get it, and stops the test run. */
function giveUp(missing) {
  const sudo = isRoot ? '' : 'sudo ';
  const packages = packagesFor(missing.filter((tool) => !isOverridden(tool)));
  let how = packages.length > 0 ? `install with \`${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}\`` : '';
  for (const tool of missing.filter((each) => each.env)) {
    how += isOverridden(tool)
      ? `${how ? '; ' : ''}point ${tool.env} at an executable ${tool.name}`
      : ` (or set ${tool.env} to a ${tool.name} elsewhere)`;
  }
  console.error(`test tools missing: ${describe(missing)}: ${how}, then run the tests again.`);
  process.exit(1);
}

let missing = TOOLS.filter((tool) => !isPresent(tool));
if (missing.length === 0) process.exit(0);

const installable = missing.filter((tool) => !isOverridden(tool));
const prefix = installable.length > 0 ? rootPrefix() : null;
if (prefix) {
  const packages = packagesFor(installable);
  console.log(`test tools: installing ${packages.join(' ')} with apt-get (first run only; this takes a few minutes)`);
  if (aptGet(prefix, ['update', '-qq']) && aptGet(prefix, ['install', '-y', '-qq', ...packages])) {
    missing = TOOLS.filter((tool) => !isPresent(tool));
  }
}
if (missing.length > 0) giveUp(missing);
