// autocannon's setupClient for the benchmark's "varied words" run (search.ts): each connection asks
// the same list of searches in its own random order, so that concurrent connections rarely ask the
// same search at once and most answers are computed, not kept. Loaded by path in autocannon's worker
// thread; the list comes as a JSON file named by an environment variable.
import fs from 'node:fs';

interface Client {
  setRequests(requests: { method: string; path: string }[]): void;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export = function setupClient(client: Client): void {
  const paths = JSON.parse(fs.readFileSync(process.env.CATALOGO_BENCH_SEARCH_PATHS as string, 'utf8')) as string[];
  client.setRequests(shuffled(paths).map((path) => ({ method: 'GET', path })));
};
