// Downloads at CKAN's URL: /dataset/NAME/resource/ID/download/FILENAME, and older versions at
// /dataset/NAME/resource/ID/version/FILE_ID/download/FILENAME. Range, ETag and Content-Length come
// from Express's sendFile; the ETag is the file's sha256. Uploads come from anyone with a token and are
// served from the portal's own origin: they must never run there as a page or a script (inertHeaders).
import { NextFunction, Request, Response, Router } from 'express';
import { ResourceEntity, ResourceFileEntity } from '../catalogue/entities';
import { ANONYMOUS, canSee, visiblePackage } from '../catalogue/visibility';
import { Services } from '../core/context';
import { NotFound } from '../core/errors';
import { formatFromFile, mediaTypeOf } from '../dcat/formats';
import { ResourceLoadEntity } from '../ingest/entities';

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * The type a file is served as: from our own table by its name, never the type its uploader sent (an
 * unknown extension is application/octet-stream); text carries its charset when it is known.
 */
export function servedContentType(file: Pick<ResourceFileEntity, 'filename' | 'charset'>): string {
  const type = mediaTypeOf(formatFromFile(file.filename, '') ?? '') || 'application/octet-stream';
  return type.startsWith('text/') && file.charset ? `${type}; charset=${file.charset}` : type;
}

/**
 * Every download is an attachment, never sniffed, and sandboxed with no sources of its own: an uploaded
 * page or SVG opened anyway has no scripts, no origin and nothing to load. (All files go as attachments:
 * the pages offer them as downloads, and one rule leaves nothing to get wrong.)
 */
function inertHeaders(res: Response, file: ResourceFileEntity, charset: string): void {
  res.setHeader('Content-Type', servedContentType({ filename: file.filename, charset }));
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
}

/**
 * The file's charset: UTF-8 as measured on upload, else the encoding its DataStore load detected
 * (windows-1252 for a Latin-1 CSV), else unknown.
 */
async function detectedCharset(services: Services, file: ResourceFileEntity): Promise<string> {
  if (file.charset) return file.charset;
  const load = await services.db.getRepository(ResourceLoadEntity).findOneBy({ resourceId: file.resourceId, fileId: file.id });
  return load?.encoding ?? '';
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
      // Files of private, draft or deleted datasets must not be kept by shared caches (proxies). Never
      // compressed (no-transform, which the compression middleware honours): the ETag is the sha256 of
      // the bytes as stored, and Range requests count those bytes.
      res.setHeader('Cache-Control', shared ? 'public, max-age=0, no-transform' : 'private, no-cache, no-transform');
      res.setHeader('ETag', `"${file.sha256}"`);
      inertHeaders(res, file, await detectedCharset(services, file));
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
