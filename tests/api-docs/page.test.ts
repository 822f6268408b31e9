// /api/docs: a readable page that names every action without JavaScript, and runs Swagger UI
// from files served by the portal itself (the CSP allows no inline script).
import request from 'supertest';
import { listActions } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';

describe('the API documentation page at /api/docs', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await startCatalogue();
  });
  afterAll(async () => cat.close());

  it('lists every action with its help text, in Italian, without needing JavaScript', async () => {
    const res = await request(cat.app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain("<h1>Documentazione dell'API</h1>");
    for (const action of listActions()) {
      expect(res.text).toContain(`/api/3/action/${action.name}</code>`);
    }
    expect(res.text).toContain('Crea un utente (solo amministratori di sistema).');
  });

  it('loads its scripts from the portal only, as the CSP requires', async () => {
    const res = await request(cat.app).get('/api/docs');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const scripts = [...res.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBe(2);
    for (const attributes of scripts) expect(attributes).toMatch(/src="\/assets\//);
    for (const src of ['/assets/swagger-ui/swagger-ui-bundle.js', '/assets/swagger-ui/swagger-ui.css', '/assets/catalogo/api-docs.js']) {
      expect({ src, status: (await request(cat.app).get(src)).status }).toEqual({ src, status: 200 });
    }
  });
});
