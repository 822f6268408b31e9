// CATALOGO_TRUST_PROXY: behind a reverse proxy on another host, X-Forwarded-Proto makes the login
// cookie secure; from an address that is not trusted, forged X-Forwarded-* headers change nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../server/config';
import { TestCatalogue } from '../support/harness';
import { makeUser } from '../support/factories';
import { authCatalogue, loginAttempt, pinClock, sessionCookieOf } from './support';

/** The app as a proxy at `address` reaches it: the TCP peer is the proxy, not the test's loopback. */
function reachedFrom(app: Express, address: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    Object.defineProperty(req.socket, 'remoteAddress', { value: address, configurable: true });
    app(req, res);
  };
}

const HTTPS = { 'X-Forwarded-Proto': 'https' };

describe('CATALOGO_TRUST_PROXY', () => {
  it("takes the values of Express's trust proxy, loopback by default", () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ CATALOGO_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ CATALOGO_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ CATALOGO_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ CATALOGO_TRUST_PROXY: 'loopback,10.0.0.0/8, 192.168.1.5, fd00::/8' }).trustProxy)
      .toBe('loopback, 10.0.0.0/8, 192.168.1.5, fd00::/8');
    for (const bad of ['sì', '10.0.0.0/33', '10.0.0', 'loopback,,', '-1']) {
      expect(() => loadConfig({ CATALOGO_TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ CATALOGO_TRUST_PROXY: bad })).toThrow(/CATALOGO_TRUST_PROXY/);
    }
  });
});

describe('an https site behind a proxy on another host (10.0.0.0/8 trusted)', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await authCatalogue({ CATALOGO_SITE_URL: 'https://dati.example.it', CATALOGO_TRUST_PROXY: '10.0.0.0/8' });
  });
  afterAll(async () => cat.close());

  it('logs in with a secure session cookie that then identifies the user', async () => {
    const proxy = reachedFrom(cat.app, '10.1.2.3');
    const user = await makeUser(cat);
    const res = await loginAttempt(proxy, user.name, user.password, '198.51.100.20', HTTPS);
    expect(res.status).toBe(303);
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatch(/;\s*Secure/i);
    const home = await request(proxy).get('/').set(HTTPS).set('Cookie', cookie.split(';')[0]).expect(200);
    expect(home.text).toContain(`Connesso come ${user.name}`);
  });

  it('counts login attempts per client address as the proxy reports it', async () => {
    const proxy = reachedFrom(cat.app, '10.1.2.3');
    const target = await makeUser(cat);
    for (let i = 0; i < 10; i += 1) expect((await loginAttempt(proxy, target.name, 'no', '198.51.100.21', HTTPS)).status).toBe(401);
    expect((await loginAttempt(proxy, target.name, target.password, '198.51.100.21', HTTPS)).status).toBe(429);
    // Another client behind the same proxy has its own count.
    expect((await loginAttempt(proxy, target.name, target.password, '198.51.100.22', HTTPS)).status).toBe(303);
  });

  it('ignores X-Forwarded-Proto from a host outside the trusted range: no cookie goes over plain http', async () => {
    const form = await request(reachedFrom(cat.app, '172.16.0.9')).get('/user/login').set(HTTPS).expect(200);
    expect(sessionCookieOf(form)).toBe('');
  });
});

describe('forged X-Forwarded-For when no proxy is trusted (CATALOGO_TRUST_PROXY=false)', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await authCatalogue({ CATALOGO_TRUST_PROXY: 'false', CATALOGO_API_RATE_LIMIT: '3' });
  });
  afterAll(async () => cat.close());
  afterEach(() => jest.restoreAllMocks());

  it('gives no fresh login attempts: a new X-Forwarded-For each time still counts as one client', async () => {
    const target = await makeUser(cat);
    // Straight from loopback (which the default trusts) and from another host: the same rule.
    for (const app of [cat.app, reachedFrom(cat.app, '10.1.2.4')]) {
      for (let i = 0; i < 10; i += 1) expect((await loginAttempt(app, target.name, 'no', `192.0.2.${i}`)).status).toBe(401);
      expect((await loginAttempt(app, target.name, target.password, '192.0.2.99')).status).toBe(429);
    }
  });

  it('gives no fresh API allowance either', async () => {
    pinClock();
    for (let i = 0; i < 3; i += 1) await request(cat.app).get('/api/3/action/package_list').set('X-Forwarded-For', `192.0.2.${i}`).expect(200);
    await request(cat.app).get('/api/3/action/package_list').set('X-Forwarded-For', '192.0.2.50').expect(429);
  });
});
