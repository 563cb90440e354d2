import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags Debian's Chromium needs in containers and CI (STACK.md, "Front end"); playwright adds a fresh profile. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** An error printed as the one line it says (no stack): what to install, or which variable to set. */
export class ChromiumMissing extends Error {
  override name = 'ChromiumMissing';
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

/**
 * Returns the Chromium to drive. When it is missing and this is root on Debian (apt-get), installs
 * Debian's `chromium`; otherwise throws one line saying what to do. Playwright cannot download
 * browsers on these machines, so this is the only way in.
 */
export function ensureChromium(log: (line: string) => void = () => {}): string {
  const file = chromiumPath();
  if (isExecutable(file)) return file;
  const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && hasCommand('apt-get');
  if (canInstall) {
    log(`Chromium is missing at ${file}: apt-get install -y chromium`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env }).status === 0;
    if (!install()) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
      install();
    }
    if (isExecutable(file)) return file;
  }
  throw new ChromiumMissing(
    process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH=${file} is not an executable Chromium: point it at one (or unset it to use /usr/bin/chromium).`
      : `Chromium is not installed at ${file}: run \`apt-get install -y chromium\` as root, or set CHROMIUM_PATH to a Chromium binary.`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}
