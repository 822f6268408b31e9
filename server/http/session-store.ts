// express-session store in the database, so that several app instances share logins.
import { randomBytes } from 'node:crypto';
import session from 'express-session';
import { DataSource, LessThan } from 'typeorm';
import { SessionEntity, SystemSettingEntity } from '../auth/entities';
import { serializedWrite } from '../db/transaction';

const DAY_MS = 24 * 60 * 60 * 1000;

export class DatabaseSessionStore extends session.Store {
  constructor(private readonly db: DataSource) {
    super();
  }

  private get repo() {
    return this.db.getRepository(SessionEntity);
  }

  get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.repo.findOneBy({ sid })
      .then((row) => callback(null, row && Number(row.expires) > Date.now() ? JSON.parse(row.data) : null))
      .catch((error) => callback(error));
  }

  set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expires = String(data.cookie?.expires ? new Date(data.cookie.expires).getTime() : Date.now() + DAY_MS);
    serializedWrite(this.db, (writer) => writer.getRepository(SessionEntity).save({ sid, data: JSON.stringify(data), expires }))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  destroy(sid: string, callback?: (err?: unknown) => void): void {
    serializedWrite(this.db, (writer) => writer.getRepository(SessionEntity).delete({ sid }))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  touch(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.set(sid, data, callback);
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
