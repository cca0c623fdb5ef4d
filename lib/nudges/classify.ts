/**
 * Message classifier: is a message the user is writing (or has sent) *personal*,
 * or a *broadcast* (a promo, a template, the same text sent to many)?
 *
 * Pure and synchronous: no DOM, no storage, no clock. Kith keeps no message text;
 * the caller keeps only `hash`, a non-reversible digest of the normalised text with
 * the recipient's names stripped, so that "the same message sent to others today"
 * can be recognised without storing what was written.
 *
 * Signals (codes, never sentences; the UI turns them into words):
 * - `placeholder`: an unfilled merge tag (%FIRSTNAME%, {{name}}, [Name], [Nome],
 *   {first_name}, *|FNAME|*, ...).
 * - `duplicate`: the digest equals one of `sentTodayHashes` (texts the user sent to
 *   other people today). Only for texts longer than a short greeting, so that
 *   "Thanks!" or "Happy birthday!" to several people is not a broadcast.
 * - `promo`: promotional or sales phrasing, English and Italian.
 * - `cta-link`: a call to action (sign up, book, register, iscriviti, prenota...)
 *   together with a link, or a booking link (calendly.com, cal.com...).
 * - `no-name`: the recipient's name is known and the text, longer than a short
 *   greeting, mentions none of it (first name, last name or full name; case and
 *   accents ignored).
 *
 * Decision: broadcast if `placeholder` or `duplicate`; or `promo` with `cta-link`;
 * or `promo` with `no-name`, unless the text refers to something personal between
 * the two ("you asked about", "as promised", "come mi avevi chiesto"...); or
 * `no-name` with `cta-link`. Personal otherwise. A lone weak signal never makes a
 * broadcast: "Hi Marta, here's the webinar recording you asked about" is personal.
 */

export type Signal = 'placeholder' | 'duplicate' | 'promo' | 'cta-link' | 'no-name';

export interface ClassifyInput {
  text: string;
  /** The recipient's display name, when known ("Marta Rossi"). */
  recipientName?: string;
  /** Digests (`hash`) of the texts the user sent to other people today. */
  sentTodayHashes?: ReadonlySet<string>;
  /** Whether the user has ever had a personal touch with this person. */
  hasPersonalTouch: boolean;
}

export interface Classification {
  depth: 'personal' | 'broadcast';
  /** In a fixed order: placeholder, duplicate, promo, cta-link, no-name. */
  signals: Signal[];
  /** No personal touch yet, and the text reads as a pitch. */
  pitchWithoutListening: boolean;
  /**
   * The text refers to a personal exchange ("you asked", "as promised",
   * "mi avevi chiesto"): it softens `promo` (see the decision above).
   */
  personalReference: boolean;
  /** FNV-1a 64 of `normaliseForHash(text, [recipientName])`, 16 hex digits. */
  hash: string;
}

/** Below this many words a text is "a short greeting": no `no-name`, no `duplicate`. */
export const SHORT_TEXT_WORDS = 8;

const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
const COMBINING = /\p{M}+/gu;

/**
 * Fold for matching: compatibility-decompose, drop accents, zero-width and bidi
 * controls, lower-case, straighten apostrophes and quotes. Punctuation is kept.
 */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(ZERO_WIDTH, '')
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u00AB\u00BB]/g, '"')
    .toLowerCase();
}

