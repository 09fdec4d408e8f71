import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { rootDir, type Locale } from '../config.js';
import type { Translate } from './i18n.js';

/** What an e-mail says, in the recipient's language; one template turns it into text and HTML. */
export interface EmailContent {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  /** Short lines shown as a list (meetings, projects). */
  list?: string[];
  /** What the reader must know before they press the link (honorarium, deadline); shown just above it. */
  essentials?: string[];
  /** A personal word from the sender, quoted as typed (line breaks kept) and signed with their name; after the link. */
  quote?: { text: string; by: string };
  /** The one link the e-mail is about, near the top: a button-like link, and the plain address beside it to copy. */
  action?: { label: string; url: string };
  /** Paragraphs after the link (what to do if this was not you, how to stop e-mails). */
  after?: string[];
  /** Who the e-mail is from (the organisation). */
  signature: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

let compiled: ejs.TemplateFunction | undefined;
const template = (): ejs.TemplateFunction =>
  (compiled ??= ejs.compile(readFileSync(path.join(rootDir, 'views', 'emails', 'message.ejs'), 'utf8')));

/** Renders an e-mail as plain text (read by many screen readers and older clients first) and as simple HTML. */
export function renderEmail(content: EmailContent, t: Translate): RenderedEmail {
  const list = content.list ?? [];
  const after = content.after ?? [];
  const essentials = content.essentials ?? [];
  const action = content.action ? { ...content.action, fallback: t('email.linkFallback') } : undefined;
  const quote = content.quote ? { lines: content.quote.text.split(/\r?\n/), by: content.quote.by } : null;
  const text = [
    ...content.paragraphs,
    ...(list.length ? [list.map((item) => `- ${item}`).join('\n')] : []),
    ...essentials,
    ...(action ? [`${action.label}:\n${action.url}`] : []),
    ...(quote ? [[...quote.lines.map((line) => `> ${line}`), `– ${quote.by}`].join('\n')] : []),
    ...after,
    `-- \n${content.signature}`,
  ].join('\n\n');
  const html = template()({ ...content, list, essentials, after, quote, action: action ?? null });
  return { subject: content.subject, text: `${text}\n`, html };
}
