// Self-hosted assets (Bootstrap Italia, Swagger UI, our own CSS and JS) under fingerprinted URLs:
// /assets/NAME/FINGERPRINT/FILE, cached by browsers for a year without revalidation, because a change
// of content is a change of URL. The fingerprint is the package's version for libraries, a hash of the
// files for our own assets. The plain URLs (/assets/NAME/FILE) still answer, with a short cache life:
// stylesheets and bookmarks may name them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from './paths';

interface AssetRoot {
  name: string;
  dir: string;
  fingerprint: string;
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function packageVersion(projectRoot: string, pkg: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', pkg, 'package.json'), 'utf8'));
  return `v${manifest.version}`;
}

/** A short hash of every file under `dir`, names included: any edit gives a new fingerprint. */
function contentFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(dir, full)).update('\0').update(fs.readFileSync(full)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

function assetRoots(projectRoot: string): AssetRoot[] {
  const viewsAssets = path.join(projectRoot, 'views', 'assets');
  return [
    { name: 'bootstrap-italia', dir: path.join(projectRoot, 'node_modules/bootstrap-italia/dist'), fingerprint: packageVersion(projectRoot, 'bootstrap-italia') },
    { name: 'swagger-ui', dir: path.join(projectRoot, 'node_modules/swagger-ui-dist'), fingerprint: packageVersion(projectRoot, 'swagger-ui-dist') },
    { name: 'catalogo', dir: viewsAssets, fingerprint: contentFingerprint(viewsAssets) },
  ];
}

export interface Assets {
  /** The fingerprinted URL of FILE in asset root NAME, e.g. url('catalogo', 'catalogo.css'). */
  url(name: string, file: string): string;
  /** Every URL the layout needs, for the templates. */
  readonly layout: Record<string, string>;
  router(): Router;
}

export function loadAssets(projectRoot: string): Assets {
  const roots = new Map(assetRoots(projectRoot).map((root) => [root.name, root]));
  const url = (name: string, file: string): string => {
    const root = roots.get(name);
    if (!root) throw new Error(`asset root sconosciuta: ${name}`);
    return `/assets/${name}/${root.fingerprint}/${file}`;
  };
  return {
    url,
    layout: {
      bootstrapCss: url('bootstrap-italia', 'css/bootstrap-italia.min.css'),
      bootstrapJs: url('bootstrap-italia', 'js/bootstrap-italia.bundle.min.js'),
      catalogoCss: url('catalogo', 'catalogo.css'),
      catalogoJs: url('catalogo', 'catalogo.js'),
      noscriptCss: url('catalogo', 'noscript.css'),
      faviconSvg: url('catalogo', 'favicon.svg'),
      bootstrapSprites: url('bootstrap-italia', 'svg/sprites.svg'),
      apiDocsJs: url('catalogo', 'api-docs.js'),
      loadProgressJs: url('catalogo', 'load-progress.js'),
      swaggerCss: url('swagger-ui', 'swagger-ui.css'),
      swaggerJs: url('swagger-ui', 'swagger-ui-bundle.js'),
    },
    router() {
      const router = Router();
      for (const root of roots.values()) {
        router.use(`/assets/${root.name}/${root.fingerprint}`, express.static(root.dir, {
          index: false, immutable: true, maxAge: YEAR_SECONDS * 1000,
        }));
        router.use(`/assets/${root.name}`, express.static(root.dir, { index: false, maxAge: 60 * 60 * 1000 }));
      }
      return router;
    },
  };
}

let shared: Assets | null = null;

/** The assets of this project, fingerprinted once: files do not change while the server runs. */
export function assets(): Assets {
  shared ??= loadAssets(projectRoot());
  return shared;
}
