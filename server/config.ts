// Every setting comes from the environment, with a default and a check. See README "Configurazione".
import { isIP } from 'node:net';
import path from 'node:path';

/** CATALOGO_PASSWORD_COST: scrypt's N as log2, its default and bounds (auth/passwords.ts checks stored hashes against the top one). */
export const DEFAULT_PASSWORD_COST = 17;
export const MIN_PASSWORD_COST = 10;
export const MAX_PASSWORD_COST = 20;

export type SeedMode = 'demo' | 'none';
/** Who runs background jobs: the server itself, or only `npm run worker`. */
export type JobsMode = 'inline' | 'off';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  seed: SeedMode;
  siteUrl: string;
  maxUploadBytes: number;
  /** An upload whose body sends nothing for this long is ended (408) and its partial file deleted. */
  uploadStallSeconds: number;
  sessionSecret: string | null;
  jobs: JobsMode;
  /** pino level of the process's logs (CATALOGO_LOG_LEVEL). */
  logLevel: LogLevel;
  /** How long a SIGTERM waits for requests in flight before closing their connections. */
  shutdownSeconds: number;
  catalog: CatalogSettings;
  /** log2 of scrypt's N for new password hashes (existing hashes carry their own N). */
  passwordCost: number;
  /** Express's `trust proxy`: when X-Forwarded-* (client address, https) are believed. */
  trustProxy: TrustProxy;
  /** Action API requests per minute per client (the token's user, else the IP); 0 disables the limit. */
  apiRateLimit: number;
  /** Uploaded tables up to this size load into the DataStore before the upload call returns; larger ones in the background. */
  ingestInlineMaxBytes: number;
  /** Harvesting may reach private, loopback and link-local addresses (CATALOGO_HARVEST_ALLOW_PRIVATE=true): tests, intranets. */
  harvestAllowPrivate: boolean;
  /**
   * Hosts whose linked CSV, TSV, JSON or XLSX resources are fetched and loaded into the DataStore
   * (CATALOGO_INGEST_URL_HOSTS, comma-separated names, lower case); empty (the default): none.
   */
  ingestUrlHosts: string[];
}

export type TrustProxy = boolean | number | string;

/** The catalogue's own DCAT-AP_IT description (dcat:Catalog): who publishes it and what it is. */
export interface CatalogSettings {
  title: string;
  description: string;
  publisherName: string;
  /** IPA code of the administration that runs the portal. */
  publisherIdentifier: string;
}

export class ConfigError extends Error {}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** CATALOGO_LOG_LEVEL, default info (warn under jest, which sets NODE_ENV=test); null if not a level. */
export function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel | null {
  const raw = env.CATALOGO_LOG_LEVEL || (env.NODE_ENV === 'test' ? 'warn' : 'info');
  return (LOG_LEVELS as readonly string[]).includes(raw) ? (raw as LogLevel) : null;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${name} deve essere un numero positivo, non "${raw}"`);
  }
  return value;
}

function checkedLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  const level = logLevelFrom(env);
  if (!level) throw new ConfigError(`CATALOGO_LOG_LEVEL vale uno tra ${LOG_LEVELS.join(', ')}, non "${env.CATALOGO_LOG_LEVEL}"`);
  return level;
}

function integerBetween(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} deve essere un numero intero tra ${min} e ${max}, non "${raw}"`);
  }
  return value;
}

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a subnet (address/bits) or one of Express's names for a range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_PRESETS.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/** Express's `trust proxy` values: true, false, a hop count, or a list of addresses and subnets. */
function trustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '') return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => !isProxyAddress(entry))) {
    throw new ConfigError(`CATALOGO_TRUST_PROXY vale true, false, un numero di proxy o un elenco di indirizzi e sottoreti separati da virgole (esempio: loopback, 10.0.0.0/8), non "${value}"`);
  }
  return entries.join(', ');
}

function trueOrFalse(name: string, raw: string | undefined): boolean {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(`${name} vale "true" o "false", non "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = positiveNumber('PORT', env.PORT, 3000);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL deve essere un URL postgres:// (senza, si usa SQLite)');
  }
  const seed = (env.CATALOGO_SEED || 'demo') as SeedMode;
  if (seed !== 'demo' && seed !== 'none') {
    throw new ConfigError(`CATALOGO_SEED vale "demo" o "none", non "${seed}"`);
  }
  const siteUrl = (env.CATALOGO_SITE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(siteUrl)) {
    throw new ConfigError('CATALOGO_SITE_URL deve essere un URL http(s)://');
  }
  const jobs = (env.CATALOGO_JOBS || 'inline') as JobsMode;
  if (jobs !== 'inline' && jobs !== 'off') {
    throw new ConfigError(`CATALOGO_JOBS vale "inline" o "off", non "${jobs}"`);
  }
  const maxUploadMb = positiveNumber('CATALOGO_MAX_UPLOAD_MB', env.CATALOGO_MAX_UPLOAD_MB, 1024);
  const uploadStallSeconds = positiveNumber('CATALOGO_UPLOAD_STALL_SECONDS', env.CATALOGO_UPLOAD_STALL_SECONDS, 60);
  return {
    port,
    dataDir: path.resolve(env.CATALOGO_DATA_DIR || './data'),
    databaseUrl,
    seed,
    siteUrl,
    maxUploadBytes: Math.floor(maxUploadMb * 1024 * 1024),
    uploadStallSeconds,
    sessionSecret: env.CATALOGO_SESSION_SECRET || null,
    jobs,
    logLevel: checkedLogLevel(env),
    shutdownSeconds: positiveNumber('CATALOGO_SHUTDOWN_SECONDS', env.CATALOGO_SHUTDOWN_SECONDS, 10),
    catalog: {
      title: env.CATALOGO_CATALOG_TITLE || 'Catalogo dei dati aperti della Toscana',
      description: env.CATALOGO_CATALOG_DESCRIPTION || 'Dati aperti pubblicati dalla Regione Toscana e dai comuni di Firenze, Prato, Sesto Fiorentino, Pistoia, Lucca e dalla Provincia di Massa-Carrara.',
      publisherName: env.CATALOGO_PUBLISHER_NAME || 'Regione Toscana',
      publisherIdentifier: env.CATALOGO_PUBLISHER_IPA || 'r_toscan',
    },
    passwordCost: integerBetween('CATALOGO_PASSWORD_COST', env.CATALOGO_PASSWORD_COST, DEFAULT_PASSWORD_COST, MIN_PASSWORD_COST, MAX_PASSWORD_COST),
    trustProxy: trustProxy(env.CATALOGO_TRUST_PROXY),
    apiRateLimit: integerBetween('CATALOGO_API_RATE_LIMIT', env.CATALOGO_API_RATE_LIMIT, 600, 0, 1_000_000),
    ingestInlineMaxBytes: Math.floor(positiveNumber('CATALOGO_INGEST_INLINE_MB', env.CATALOGO_INGEST_INLINE_MB, 2) * 1024 * 1024),
    harvestAllowPrivate: trueOrFalse('CATALOGO_HARVEST_ALLOW_PRIVATE', env.CATALOGO_HARVEST_ALLOW_PRIVATE),
    ingestUrlHosts: (env.CATALOGO_INGEST_URL_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean),
  };
}
