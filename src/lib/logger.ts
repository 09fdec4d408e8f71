import type { Config } from '../config.js';

type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

/**
 * Structured JSON lines on stdout/stderr. Callers pass ids and codes only: never names, e-mail addresses,
 * tokens, passwords or query strings (which may hold a searched name).
 */
export function createLogger(level: Config['logLevel']): Logger {
  const write = (stream: NodeJS.WriteStream, lvl: string, event: string, fields: Fields = {}) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, event, ...fields })}\n`);
  };
  return {
    info: (event, fields) => {
      if (level === 'info') write(process.stdout, 'info', event, fields);
    },
    error: (event, fields) => {
      if (level !== 'silent') write(process.stderr, 'error', event, fields);
    },
  };
}
