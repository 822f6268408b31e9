// Outbound requests, guarded: harvesting (and the DataStore's loads of linked files) fetch addresses that users type, so a source must not be a
// way into the portal's own network (SSRF). http(s) only; the host is resolved here and every address
// checked (private, loopback, link-local, unique-local, unspecified... refused unless allowed); the
// connection goes to the address that was checked (the `lookup` below), so a DNS answer that changes
// between the check and the connection (rebinding) cannot redirect it; each redirect is checked again;
// time and size are bounded.
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

export const USER_AGENT = 'catalogo-harvester/1.0 (+https://github.com/catalogo; CKAN harvest)';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export class FetchRefused extends Error {}

/** Every range that is not the public Internet. IPv4-mapped IPv6 addresses match the IPv4 rules. */
const NOT_PUBLIC = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
    ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  const v6: [string, number][] = [
    ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['64:ff9b::', 96],
    ['100::', 64], ['2001:db8::', 32], ['2002::', 16], ['2001::', 32],
  ];
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

/** True for an address harvesting must not reach unless allowed (any non-public one). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const bare = address.replace(/^\[|\]$/g, '');
  // ::ffff:a.b.c.d and ::a.b.c.d (IPv4-compatible): judged as the IPv4 address inside.
  const embedded = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (embedded) return NOT_PUBLIC.check(embedded[1], 'ipv4');
  return NOT_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

export interface GuardOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  accept?: string;
  /** An Authorization header (a harvest source's api_key), sent only to this origin: never to a redirect's other host. */
  authorization?: { origin: string; value: string };
  /** For tests: which addresses pass when private ones are not allowed (default: the public ones). */
  permits?: (address: string) => boolean;
  /** For tests: how host names are resolved. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface FetchedDocument {
  /** The URL answered at last (after redirects). */
  url: string;
  status: number;
  contentType: string;
  body: string;
}

const defaultResolve = (host: string) => dns.promises.lookup(host, { all: true, verbatim: true });

