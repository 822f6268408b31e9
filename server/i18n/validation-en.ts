// The actions' validation messages in English, for the form pages. The actions (and the API, like CKAN's)
// speak Italian; a form shown in English reads each message through these rules, which follow the message
// sources (server/core/schemas.ts, server/dcat/*, server/catalogue/*, server/auth/*, server/files/*).
// A message no rule knows stays Italian, and the page marks it lang="it" (WCAG 3.1.2).
type Rule = [RegExp, string | ((...groups: string[]) => string)];

const TYPES: Record<string, string> = {
  'un testo': 'a text', 'un numero intero': 'a whole number', 'un numero': 'a number', 'vero o falso': 'true or false',
  'una lista': 'a list', 'un oggetto': 'an object',
};

const VOCABULARIES: Record<string, string> = {
  'dei temi EU (data-theme)': 'EU data themes (data-theme)', 'delle frequenze EU (frequency)': 'EU frequencies (frequency)',
  'dei formati EU (file-type)': 'EU file types (file-type)', 'delle lingue EU (language)': 'EU languages (language)',
  'dei luoghi EU (place)': 'EU places (place)', 'delle licenze AgID': 'AgID licences',
};

const TOO_MANY: Record<string, string> = {
  'Troppe lingue': 'Too many languages', 'Troppi temi': 'Too many themes', 'Troppi identificativi alternativi': 'Too many alternative identifiers',
  'Troppi autori': 'Too many creators', 'Troppi standard': 'Too many standards',
};

