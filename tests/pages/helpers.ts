// Page-test helpers: read the CSRF token out of a form, log in through the real login form.
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { TestUser } from '../support/factories';

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