/** The URL, if it is one we may fetch: http(s), a host, and addresses the guard accepts. */
export async function checkedTarget(raw: string, options: GuardOptions): Promise<{ url: URL; address: string; family: number }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused(`indirizzo non valido: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(`solo indirizzi http e https, non ${url.protocol}`);
  if (url.username || url.password) throw new FetchRefused('indirizzi con credenziali non ammessi');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (options.resolve ?? defaultResolve)(host);
    } catch (err) {
      throw new FetchRefused(`host ${host} non trovato (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (!addresses.length) throw new FetchRefused(`host ${host} non trovato`);
  if (!options.allowPrivate) {
    const permits = options.permits ?? ((address: string) => !isPrivateAddress(address));
    const blocked = addresses.find((a) => !permits(a.address));
    if (blocked) throw new FetchRefused(`indirizzo privato o locale non ammesso: ${host} (${blocked.address}); CATALOGO_HARVEST_ALLOW_PRIVATE=true per permetterlo`);
  }
  return { url, ...addresses[0] };
}

/** A lookup that answers with the address already checked, whatever the host name resolves to now. */
function pinnedLookup(address: string, family: number) {
  return (_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

interface RawResponse {
  status: number;
  location: string | null;
  contentType: string;
  body: Buffer;
}

/** Where a body goes: kept in memory (documents), or streamed to a file (downloads). */
interface BodySink {
  /** False when the sink wants no more until `resume` is called back. */
  write(chunk: Buffer, resume: () => void): boolean;
  end(): Promise<Buffer>;
  /** The request failed: let go of what was opened. */
  abort(): void;
}

function memorySink(): BodySink {
  const chunks: Buffer[] = [];
  return { write: (chunk) => chunks.push(chunk) > 0, end: async () => Buffer.concat(chunks), abort: () => undefined };
}

function fileSink(file: string): BodySink {
  const out = fs.createWriteStream(file);
  // A write that fails (disk full) is kept for end(); until then the body is read and dropped.
  let failure: Error | null = null;
  out.on('error', (error) => { failure ??= error; });
  return {
    write: (chunk, resume) => {
      if (out.destroyed || out.write(chunk)) return true;
      out.once('drain', resume);
      out.once('close', resume);
      return false;
    },
    end: () => new Promise((resolve, reject) => {
      if (failure || out.destroyed) {
        reject(failure ?? new Error('file di destinazione chiuso'));
        return;
      }
      out.end(() => (failure ? reject(failure) : resolve(Buffer.alloc(0))));
    }),
    abort: () => out.destroy(),
  };
}

function requestOnce(target: { url: URL; address: string; family: number }, options: GuardOptions, deadline: number, sink: () => BodySink = memorySink): Promise<RawResponse> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const client = target.url.protocol === 'https:' ? https : http;
  let body: BodySink | null = null;
  return new Promise((resolve, reject) => {
    const req = client.request(target.url, {
      method: 'GET', lookup: pinnedLookup(target.address, target.family) as never,
      headers: {
        'User-Agent': USER_AGENT, Accept: options.accept ?? '*/*', 'Accept-Encoding': 'identity',
        ...(options.authorization?.origin === target.url.origin ? { Authorization: options.authorization.value } : {}),
      },
    }, (res) => {
      const status = res.statusCode ?? 0;
      const location = typeof res.headers.location === 'string' ? res.headers.location : null;
      const contentType = String(res.headers['content-type'] ?? '');
      if (status >= 300 && status < 400 && location) {
        res.resume();
        resolve({ status, location, contentType, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) {
        req.destroy(new FetchRefused(`risposta troppo grande (${declared} byte, al massimo ${maxBytes})`));
        return;
      }
      body = sink();
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) req.destroy(new FetchRefused(`risposta troppo grande (oltre ${maxBytes} byte)`));
        else if (!body!.write(chunk, () => res.resume())) res.pause();
      });
      res.on('end', () => body!.end().then((bytes) => resolve({ status, location, contentType, body: bytes }), reject));
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new FetchRefused(`nessuna risposta completa entro ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} secondi`)), Math.max(0, deadline - Date.now()));
    req.on('error', (err) => {
      body?.abort();
      reject(err instanceof FetchRefused ? err : new FetchRefused(`${target.url.host} non raggiungibile (${(err as NodeJS.ErrnoException).code ?? err.message})`));
    });
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}

/** GETs through the guard, following at most five redirects, each checked again. */
async function guardedRequest(raw: string, options: GuardOptions, sink?: () => BodySink): Promise<RawResponse & { url: string }> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let current = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const target = await checkedTarget(current, options);
    const res = await requestOnce(target, options, deadline, sink);
    if (res.location) {
      current = new URL(res.location, target.url).toString();
      continue;
    }
    return { ...res, url: target.url.toString() };
  }
  throw new FetchRefused(`troppi reindirizzamenti (più di ${MAX_REDIRECTS})`);
}

/** GETs a document through the guard (redirects followed and checked), its body as UTF-8 text. */
export async function guardedFetch(raw: string, options: GuardOptions): Promise<FetchedDocument> {
  const res = await guardedRequest(raw, options);
  return { url: res.url, status: res.status, contentType: res.contentType, body: res.body.toString('utf8') };
}

/**
 * GETs a file through the guard, its bytes streamed to `file` as they are (no decoding: the reader
 * detects the encoding). The file holds the last answer's body whatever its status: the caller judges it.
 */
export async function guardedDownload(raw: string, file: string, options: GuardOptions): Promise<Omit<FetchedDocument, 'body'>> {
  const res = await guardedRequest(raw, options, () => fileSink(file));
  return { url: res.url, status: res.status, contentType: res.contentType };
}

/** GETs a JSON document; a non-2xx status or a body that is not JSON is a FetchRefused. */
export async function fetchJson(url: string, options: GuardOptions): Promise<unknown> {
  const doc = await guardedFetch(url, { accept: 'application/json', ...options });
  if (doc.status < 200 || doc.status >= 300) throw new FetchRefused(`${url} ha risposto ${doc.status}`);
  try {
    return JSON.parse(doc.body);
  } catch {
    throw new FetchRefused(`${url} non ha risposto con JSON`);
  }
}