/** Folded words only: letters and digits, everything else a single space. */
function words(folded: string): string[] {
  return folded
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

const URL_RE =
  /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|it|io|ly|co|net|org|app|me|eu|info|biz|link|page)\/[^\s<>"']*/giu;

// --- placeholders ---------------------------------------------------------------

/** Field names a merge tag in single braces or brackets is made of. */
const FIELD =
  '(?:first[ _-]?name|last[ _-]?name|full[ _-]?name|name|surname|company(?:[ _-]?name)?|job[ _-]?title|title|role|city|nome|cognome|nome[ _-]?completo|azienda|societa|ruolo|citta|contact[ _.-]?name|recipient|destinatario|fname|lname)';

const PLACEHOLDER_RES: RegExp[] = [
  // %FIRSTNAME%, %first_name%, %NOME%
  /%[a-z_][a-z0-9_.]{1,30}%/i,
  // {{name}}, {{ contact.first_name }}
  /\{\{[^{}\n]{1,40}\}\}/,
  // Mailchimp *|FNAME|*
  /\*\|[a-z0-9_:]{1,30}\|\*/i,
  // Salesforce {!Contact.FirstName}
  /\{![a-z0-9_.]{1,40}\}/i,
  // {first_name}, [Name], [Nome], <<Name>>, <FIRST NAME>, [[name]]
  new RegExp(`\\{\\s*${FIELD}\\s*\\}`, 'i'),
  new RegExp(`\\[\\[?\\s*(?:insert\\s+|inserisci\\s+)?${FIELD}\\s*\\]\\]?`, 'i'),
  new RegExp(`<<?\\s*${FIELD}\\s*>>?`, 'i'),
];

// --- promotional phrasing -----------------------------------------------------
// Written against folded text (lower-case, no accents). Bare words that also live
// in personal talk ("offer" in "job offer", "free" in "are you free", "demo" in
// "your demo was great") only count in a promotional context.

const PROMO_RES: RegExp[] = [
  // English
  /\b(?:special|exclusive|limited(?:[- ]time)?|launch|introductory|early[- ]bird|our|great|amazing|unique|unbeatable|best) offers?\b/,
  /\boffers? (?:ends?|expires?|valid)\b/,
  /\b(?:\d{1,2} ?%|special|exclusive|extra|our|your) discounts?\b/,
  /\bdiscount (?:code|on (?:our|all|the first|your first)|for (?:you|new)|valid|ends|expires)\b/,
  /\b\d{1,2} ?% off\b/,
  /\b(?:promo|coupon|discount) codes?\b/,
  /\bcoupons?\b/,
  /\bwebinars?\b/,
  /\bmaster ?class(?:es)?\b/,
  /\b(?:book|schedule|request|free|quick|live|short|personali[sz]ed|product) (?:a |your |an? )?demo\b/,
  /\bdemo of (?:our|the platform|the product)\b/,
  /\blimited[- ]time\b/,
  /\bfree (?:trial|consultation|ebook|e-book|guide|demo|webinar|download|audit|session|checklist|template|masterclass|access|strategy call|discovery call)\b/,
  /\bsign[- ]?up (?:now|today|for (?:free|our|my)|free)\b/,
  /\b(?:spring|summer|winter|autumn|fall|black friday|cyber monday|flash|big|end of season|clearance) sale\b/,
  /\bbook (?:a|your|an?) (?:free )?(?:call|meeting|slot|session|spot|seat|consultation)\b/,
  /\bspecial (?:price|pricing|deal|promotion)\b/,
  /\blimited (?:spots|seats|places|availability)\b/,
  /\bonly \d+ (?:spots|seats|places) left\b/,
  /\b(?:last chance|don't miss (?:out|this)|act now|hurry)\b/,
  /\bour (?:product|products|solution|solutions|services|platform|software|agency|offering)\b/,
  /\bwould you be interested in (?:a|an|learning|hearing|seeing|exploring|our|trying)\b/,
  /\b(?:i'd love to show you|i would love to show you|are you open to a quick)\b/,
  /\b(?:grow|scale|boost) your (?:business|sales|revenue|pipeline)\b/,
  /\b(?:increase|double|triple) your (?:sales|revenue|leads|conversions)\b/,
  /\b(?:partnership|business) opportunity\b/,
  // Italian
  /\bofferta (?:speciale|esclusiva|limitata|lancio|imperdibile|valida)\b/,
  /\b(?:la nostra|una speciale|questa) offerta\b/,
  /\bin offerta\b/,
  /\bsconto (?:speciale|esclusivo|riservato|valido|extra|di benvenuto|fino al)\b/,
  /\bscontat[oaie]\b/,
  /\b\d{1,2} ?% di sconto\b/,
  /\bcodice (?:sconto|promo(?:zionale)?)\b/,
  /\b(?:in|nostra|speciale|questa) promozione\b/,
  /\bpromozione (?:speciale|valida|esclusiva|lancio|scade|attiva|riservata)\b/,
  /\bpromozioni\b/,
  /\bprova gratuita\b/,
  /\b(?:consulenza|demo|lezione|guida|sessione|call|chiamata|webinar|masterclass) gratuit[ao]\b/,
  /\bebook gratuito\b/,
  /\biscriviti (?:ora|subito|adesso|gratis|gratuitamente|(?:al|alla|ai) (?:nostr[oa] )?(?:webinar|corso|corsi|evento|programma|newsletter|canale|masterclass|community|lista))\b/,
  /\biscrizioni (?:aperte|chiudono)\b/,
  /\ba tempo limitato\b/,
  /\bprenota (?:(?:una|la tua|il tuo|un) (?:call|chiamata|consulenza|demo|sessione|posto)|subito|ora|adesso)\b/,
  /\bprezz[oi] (?:speciale|speciali|lancio|scontato|bloccato)\b/,
  /\bposti limitati\b/,
  /\bultimi posti\b/,
  /\b(?:ultima occasione|non perdere (?:questa|l'occasione|l'opportunita))\b/,
  /\b(?:la nostra|nostra) (?:soluzione|piattaforma|agenzia)\b/,
  /\b(?:i nostri|nostri) (?:servizi|prodotti)\b/,
  /\b(?:il nostro|nostro) (?:prodotto|servizio|software)\b/,
  /\b(?:ti interesserebbe|potrebbe interessarti|saresti interessat[oa])\b/,
  /\b(?:aumentare|raddoppiare) (?:le tue |le )?(?:vendite|fatturato|conversioni)\b/,
  /\bopportunita di (?:business|collaborazione commerciale)\b/,
];

// --- calls to action (only count together with a link) ---------------------------

const CTA_RES: RegExp[] = [
  /\bsign(?:ing)?[- ]?up\b/,
  /\bregister\b/,
  /\bbook (?:a|your|an?|now|here)\b/,
  /\b(?:schedule|reserve|claim|grab|secure) (?:a|your|an?)\b/,
  /\bdownload (?:the|our|your|it|now|here)\b/,
  /\bget (?:your|started|access|it now)\b/,
  /\b(?:learn|find out|read) more\b/,
  /\bclick (?:here|the link|below|on the link)\b/,
  /\btap (?:here|the link)\b/,
  /\blink in bio\b/,
  /\b(?:apply|shop|buy|order|join|subscribe|register|enrol|enroll) (?:now|today|here)\b/,
  /\b(?:start|try) (?:your |it )?(?:free|for free|now|today)\b/,
  /\biscriviti\b/,
  /\bregistrati\b/,
  /\bprenota\b/,
  /\bclicca\b/,
  /\bscarica\b/,
  /\bscopri (?:di piu|come|subito|ora)\b/,
  /\bpartecipa\b/,
  /\brichiedi\b/,
  /\bapprofitta\b/,
  /\bacquista\b/,
  /\bunisciti\b/,
];

/** Links that are a call to action by themselves: booking pages, sign-up forms. */
const CTA_LINK_RE =
  /\b(?:calendly\.com|cal\.com|meetings\.hubspot\.com|hubspot\.com\/meetings|eventbrite\.[a-z]+|zcal\.co|tidycal\.com|savvycal\.com|forms\.gle|typeform\.com|lu\.ma)\//;

// --- references to a personal exchange --------------------------------------------

const PERSONAL_REF_RES: RegExp[] = [
  /\byou (?:asked|mentioned|told me|wanted|were looking for|were asking)\b/,
  /\b(?:as|like) (?:promised|you said|we discussed|discussed|agreed|we agreed)\b/,
  /\bi promised\b/,
  /\bwe (?:talked|spoke|chatted) about\b/,
  /\bour (?:conversation|chat|call|coffee|talk|lunch|meeting) (?:yesterday|last|on|about|the other day|this morning)\b/,
  /\b(?:following up on|after) our (?:conversation|chat|call|coffee|talk|lunch)\b/,
  /\bmi (?:avevi|hai) (?:chiesto|detto|parlato)\b/,
  /\bmi chiedevi\b/,
  /\bmi dicevi\b/,
  /\bcome (?:promesso|d'accordo|dicevamo|mi avevi chiesto|ne abbiamo parlato|concordato)\b/,
  /\bti avevo promesso\b/,
  /\b(?:ne )?abbiamo parlato\b/,
  /\bla nostra (?:chiacchierata|telefonata|conversazione|call)\b/,
  /\b(?:cercavi|volevi|mi chiedevi)\b/,
];

const GREETING_WORDS = new Set([
  'hi',
  'hello',
  'hey',
  'dear',
  'hiya',
  'greetings',
  'ciao',
  'salve',
  'gentile',
  'gentilissimo',
  'gentilissima',
  'caro',
  'cara',
  'carissimo',
  'carissima',
  'buongiorno',
  'buonasera',
  'egregio',
  'spettabile',
]);

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'sir',
  'dott',
  'dottssa',
  'dottoressa',
  'dottore',
  'ing',
  'avv',
  'arch',
  'sig',
  'sigra',
  'signor',
  'signora',
]);

/** Folded tokens of a person's name worth looking for (no honorifics, >= 2 letters). */
function nameTokens(name: string): string[] {
  return words(fold(name)).filter((t) => t.length >= 2 && !HONORIFICS.has(t));
}

/**
 * The text a message digest is computed over: folded (no accents, case, zero-width
 * or bidi controls), links without query or fragment (so per-recipient tracking
 * parameters do not hide a mass message), the given names and a leading greeting
 * word removed, punctuation dropped, spaces collapsed. "Hi Marta, the webinar is
 * on!" and "Hello Luca - the webinar is on" normalise to the same text.
 */
export function normaliseForHash(text: string, names: readonly string[]): string {
  const folded = fold(text).replace(URL_RE, (url) => url.replace(/[?#].*$/u, ''));
  const strip = new Set<string>();
  for (const n of names) for (const t of nameTokens(n)) strip.add(t);
  const ws = words(folded).filter((w) => !strip.has(w));
  while (ws.length > 0 && (GREETING_WORDS.has(ws[0] ?? '') || HONORIFICS.has(ws[0] ?? ''))) {
    ws.shift();
  }
  return ws.join(' ');
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64 over the UTF-8 bytes of `s`, as 16 lower-case hex digits. */
export function fnv1a64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let h = FNV64_OFFSET;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * FNV64_PRIME) & MASK64;
  }
  return h.toString(16).padStart(16, '0');
}

function anyMatch(res: readonly RegExp[], s: string): boolean {
  return res.some((re) => re.test(s));
}

export function classifyMessage(input: ClassifyInput): Classification {
  const folded = fold(input.text);
  const names = input.recipientName ? [input.recipientName] : [];
  const normalised = normaliseForHash(input.text, names);
  const hash = fnv1a64(normalised);
  const wordCount = words(folded).length;
  const longEnough = wordCount >= SHORT_TEXT_WORDS;

  const placeholder = anyMatch(PLACEHOLDER_RES, folded);
  const duplicate = longEnough && normalised.length > 0 && (input.sentTodayHashes?.has(hash) ?? false);

  // Promo and CTA phrasing are looked for with links removed (a slug such as
  // /webinar-signup is not phrasing).
  const prose = folded.replace(URL_RE, ' ');
  const promo = anyMatch(PROMO_RES, prose);
  const links = folded.match(URL_RE) ?? [];
  const ctaLink = links.length > 0 && (anyMatch(CTA_RES, prose) || links.some((l) => CTA_LINK_RE.test(l)));

  let noName = false;
  if (input.recipientName && longEnough) {
    const tokens = nameTokens(input.recipientName);
    if (tokens.length > 0) {
      const padded = ` ${words(folded).join(' ')} `;
      const full = ` ${tokens.join(' ')} `;
      const first = tokens[0] ?? '';
      const mentioned =
        padded.includes(full) ||
        // any part of the name of 3+ letters: "Marta", "Rossi" (as in "Dott. Rossi");
        // 2-letter particles ("de", "la", "di") would match ordinary words
        tokens.some((t) => t.length >= 3 && padded.includes(` ${t} `)) ||
        // ...but a 2-letter first name ("Al", "Bo") counts
        (first.length === 2 && padded.includes(` ${first} `));
      noName = !mentioned;
    }
  }

  const personalReference = anyMatch(PERSONAL_REF_RES, prose);

  const signals: Signal[] = [];
  if (placeholder) signals.push('placeholder');
  if (duplicate) signals.push('duplicate');
  if (promo) signals.push('promo');
  if (ctaLink) signals.push('cta-link');
  if (noName) signals.push('no-name');

  const broadcast = placeholder || duplicate || (promo && ctaLink) || (promo && noName && !personalReference) || (noName && ctaLink);

  return {
    depth: broadcast ? 'broadcast' : 'personal',
    signals,
    pitchWithoutListening: !input.hasPersonalTouch && promo && !personalReference,
    personalReference,
    hash,
  };
}
