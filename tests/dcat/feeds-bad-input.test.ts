// Bad requests to the feeds get a 4xx, never a 500: malformed escapes in the path, queries longer than
// package_search accepts.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';

let cat: TestCatalogue;
beforeAll(async () => { cat = await startCatalogue(); });
afterAll(async () => cat.close());

it.each(['/dataset/%ZZ.ttl', '/feeds/organization/%ZZ.atom', '/dataset/%E0%A4%A'])('answers %s with 400', async (path) => {
  expect((await request(cat.app).get(path)).status).toBe(400);
});

it('refuses a q longer than package_search accepts, with a plain-text 400', async () => {
  const res = await request(cat.app).get('/catalog.jsonld').query({ q: 'NOT '.repeat(1500) + 'acqua' });
  expect(res.status).toBe(400);
  expect(res.text).toContain('Il parametro q è troppo lungo: al massimo 1000 caratteri');
});

it('answers a deeply nested but short fq without a 500', async () => {
  const res = await request(cat.app).get('/catalog.ttl').query({ fq: `${'('.repeat(400)}tags:a${')'.repeat(400)}` });
  expect(res.status).toBeLessThan(500);
});
