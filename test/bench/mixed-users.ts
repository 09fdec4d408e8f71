// The mixed bench's virtual users (issue 26): each one signed in with its own session, picking what to do next by
// weight from a facilitator's day, as a browser does it: forms are fetched, filled from the page's own fields (with
// the page's CSRF token) and saved, and the page the save redirects to is fetched and must show the success message.
import { mulberry32 } from '../../seeds/demo-kit.js';
import type { Account, MixedData } from './mixed-seed.js';

/** What is measured: one row of the table each, with the route pattern the server's metrics label it with. */
export const ACTIONS = {
  dashboard: { label: 'dashboard (worklist, mine or all)', method: 'GET', route: '/' },
  roster: { label: 'roster, one of 400 pages', method: 'GET', route: '/representatives' },
  rosterSkills: { label: 'roster filtered by two skills', method: 'GET', route: '/representatives' },
  rosterSearch: { label: 'roster, text search', method: 'GET', route: '/representatives' },
  profile: { label: 'profile (audited)', method: 'GET', route: '/representatives/:id' },
  project: { label: 'project page', method: 'GET', route: '/projects/:id' },
  matches: { label: 'matches', method: 'GET', route: '/projects/:id/matches' },
  report: { label: 'report (12m, month, quarter, year)', method: 'GET', route: '/reports' },
  personForm: { label: 'edit person: form', method: 'GET', route: '/representatives/:id/edit' },
  personSave: { label: 'edit person: save', method: 'POST', route: '/representatives/:id/edit' },
  attendanceForm: {
    label: 'attendance: form',
    method: 'GET',
    route: '/projects/:id/meetings/:meetingId/attendance',
  },
  attendanceSave: {
    label: 'attendance: save',
    method: 'POST',
    route: '/projects/:id/meetings/:meetingId/attendance',
  },
} as const;
export type ActionName = keyof typeof ACTIONS;

/** The first few failures are kept whole enough to read; the rest are counted. */
const SAMPLES_KEPT = 8;
/** A request unanswered this long counts as an error: a proxy in front (nginx's default read timeout) gives up too. */
const REQUEST_TIMEOUT_MS = 60_000;

/** Latencies of the measured window and errors of the whole run, by action. */
export class Recorder {
  recording = false;
  stopped = false;
  readonly latencies = new Map<ActionName, number[]>();
  readonly errors = new Map<ActionName, number>();
  readonly samples: string[] = [];

  record(action: ActionName, ms: number, counted: boolean): void {
    if (!counted) return;
    const list = this.latencies.get(action) ?? [];
    list.push(ms);
    this.latencies.set(action, list);
  }

  fail(action: ActionName, detail: string): void {
    this.errors.set(action, (this.errors.get(action) ?? 0) + 1);
    if (this.samples.length < SAMPLES_KEPT) this.samples.push(`${ACTIONS[action].label}: ${detail}`);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_, name: string) => ENTITIES[name]!);
const attributes = (tag: string) =>
  new Map([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, decode(m[2] ?? '')] as const));

