// Request logs: one JSON line per request with its id, method, path, status, duration and user, and
// never a token, a password, a cookie or a secret query parameter.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { defineAction, publicAction, registerActions } from '../../server/core/actions';
import { isPostgres } from '../../server/db/dialect';
import { createLogger } from '../../server/ops/log';
import { makeUser, TestUser } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  user?: string;
  responseTime?: number;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  err?: Record<string, unknown>;
}

let cat: TestCatalogue;
let app: Express;
let user: TestUser;
let written: string[] = [];

const lines = (): LogLine[] => written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const linesOf = (reqId: string) => lines().filter((line) => line.reqId === reqId);

beforeAll(async () => {
  cat = await startCatalogue();
  app = await createApp(cat.services, { logger: createLogger({ write: (line: string) => void written.push(line) }, 'debug') });
  user = await makeUser(cat);
  // An internal error whose database error carries a value: a log must not copy row values.
  registerActions([defineAction({
    name: 'ops_test_failing_query', kind: 'read', schema: null, auth: publicAction, help: 'test',
    run: async (ctx) => ctx.services.db.query(`SELECT * FROM no_such_table WHERE x = ${isPostgres(ctx.services.db) ? '$1' : '?'}`, ['valore-riservato']),
  })]);
});
afterAll(async () => cat?.close());
beforeEach(() => {
  written = [];
});

function csrfTokenIn(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}

describe('request logs', () => {
  it('log a token request with its id, user, status and duration, and without the token', async () => {
    const res = await request(app).get('/api/3/action/package_list').query({ limit: '5' }).set('Authorization', user.token).expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [line] = linesOf(id);
    expect(line).toMatchObject({ level: 30, user: user.name, req: { method: 'GET', url: '/api/3/action/package_list?limit=5' }, res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect(written.join('')).not.toContain(user.token);
  });

  it('leave secret-looking query parameters out of the logged path', async () => {
    const res = await request(app).get('/dataset').query({ q: 'acqua', api_key: user.token, token: 'tok-segreto', _csrf: 'csrf-segreto' });
    const [line] = linesOf(res.headers['x-request-id']);
    expect(line.req).toEqual({ method: 'GET', url: '/dataset?q=acqua' });
    for (const secret of [user.token, 'tok-segreto', 'csrf-segreto']) expect(written.join('')).not.toContain(secret);
  });

  it('keep a sane incoming X-Request-Id and replace one that is not', async () => {
    const kept = await request(app).get('/api/3/action/status_show').set('X-Request-Id', 'proxy-7f3a:42').expect(200);
    expect(kept.headers['x-request-id']).toBe('proxy-7f3a:42');
    expect(linesOf('proxy-7f3a:42')).toHaveLength(1);
    const forged = 'x"}\t{"level":60'.padEnd(300, 'x');
    const replaced = await request(app).get('/api/3/action/status_show').set('X-Request-Id', forged).expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.join('')).not.toContain(forged);
  });

  it('log a login with its id and without the password, the cookie or the CSRF token', async () => {
    const agent = request.agent(app);
    const form = await agent.get('/user/login').expect(200);
    const csrf = csrfTokenIn(form.text);
    const login = await agent.post('/user/login').type('form')
      .send({ username: user.name, password: user.password, _csrf: csrf }).expect(303);
    const cookie = String(login.headers['set-cookie']).split(';')[0].split('=')[1];
    const [line] = linesOf(login.headers['x-request-id']);
    expect(line).toMatchObject({ req: { method: 'POST', url: '/user/login' }, res: { statusCode: 303 } });
    const all = written.join('');
    for (const secret of [user.password, csrf, cookie, decodeURIComponent(cookie)]) expect(all).not.toContain(secret);
  });

  it('log an internal error with the request id and without the values of the failed query', async () => {
    const res = await request(app).get('/api/3/action/ops_test_failing_query').expect(500);
    const own = linesOf(res.headers['x-request-id']);
    expect(own.map((line) => line.level)).toEqual([50, 50]);
    expect(own.find((line) => line.msg === 'errore interno')?.err?.message).toMatch(/no_such_table/);
    expect(written.join('')).not.toContain('valore-riservato');
  });

  it('log the health probes at debug level only', async () => {
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);
    expect(lines().map((line) => [line.req?.url, line.level])).toEqual([['/healthz', 20], ['/readyz', 20]]);
  });
});
