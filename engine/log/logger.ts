/**
 * Structured JSON-lines logging to stderr (stdout stays clean for CLI --json output). Every line can
 * carry the interaction's correlation id, so one shopper's question can be followed end to end.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function envLevel(): LogLevel {
  const v = process.env.VOICE_KIOSK_LOG_LEVEL;
  return v === 'debug' || v === 'info' || v === 'warn' || v === 'error' ? v : 'info';
}

/** Creates a logger for one module; `child` adds fields such as correlationId or jobId. */
export function createLogger(module: string, base: Record<string, unknown> = {}, sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const min = ORDER[envLevel()];
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level, module, msg, ...base, ...fields }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(module, { ...base, ...fields }, sink),
  };
}
