// Raw HTTP over a socket, for what supertest cannot do: send part of a body, then stop or hang up.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  send(data: Buffer | string): void;
  /** Hangs up at once, as a client that crashes or loses its network. */
  destroy(): void;
  /** The answer, or null if the server closed the connection without one. */
  response: Promise<RawResponse | null>;
}

/** Listens on a free port of 127.0.0.1. */
export async function listen(app: Express): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

function parseResponse(raw: Buffer): RawResponse | null {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(end + 4);
  const length = headers['content-length'] === undefined ? null : Number(headers['content-length']);
  if (length !== null && body.length < length) return null;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.subarray(0, length ?? body.length).toString('utf8') };
}

/** Opens a connection and sends `head` (request line and headers, ending with a blank line). */
export function rawRequest(port: number, head: string): RawExchange {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // a reset after the answer is the server closing an unread body
  const chunks: Buffer[] = [];
  const response = new Promise<RawResponse | null>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed) resolve(parsed);
    });
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks))));
  });
  socket.write(head);
  return { send: (data) => void socket.write(data), destroy: () => socket.destroy(), response };
}

/** Resolves with `promise`, or with 'timeout' after `ms`: a hang must fail the test, not stall it. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it is true or `ms` have passed; returns its last answer. */
export async function eventually(check: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Every file under dir (not folders), relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** How many file descriptors this process has open. */
export function openDescriptors(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

export interface MultipartBody {
  contentType: string;
  /** The fields, then the headers of the file part: what a client sends before the file's bytes. */
  head: Buffer;
  /** The closing boundary, after the file's bytes. */
  tail: Buffer;
}

/** A multipart body with `fields` first and a file part named `upload`, split around the file's bytes. */
export function multipartBody(fields: Record<string, string>, filename = 'dati.csv'): MultipartBody {
  const boundary = `----catalogo${Date.now()}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, head: Buffer.from(parts.join('')), tail: Buffer.from(`\r\n--${boundary}--\r\n`) };
}

/** The request line and headers of a POST whose body will be `length` bytes long. */
export function postHead(pathAndQuery: string, contentType: string, length: number, extra: Record<string, string> = {}): string {
  const lines = [`POST ${pathAndQuery} HTTP/1.1`, 'Host: catalogo.test', `Content-Type: ${contentType}`, `Content-Length: ${length}`];
  for (const [name, value] of Object.entries(extra)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
