import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from './app.js';
import { buildOrganisation, buildUser } from './builders.js';

/** The CSRF token of the first form in a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field in the page');
  return match[1];
}

/** The value of <html lang="…">. */
export function htmlLang(html: string): string | undefined {
  return /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
}

export type Agent = ReturnType<typeof request.agent>;

/** Signs in through the real form; returns the agent (cookies kept) and the sign-in response. */
export async function signIn(app: Express, email: string, password: string, agent: Agent = request.agent(app)) {
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password, returnTo: '/' });
  return { agent, res };
}

/** Fetches a page and posts a form from it with that page's CSRF token. */
export async function submitForm(agent: Agent, formPage: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(formPage);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

/** The session cookie ("name=value") from a response, if one was set. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => /^(medvirk\.sid|__Host-medvirk)=/.test(c))?.split(';')[0];
}

/**
 * The real app on a fresh database with one organisation and one signed-in user of the given role: the set-up most
 * integration suites start from.
 */
export async function signedInApp(role: 'admin' | 'facilitator' | 'supervisor' = 'facilitator') {
  const t = await buildTestApp();
  const orgId = await buildOrganisation(t.db);
  const user = await buildUser(t.db, orgId, { role });
  const { agent } = await signIn(t.app, user.email, user.password);
  return { t, orgId, user, agent };
}
