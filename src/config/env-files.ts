/**
 * The env files: `env/.env.<name>` and its git-ignored `env/.env.<name>.user` (secrets),
 * read under the real environment, so values set in the shell win over both files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { projectRoot } from './paths.js';

/** Thrown when a variable is missing or has a bad value; the message names every such variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads `env/.env.<name>` and its `.user` file, the user file winning. The app package
 * builder reads the same files as the bot.
 * @param name the environment's name, e.g. `local` or `dev`.
 * @param root the folder holding `env/`; the project's by default.
 * @throws ConfigError when the name is not a simple word or the file does not exist.
 */
export function readEnvFiles(name: string, root: string = projectRoot): NodeJS.ProcessEnv {
  if (!/^[a-z0-9-]+$/i.test(name)) throw new ConfigError(`the environment must be a simple name such as "dev", not "${name}"`);
  const file = path.join(root, 'env', `.env.${name}`);
  if (!existsSync(file)) throw new ConfigError(`${path.relative(root, file)} does not exist (copy env/.env.example to start it)`);
  const fromFile = parseEnv(readFileSync(file, 'utf8'));
  const userFile = `${file}.user`;
  const fromUserFile = existsSync(userFile) ? parseEnv(readFileSync(userFile, 'utf8')) : {};
  return { ...fromFile, ...fromUserFile };
}

/**
 * The values of environment `name` as the bot would see them: its env files underneath
 * the real environment.
 * @param env the variables to read; `process.env` when omitted.
 */
export function environmentValues(name: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...readEnvFiles(name), ...env };
}

/**
 * `env` with the files of `APP_ENV` underneath it, when `APP_ENV` is set.
 * @throws ConfigError naming APP_ENV when its files cannot be read: nothing else can be checked without them.
 */
export function withEnvFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const name = env.APP_ENV?.trim();
  if (!name) return env;
  try {
    return environmentValues(name, env);
  } catch (error) {
    throw error instanceof ConfigError ? new ConfigError(`APP_ENV=${name}: ${error.message}`) : error;
  }
}

/** The product version from package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
