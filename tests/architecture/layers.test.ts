// The folders of server/ stand in layers (docs/ARCHITECTURE.md "Layers"): core, db and config at the
// bottom; the domain folders (catalogue, auth, activity, search, dcat, files, feeds, i18n, jobs...)
// above them; http and pages above those; main.ts, app.ts, services.ts and actions.ts, which put it all
// together, on top. Every import of every source file is read and checked: none may go up a layer, http
// and pages do not import each other, an action file is reached only through the action registry, and
// pages read no table. A short list of named exceptions says why each one is there.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SERVER = path.resolve(__dirname, '..', '..', 'server');

const BOTTOM = new Set(['core', 'db', 'config.ts']);
const WEB = new Set(['http', 'pages']);
const ROOT = new Set(['main.ts', 'app.ts', 'services.ts', 'actions.ts']);

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/**
 * Imports the rules allow, each with its reason. The temporary ones are in files of other workstreams,
 * some not merged here yet: each goes once its file no longer needs it (the last test says when).
 */
const EXCEPTIONS: { from: string; to: string; why: string }[] = [
  { from: 'db/data-source.ts', to: '*/entities.ts', why: 'the data source lists every table TypeORM maps' },
  { from: 'core/context.ts', to: 'files/store.ts', why: 'the services an action receives include the file store (a type)' },
  { from: 'core/context.ts', to: 'nodes/registry.ts', why: 'the services include this process\'s entry in the instance registry (a type)' },
  { from: 'core/context.ts', to: 'datastore/store.ts', why: 'the services include the DataStore\'s tables (a type)' },
  { from: 'pages/login.ts', to: 'auth/entities.ts', why: 'checking a password is not an action: it must never be reachable through the API' },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The file a relative specifier names, as a path relative to server/; null for packages and files outside. */
function resolved(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const file = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!file || !file.startsWith(SERVER + path.sep)) return null;
  return path.relative(SERVER, file).split(path.sep).join('/');
}

/** Static imports and re-exports, `import('...')` types and calls, and require(). */
function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: !!node.importClause?.isTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(SERVER);
const imports: Import[] = files.flatMap((file) => importsOf(file).map(({ specifier, typeOnly }) => ({
  from: path.relative(SERVER, file).split(path.sep).join('/'), to: resolved(file, specifier), typeOnly,
}))).filter((i): i is Import => i.to !== null);

const top = (file: string) => file.split('/')[0];

function layer(file: string): number {
  const folder = top(file);
  if (BOTTOM.has(folder)) return 0;
  if (WEB.has(folder)) return 2;
  if (ROOT.has(folder)) return 3;
  return 1;
}

const LAYER_NAMES = ['core/db', 'domain', 'http/pages', 'root'];

type Exception = (typeof EXCEPTIONS)[number];

function allows(e: Exception, i: { from: string; to: string }): boolean {
  return e.from === i.from && (e.to === i.to || (e.to.startsWith('*/') && i.to.endsWith(e.to.slice(1))));
}

function excused(i: { from: string; to: string }): boolean {
  return EXCEPTIONS.some((e) => allows(e, i));
}

const actionFiles = new Set(files.filter((file) => fs.readFileSync(file, 'utf8').includes('defineAction(')).map((file) => path.relative(SERVER, file).split(path.sep).join('/')));

describe('the layers of server/', () => {
  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.length).toBeGreaterThan(300);
    expect(actionFiles).toContain('catalogue/package-actions.ts');
  });

  it('has no import that goes up a layer', () => {
    const upwards = imports.filter((i) => layer(i.to) > layer(i.from) && !excused(i))
      .map((i) => `${i.from} (${LAYER_NAMES[layer(i.from)]}) imports ${i.to} (${LAYER_NAMES[layer(i.to)]})`);
    expect(upwards).toEqual([]);
  });

  it('keeps http and pages apart: the API and the pages share only what lies below them', () => {
    const across = imports.filter((i) => WEB.has(top(i.from)) && WEB.has(top(i.to)) && top(i.from) !== top(i.to) && !excused(i))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(across).toEqual([]);
  });

  it('reaches an action file from another folder only through the registry (server/actions.ts)', () => {
    // A type (an action's output) may be named; calling into another domain's actions would skip runAction.
    const calls = imports.filter((i) => actionFiles.has(i.to) && !i.typeOnly && top(i.from) !== top(i.to) && i.from !== 'actions.ts')
      .map((i) => `${i.from} imports ${i.to}`);
    expect(calls).toEqual([]);
  });

  it('lets pages read no table: they call actions', () => {
    const reads = imports.filter((i) => top(i.from) === 'pages' && i.to.endsWith('/entities.ts') && !excused(i))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(reads).toEqual([]);
  });

  it('needs every exception it lists (delete those named here)', () => {
    const present = new Set(files.map((file) => path.relative(SERVER, file).split(path.sep).join('/')));
    const unused = EXCEPTIONS.filter((e) => present.has(e.from) && !imports.some((i) => allows(e, i)));
    expect(unused.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});
