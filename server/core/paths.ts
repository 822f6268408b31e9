// Where the project's own folders are (views/, schemas/, datasets/, node_modules/): the same answer
// whether the code runs compiled from dist/ or as TypeScript under ts-jest.
import fs from 'node:fs';
import path from 'node:path';

let root: string | null = null;

/** The folder holding package.json: found by walking up from this file. */
export function projectRoot(): string {
  if (root) return root;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'views'))) {
      root = dir;
      return dir;
    }
  }
  throw new Error('cartella del progetto (package.json e views/) non trovata');
}
