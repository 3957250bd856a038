/**
 * Structured logging. Log entries carry ids, verbs and outcomes only: never message text,
 * report text or phone numbers, so logs can be shared with ICT without exposing anyone.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** A JSON logger writing to stdout at the given level. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'council-ict-policy-bot' },
      redact: { paths: ['text', '*.text', 'description', '*.description', 'note', '*.note'], censor: '[redacted]' }
    },
    destination ?? process.stdout
  );
}
