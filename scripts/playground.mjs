#!/usr/bin/env node
/**
 * `npm run playground`: Microsoft 365 Agents Playground, pointed at the bot on `PORT` (as the
 * bot reads it, default 3978) and itself on `PLAYGROUND_PORT` (default 56150), so a bot moved
 * off a taken port is still reached with the same command.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const port = (name, fallback) => {
  const value = process.env[name]?.trim() || String(fallback);
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    console.error(`${name} must be a port number (0 to 65535), not "${value}"`);
    process.exit(2);
  }
  return value;
};

const botPort = port('PORT', 3978);
const playgroundPort = port('PLAYGROUND_PORT', 56150);
const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
const args = [cli, '-e', `http://localhost:${botPort}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry', ...process.argv.slice(2)];

console.log(`Agents Playground for the bot at http://localhost:${botPort}/api/messages`);
const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
