// The upload form under CATALOGO_MAX_UPLOAD_MB: a file too large comes back as the form with the limit
// next to the file field, and nothing is stored.
import fs from 'node:fs';
import path from 'node:path';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, getAction, makeDataset, makeOrg, makeUser } from '../support/factories';
import { loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue({ CATALOGO_MAX_UPLOAD_MB: '0.01' });
});
afterAll(async () => cat.close());

it('shows the limit next to the file field and stores nothing', async () => {
  const org = await makeOrg(cat);
  const editor = await makeUser(cat);
  await addMember(cat, org.name, editor.name, 'editor');
  await makeDataset(cat, org.name, { name: 'troppo-grande' });
  const agent = await loggedInAgent(cat, editor);
  const form = await agent.get('/dataset/troppo-grande/resource/new').expect(200);
  const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
  const res = await agent.post(action).field('name', 'Enorme').attach('upload', Buffer.alloc(50_000, 'x'), { filename: 'enorme.csv' });
  expect(res.status).toBe(413);
  expect(res.text).toMatch(/id="field-upload-error"[^>]*>[\s\S]*dimensione massima/);
  expect((await getAction(cat, 'package_show', { id: 'troppo-grande' })).body.result.resources).toEqual([]);
  // Temporary files live in a folder per instance (tmp/NODE_ID/): no file may be left in any.
  expect(fs.readdirSync(path.join(cat.dataDir, 'tmp'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
});
