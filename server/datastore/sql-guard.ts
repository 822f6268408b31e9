// The first gate of datastore_search_sql, on the text: exactly one SELECT (or WITH ... SELECT), no
// statement that writes or changes the connection, and only functions from an allowlist (as CKAN's
// `allowed_functions`). The second gate runs in the database: a read-only connection or transaction,
// and the tables the plan reads (sql-sqlite.ts, sql-postgres.ts).
import { ValidationError } from '../core/errors';

interface Token {
  kind: 'word' | 'quoted' | 'punct';
  text: string;
}

function refuse(message: string): never {
  throw ValidationError.field('sql', message);
}

function skipQuoted(sql: string, start: number, quote: string, backslashes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    if (backslashes && sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  refuse('Testo o identificatore tra virgolette non chiuso');
}

/** Words, quoted identifiers and punctuation; string literals and comments are left out. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) i++;
    else if (c === '-' && sql[i + 1] === '-') i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
    else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) refuse('Commento non chiuso');
      i = end + 2;
    } else if (c === "'") i = skipQuoted(sql, i, "'", false);
    else if ((c === 'E' || c === 'e') && sql[i + 1] === "'") i = skipQuoted(sql, i + 1, "'", true);
    else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const end = c === '[' ? sql.indexOf(']', i) + 1 : skipQuoted(sql, i, close, false);
      if (end <= 0) refuse('Identificatore tra parentesi quadre non chiuso');
      tokens.push({ kind: 'quoted', text: sql.slice(i + 1, end - 1).replace(new RegExp(`${close === ']' ? '\\]' : close}{2}`, 'g'), close) });
      i = end;
    } else if (c === '$') refuse('Il carattere $ (parametri e testi tra dollari) non è ammesso');
    else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}\p{N}_]+/u.exec(sql.slice(i))!;
      tokens.push({ kind: 'word', text: m[0].toLowerCase() });
      i += m[0].length;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}

const FORBIDDEN_WORDS = new Set([
  'insert', 'update', 'delete', 'drop', 'create', 'alter', 'attach', 'detach', 'pragma', 'vacuum', 'reindex', 'analyze',
  'copy', 'grant', 'revoke', 'truncate', 'set', 'reset', 'lock', 'call', 'do', 'execute', 'prepare', 'deallocate',
  'listen', 'notify', 'unlisten', 'into', 'begin', 'commit', 'rollback', 'savepoint', 'release', 'load', 'import',
  'refresh', 'cluster', 'discard', 'comment', 'security', 'checkpoint',
]);

/** Words that open parentheses without being functions. */
const NOT_FUNCTIONS = new Set([
  'in', 'exists', 'values', 'as', 'over', 'filter', 'any', 'all', 'some', 'on', 'using', 'from', 'join', 'and', 'or',
  'not', 'where', 'select', 'by', 'when', 'then', 'else', 'case', 'is', 'like', 'ilike', 'between', 'having', 'limit',
  'offset', 'union', 'intersect', 'except', 'within', 'with', 'recursive', 'lateral', 'distinct', 'group', 'order',
  'row', 'array', 'escape', 'glob', 'match', 'similar', 'to', 'end', 'asc', 'desc', 'nulls', 'first', 'last',
]);

/** Functions datastore_search_sql may call (both databases' names), as CKAN's allowed_functions. */
export const ALLOWED_FUNCTIONS = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'abs', 'round', 'ceil', 'ceiling', 'floor', 'trunc', 'sqrt', 'power', 'pow', 'mod',
  'sign', 'ln', 'log', 'log10', 'exp', 'lower', 'upper', 'length', 'char_length', 'character_length', 'octet_length',
  'trim', 'ltrim', 'rtrim', 'btrim', 'substr', 'substring', 'replace', 'concat', 'concat_ws', 'coalesce', 'nullif',
  'ifnull', 'iif', 'greatest', 'least', 'cast', 'date_trunc', 'date_part', 'extract', 'to_char', 'to_date', 'to_number',
  'to_timestamp', 'strftime', 'date', 'datetime', 'julianday', 'time', 'instr', 'strpos', 'position', 'split_part',
  'left', 'right', 'lpad', 'rpad', 'initcap', 'reverse', 'string_agg', 'array_agg', 'group_concat', 'json_agg',
  'jsonb_agg', 'json_extract', 'jsonb_extract_path_text', 'json_extract_path_text', 'json_build_object',
  'jsonb_build_object', 'to_json', 'to_jsonb', 'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile',
  'lag', 'lead', 'first_value', 'last_value', 'nth_value', 'percentile_cont', 'percentile_disc', 'mode', 'stddev',
  'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'bool_and', 'bool_or', 'every', 'total', 'typeof',
  'printf', 'format', 'age', 'make_date', 'md5', 'unicode', 'char', 'chr', 'ascii', 'quote', 'hex', 'corr', 'covar_pop',
  'covar_samp', 'regr_slope', 'regr_intercept', 'date_part', 'now', 'current_date', 'current_timestamp',
  // Type names written with a size, as in CAST(x AS numeric(10, 2)) or x::varchar(20).
  'numeric', 'decimal', 'varchar', 'char', 'character', 'timestamp', 'interval', 'float', 'double', 'real', 'bit',
]);

