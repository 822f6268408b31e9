// Downloads at CKAN's URL: /dataset/NAME/resource/ID/download/FILENAME, and older versions at
// /dataset/NAME/resource/ID/version/FILE_ID/download/FILENAME. Range, ETag and Content-Length come
// from Express's sendFile; the ETag is the file's sha256.
import { NextFunction, Request, Response, Router } from 'express';
import { ResourceEntity, ResourceFileEntity } from '../catalogue/entities';
import { ANONYMOUS, canSee, visiblePackage } from '../catalogue/visibility';
import { Services } from '../core/context';
import { NotFound } from '../core/errors';

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

async function fileToSend(services: Services, req: Request): Promise<{ file: ResourceFileEntity; shared: boolean }> {
  const pkg = await visiblePackage({ services, user: req.actor }, String(req.params.id));
  const resource = await services.db.getRepository(ResourceEntity).findOneBy({ id: String(req.params.resourceId), packageId: pkg.id });
  if (!resource || resource.state !== 'active') throw new NotFound('Risorsa non trovata');
  const fileId = req.params.fileId ? String(req.params.fileId) : resource.currentFileId;
  if (!fileId) throw new NotFound('Questa risorsa è un collegamento esterno, non un file caricato');
  const file = await services.db.getRepository(ResourceFileEntity).findOneBy({ id: fileId, resourceId: resource.id });
  if (!file) throw new NotFound('File non trovato');
  return { file, shared: canSee(ANONYMOUS, pkg) };
}

export function downloadRouter(services: Services): Router {
  const router = Router();
  const send = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { file, shared } = await fileToSend(services, req);
      // Files of private, draft or deleted datasets must not be kept by shared caches (proxies).
      res.setHeader('Cache-Control', shared ? 'public, max-age=0' : 'private, no-cache');
      res.setHeader('Content-Type', file.mimetype || 'application/octet-stream');
      res.setHeader('ETag', `"${file.sha256}"`);
      res.setHeader('Content-Disposition', contentDisposition(file.filename));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.sendFile(services.files.pathOf(file.storageKey), { dotfiles: 'allow', etag: false, lastModified: true, acceptRanges: true, cacheControl: false }, (error) => {
        if (!error || res.headersSent) return;
        // A range past the end (416) or a failed precondition (412) is the client's answer, not a missing file.
        const status = (error as { status?: number }).status;
        if (status === 416 || status === 412) res.status(status).end();
        else next(new NotFound('File non disponibile'));
      });
    } catch (error) {
      next(error);
    }
  };
  router.get('/dataset/:id/resource/:resourceId/download/:filename', send);
  router.get('/dataset/:id/resource/:resourceId/download', send);
  router.get('/dataset/:id/resource/:resourceId/version/:fileId/download/:filename', send);
  return router;
}
