// The mixed bench's figures (issue 26): the server's own request-duration histogram per method and route pattern,
// scraped from /metrics of every instance before and after the measured window and subtracted, with quantiles read
// from it as Prometheus's histogram_quantile does (linear within a bucket); and the table of client and server figures.
import { out, percentile } from './harness.js';
import { ACTIONS, type ActionName, type Recorder } from './mixed-users.js';

const METRIC = 'medvirk_http_request_duration_seconds_bucket';

/** Cumulative counts by upper bound in seconds (Infinity last), per "METHOD route". */
export type Histograms = Map<string, Map<number, number>>;

const labelsOf = (text: string) =>
  new Map([...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!] as const));

/** One instance's process figures: CPU used so far, and the event loop's delay since the previous scrape. */
export interface InstanceFigures {
  cpuSeconds: number;
  /** Time spent in garbage collection so far, all kinds. */
  gcSeconds: number;
  heapUsedMb: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

export interface Scrape {
  histograms: Histograms;
  instances: InstanceFigures[];
}

/** Every instance's /metrics: the request-duration buckets summed over status classes and instances, and each one's process figures. */
export async function scrape(bases: string[], token: string): Promise<Scrape> {
  const histograms: Histograms = new Map();
  const instances: InstanceFigures[] = [];
  for (const base of bases) {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${base}/metrics answered ${res.status}`);
    const text = await res.text();
    const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    instances.push({
      cpuSeconds: gauge('process_cpu_seconds_total'),
      gcSeconds: [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      ),
      heapUsedMb: gauge('nodejs_heap_size_used_bytes') / 2 ** 20,
      lagP99Ms: gauge('nodejs_eventloop_lag_p99_seconds') * 1000,
      lagMaxMs: gauge('nodejs_eventloop_lag_max_seconds') * 1000,
    });
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${METRIC}{`)) continue;
      const close = line.lastIndexOf('}');
      const labels = labelsOf(line.slice(METRIC.length + 1, close));
      const le = labels.get('le') === '+Inf' ? Infinity : Number(labels.get('le'));
      const key = `${labels.get('method')} ${labels.get('route')}`;
      const buckets = histograms.get(key) ?? new Map<number, number>();
      buckets.set(le, (buckets.get(le) ?? 0) + Number(line.slice(close + 1)));
      histograms.set(key, buckets);
    }
  }
  return { histograms, instances };
}

/** After minus before: the requests answered in between. */
export function subtract(after: Histograms, before: Histograms): Histograms {
  const result: Histograms = new Map();
  for (const [key, buckets] of after) {
    const earlier = before.get(key);
    result.set(key, new Map([...buckets].map(([le, n]) => [le, n - (earlier?.get(le) ?? 0)])));
  }
  return result;
}

export interface ServerFigure {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  /** The quantile fell in the last bucket (over 10 s): the figure is its lower bound. */
  overflow: boolean;
}

/** A quantile by linear interpolation within the bucket it falls in (the first bucket starts at 0). */
function quantile(buckets: Array<[number, number]>, q: number): { ms: number; overflow: boolean } {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (!total) return { ms: 0, overflow: false };
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, cumulative] of buckets) {
    if (cumulative >= rank && cumulative > below) {
      if (le === Infinity) return { ms: lower * 1000, overflow: true };
      return { ms: (lower + ((le - lower) * (rank - below)) / (cumulative - below)) * 1000, overflow: false };
    }
    lower = le;
    below = cumulative;
  }
  return { ms: lower * 1000, overflow: false };
}

export function serverFigure(histograms: Histograms, method: string, route: string): ServerFigure {
  const buckets = [...(histograms.get(`${method} ${route}`) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
  const p50 = quantile(buckets, 0.5);
  const p95 = quantile(buckets, 0.95);
  return { requests: buckets.at(-1)?.[1] ?? 0, p50Ms: p50.ms, p95Ms: p95.ms, overflow: p95.overflow };
}

export interface Row {
  action: ActionName;
  label: string;
  route: string;
  requests: number;
  clientP50Ms: number;
  clientP95Ms: number;
  server: ServerFigure;
  errors: number;
}

/** One row per action, in the order of ACTIONS; the server's figures are the route's (shared by its actions). */
export function rowsOf(recorder: Recorder, histograms: Histograms): Row[] {
  return (Object.keys(ACTIONS) as ActionName[]).map((action) => {
    const { label, method, route } = ACTIONS[action];
    const latencies = [...(recorder.latencies.get(action) ?? [])].sort((a, b) => a - b);
    return {
      action,
      label,
      route: `${method} ${route}`,
      requests: latencies.length,
      clientP50Ms: percentile(latencies, 50),
      clientP95Ms: percentile(latencies, 95),
      server: serverFigure(histograms, method, route),
      errors: recorder.errors.get(action) ?? 0,
    };
  });
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** The markdown table, columns padded so that it also reads in a terminal. */
export function printTable(rows: Row[]): void {
  const shared = (route: string) => rows.filter((r) => r.route === route).length > 1;
  const header = ['action', 'route', 'requests', 'client p50 ms', 'client p95 ms', 'server p95 ms', 'errors'];
  const cells = rows.map((r) => [
    r.label,
    `\`${r.route}\``,
    String(r.requests),
    ms(r.clientP50Ms),
    ms(r.clientP95Ms),
    `${r.server.overflow ? '>' : ''}${ms(r.server.p95Ms)}${shared(r.route) ? '*' : ''}`,
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  cells.forEach((row) => out(line(row)));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface WriteReadCheck {
  writeRoute: string;
  writeP95Ms: number;
  readMedianP95Ms: number;
  ratio: number;
  clientRatio: number;
  passed: boolean;
}

/**
 * "Writes no slower than 5× reads": the slowest write route's server p95 against the median of the read routes'
 * server p95 (each route once); the same on the client's figures, for comparison.
 */
export function writeReadCheck(rows: Row[]): WriteReadCheck {
  const routes = [...new Map(rows.map((r) => [r.route, r])).values()].filter((r) => r.server.requests > 0);
  const writes = routes.filter((r) => r.route.startsWith('POST '));
  const reads = routes.filter((r) => r.route.startsWith('GET '));
  // a run too short to have saved anything cannot pass the check
  if (!writes.length || !reads.length)
    return { writeRoute: '-', writeP95Ms: NaN, readMedianP95Ms: NaN, ratio: NaN, clientRatio: NaN, passed: false };
  const slowest = writes.reduce((a, b) => (b.server.p95Ms > a.server.p95Ms ? b : a));
  const readMedianP95Ms = median(reads.map((r) => r.server.p95Ms));
  const ratio = slowest.server.p95Ms / Math.max(readMedianP95Ms, 0.001);
  const client = (method: string) => rows.filter((r) => r.route.startsWith(method) && r.requests > 0);
  const clientRatio =
    Math.max(...client('POST ').map((r) => r.clientP95Ms)) /
    Math.max(median(client('GET ').map((r) => r.clientP95Ms)), 0.001);
  return {
    writeRoute: slowest.route,
    writeP95Ms: slowest.server.p95Ms,
    readMedianP95Ms,
    ratio,
    clientRatio,
    passed: ratio <= 5,
  };
}