function matchingClose(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === '(' && tokens[i].kind === 'punct') depth++;
    if (tokens[i].text === ')' && tokens[i].kind === 'punct' && --depth === 0) return i;
  }
  return tokens.length;
}

/** `name(a, b) AS (` or `AS MATERIALIZED (`: a WITH query's column list, only names between the parentheses. */
function isCteColumnList(tokens: Token[], open: number): boolean {
  const close = matchingClose(tokens, open);
  const inside = tokens.slice(open + 1, close);
  if (!inside.every((t) => t.kind !== 'punct' || t.text === ',')) return false;
  const after = tokens.slice(close + 1, close + 4).map((t) => t.text);
  return after[0] === 'as' && (after[1] === '(' || after[1] === 'materialized' || (after[1] === 'not' && after[2] === 'materialized'));
}

/** A word or quoted name followed by "(" that is a call: not a keyword, a CTE's column list, or an alias's. */
function calledFunction(tokens: Token[], i: number): string | null {
  const token = tokens[i];
  if (token.kind === 'punct' || tokens[i + 1]?.text !== '(') return null;
  if (token.kind === 'word' && NOT_FUNCTIONS.has(token.text)) return null;
  if (tokens[i - 1]?.kind === 'word' && tokens[i - 1].text === 'as') return null;
  if (isCteColumnList(tokens, i + 1)) return null;
  return token.kind === 'word' ? token.text : token.text.toLowerCase();
}

/** Checks the text of a datastore_search_sql query; answers it without trailing semicolons. */
export function checkSqlText(sql: string): string {
  const text = sql.replace(/[\s;]+$/u, '');
  if (text.trim() === '') refuse('Scrivi una query SELECT');
  const tokens = tokenize(text);
  if (tokens.some((t) => t.kind === 'punct' && t.text === ';')) refuse('Una sola istruzione per richiesta: togli i punti e virgola interni');
  const first = tokens[0];
  if (first?.kind !== 'word' || (first.text !== 'select' && first.text !== 'with')) refuse('Sono ammesse solo query SELECT (anche con WITH)');
  tokens.forEach((token, i) => {
    if (token.kind === 'word' && FORBIDDEN_WORDS.has(token.text)) refuse(`Istruzione non ammessa in una query di sola lettura: ${token.text.toUpperCase()}`);
    if (token.kind === 'word' && token.text === 'for' && ['update', 'share', 'no', 'key'].includes(tokens[i + 1]?.text)) refuse('FOR UPDATE/SHARE non è ammesso');
    const called = calledFunction(tokens, i);
    if (called !== null && !ALLOWED_FUNCTIONS.has(called)) refuse(`Funzione non ammessa: ${called}`);
  });
  return text;
}