/** The reasons a search is refused (server/search/solr-syntax.ts, match.ts, sql-filter.ts). */
const SEARCH_REASONS: Rule[] = [
  [/^troppe parole nella ricerca \(al massimo (\d+)\)$/, (n) => `too many words in the search (at most ${n})`],
  [/^manca un valore dopo "(.+)"$/s, (field) => `a value is missing after "${field}"`],
  [/^virgolette non chiuse$/, 'unclosed quotes'],
  [/^intervallo non valido per (.+?): usa \[DA TO A\], per esempio (.+)$/s, (field, example) => `invalid range for ${field}: use [FROM TO TO], for example ${example}`],
  [/^parentesi non chiusa$/, 'unclosed parenthesis'],
  [/^parentesi non bilanciate: (\d+) aperte e (\d+) chiuse$/, (open, closed) => `unbalanced parentheses: ${open} opened and ${closed} closed`],
  [/^parentesi chiusa di troppo$/, 'one closing parenthesis too many'],
  [/^espressione incompleta$/, 'incomplete expression'],
  [/^operatore fuori posto \((.+)\)$/, (op) => `operator out of place (${op})`],
  [/^troppe parentesi una dentro l'altra \(al massimo (\d+)\)$/, (n) => `too many nested parentheses (at most ${n})`],
  [/^data non valida: "(.*)" \(usa per esempio (.+)\)$/s, (value, example) => `invalid date: "${value}" (use for example ${example.replace(' o ', ' or ')})`],
  [/^gli intervalli valgono solo per metadata_modified e metadata_created, non per (.+)$/s, (field) => `ranges apply only to metadata_modified and metadata_created, not to ${field}`],
  [/^campo non filtrabile: (.+)$/s, (field) => `field not filterable: ${field}`],
  [/^il carattere \* vale solo alla fine di un valore di campi di testo, non per (.+)$/s, (field) => `the * character is allowed only at the end of a value of text fields, not for ${field}`],
];

function searchReason(reason: string): string {
  for (const [pattern, english] of SEARCH_REASONS) {
    const match = pattern.exec(reason);
    if (match) return typeof english === 'string' ? english : english(...match.slice(1));
  }
  return reason;
}

const rules: Rule[] = [
  // server/search/search-input.ts
  [/^Ricerca non valida: (.+)$/s, (reason) => `Invalid search: ${searchReason(reason)}`],
  [/^Filtro non valido: (.+)$/s, (reason) => `Invalid filter: ${searchReason(reason)}`],
  [/^Sintassi non valida: (.+)$/s, (reason) => `Invalid syntax: ${searchReason(reason)}`],
  [/^Troppe condizioni: (\d+), al massimo (\d+)$/, (n, max) => `Too many conditions: ${n}, at most ${max}`],
  [/^Campi di filtro sconosciuti: (.+)\. Ammessi: (.+)$/s, (fields, allowed) => `Unknown filter fields: ${fields}. Allowed: ${allowed.replace('extras_NOME', 'extras_NAME')}`],
  [/^Faccette non disponibili: (.+)\. Disponibili: (.+)$/s, (fields, allowed) => `Facets not available: ${fields}. Available: ${allowed}`],
  [/^Ordinamento non valido: usa per esempio (.+)$/s, (list) => `Invalid sort: use for example ${list.replace(/ o /g, ' or ')}`],
  // server/core/schemas.ts
  [/^Campo obbligatorio mancante$/, 'Required field missing'],
  [/^Campo sconosciuto: controlla il nome$/, 'Unknown field: check its name'],
  [/^Tipo errato: atteso (.+)$/, (type) => `Wrong type: expected ${TYPES[type] ?? type}`],
  [/^Troppo lungo: al massimo (\d+) caratteri$/, (n) => `Too long: at most ${n} characters`],
  [/^Non può essere vuoto$/, 'Cannot be empty'],
  [/^Troppo corto: almeno (\d+) caratteri$/, (n) => `Too short: at least ${n} characters`],
  [/^Formato non valido: atteso un indirizzo email$/, 'Invalid format: an email address is expected'],
  [/^Formato non valido: atteso un elenco di oggetti JSON$/, 'Invalid format: a list of JSON objects is expected'],
  [/^Formato non valido: atteso (.+)$/, (format) => `Invalid format: expected ${format}`],
  [/^Formato non valido$/, 'Invalid format'],
  [/^Valore non ammesso: scegli tra (.+)$/, (values) => `Value not allowed: choose one of ${values}`],
  [/^Valore fuori intervallo \((minimo|massimo) (.+)\)$/, (which, n) => `Value out of range (${which === 'minimo' ? 'minimum' : 'maximum'} ${n})`],
  [/^Numero non valido: atteso un intero tra (\S+) e (\S+)$/, (low, high) => `Invalid number: a whole number between ${low} and ${high} is expected`],
  [/^Valore non valido$/, 'Invalid value'],
  // The schemas' pattern descriptions (schemas/*.json)
  [/^Usa da 2 a 100 caratteri: lettere minuscole senza accenti, cifre, - e _$/, 'Use 2 to 100 characters: lower-case letters without accents, digits, - and _'],
  [/^Indirizzo non valido: deve iniziare con (.+)$/, (schemes) => `Invalid address: it must start with ${schemes.replace(/ o /g, ' or ')}`],
  [/^Indirizzo email non valido \(esempio: (.+)\)$/, (example) => `Invalid email address (example: ${example})`],
  [/^Indirizzo email non valido$/, 'Invalid email address'],
  [/^Il codice IPA contiene solo lettere, cifre, punto, - e _, con \/ per le unità organizzative \(esempi: (.+)\)$/,
    (examples) => `The IPA code contains only letters, digits, full stops, - and _, with / for organisational units (examples: ${examples})`],
  [/^Data nel formato AAAA-MM-GG \(o data e ora ISO 8601\)$/, 'A date as YYYY-MM-DD (or an ISO 8601 date and time)'],
  // server/dcat/*
  [/^Il titolo è obbligatorio per un dataset pubblico \(DCAT-AP_IT dct:title\)$/, 'A public dataset needs a title (DCAT-AP_IT dct:title)'],
  [/^La descrizione è obbligatoria per un dataset pubblico \(DCAT-AP_IT dct:description\): spiega cosa contengono i dati$/,
    'A public dataset needs a description (DCAT-AP_IT dct:description): explain what the data contain'],
  [/^L'identificativo è troppo lungo: al massimo (\d+) caratteri$/, (n) => `The identifier is too long: at most ${n} characters`],
  [/^L'identificativo non può contenere spazi \(forma consigliata: codiceIPA:nome\)$/, 'The identifier cannot contain spaces (recommended form: IPAcode:name)'],
  [/^La fine della copertura temporale precede il suo inizio$/, 'The end of the temporal coverage comes before its start'],
  [/^Indica nome e codice IPA (dell'editore|del titolare), oppure lascia vuoti entrambi \(si usa l'organizzazione\)$/,
    (whose) => `Give both the name and the IPA code of the ${whose === 'del titolare' ? 'holder' : 'publisher'}, or leave both empty (the organization is used)`],
  [/^"(.*)" non è un codice del vocabolario (.+): usa un codice come (.+)$/s,
    (raw, vocabulary, examples) => `"${raw}" is not a code of the vocabulary of ${VOCABULARIES[vocabulary] ?? vocabulary}: use a code such as ${examples}`],
  [/^Data non valida: "(.*)"\. Usa il formato AAAA-MM-GG \(es\. (.+)\)$/s, (raw, example) => `Invalid date: "${raw}". Use the format YYYY-MM-DD (e.g. ${example})`],
  [/^Indirizzo non valido: "(.*)"\. Deve iniziare con (.+)$/s, (raw, schemes) => `Invalid address: "${raw}". It must start with ${schemes.replace(/ o /g, ' or ')}`],
  [/^Sottotema "(.*)" non previsto per il tema (\S+) \(vedi la mappatura AgID temi-sottotemi EuroVoc\)$/s,
    (raw, theme) => `Subtheme "${raw}" is not one of theme ${theme} (see AgID's mapping of themes to EuroVoc subthemes)`],
  [/^Troppi sottotemi per il tema (\S+): al massimo (\d+)$/, (theme, n) => `Too many subthemes for theme ${theme}: at most ${n}`],
  [/^(Troppe lingue|Troppi temi|Troppi identificativi alternativi|Troppi autori|Troppi standard): al massimo (\d+)$/, (what, n) => `${TOO_MANY[what]}: at most ${n}`],
  // server/catalogue/*
  [/^Indica l'email del punto di contatto: senza indirizzo il contatto non può essere pubblicato$/,
    "Give the contact point's email: without an address the contact cannot be published"],
  [/^"(.*)" è una parola riservata: scegli un altro nome$/s, (name) => `"${name}" is a reserved word: choose another name`],
  [/^"(.*)" è un nome riservato: scegline un altro$/s, (name) => `"${name}" is a reserved name: choose another one`],
  [/^Tag non valido: "(.*)"\. Un tag contiene da 2 a 100 caratteri: lettere, cifre, spazi, -, _ e \.$/s,
    (tag) => `Invalid tag: "${tag}". A tag has 2 to 100 characters: letters, digits, spaces, -, _ and .`],
  [/^Gruppo inesistente: (.+)$/s, (key) => `No such group: ${key}`],
  [/^Questo nome \(URL\) è già usato da un altro dataset: scegline un altro, per esempio «(.+)»$/s,
    (free) => `This name (URL) is already used by another dataset: choose another one, for example “${free}”`],
  [/^Questo nome \(URL\) è già usato da un altro dataset$/, 'This name (URL) is already used by another dataset'],
  [/^Questo nome \(URL\) è già in uso$/, 'This name (URL) is already in use'],
  [/^L'identificativo (.+) è già usato dal dataset "(.+)"$/s, (id, name) => `The identifier ${id} is already used by the dataset "${name}"`],
  [/^Il prefisso (.+) è il codice IPA di (.+): usa quello della tua organizzazione \((.+)\)$/s,
    (prefix, owner, own) => `The prefix ${prefix} is the IPA code of ${owner}: use your organization's (${own})`],
  [/^Nome di campo troppo lungo: al massimo (\d+) caratteri$/, (n) => `Field name too long: at most ${n} characters`],
  [/^Valore troppo lungo: al massimo (\d+) caratteri$/, (n) => `Value too long: at most ${n} characters`],
  [/^Troppi metadati aggiuntivi \(campi extra e campi sconosciuti\): al massimo (\d+)$/, (n) => `Too many additional metadata (extra fields and unknown fields): at most ${n}`],
  [/^Scegli l'organizzazione che pubblica il dataset$/, 'Choose the organization that publishes the dataset'],
  [/^Scegli l'organizzazione$/, 'Choose the organization'],
  [/^Organizzazione inesistente: (.+)$/s, (key) => `No such organization: ${key}`],
  [/^Il file caricato è vuoto: scegli un file con dei dati$/, 'The uploaded file is empty: choose a file with data in it'],
  [/^Id non valido: usa lettere, cifre, trattini o trattini bassi \(al massimo 100\)$/, 'Invalid id: use letters, digits, hyphens or underscores (at most 100)'],
  [/^Questo id è già in uso$/, 'This id is already in use'],
  [/^Struttura troppo annidata: al massimo (\d+) livelli$/, (n) => `Structure nested too deeply: at most ${n} levels`],
  [/^Il testo contiene un carattere nullo \(\\u0000\), non ammesso: toglilo$/, 'The text contains a null character (\\u0000), which is not allowed: remove it'],
  [/^Valore già in uso: un altro utente lo ha appena registrato, scegline un altro$/, 'Value already in use: another user has just registered it, choose another one'],
  // server/auth/*
  [/^Questo nome utente è già in uso$/, 'This user name is already in use'],
  [/^Questo indirizzo email è già usato da un altro utente$/, 'This email address is already used by another user'],
  [/^Per cambiare la password indica quella attuale, corretta$/, 'To change the password, give the current one, correctly'],
  [/^Solo un amministratore di sistema può impostare o cambiare il codice IPA dell'organizzazione$/, "Only a system administrator can set or change the organization's IPA code"],
  [/^Il codice IPA (.+) è già di «(.+)»: ogni amministrazione ha una sola organizzazione$/s,
    (code, holder) => `The IPA code ${code} already belongs to “${holder}”: each administration has one organization`],
  // server/files/*
  [/^Il file supera la dimensione massima consentita \((.+)\)$/, (limit) => `The file is larger than the maximum allowed (${limit})`],
  [/^Caricamento interrotto: nessun dato ricevuto per (\d+) secondi$/, (s) => `Upload interrupted: no data received for ${s} seconds`],
  [/^Si può caricare un solo file per richiesta$/, 'Only one file can be uploaded per request'],
  [/^Corpo multipart non valido( o interrotto)?$/, (cut) => `Invalid${cut ? ' or interrupted' : ''} multipart body`],
  // server/harvest/*
  [/^Esiste già una fonte di raccolta con il nome "(.+)"$/s, (name) => `A harvest source named "${name}" already exists`],
  [/^La fonte non è attiva$/, 'The source is not active'],
  [/^C'è già una raccolta in corso o in attesa per questa fonte \((.+)\)$/, (id) => `A harvest is already running or waiting for this source (${id})`],
  [/^Formato non riconosciuto dal nome del file: usa (.+)$/, (list) => `Format not recognised from the file name: use ${list.replace(/ o /g, ' or ')}`],
  [/^La configurazione non è JSON valido: (.+)$/s, (why) => `The configuration is not valid JSON: ${why}`],
  [/^La configurazione deve essere un oggetto JSON, per esempio (.+)$/s, (example) => `The configuration must be a JSON object, for example ${example}`],
  [/^File troppo grande per il modulo \(oltre (\d+) MB\): usa (.+)$/, (mb, cli) => `File too large for the form (over ${mb} MB): use ${cli}`],
];

/** One action message in English, or null when no rule knows it. */
export function validationMessageInEnglish(message: string): string | null {
  for (const [pattern, english] of rules) {
    const match = pattern.exec(message);
    if (match) return typeof english === 'string' ? english : english(...match.slice(1));
  }
  return null;
}
