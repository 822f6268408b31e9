// Every setting comes from the environment, with a default and a check. See README "Configurazione".
import path from 'node:path';

export type SeedMode = 'demo' | 'none';

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
  logRequests: boolean;
  catalog: CatalogSettings;
}

/** The catalogue's own DCAT-AP_IT description (dcat:Catalog): who publishes it and what it is. */
export interface CatalogSettings {
  title: string;
  description: string;
  publisherName: string;
  /** IPA code of the administration that runs the portal. */
  publisherIdentifier: string;
}

export class ConfigError extends Error {}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${name} deve essere un numero positivo, non "${raw}"`);
  }
  return value;
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
    logRequests: env.CATALOGO_LOG_REQUESTS === '1',
    catalog: {
      title: env.CATALOGO_CATALOG_TITLE || 'Catalogo dei dati aperti della Toscana',
      description: env.CATALOGO_CATALOG_DESCRIPTION || 'Dati aperti pubblicati dalla Regione Toscana e dai comuni di Firenze, Prato, Sesto Fiorentino, Pistoia, Lucca e dalla Provincia di Massa-Carrara.',
      publisherName: env.CATALOGO_PUBLISHER_NAME || 'Regione Toscana',
      publisherIdentifier: env.CATALOGO_PUBLISHER_IPA || 'r_toscan',
    },
  };
}
