// CATALOGO_JOBS: the server runs jobs by default; "off" leaves them to `npm run worker`.
import { ConfigError, loadConfig } from '../../server/config';

describe('CATALOGO_JOBS', () => {
  it('is "inline" by default, and may be "off"', () => {
    expect(loadConfig({}).jobs).toBe('inline');
    expect(loadConfig({ CATALOGO_JOBS: 'off' }).jobs).toBe('off');
    expect(loadConfig({ CATALOGO_JOBS: 'inline' }).jobs).toBe('inline');
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ CATALOGO_JOBS: 'worker' })).toThrow(ConfigError);
    expect(() => loadConfig({ CATALOGO_JOBS: 'worker' })).toThrow('CATALOGO_JOBS vale "inline" o "off", non "worker"');
  });
});
