// express-session store in the database, so that several app instances share logins.
import { randomBytes } from 'node:crypto';
import session from 'express-session';
import { DataSource, LessThan } from 'typeorm';
import { SessionEntity, SystemSettingEntity } from './entities';
import { serializedWrite } from '../db/transaction';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A session's expiry is moved forward at most this often: a page view that changes nothing writes
 * nothing, and the sliding expiry stays right to within this much.
 */
const TOUCH_EVERY_MS = 60_000;

function expiryOf(data: session.SessionData): number {
  return data.cookie?.expires ? new Date(data.cookie.expires).getTime() : Date.now() + DAY_MS;
}

export class DatabaseSessionStore extends session.Store {
  /** sid → expiry as stored, from the last get or write here: what touch compares with. */
  private readonly storedExpiry = new Map<string, number>();

  constructor(private readonly db: DataSource) {
    super();
  }

  private remember(sid: string, expires: number): void {
    if (this.storedExpiry.size >= 10_000) this.storedExpiry.clear();
    this.storedExpiry.set(sid, expires);
  }

  private get repo() {
    return this.db.getRepository(SessionEntity);
  }

  get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.repo.findOneBy({ sid })
      .then((row) => {
        if (!row || Number(row.expires) <= Date.now()) return callback(null, null);
        this.remember(sid, Number(row.expires));
        callback(null, JSON.parse(row.data));
      })
      .catch((error) => callback(error));
  }

  set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expires = expiryOf(data);
    serializedWrite(this.db, (writer) => writer.getRepository(SessionEntity).save({ sid, data: JSON.stringify(data), expires: String(expires) }))
      .then(() => {
        this.remember(sid, expires);
        callback?.();
      })
      .catch((error) => callback?.(error));
  }

  destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    serializedWrite(this.db, (writer) => writer.getRepository(SessionEntity).delete({ sid }))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  /**
   * express-session touches an unchanged session after every request (rolling expiry). Only the expiry
   * is written, and only once it has moved a minute past the stored one, in the background: the answer
   * does not wait, and a failed write is tried again on the next request.
   */
  touch(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expires = expiryOf(data);
    const stored = this.storedExpiry.get(sid);
    callback?.();
    if (stored !== undefined && expires - stored < TOUCH_EVERY_MS) return;
    this.remember(sid, expires);
    Promise.resolve()
      .then(() => serializedWrite(this.db, (writer) => writer.getRepository(SessionEntity).update({ sid }, { expires: String(expires) })))
      .catch(() => this.storedExpiry.delete(sid));
  }

  /** Drops expired sessions; called now and then, not on every request. */
  async prune(): Promise<void> {
    await serializedWrite(this.db, (writer) => writer.getRepository(SessionEntity).delete({ expires: LessThan(String(Date.now())) }));
  }
}

/** The session secret: from the environment, or created once and shared through the database. */
export async function sessionSecret(db: DataSource, fromEnv: string | null): Promise<string> {
  if (fromEnv) return fromEnv;
  const repo = db.getRepository(SystemSettingEntity);
  const existing = await repo.findOneBy({ key: 'session_secret' });
  if (existing) return existing.value;
  const value = randomBytes(32).toString('hex');
  await serializedWrite(db, (writer) => writer.getRepository(SystemSettingEntity).createQueryBuilder().insert().values({ key: 'session_secret', value }).orIgnore().execute());
  return (await repo.findOneBy({ key: 'session_secret' }))!.value;
}
