// The process's logger: pino, one JSON line per event on stdout, level from CATALOGO_LOG_LEVEL.
// Other modules log through `logger`; inside a request, through req.log, which carries its id. No
// AsyncLocalStorage: on Node 20 it turns on promise hooks, a cost on every promise of every request.
import pino, { DestinationStream, Logger } from 'pino';
import { logLevelFrom } from '../config';

/**
 * Wherever a secret could sit in what someone logs, it is replaced. The request logs carry no headers
 * at all (see http-log.ts); these paths are the second line of defence for other log calls.
 */
const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-ckan-api-key"]', 'res.headers["set-cookie"]',
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie',
];

/** Error fields that can hold row values (a failed INSERT's parameters: hashes, session data). */
const ERROR_FIELDS_LEFT_OUT = ['parameters', 'driverError', 'query'];

function errorWithoutValues(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  for (const field of ERROR_FIELDS_LEFT_OUT) delete serialized[field];
  return serialized;
}

export function createLogger(destination?: DestinationStream, level = logLevelFrom(process.env) ?? 'info'): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[nascosto]' },
    serializers: { err: errorWithoutValues },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger: Logger = createLogger();

