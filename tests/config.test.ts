import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000, databaseUrl: null, seed: 'demo', siteUrl: 'http://localhost:3000', maxUploadBytes: 1024 * 1024 * 1024,
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('reads the hosts whose linked tables load into the DataStore: none by default', () => {
    expect(loadConfig({}).ingestUrlHosts).toEqual([]);
    expect(loadConfig({ CATALOGO_INGEST_URL_HOSTS: ' Dati.Toscana.it, ,opendata.comune.fi.it ' }).ingestUrlHosts).toEqual(['dati.toscana.it', 'opendata.comune.fi.it']);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080', CATALOGO_DATA_DIR: '/srv/catalogo', DATABASE_URL: 'postgres://u@db/catalogo', CATALOGO_SEED: 'none',
      CATALOGO_SITE_URL: 'https://dati.toscana.example/', CATALOGO_MAX_UPLOAD_MB: '2',
    });
    expect(config).toMatchObject({
      port: 8080, dataDir: '/srv/catalogo', databaseUrl: 'postgres://u@db/catalogo', seed: 'none',
      siteUrl: 'https://dati.toscana.example', maxUploadBytes: 2 * 1024 * 1024,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ CATALOGO_SEED: 'tutto' }, /CATALOGO_SEED/],
    [{ CATALOGO_SITE_URL: 'dati.toscana.it' }, /CATALOGO_SITE_URL/],
    [{ CATALOGO_MAX_UPLOAD_MB: '-1' }, /CATALOGO_MAX_UPLOAD_MB/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
