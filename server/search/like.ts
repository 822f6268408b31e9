// LIKE patterns of user text, for both databases (every LIKE says ESCAPE '\\').

/** A word for LIKE ... ESCAPE '\\': lower-cased, its wildcards taken literally. */
export function likeEscaped(word: string): string {
  return word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}
