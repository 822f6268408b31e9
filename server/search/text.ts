// The one analyzer of the search index and of queries, on both databases: Unicode case and accents
// folded (mobilità → mobilita), words split on anything that is not a letter or a digit, and each word's
// Italian Snowball stem (vaccini → vaccin). Both backends receive text already folded this way, so
// SQLite's unicode61 tokenizer and PostgreSQL's parser see the same plain words.
import { stemmer } from '@orama/stemmers/italian';

/** Snowball's Italian stop words (the common ones): kept among the words, never searched alone or stemmed. */
const STOP_WORDS = new Set(`a ad al alla alle allo agli ai all anche che chi ci come con col coi da dal dalla dalle
  dallo dagli dai dall de dei del della delle dello degli dell di e ed gli ha hanno ho i il in la le lo l ma mi ne
  nei nel nella nelle nello negli nell noi non o per piu se si sia sono su sul sulla sulle sullo sugli sui sull tra
  fra un una uno the of and or to for on at by an is are with from`.split(/\s+/).filter(Boolean));

/** The longest word kept: longer runs (hashes, base64) are noise and would bloat the index. */
const MAX_WORD = 40;

export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The folded words of `text`, in order. */
export function words(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length <= MAX_WORD);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Stems already computed: words follow Zipf's law, so a reindex stems the same few thousand words again and again. */
const stems = new Map<string, string>();
const MAX_KEPT_STEMS = 100_000;

/** The stem of a folded word; numbers and very short words are their own stem. */
export function stem(word: string): string {
  if (word.length < 4 || /^\p{N}+$/u.test(word)) return word;
  let found = stems.get(word);
  if (found === undefined) {
    if (stems.size >= MAX_KEPT_STEMS) stems.clear();
    found = stemmer(word);
    stems.set(word, found);
  }
  return found;
}

/** Stems of the words that are not stop words, space-separated: the stems column of a document. */
export function stemText(list: string[]): string {
  return list.filter((w) => !isStopWord(w)).map(stem).join(' ');
}

/** A title as exact-match comparison sees it: its folded words, single spaces. */
export function titleKey(text: string): string {
  return words(text).join(' ');
}
