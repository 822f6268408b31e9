// Password hashing with Node's scrypt (N=2^cost, r=8, p=1), compared in constant time. The cost comes
// from CATALOGO_PASSWORD_COST (17 by default; tests use 10); every hash carries its own N, r and p, so
// hashes made under another cost keep verifying.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { DEFAULT_PASSWORD_COST, MAX_PASSWORD_COST } from '../config';

const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** The largest N a stored hash may ask for (the configuration's upper bound): bounds memory and time. */
const MAX_N = 2 ** MAX_PASSWORD_COST;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; twice that leaves room for its other buffers.
    const maxmem = 256 * n * r;
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  const n = 2 ** cost;
  const salt = randomBytes(16);
  const key = await derive(password, salt, n, R, P);
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash || !(Number(n) <= MAX_N) || !(Number(r) <= 32) || !(Number(p) <= 16)) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
