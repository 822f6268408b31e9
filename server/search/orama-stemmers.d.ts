// @orama/stemmers publishes its languages through package.json "exports", which the project's
// moduleResolution ("node") does not read: the one entry we use, declared as the package types it.
declare module '@orama/stemmers/italian' {
  export function stemmer(word: string): string;
}
