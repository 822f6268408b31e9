// Handlebars views, compiled once at start-up from views/: layouts/main.hbs wraps one template per
// page ("dataset/read" is views/dataset/read.hbs); partials and one-helper-per-file helpers/*.js.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

export interface ViewEngine {
  render(view: string, data: Record<string, unknown>): string;
}

const NOT_PAGES = new Set(['layouts', 'partials', 'helpers', 'assets']);

/** Compiled code runs from dist/server/pages, ts-jest from server/pages. */
export function findViewsDir(): string {
  for (const candidate of [path.resolve(__dirname, '..', '..', 'views'), path.resolve(__dirname, '..', '..', '..', 'views')]) {
    if (fs.existsSync(path.join(candidate, 'layouts'))) return candidate;
  }
  throw new Error('cartella views/ non trovata');
}

function hbsFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort() : [];
}

function registerHelpers(hbs: typeof Handlebars, dir: string): void {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    hbs.registerHelper(path.basename(file, '.js'), require(path.join(dir, file)));
  }
}

function registerPartials(hbs: typeof Handlebars, dir: string): void {
  for (const file of hbsFiles(dir)) {
    hbs.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(dir, file), 'utf8'));
  }
}

function compilePages(hbs: typeof Handlebars, root: string): Map<string, Handlebars.TemplateDelegate> {
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const folder of fs.readdirSync(root).filter((f) => !NOT_PAGES.has(f) && fs.statSync(path.join(root, f)).isDirectory())) {
    for (const file of hbsFiles(path.join(root, folder))) {
      const source = fs.readFileSync(path.join(root, folder, file), 'utf8');
      pages.set(`${folder}/${path.basename(file, '.hbs')}`, hbs.compile(source, { strict: false }));
    }
  }
  return pages;
}

export function loadViews(root = findViewsDir()): ViewEngine {
  const hbs = Handlebars.create();
  registerHelpers(hbs, path.join(root, 'helpers'));
  registerPartials(hbs, path.join(root, 'partials'));
  const pages = compilePages(hbs, root);
  const layout = hbs.compile(fs.readFileSync(path.join(root, 'layouts', 'main.hbs'), 'utf8'));
  // Compile eagerly: a template syntax error should stop start-up, not a visitor's request.
  const probe = { lang: 'it', translate: (key: string) => key };
  for (const template of [...pages.values(), layout]) template(probe);
  return {
    render(view, data) {
      const page = pages.get(view);
      if (!page) throw new Error(`vista ${view} non trovata`);
      return layout({ ...data, body: new hbs.SafeString(page(data)) });
    },
  };
}

let shared: ViewEngine | null = null;

/** The engine, compiled on first use and then kept: views do not change while the server runs. */
export function views(): ViewEngine {
  shared ??= loadViews();
  return shared;
}
