// A parser for the subset of Solr's query syntax that CKAN clients send in q and fq:
//   field:value  field:"a phrase"  field:[2024-01-01T00:00:00Z TO *]  field:(a OR b)  "phrase"  word
//   AND  OR  NOT  -x  +x  ( ... )   with juxtaposition meaning AND (CKAN's Solr schema sets that).
// ckanext-harvest, for one, sends fq=(organization:a OR metadata_modified:[2024-05-01T10:00:00Z TO *]).

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'term'; field: string; value: string }
  | { kind: 'range'; field: string; from: string | null; to: string | null }
  | { kind: 'all' };

export class QuerySyntaxError extends Error {}

type Token =
  | { type: 'open' | 'close' | 'and' | 'or' | 'not' | 'plus' }
  | { type: 'clause'; node: QueryNode };

const FIELD_PREFIX = /^([A-Za-z_][\w.]*):/;

class Lexer {
  private pos = 0;
  constructor(private readonly text: string, private readonly defaultField: string) {}

  tokens(): Token[] {
    const out: Token[] = [];
    for (let token = this.next(); token; token = this.next()) out.push(token);
    return out;
  }

  private next(): Token | null {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos += 1;
    if (this.pos >= this.text.length) return null;
    const rest = this.text.slice(this.pos);
    const ch = rest[0];
    if (ch === '(') return this.advance(1, { type: 'open' });
    if (ch === ')') return this.advance(1, { type: 'close' });
    if (ch === '-' || ch === '!') return this.advance(1, { type: 'not' });
    if (ch === '+') return this.advance(1, { type: 'plus' });
    const operator = /^(AND|OR|NOT|&&|\|\|)(?=[\s()]|$)/.exec(rest);
    if (operator) {
      const type = { AND: 'and', '&&': 'and', OR: 'or', '||': 'or', NOT: 'not' }[operator[1]] as 'and' | 'or' | 'not';
      return this.advance(operator[1].length, { type });
    }
    if (rest.startsWith('*:*')) return this.advance(3, { type: 'clause', node: { kind: 'all' } });
    const field = FIELD_PREFIX.exec(rest);
    if (field) {
      this.pos += field[0].length;
      return { type: 'clause', node: this.value(field[1]) };
    }
    return { type: 'clause', node: this.value(this.defaultField) };
  }

  private advance(length: number, token: Token): Token {
    this.pos += length;
    return token;
  }

  private value(field: string): QueryNode {
    const ch = this.text[this.pos];
    if (ch === '"') return { kind: 'term', field, value: this.quoted() };
    if (ch === '[' || ch === '{') return this.range(field);
    if (ch === '(') return this.group(field);
    const word = /^(?:\\.|[^\s()"])+/.exec(this.text.slice(this.pos));
    if (!word) throw new QuerySyntaxError(`manca un valore dopo "${field}:"`);
    this.pos += word[0].length;
    return { kind: 'term', field, value: word[0].replace(/\\(.)/g, '$1') };
  }

  private quoted(): string {
    const match = /^"((?:\\.|[^"\\])*)"/.exec(this.text.slice(this.pos));
    if (!match) throw new QuerySyntaxError('virgolette non chiuse');
    this.pos += match[0].length;
    return match[1].replace(/\\(.)/g, '$1');
  }

  private range(field: string): QueryNode {
    const match = /^[[{]\s*(\S+)\s+TO\s+(\S+?)\s*[\]}]/.exec(this.text.slice(this.pos));
    if (!match) throw new QuerySyntaxError(`intervallo non valido per ${field}: usa [DA TO A], per esempio [2024-01-01T00:00:00Z TO *]`);
    this.pos += match[0].length;
    const bound = (value: string) => (value === '*' ? null : value.replace(/^"|"$/g, ''));
    return { kind: 'range', field, from: bound(match[1]), to: bound(match[2]) };
  }

  /** field:(a OR b): the words inside take the field. */
  private group(field: string): QueryNode {
    let depth = 0;
    const start = this.pos;
    for (; this.pos < this.text.length; this.pos += 1) {
      if (this.text[this.pos] === '(') depth += 1;
      if (this.text[this.pos] === ')') depth -= 1;
      if (depth === 0) break;
    }
    if (depth !== 0) throw new QuerySyntaxError('parentesi non chiusa');
    this.pos += 1;
    return parseSolr(this.text.slice(start + 1, this.pos - 1), field);
  }
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode {
    if (this.tokens.length === 0) return { kind: 'all' };
    const opened = this.tokens.filter((t) => t.type === 'open').length;
    const closed = this.tokens.filter((t) => t.type === 'close').length;
    if (opened !== closed) throw new QuerySyntaxError(`parentesi non bilanciate: ${opened} aperte e ${closed} chiuse`);
    const node = this.or();
    if (this.index < this.tokens.length) throw new QuerySyntaxError('parentesi chiusa di troppo');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private or(): QueryNode {
    const children = [this.and()];
    while (this.peek()?.type === 'or') {
      this.index += 1;
      children.push(this.and());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  private and(): QueryNode {
    const children = [this.unary()];
    for (let next = this.peek(); next && next.type !== 'or' && next.type !== 'close'; next = this.peek()) {
      if (next.type === 'and') this.index += 1;
      children.push(this.unary());
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  private unary(): QueryNode {
    const token = this.tokens[this.index++];
    if (!token) throw new QuerySyntaxError('espressione incompleta');
    if (token.type === 'not') return { kind: 'not', child: this.unary() };
    if (token.type === 'plus') return this.unary();
    if (token.type === 'open') {
      const inner = this.or();
      if (this.tokens[this.index++]?.type !== 'close') throw new QuerySyntaxError('parentesi non chiusa');
      return inner;
    }
    if (token.type === 'clause') return token.node;
    throw new QuerySyntaxError(`operatore fuori posto (${token.type.toUpperCase()})`);
  }
}

/** Deeper nesting is no real search; refused, so that neither the parser nor the SQL built from it runs deep. */
export const MAX_NESTING = 16;

/** The deepest parentheses of `text`, outside quotes. */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\') i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') deepest = Math.max(deepest, ++depth);
    else if (!quoted && ch === ')') depth -= 1;
  }
  return deepest;
}

/** Parses q or fq; bare words get `defaultField` ('' means free text). */
export function parseSolr(text: string, defaultField = ''): QueryNode {
  if (nesting(text) > MAX_NESTING) throw new QuerySyntaxError(`troppe parentesi una dentro l'altra (al massimo ${MAX_NESTING})`);
  return new Parser(new Lexer(text, defaultField).tokens()).parse();
}

/** Every field named in the tree (free text is ''). */
export function fieldsOf(node: QueryNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(fieldsOf);
    case 'not':
      return fieldsOf(node.child);
    case 'term':
    case 'range':
      return [node.field];
    default:
      return [];
  }
}
