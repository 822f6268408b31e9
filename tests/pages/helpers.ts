// Page-test helpers: read the CSRF token out of a form, log in through the real login form.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeOrg, makeUser, TestUser } from '../support/factories';

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
}

/** An agent holding a logged-in session cookie for `user`. */
export async function loggedInAgent(cat: TestCatalogue, user: TestUser) {
  const agent = request.agent(cat.app);
  const form = await agent.get('/user/login').expect(200);
  await agent.post('/user/login').type('form')
    .send({ username: user.name, password: user.password, _csrf: csrfTokenIn(form.text) })
    .expect(303);
  return agent;
}

/** The CSRF token of a page the agent can see (any page with a form, e.g. the header's logout). */
export async function csrfFor(agent: ReturnType<typeof request.agent>, path: string): Promise<string> {
  return csrfTokenIn((await agent.get(path).expect(200)).text);
}

/** Handlebars escapes `=` and `&` inside attributes; tests compare URLs as a browser reads them. */
export function unescapeHtml(html: string): string {
  return html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
}

export interface EditorsWorld {
  cat: TestCatalogue;
  org: { id: string; name: string };
  editor: TestUser;
  /** An editor of another organization. */
  outsider: TestUser;
  editorAgent: ReturnType<typeof request.agent>;
}

/** A catalogue with two organizations, an editor of each, and the first editor logged in. */
export async function editorsWorld(orgTitle: string, otherOrgTitle: string): Promise<EditorsWorld> {
  const cat = await startCatalogue();
  const org = await makeOrg(cat, { title: orgTitle });
  const otherOrg = await makeOrg(cat, { title: otherOrgTitle });
  const editor = await makeUser(cat);
  const outsider = await makeUser(cat);
  await addMember(cat, org.name, editor.name, 'editor');
  await addMember(cat, otherOrg.name, outsider.name, 'editor');
  return { cat, org, editor, outsider, editorAgent: await loggedInAgent(cat, editor) };
}
