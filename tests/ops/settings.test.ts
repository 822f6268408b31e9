// The operator's settings: CATALOGO_LOG_LEVEL and CATALOGO_SHUTDOWN_SECONDS, with defaults and checks.
import { ConfigError, loadConfig } from '../../server/config';

describe('operations settings', () => {
  it('default to info logs (warn under NODE_ENV=test) and a 10-second shutdown', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', shutdownSeconds: 10 });
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
  });

  it('read CATALOGO_LOG_LEVEL and CATALOGO_SHUTDOWN_SECONDS', () => {
    expect(loadConfig({ CATALOGO_LOG_LEVEL: 'debug', CATALOGO_SHUTDOWN_SECONDS: '2.5' })).toMatchObject({ logLevel: 'debug', shutdownSeconds: 2.5 });
  });

  it.each([
    [{ CATALOGO_LOG_LEVEL: 'verbose' }, /CATALOGO_LOG_LEVEL vale uno tra fatal, error, warn, info, debug, trace, silent/],
    [{ CATALOGO_SHUTDOWN_SECONDS: '0' }, /CATALOGO_SHUTDOWN_SECONDS/],
  ])('refuse %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
