// Who is calling: an API token in the headers, or else the login session.
import 'express-session';
import { NextFunction, Request, Response } from 'express';
import { UserEntity } from '../auth/entities';
import { actorForToken, tokenFromHeaders } from '../auth/tokens';
import { Actor, Services } from '../core/context';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      actor: Actor | null;
      /** True when the caller authenticated with a token: no CSRF risk, no session. */
      viaToken: boolean;
      tokenRejected?: boolean;
    }
  }
}

export function identify(services: Services) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      req.actor = null;
      req.viaToken = false;
      const token = tokenFromHeaders(req.headers);
      if (token) {
        req.actor = await actorForToken(services.db, token);
        req.viaToken = true;
        req.tokenRejected = !req.actor;
      } else if (req.session?.userId) {
        const user = await services.db.getRepository(UserEntity).findOneBy({ id: req.session.userId, state: 'active' });
        req.actor = user ? { id: user.id, name: user.name, sysadmin: user.sysadmin } : null;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
