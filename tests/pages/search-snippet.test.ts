// The search page's passages and highlights (server/pages/search-snippet.ts), without a catalogue.
import { highlighted, highlightTerms, plainText, snippet } from '../../server/pages/search-snippet';

describe('highlightTerms', () => {
  it.each([
    ['trasporti pubblici', ['trasporti', 'pubblici']],
    ['title:Mobilità AND strade', ['mobilita', 'strade']],
    ['scuole NOT private -chiuse', ['scuole']],
    ['della di il', []],
    ['"piste ciclabili" OR bici', ['piste', 'ciclabili', 'bici']],
  ])('reads %j as %j', (q, terms) => {
    expect(highlightTerms(q)).toEqual(terms);
  });
});

describe('highlighted', () => {
  it('marks words by prefix, stem, case and accents, and escapes the rest', () => {
    expect(highlighted('Mobilità & <Parcheggi> "vaccini"', ['mobilita', 'parcheggio', 'vaccino'])).toBe(
      '<mark>Mobilità</mark> &amp; &lt;<mark>Parcheggi</mark>&gt; &quot;<mark>vaccini</mark>&quot;',
    );
    expect(highlighted('Trasporti urbani', ['traspor'])).toBe('<mark>Trasporti</mark> urbani');
    expect(highlighted('Bilancio', [])).toBe('Bilancio');
  });
});

describe('plainText', () => {
  it('drops Markdown and HTML marks but keeps the words', () => {
    expect(plainText('# Titolo\n\n**Dati**: [sito](https://x.it) e `codice`, nome_campo\n\n| a | b |\n|---|---|\n<b>c</b>'))
      .toBe('Titolo Dati: sito e codice, nome_campo a b c');
  });
});

describe('snippet', () => {
  const filler = 'parola '.repeat(60);
  it('cuts a passage around the first match, with ellipses where it was cut', () => {
    const html = snippet(`${filler}il bilancio comunale ${filler}`, ['bilancio']);
    expect(html).toMatch(/^… (parola )+il <mark>bilancio<\/mark> comunale (parola )+…$/);
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(230);
  });

  it('starts at the beginning without a match, and is empty without a description', () => {
    expect(snippet(`Inizio ${filler}`, ['assente'])).toMatch(/^Inizio parola .* …$/);
    expect(snippet('', ['x'])).toBe('');
    expect(snippet(null, ['x'])).toBe('');
  });

  it('never lets markup through', () => {
    const html = snippet('<img src=x onerror=alert(1)> a < b & "c" \'d\'', ['b']);
    expect(html).not.toMatch(/<(?!\/?mark>)/);
    expect(html).toContain('&lt; <mark>b</mark> &amp; &quot;c&quot; &#39;d&#39;');
  });
});