/** The fields a browser would send from the form posting to `action`: what the page filled in, as it stands. */
export function formFields(html: string, action: string): URLSearchParams | undefined {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) return undefined;
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields = new URLSearchParams();
  const control = /<input\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g;
  for (const m of form.matchAll(control)) {
    const attrs = attributes(m[1] ?? m[2] ?? m[4] ?? '');
    const name = attrs.get('name');
    if (!name || attrs.has('disabled')) continue;
    if (m[1] !== undefined) {
      const type = attrs.get('type') ?? 'text';
      if (['submit', 'button', 'file', 'reset', 'image'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !attrs.has('checked')) continue;
      fields.append(name, attrs.get('value') ?? (type === 'checkbox' ? 'on' : ''));
    } else if (m[2] !== undefined) {
      const options = [...m[3]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
      const chosen = options.find((o) => o.has('selected')) ?? options[0];
      if (chosen) fields.append(name, chosen.get('value') ?? '');
    } else fields.append(name, decode(m[5]!));
  }
  return fields;
}

/** What a page said when it was not what was expected: its validation messages, or its title and first words. */
function snippet(body: string): string {
  const messages = [...body.matchAll(/ds-validation-message"[^>]*>([^<]*)</g)].map((m) => decode(m[1]!).trim());
  if (messages.length) return messages.join(' / ').slice(0, 240);
  const title = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? '';
  const text = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${decode(title)} | ${decode(text)}`.slice(0, 240);
}

interface Answer {
  status: number;
  body: string;
  location: string;
}

/** Search words that occur in the seeded names (first and last names, and a number in the name). */
const SEARCHES = ['Hansen', 'ingrid', 'Ødegaard', 'berg', 'Kari', 'Olsen', 'åse', 'Lund', 'Warsame', '1234', 'tove'];
const PERIODS = ['12m', '12m', 'month', 'quarter', 'year'];

/** One signed-in person clicking through the app until the recorder says stop. */
export class VirtualUser {
  private readonly random: () => number;
  private readonly cookies = new Map<string, string>();
  private saves = 0;

  constructor(
    private readonly base: string,
    private readonly account: Account,
    private readonly data: MixedData,
    private readonly recorder: Recorder,
    private readonly thinkMs: number,
    index: number,
    cookie: string,
  ) {
    this.random = mulberry32(20261126 + index);
    for (const pair of cookie.split('; ')) this.keep(pair);
  }

  private keep(pair: string): void {
    const eq = pair.indexOf('=');
    if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** One request, timed to the end of its body; a network failure or a timeout is status 0. */
  private async send(action: ActionName, path: string, form?: URLSearchParams): Promise<Answer | undefined> {
    if (this.recorder.stopped) return undefined;
    const counted = this.recorder.recording;
    const started = performance.now();
    let answer: Answer;
    try {
      const res = await fetch(`${this.base}${path}`, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          'x-forwarded-proto': 'https',
          cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form?.toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      answer = { status: res.status, body: await res.text(), location: res.headers.get('location') ?? '' };
      for (const c of res.headers.getSetCookie()) this.keep(c.split(';')[0]!);
    } catch (err) {
      answer = { status: 0, body: String(err), location: '' };
    }
    this.recorder.record(action, performance.now() - started, counted);
    if (this.thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, this.random() * this.thinkMs));
    return answer;
  }

  /** A GET that must answer 200 (and, after a save, show the success message). */
  private async read(action: ActionName, path: string, saved?: ActionName): Promise<Answer | undefined> {
    const answer = await this.send(action, path);
    if (!answer) return undefined;
    if (answer.status !== 200) {
      this.recorder.fail(action, `GET ${path} answered ${answer.status}: ${snippet(answer.body)}`);
      return undefined;
    }
    if (saved && !answer.body.includes('app-flash" data-color="success"'))
      this.recorder.fail(saved, `the page after the save (${path}) shows no success message: ${snippet(answer.body)}`);
    return answer;
  }

  /** Fetches a form, lets `fill` change it, saves it (303 back to `back`) and fetches the page it leads to. */
  private async save(
    formAction: ActionName,
    saveAction: ActionName,
    formPath: string,
    postPath: string,
    back: { action: ActionName; path: string },
    fill: (fields: URLSearchParams) => void,
  ): Promise<void> {
    const page = await this.read(formAction, formPath);
    if (!page) return;
    const fields = formFields(page.body, postPath);
    if (!fields?.get('_csrf')) return this.recorder.fail(saveAction, `no form posting to ${postPath} on ${formPath}`);
    fill(fields);
    const answer = await this.send(saveAction, postPath, fields);
    if (!answer) return;
    if (answer.status !== 303 || answer.location !== back.path)
      return this.recorder.fail(
        saveAction,
        `POST ${postPath} answered ${answer.status} → ${answer.location || '-'}: ${snippet(answer.body)}`,
      );
    await this.read(back.action, back.path, saveAction);
  }

  private editPerson(): Promise<void> {
    const id = this.pick(this.account.people);
    const n = (this.saves += 1);
    return this.save(
      'personForm',
      'personSave',
      `/representatives/${id}/edit`,
      `/representatives/${id}/edit`,
      { action: 'profile', path: `/representatives/${id}` },
      (fields) => fields.set('notes', `Ringt opp ${n}. gang av ${this.account.email}; vil gjerne delta igjen.`),
    );
  }

  private logAttendance(): Promise<void> {
    const { projectId, meetingId } = this.pick(this.account.meetings);
    const path = `/projects/${projectId}/meetings/${meetingId}/attendance`;
    const n = (this.saves += 1);
    return this.save('attendanceForm', 'attendanceSave', path, path, { action: 'attendanceForm', path }, (fields) => {
      // the team as the page shows it, with one person's travel costs typed in (or cleared) this time
      const travel = [...fields.keys()].filter((k) => k.startsWith('travel-'));
      if (travel.length) fields.set(this.pick(travel), n % 3 ? String(40 + (n % 90)) : '');
    });
  }

  /** The mix: weights per 100 picks (each write is three requests: the form, the save, the page after it). */
  private readonly mix: Array<[number, () => Promise<unknown>]> = [
    [14, () => this.read('dashboard', this.random() < 0.75 ? '/' : '/?view=all')],
    [12, () => this.read('roster', `/representatives?page=${1 + Math.floor(this.random() * 400)}`)],
    [8, () => this.read('rosterSkills', this.skillPair())],
    [8, () => this.read('rosterSearch', `/representatives?q=${encodeURIComponent(this.pick(SEARCHES))}`)],
    [16, () => this.read('profile', `/representatives/${this.pick(this.data.representativeIds)}`)],
    [10, () => this.read('project', `/projects/${this.pick(this.data.projectIds)}`)],
    [6, () => this.read('matches', `/projects/${this.pick(this.data.projectIds)}/matches`)],
    [6, () => this.read('report', `/reports?period=${this.pick(PERIODS)}`)],
    [10, () => this.editPerson()],
    [10, () => this.logAttendance()],
  ];

  private skillPair(): string {
    const a = this.pick(this.data.skillIds);
    let b = this.pick(this.data.skillIds);
    while (b === a) b = this.pick(this.data.skillIds);
    return `/representatives?skill=${a}&skill=${b}`;
  }

  /** Arrives after `delayMs`, then clicks until told to stop (the request under way ends first). */
  async run(delayMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const total = this.mix.reduce((sum, [weight]) => sum + weight, 0);
    while (!this.recorder.stopped) {
      let roll = this.random() * total;
      const next = this.mix.find(([weight]) => (roll -= weight) < 0) ?? this.mix[0]!;
      await next[1]();
    }
  }
}
