// CORS: any site may read the API and download files (no credentials), but the HTML pages are not
// opened to other origins.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat.close());

describe('cross-origin access', () => {
  it('answers the API and downloads with Access-Control-Allow-Origin: *', async () => {
    const api = await request(cat.app).get('/api/3/action/status_show').set('Origin', 'https://giornale.example');
    expect(api.headers['access-control-allow-origin']).toBe('*');
    const preflight = await request(cat.app).options('/dataset/x/resource/y/download/f.csv').set('Origin', 'https://giornale.example');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Range');
  });

  it('does not open the HTML pages or their forms to other origins', async () => {
    for (const path of ['/dataset/x/resource/new', '/dataset/x/resource/y/edit', '/user/login', '/dataset']) {
      const res = await request(cat.app).options(path).set('Origin', 'https://malevolo.example').set('Access-Control-Request-Method', 'POST');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
