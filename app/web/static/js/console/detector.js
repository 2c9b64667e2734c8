// The depersonalisation assistant's detector: what in a signal draft could identify the reporter.
//
// A VP rewrites a report into a signal for a chain partner (DESIGN.md, "Consent and routing"). While
// they write, the console flags what could point back to the reporter, and the VP resolves or
// consciously accepts every flag. A miss here can out a sex worker, so the rules lean to recall;
// a false flag only costs the VP a click, but too many teach them to click without reading.
//
// Everything runs in the browser, on text that never leaves it: no network call but the one
// that loads the name lists, no eval, no wasm, so it works under `script-src 'self'`.
//
// How each kind is found:
// - phone: libphonenumber-js (vendored, ../../vendor/libphonenumber-js/VENDORED.md), default
//   country NL. Numbers it holds valid count when written with a leading 0, 00 or + (a bare
//   9-digit number is far more often a BSN, an amount or a case number than a Dutch phone number
//   without its trunk 0); numbers with an explicit international prefix count when merely possible,
//   because a slightly wrong foreign number identifies as well as a right one; a number with a
//   trunk 0 that is valid in one of NATIONAL_FORMAT_COUNTRIES counts too ("0888 123 456").
//   Dates, decimal amounts and references with several slashes are never phone numbers.
// - iban: country code, check digits and groups of up to four, validated by ISO 13616 mod 97 and,
//   for countries in IBAN_LENGTHS, the country's length. Without the checksum a long reference or
//   order number would be flagged as an account.
// - bsn: nine digits (also 1234.56.782, 123 456 782) passing the 11-test; eight digits (the leading
//   zero dropped) only right after a word like "BSN", since one in eleven of all 8-digit numbers
//   passes the test. A digit group that is part of a phone number is not a BSN.
// - postcode: 1234 AB / 1234AB, capital letters, not SA/SD/SS, not units such as "1500 KM";
//   lower-case letters only right after the word "postcode".
// - address: a capitalised street name ending in a street suffix (-straat, -weg, ... see
//   STREET_SUFFIXES) with the capitalised words and tussenvoegsels before it, or "Laan van X",
//   followed by a house number and addition, also in English word order ("62 Lange Hezelstraat");
//   English "12 Baker Street" and "Baker Street 12"; "Rue de la Paix 8", "Strada Florilor nr. 12";
//   and any capitalised street with a number after "woont op", "lives at", "adres is" ("Damrak
//   70"). A street without a number is not flagged (too coarse to identify on its own).
// - plate: Dutch sidecodes 1-14 with or without dashes (without dashes in capitals only), plus
//   Belgian 1-ABC-123, Romanian B 123 ABC and Bulgarian CA 1234 AB.
// - datetime: a day (12-03-2026, 12/3, 2026-03-12, 3 maart, March 3rd, maandag 12 mei, weekday
//   names, gisteren, yesterday, last night, Koningsdag, "on the 5th", "op 17-11") or a clock time
//   (23:15, 11.30 uur, om 7 uur, half elf, kwart over tien, 10pm, half past ten, ten o'clock).
//   Weeks, months, seasons and years ("vorige week", "in maart", "last month", "this spring",
//   "in 2024") are the coarse form the assistant suggests, so they are not flagged; nor are habits
//   ("elke dinsdag", "every Friday", "on a Tuesday") and durations ("na 2 uur", "two hours").
// - url: http(s) links, www.*, bare domains with a known top-level domain in lower case, .onion.
// - handle: @name (not inside an e-mail address), "insta: name", "snap: x", "telegram: x", and a
//   platform name (OnlyFans, TikTok, Twitter, ...) followed by something that looks like a user
//   name (it has a digit, "_" or "."), optionally after "is", "heet", "account", ... Platforms
//   whose name is an ordinary word ("Signal: a woman ...") need such a user name even with a colon.
// - name: the gazetteer (first names and surnames, lower case; see /static/data/names/README.md).
//   A word counts only when it is capitalised (first letter upper, not all capitals). Rules:
//   1. A gazetteer word that is also an ordinary word (AMBIGUOUS: "Mark", "Will", "Bos", "Ben",
//      "Meer", ...) is not a name at the start of a sentence, where everything is capitalised,
//      unless another name part follows ("Mark Jansen zei"); nor right after an article or a
//      possessive ("een Ford", "the Rose"). Elsewhere its capital letter makes it a name: Dutch
//      does not capitalise nouns, English only names.
//   2. ... but it does count there before a verb that mostly has a person as its subject
//      (PERSON_VERBS: "Rose said", "Post belde").
//   3. WEAK words ("Frans" is also the French language) count only next to another name part or
//      after a title.
//   4. Any capitalised word counts after a title (meneer, mevrouw, Mr, Mrs, Dr, ...) or after
//      "called", "named", "alias", "heet", "genaamd", "noemde zich", "de naam", ...
//   5. A name grows over the next name parts: gazetteer words, tussenvoegsels ("van", "de",
//      "van der", "ter", "el", "ait", ...) followed by a capitalised word, initials, and after a
//      first name one unknown capitalised word (a surname the gazetteer lacks).
//   6. Months and weekdays are never names, and places that contain a name word (Den Bosch,
//      Den Haag, Hoek van Holland, ...) are masked. A surname alone right after "in", "uit",
//      "naar", "from", "regio", ... (LOCATIVE) is the town it often also is ("in Woerden"): a
//      municipality is the coarse form the assistant suggests, and must not be flagged itself.
//   Lower-case names ("jan") are not found; nor are names the gazetteer lacks without a title,
//   an introduction or a first name before them.
// - venue: a venue noun (Hotel, Club, Privéhuis, Café, Bar, Sauna, Salon, Massagesalon, Motel,
//   Camping, Parkeerplaats, ...) with a capitalised name after it ("Hotel Casa", "Café De Kroon")
//   or before it ("Ibis Hotel"); hotel and restaurant chains by name (HOTEL_CHAINS); "in/bij/at
//   de X" with a capitalised X when the sentence also has a venue noun ("in de Blauwe Kater, een
//   club in Utrecht"); and the caller's own list (context.venues).
// - copied: every maximal run of six or more consecutive words that also occurs, consecutively, in
//   the report; words compared in lower case without diacritics, punctuation and spacing ignored.
//
// Overlapping findings of one kind are merged into one flag; overlaps between kinds are resolved
// by the kind's priority (PRIORITY), then the longer span.
// Copied runs are returned apart and may overlap flags: a copied sentence with a name in it is
// both a copied run and a name.

import findPhoneNumbersInText from "../../vendor/libphonenumber-js/es6/findPhoneNumbersInText.js";
import metadata from "../../vendor/libphonenumber-js/metadata.min.json.js";

export const KINDS = [
  "phone",
  "email",
  "iban",
  "bsn",
  "postcode",
  "address",
  "plate",
  "datetime",
  "url",
  "handle",
  "name",
  "venue",
  "copied",
];

const PRIORITY = [
  "iban",
  "bsn",
  "phone",
  "email",
  "url",
  "postcode",
  "plate",
  "address",
  "handle",
  "datetime",
  "venue",
  "name",
];

const HINTS = {
  datetime: "coarse_time",
  address: "coarse_area",
  postcode: "coarse_area",
  venue: "coarse_area",
};

export function suggestions(kind) {
  return HINTS[kind] || "remove";
}

export async function loadGazetteer(baseUrl = "/static/data/names") {
  const base = baseUrl.replace(/\/+$/, "");
  const [firstNames, surnames] = await Promise.all(
    ["first-names.txt", "surnames.txt"].map(async (file) => {
      const response = await fetch(`${base}/${file}`, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`gazetteer ${file}: HTTP ${response.status}`);
      return parseNameList(await response.text());
    }),
  );
  return { firstNames, surnames };
}

function parseNameList(body) {
  const names = new Set();
  for (const line of body.split(/\r?\n/)) {
    const name = line.trim();
    if (name && !name.startsWith("#")) names.add(name.normalize("NFC").toLowerCase());
  }
  return names;
}

export function detect(text, context) {
  const source = typeof text === "string" ? text : "";
  context = context || {};
  const candidates = [];
  const add = (kind, start, end) => {
    if (end > start) candidates.push({ kind, start, end });
  };
  const phones = findPhones(source, add);
  findIbans(source, add);
  findBsns(source, add, phones);
  findEmails(source, add);
  findUrls(source, add);
  findPostcodes(source, add);
  findPlates(source, add);
  findAddresses(source, add);
  findHandles(source, add);
  findDatetimes(source, add);
  findVenues(source, add, context.venues || []);
  findNames(source, add, context.gazetteer || { firstNames: new Set(), surnames: new Set() });
  return {
    flags: resolve(source, candidates),
    copied: findCopied(source, typeof context.report === "string" ? context.report : ""),
  };
}

function resolve(text, candidates) {
  // Overlapping candidates of one kind are one finding ("Grand Hotel" + "Hotel Central").
  const merged = [];
  for (const c of [...candidates].sort((a, b) => a.start - b.start)) {
    const same = merged.find((m) => m.kind === c.kind && c.start < m.end && m.start < c.end);
    if (same) same.end = Math.max(same.end, c.end);
    else merged.push({ ...c });
  }
  const rank = (kind) => PRIORITY.indexOf(kind);
  const ordered = merged.sort(
    (a, b) => rank(a.kind) - rank(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept = [];
  for (const c of ordered) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({ kind: c.kind, start: c.start, end: c.end, match: text.slice(c.start, c.end) }));
}

// Every match of a global regular expression, with its index.
function* matches(re, text) {
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === "") {
      re.lastIndex += 1;
      continue;
    }
    yield m;
  }
}

const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"`’”»]+$/u;

// ---------------------------------------------------------------- phone

// prettier-ignore
const NATIONAL_FORMAT_COUNTRIES = ["BE", "DE", "GB", "FR", "ES", "PL", "RO", "BG", "HU", "TR", "MA", "IT", "PT", "UA"];

function findPhones(text, add) {
  const found = [];
  const take = (defaultCountry, leniency, accept) => {
    let results;
    try {
      results = findPhoneNumbersInText(text, { defaultCountry, leniency }, metadata);
    } catch {
      return;
    }
    for (const r of results) {
      const raw = text.slice(r.startsAt, r.endsAt);
      if (!phoneShaped(raw) || !accept(raw)) continue;
      if (found.some((f) => r.startsAt < f.end && f.start < r.endsAt)) continue;
      found.push({ start: r.startsAt, end: r.endsAt });
    }
  };
  take("NL", "VALID", (raw) => /^(?:\+|00|0|\(\s*(?:\+|0))/.test(raw));
  take("NL", "POSSIBLE", (raw) => /^(?:\+|00|\(\s*(?:\+|00))/.test(raw));
  // A foreign number written the way its own country writes it ("0888 123 456" in Bulgaria,
  // "07911 123456" in the UK) is not a valid Dutch one: try the countries the reporters and
  // their clients most often come from, for numbers with a trunk 0 and only spaces or dashes.
  for (const country of NATIONAL_FORMAT_COUNTRIES) {
    take(country, "VALID", (raw) => /^\(?0[1-9][\d ()-]*$/.test(raw));
  }
  for (const f of found) add("phone", f.start, f.end);
  return found;
}

// What libphonenumber accepts is wider than how people write phone numbers; dates, amounts and
// file references that happen to fit a numbering plan are left to the other kinds.
function phoneShaped(raw) {
  const digits = raw.replace(/\D/g, "").length;
  if (/,/.test(raw) || (raw.match(/\//g) || []).length > 1) return false;
  if (/^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(raw) || /^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  if (/^\(?\+/.test(raw)) return digits >= 9;
  if (/^\(?00/.test(raw)) return digits >= 11;
  return digits >= 9;
}

// ---------------------------------------------------------------- iban

// prettier-ignore
const IBAN_LENGTHS = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27,
  MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
};

function ibanValid(compact) {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch <= "9" ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function findIbans(text, add) {
  const head = /(?<![\p{L}\p{N}])[A-Za-z]{2} ?\d{2}[A-Za-z0-9]*/gu;
  const group = /^[ \u00a0]([A-Za-z0-9]{1,4})(?![\p{L}\p{N}])/u;
  for (const m of matches(head, text)) {
    // Spaced IBANs come in groups of four; collect groups, then take the longest valid prefix so a
    // capitalised word after the number ("... 00 BSN") is not swallowed.
    const ends = [m.index + m[0].length];
    let compact = m[0].replace(" ", "");
    const prefixes = [compact];
    let pos = ends[0];
    if (compact.length <= 4) {
      for (let g; (g = group.exec(text.slice(pos, pos + 6))) !== null && prefixes.length < 10;) {
        pos += g[0].length;
        compact += g[1];
        ends.push(pos);
        prefixes.push(compact);
      }
    }
    for (let i = prefixes.length - 1; i >= 0; i -= 1) {
      if (ibanValid(prefixes[i].toUpperCase())) {
        add("iban", m.index, ends[i]);
        head.lastIndex = ends[i];
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- bsn

function elevenTest(digits) {
  const d = digits.padStart(9, "0");
  if (!/^\d{9}$/.test(d) || /^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0;
}

const BSN_KEYWORD =
  /(?:\bbsn|burgerservicenummer|sofi-?nummer|citizen service number|social security number)\W{0,4}(?:nummer|number|is|nr\.?|:|\()?\W{0,3}$/iu;

function findBsns(text, add, phones) {
  const shapes =
    /(?<![\p{L}\p{N}+\-/.,])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3}|\d{3} \d{3} \d{3}|\d{4} \d{2} \d{3}|\d{8})(?![\p{L}\p{N}]|[.,\-/]\d)/gu;
  for (const m of matches(shapes, text)) {
    const digits = m[0].replace(/\D/g, "");
    const start = m.index;
    const end = start + m[0].length;
    if (digits.length === 8 && !BSN_KEYWORD.test(text.slice(Math.max(0, start - 40), start))) continue;
    if (!elevenTest(digits)) continue;
    if (phones.some((p) => p.start <= start && end <= p.end && p.end - p.start > end - start)) continue;
    add("bsn", start, end);
  }
}

// ---------------------------------------------------------------- email, url

function findEmails(text, add) {
  const re = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
  for (const m of matches(re, text)) add("email", m.index, m.index + m[0].length);
}

const TLDS =
  "nl|be|de|com|net|org|eu|info|biz|io|co|uk|fr|es|pl|ro|bg|hu|tr|ma|sr|cw|aw|ru|ua|ch|dk|se|fi|pt|cz|sk|gr|ie|us|ca|au|me|tv|cc|ly|gg|xxx|sex|porn|adult|club|app|site|online|shop|live|store|xyz|top|vip|onion|link|dating|chat|social|love|fun|life|media|pro|mobi|amsterdam|frl|nu";

function findUrls(text, add) {
  const trimEnd = (start, raw) => add("url", start, start + raw.replace(TRAILING_PUNCTUATION, "").length);
  const schemes = /\b(?:https?:\/\/|www\.)[^\s<>"'`“”‘’]+/giu;
  for (const m of matches(schemes, text)) trimEnd(m.index, m[0]);
  // Top-level domains in lower case only: "Utrecht.De" is a missing space, "kinky.nl" a site.
  const bare = new RegExp(
    `(?<![\\p{L}\\p{N}@._/-])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}-])(?:/[^\\s<>"'“”‘’]*)?`,
    "gu",
  );
  for (const m of matches(bare, text)) trimEnd(m.index, m[0]);
}

// ---------------------------------------------------------------- handle

const PLATFORMS =
  "instagram|insta|snapchat|snap|telegram|tiktok|tik tok|twitter|onlyfans|only fans|fansly|facebook|whatsapp|signal|kik|wickr|skype|discord|reddit|youtube|twitch|threads|bluesky|linkedin|badoo|tinder|grindr|bumble|hinge";
// Short platform abbreviations are ordinary words too often ("of", "x", "sc"); only with a colon.
const PLATFORM_ABBREVIATIONS = "ig|sc|tg|fb|of|x|wa";
const USER = "@?[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_])?";
// Platforms whose name is also a word that heads a line ("Signal: a woman ..."): with them only
// something that looks like a user name counts.
// prettier-ignore
const WORDY_PLATFORMS = new Set(["signal", "threads", "hinge", "bumble", "kik", "x", "of", "sc", "wa"]);
// prettier-ignore
const NOT_USERS = new Set(["a", "an", "the", "de", "het", "een", "en", "and", "is", "was", "zij", "ze", "hij", "he", "she", "er", "there", "geen", "none", "no", "nee", "n.v.t", "onbekend", "unknown"]);
const looksLikeUser = (user) => /[\d_.@]/.test(user);

function findHandles(text, add) {
  const at = /(?<![\p{L}\p{N}_.@/])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu;
  for (const m of matches(at, text)) add("handle", m.index, m.index + m[0].length);
  const colon = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${PLATFORMS}|${PLATFORM_ABBREVIATIONS})(?:[- ]?(?:account|profiel|profile|naam|name|handle|username|gebruikersnaam|id))?\\s*[:=]\\s*${USER}`,
    "giu",
  );
  for (const m of matches(colon, text)) {
    const platform = /^[\p{L} ]+/u.exec(m[0])[0].trim().toLowerCase();
    const user = /[^\s:=]+$/u.exec(m[0])[0];
    if (NOT_USERS.has(user.toLowerCase())) continue;
    if (WORDY_PLATFORMS.has(platform) && !looksLikeUser(user)) continue;
    add("handle", m.index, m.index + m[0].length);
  }
  const spoken = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${PLATFORMS})(?:[- ]?(?:account|profiel|profile|naam|name|handle|username|gebruikersnaam))?(?:\\s+(?:is|was|heet|heette|called|named|genaamd|als|as|onder|under))?\\s+(${USER})`,
    "giu",
  );
  for (const m of matches(spoken, text)) {
    const user = m[1];
    // Without a colon only something that looks like a user name: "OnlyFans sweetcandy_22", not
    // "his Instagram was deleted".
    if (!looksLikeUser(user)) continue;
    add("handle", m.index, m.index + m[0].length);
  }
}

// ---------------------------------------------------------------- postcode

// prettier-ignore
const NOT_POSTCODE_LETTERS = new Set(["SA", "SD", "SS", "AM", "PM", "KM", "KG", "GB", "MB", "KB", "TB", "CM", "MM", "ML", "EU", "UK", "US", "CC", "HP", "PK"]);

function findPostcodes(text, add) {
  const re = /(?<![\p{L}\p{N}.,\-])([1-9]\d{3}) ?([A-Z]{2})(?![\p{L}\p{N}])/gu;
  for (const m of matches(re, text)) {
    if (NOT_POSTCODE_LETTERS.has(m[2])) continue;
    // "CA 1234 AB" is a Bulgarian number plate.
    if (/(?:^|[^\p{L}])\p{Lu}{1,2} $/u.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    add("postcode", m.index, m.index + m[0].length);
  }
  // Lower-case letters only where the text says it is a postcode: "1500 km" is a distance.
  const named =
    /(?:postcode|postal code|post code|zip code|zip)\W{0,3}(?:is\W{1,2})?([1-9]\d{3} ?[a-zA-Z]{2})(?![\p{L}\p{N}])/giu;
  for (const m of matches(named, text)) {
    const start = m.index + m[0].length - m[1].length;
    add("postcode", start, start + m[1].length);
  }
}

// ---------------------------------------------------------------- plate

// prettier-ignore
const SIDECODES = [
  "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
  "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
];

function sidecodePattern(code, dash) {
  return code
    .split("-")
    .map((part) => part.replace(/L+/g, (l) => `[A-Z]{${l.length}}`).replace(/D+/g, (d) => `\\d{${d.length}}`))
    .join(dash);
}

function findPlates(text, add) {
  const edge = (body) => new RegExp(`(?<![\\p{L}\\p{N}-])(?:${body})(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])`, "gu");
  const dashed = edge(SIDECODES.map((c) => sidecodePattern(c, "-")).join("|"));
  for (const m of matches(new RegExp(dashed.source, "giu"), text)) add("plate", m.index, m.index + m[0].length);
  const plain = edge(SIDECODES.map((c) => sidecodePattern(c, "")).join("|"));
  for (const m of matches(plain, text)) add("plate", m.index, m.index + m[0].length);
  const foreign = [
    /(?<![\p{L}\p{N}-])\d-[A-Z]{3}-\d{3}(?![\p{L}\p{N}])/gu, // Belgium
    /(?<![\p{L}\p{N}-])[A-Z]{1,2}[ -]\d{2,3}[ -][A-Z]{3}(?![\p{L}\p{N}])/gu, // Romania
    /(?<![\p{L}\p{N}-])[ABCEHKMOPTXY]{1,2} ?\d{4} ?[ABCEHKMOPTXY]{2}(?![\p{L}\p{N}])/gu, // Bulgaria
  ];
  for (const re of foreign) for (const m of matches(re, text)) add("plate", m.index, m.index + m[0].length);
}

// ---------------------------------------------------------------- address

// prettier-ignore
const STREET_SUFFIXES = [
  "straat", "straatje", "straatweg", "weg", "laan", "plein", "pleintje", "gracht", "kade", "dijk",
  "singel", "steeg", "steegje", "pad", "hof", "dreef", "markt", "wal", "burgwal", "baan", "plantsoen",
  "boulevard", "promenade", "schans", "vaart", "wetering", "allee", "kaai", "lei", "dwarsstraat",
  // German and Hungarian streets, written the same way: "Hauptstraße 5", "Váci utca 12".
  "straße", "strasse", "gasse", "utca",
];
// Streets named by a word in front: "Rue de la Paix 8", "8 Rue de la Paix", "Strada Florilor nr. 12".
const FOREIGN_STREET_PREFIX =
  "Rue|Avenue|Av\\.|Boulevard|Bd\\.|Chaussée|Calle|C/|Avenida|Plaza|Via|Viale|Piazza|Strada|Str\\.|Bulevardul|Aleea|Ulica|ul\\.|Aleja|al\\.|Ulitsa|ul\\.|bul\\.";
const ENGLISH_STREET =
  "Street|St\\.|Road|Rd\\.|Avenue|Ave\\.|Lane|Drive|Close|Way|Place|Square|Crescent|Terrace|Court|Gardens|Boulevard|Grove|Row|Walk|Mews|Parade|Hill";
// prettier-ignore
const TUSSENVOEGSELS = new Set(["van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "te", "op", "aan", "in", "bij", "tot", "la", "le", "du", "des"]);
// Capitalised only because they open a sentence; never part of a street name.
// prettier-ignore
const PREFIX_STOP = new Set([
  "in", "op", "bij", "aan", "naar", "via", "uit", "vanaf", "tot", "met", "voor", "achter", "langs",
  "over", "om", "het", "een", "at", "on", "the", "near", "from", "to", "of", "and", "en", "is", "was",
  "adres", "address", "woont", "lives", "hij", "zij", "ze", "he", "she",
]);
const NOT_HOUSE_NUMBER_AFTER =
  /^\s*(?:jaar|jaren|uur|euro|eur|keer|maanden|maand|dagen|dag|weken|week|minuten|min|km|kilometer|meter|m|procent|%|personen|vrouwen|mannen|kinderen|years?|hours?|minutes?|times|euros?|days?|weeks?|months?|people|women|men|x)\b/iu;
const HOUSE_NUMBER =
  "\\d{1,4}(?:\\s?[a-zA-Z](?![\\p{L}\\p{N}]))?(?:\\s?-\\s?(?:[IVX]{1,4}|\\d{1,3}|[a-zA-Z]{1,2})(?![\\p{L}\\p{N}]))?(?:\\s(?:hs|bis|huis|boven|bg|hg|I{1,3})(?![\\p{L}\\p{N}]))?";

function findAddresses(text, add) {
  const suffixes = STREET_SUFFIXES.join("|");
  // "Oude Schans", "Grote Markt": the suffix as a word of its own, after a capitalised word.
  const capitalisedSuffixes = STREET_SUFFIXES.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("|");
  const checkNumber = (numberEnd) => !NOT_HOUSE_NUMBER_AFTER.test(text.slice(numberEnd, numberEnd + 12));

  // Dutch: (prefix words) Streetname<suffix> 12a
  const dutch = new RegExp(
    `(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}'’.-]*?(?:${suffixes})|(?:${capitalisedSuffixes})|\\p{Lu}\\p{Ll}+ (?:${ENGLISH_STREET}))\\s+(${HOUSE_NUMBER})`,
    "gu",
  );
  for (const m of matches(dutch, text)) {
    const streetWord = m[1];
    const end = m.index + m[0].length;
    if (!checkNumber(end)) continue;
    let start = m.index;
    const bareSuffix = STREET_SUFFIXES.includes(streetWord.toLowerCase());
    const before = prefixWords(text, start);
    if (bareSuffix && !before.some((w) => !TUSSENVOEGSELS.has(w.word.toLowerCase()))) continue;
    if (before.length) start = before[before.length - 1].start;
    add("address", start, end);
  }
  // Dutch: Laan van Meerdervoort 112, Weg der Verenigde Naties 1
  const laanVan = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:Laan|Plein|Kade|Weg|Dreef|Hof|Singel|Gracht)\\s+(?:van|der|de|den|op|tot|aan|bij)(?:\\s+(?:der|den|de|het|'t))?(?:\\s+\\p{Lu}[\\p{L}'’-]+){1,3}\\s+(${HOUSE_NUMBER})`,
    "gu",
  );
  for (const m of matches(laanVan, text)) {
    if (checkNumber(m.index + m[0].length)) add("address", m.index, m.index + m[0].length);
  }
  // English: 12 Baker Street, 221B Baker Street, 45 Old Kent Road
  const english = new RegExp(
    `(?<![\\p{L}\\p{N}])\\d{1,4}[A-Za-z]?,?\\s+(?:\\p{Lu}[\\p{L}'’-]+\\s+){1,3}(?:${ENGLISH_STREET})(?![\\p{L}])`,
    "gu",
  );
  for (const m of matches(english, text)) add("address", m.index, m.index + m[0].length);
  // "62 Lange Hezelstraat": a Dutch street in English word order.
  const numberFirst = new RegExp(
    `(?<![\\p{L}\\p{N}])\\d{1,4}[A-Za-z]?,?\\s+(?:\\p{Lu}[\\p{L}'’-]+\\s+){0,3}\\p{Lu}[\\p{L}'’.-]*?(?:${suffixes})(?![\\p{L}])`,
    "gu",
  );
  for (const m of matches(numberFirst, text)) add("address", m.index, m.index + m[0].length);
  const foreignName = `(?:${FOREIGN_STREET_PREFIX})\\s+(?:(?:de|du|des|la|le|del|de la|di|della|dei|lui)\\s+)*\\p{Lu}[\\p{L}'’.-]+(?:\\s+(?:(?:de|du|des|la|le|del|di|della)\\s+)?\\p{Lu}[\\p{L}'’.-]+){0,2}`;
  const foreign = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:\\d{1,4}[A-Za-z]?,?\\s+${foreignName}|${foreignName},?\\s+(?:nr\\.?\\s*|no\\.?\\s*|n[°º]\\s*)?\\d{1,4}[A-Za-z]?(?![\\p{L}\\p{N}]))`,
    "gu",
  );
  for (const m of matches(foreign, text)) add("address", m.index, m.index + m[0].length);
  // A street the suffix list cannot know ("Damrak 70", "Spuistraat" is known) where the sentence
  // says someone lives or stays there.
  const lives = new RegExp(
    `(?:woont|woonde|wonen|woonachtig|verblijft|verblijven|verbleef|adres is|adres:|lives|lived|living|stays|stayed|staying|address is|address:)\\s+(?:(?:op|aan|in|at|on|in)\\s+)?(?:(?:de|het|the)\\s+)?(\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){0,2}\\s+${HOUSE_NUMBER})`,
    "gu",
  );
  for (const m of matches(lives, text)) {
    const end = m.index + m[0].length;
    if (checkNumber(end)) add("address", end - m[1].length, end);
  }
}

// The capitalised words and tussenvoegsels right before a street word, nearest first.
function prefixWords(text, start) {
  const words = [];
  let pos = start;
  while (words.length < 4) {
    const m = /([\p{L}'’.-]+)[ \u00a0]$/u.exec(text.slice(Math.max(0, pos - 40), pos));
    if (!m) break;
    const word = m[1];
    const wordStart = pos - m[0].length;
    const lower = word.toLowerCase();
    const capitalised = /^\p{Lu}/u.test(word);
    if (PREFIX_STOP.has(lower) && !(capitalised && (lower === "de" || lower === "van" || lower === "het"))) break;
    if (!capitalised && !TUSSENVOEGSELS.has(lower)) break;
    words.push({ word, start: wordStart });
    pos = wordStart;
  }
  // A tussenvoegsel belongs to the street only with a capitalised word before it
  // ("Burgemeester de Vlugtlaan"), not in "aan de Kerkstraat".
  while (words.length && !/^\p{Lu}/u.test(words[words.length - 1].word)) words.pop();
  // A capitalised "De", "Van" or "Het" that opens the sentence is not part of the name either.
  while (
    words.length &&
    PREFIX_STOP.has(words[words.length - 1].word.toLowerCase()) &&
    startsSentence(text, words[words.length - 1].start)
  ) {
    words.pop();
  }
  return words;
}

// ---------------------------------------------------------------- datetime

const MONTHS_NL =
  "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec";
const MONTHS_EN =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAYS_NL = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag";
const WEEKDAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const HOUR_WORDS_NL = "één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf";
const HOUR_WORDS_EN = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
const MONTH_ANY = `${MONTHS_NL}|${MONTHS_EN}`;
const WEEKDAY_ANY = `${WEEKDAYS_NL}|${WEEKDAYS_EN}`;
const PARTS_OF_DAY_NL = "avond|nacht|ochtend|middag|morgen";
const PARTS_OF_DAY_EN = "night|evening|morning|afternoon";

function validDayMonth(day, month) {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function findDatetimes(text, add) {
  const push = (m) => add("datetime", m.index, m.index + m[0].length);
  const ci = (source) => new RegExp(source, "giu");

  // 3 maart, 14 november 2026, maandag 12 mei, 3rd of March, 3 to 4 April
  const dayMonth = ci(
    `(?<![\\p{L}\\p{N}])(?:(?:${WEEKDAY_ANY}),?\\s+)?(?:\\d{1,2}\\s*(?:-|–|t/m|tot|en|to|and|or|of)\\s*)?(\\d{1,2})(?:e|ste|de|st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_ANY})\\.?(?![\\p{L}])(?:,?\\s+\\d{4}(?!\\p{N}))?`,
  );
  for (const m of matches(dayMonth, text)) {
    if (!monthWordOk(m[2])) continue;
    if (Number(m[1]) < 1 || Number(m[1]) > 31) continue;
    push(m);
  }
  // March 3rd, May 12, 2026, Monday March 3
  const monthDay = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(?:${WEEKDAYS_EN}),?\\s+)?(?:${MONTHS_EN})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}:.])(?:,?\\s+\\d{4}(?!\\p{N}))?`,
    "gu",
  );
  for (const m of matches(monthDay, text)) if (Number(m[1]) >= 1 && Number(m[1]) <= 31) push(m);

  // 12-03-2026, 12/3/26, 2026-03-12, 12/3
  const numeric = /(?<![\p{L}\p{N}.,/\-:])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[.,/\-]\p{N})/gu;
  for (const m of matches(numeric, text)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (validDayMonth(a, b) || validDayMonth(b, a)) push(m);
  }
  const iso = /(?<![\p{L}\p{N}.,/\-])(?:19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\p{N}])/gu;
  for (const m of matches(iso, text)) push(m);
  const short = /(?<![\p{L}\p{N}.,/\-:€$£])(\d{1,2})\/(\d{1,2})(?![\p{N}/]|[.,]\p{N})/gu;
  for (const m of matches(short, text)) {
    // "24/7" and fractions are not dates, unless a word for a date comes first ("on 3/4").
    const dateWord =
      /(?:^|[^\p{L}])(?:on|op|since|sinds|until|till|tot|before|after|voor|na|from|vanaf|van|per|datum|date|d\.d\.)\s+$/iu.test(
        text.slice(Math.max(0, m.index - 10), m.index),
      );
    if (m[0] === "24/7") continue;
    if (["1/2", "1/3", "2/3", "1/4", "3/4", "1/5", "1/10"].includes(m[0]) && !dateWord) continue;
    if (validDayMonth(Number(m[1]), Number(m[2]))) push(m);
  }
  // "op 17-11": day and month with a dash only after a word for a date ("3-1" is also a score).
  const dashed = /(?<![\p{L}\p{N}.,/\-:])(\d{1,2})-(\d{1,2})(?![\p{N}]|[.,/\-]\p{N})/gu;
  for (const m of matches(dashed, text)) {
    const dateWord =
      /(?:^|[^\p{L}])(?:on|op|since|sinds|until|till|tot|before|after|voor|na|vanaf|per|datum|date|d\.d\.)\s+$/iu.test(
        text.slice(Math.max(0, m.index - 10), m.index),
      );
    if (dateWord && validDayMonth(Number(m[1]), Number(m[2]))) push(m);
  }
  // "on the 5th", "op de 3e": a day of the month without the month.
  const ordinalDay = ci(
    `(?<![\\p{L}])(?:on the|the|op de|de)\\s+(?:[12]?\\d|3[01])(?:st|nd|rd|th|e|ste|de)(?![\\p{L}\\p{N}])(?!\\s+(?:time|keer|plaats|place|floor|verdieping|etage|week|birthday))`,
  );
  for (const m of matches(ordinalDay, text)) push(m);
  // Days with a name of their own.
  const namedDays = ci(
    `(?<![\\p{L}])(?:koningsdag|koninginnedag|bevrijdingsdag|dodenherdenking|oudejaarsavond|oudejaarsdag|oudjaar|nieuwjaarsdag|nieuwjaarsnacht|kerstavond|(?:eerste|tweede) kerstdag|pakjesavond|sinterklaasavond|valentijnsdag|christmas (?:day|eve)|boxing day|new year['’]s (?:eve|day)|valentine['’]s day|halloween)(?![\\p{L}])`,
  );
  for (const m of matches(namedDays, text)) push(m);

  // Weekdays (not plural, not habitual), with "afgelopen", "last", ... and the part of the day.
  const weekday = ci(
    `(?<![\\p{L}])(?:(?:afgelopen|vorige|komende|aanstaande|volgende|last|next|this|coming|past)\\s+(?:week\\s+)?)?(?:${WEEKDAYS_NL})(?:${PARTS_OF_DAY_NL})?(?![\\p{L}])|(?<![\\p{L}])(?:(?:afgelopen|vorige|komende|last|next|this|coming|past)\\s+)?(?:${WEEKDAYS_EN})(?:\\s+(?:${PARTS_OF_DAY_EN}))?(?![\\p{L}])`,
  );
  for (const m of matches(weekday, text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    // Habits and any-day: "elke dinsdag", "every Friday", "on a Tuesday".
    if (/(?:^|[^\p{L}])(?:elke|iedere|every|each|alle|a|an|een)\s+$/u.test(before)) continue;
    push(m);
  }
  // Days named relative to today.
  const relative = ci(
    `(?<![\\p{L}])(?:eergisteren|gisteren(?:avond|nacht|middag|ochtend|morgen)?|gister(?:avond|nacht|middag|ochtend|morgen)|vannacht|vanochtend|vanmorgen|vanmiddag|vanavond|vandaag|overmorgen|morgen(?:avond|ochtend|middag|nacht|vroeg)|the day before yesterday|yesterday(?:\\s+(?:${PARTS_OF_DAY_EN}))?|last night|tonight|today|tomorrow(?:\\s+(?:${PARTS_OF_DAY_EN}))?|this (?:morning|afternoon|evening))(?![\\p{L}])`,
  );
  for (const m of matches(relative, text)) push(m);

  // Clock times.
  const colon = ci(
    `(?<![\\p{N}.,:])(?:[01]?\\d|2[0-3]):[0-5]\\d(?:\\s?(?:uur|u|h|hrs|am|pm|a\\.m\\.|p\\.m\\.)(?![\\p{L}]))?(?![\\p{N}]|:\\d)`,
  );
  for (const m of matches(colon, text)) push(m);
  const dotted = ci(
    `(?<![\\p{N}.,:€$£])((?:[01]?\\d|2[0-3])\\.[0-5]\\d)(\\s?(?:uur|u|h|am|pm|a\\.m\\.|p\\.m\\.)(?![\\p{L}]))?(?![\\p{N}]|[.,]\\d)`,
  );
  for (const m of matches(dotted, text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    if (
      m[2] ||
      /(?:^|\s)(?:om|rond|tegen|vanaf|tot|omstreeks|at|around|about|from|until|till|by|before|after|tussen|between|en|and)\s+$/u.test(
        before,
      )
    )
      push(m);
  }
  const meridiem = ci(`(?<![\\p{L}\\p{N}.,:])(?:1[0-2]|0?[1-9])\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)(?![\\p{L}])`);
  for (const m of matches(meridiem, text)) push(m);
  const hourUur = ci(
    `(?<![\\p{L}])(?:om|rond|tegen|omstreeks|vanaf|tot)\\s+(?:(?:[01]?\\d|2[0-3])|${HOUR_WORDS_NL})\\s?(?:uur|u)(?![\\p{L}])`,
  );
  for (const m of matches(hourUur, text)) push(m);
  const dutchWords = ci(
    `(?<![\\p{L}])(?:(?:(?:vijf|tien|kwart)\\s+(?:over|voor)\\s+)?half|kwart\\s+(?:over|voor)|(?:vijf|tien)\\s+(?:over|voor))\\s+(?:${HOUR_WORDS_NL}|1[0-2]|[1-9])(?![\\p{L}\\p{N}])`,
  );
  for (const m of matches(dutchWords, text)) push(m);
  const englishWords = ci(
    `(?<![\\p{L}])(?:(?:half|quarter|five|ten|twenty|twenty-five)\\s+(?:past|to)\\s+(?:${HOUR_WORDS_EN}|1[0-2]|[1-9])|(?:${HOUR_WORDS_EN}|1[0-2]|[1-9])\\s+o['’]clock)(?![\\p{L}\\p{N}])`,
  );
  for (const m of matches(englishWords, text)) push(m);
}

// "may" and "mar" are English words: only a capitalised May / Mar is the month.
function monthWordOk(word) {
  const lower = word.toLowerCase();
  if (lower === "may" || lower === "mar") return /^\p{Lu}/u.test(word);
  return true;
}

// ---------------------------------------------------------------- venue

// prettier-ignore
const VENUE_NOUNS = [
  "hotel", "motel", "hostel", "pension", "club", "nachtclub", "seksclub", "sexclub", "parenclub",
  "swingersclub", "privéhuis", "privehuis", "priveehuis", "privé", "prive", "bordeel", "café", "cafe",
  "bar", "pub", "inn", "lounge", "disco", "discotheek", "sauna", "spa", "wellness", "salon",
  "massagesalon", "massagepraktijk", "massage", "camping", "campsite", "parkeerplaats", "parking",
  "restaurant", "coffeeshop", "sexshop", "seksshop", "casino", "studio", "snackbar", "shishalounge",
  "nagelsalon", "kapsalon", "escortbureau", "nightclub", "brothel", "guesthouse", "herberg",
  "bungalowpark", "vakantiepark", "jachthaven", "theehuis", "parlour", "parlor", "boulevard",
];
// prettier-ignore
const HOTEL_CHAINS = [
  "Hilton", "Ibis", "Marriott", "Novotel", "Mercure", "Bilderberg", "Van der Valk", "Fletcher",
  "Postillion", "Holiday Inn", "Best Western", "Radisson", "Sheraton", "citizenM", "Crowne Plaza",
  "Motel One", "Golden Tulip", "Tulip Inn", "Park Plaza", "Steigenberger", "Ramada", "Travelodge",
  "Premier Inn", "easyHotel", "Hampton by Hilton", "Leonardo Hotel", "Kimpton", "NH Hotel",
  // Chains where people are met or picked up.
  "McDonald's", "McDonalds", "Burger King", "KFC", "Starbucks", "Albert Heijn", "Jumbo", "Lidl",
  "Aldi", "HEMA", "Kruidvat", "Primark", "IKEA", "Esso", "Tinq",
];
// Capitalised places that follow "in de"/"at the" and are not venues.
// prettier-ignore
const NOT_VENUES = new Set([
  "netherlands", "nederland", "hague", "bijlmer", "jordaan", "pijp", "wallen", "achterhoek",
  "veluwe", "betuwe", "randstad", "kempen", "peel", "zaanstreek", "uk", "us", "verenigde",
  "united", "gemeente", "politie", "police", "ggd", "ggz", "aa",
]);
const NAME_WORD = "(?:\\p{Lu}[\\p{Ll}\\p{M}][\\p{L}\\p{M}'’&-]*|d['’]\\p{Lu}[\\p{L}]*|\\p{Lu}{2,4}(?![\\p{L}]))";
const ARTICLE = "(?:de|het|'t|’t|the|la|le|el|il|les|los|las|di|da|du|des|of)";

function findVenues(text, add, extraVenues) {
  const nouns = VENUE_NOUNS.join("|");
  const venueNoun = new RegExp(`(?<![\\p{L}])(?:${nouns})(?![\\p{L}])`, "iu");
  const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
  const capNouns = VENUE_NOUNS.map(cap).join("|");
  // Hotel Casa, Café De Kroon, Hotel Lion d'Or, club Paradiso
  const nounFirst = new RegExp(
    `(?<![\\p{L}])(?:${nouns}|${capNouns})\\s+(?:${ARTICLE}\\s+)?${NAME_WORD}(?:\\s+(?:${ARTICLE}\\s+)?${NAME_WORD}){0,3}`,
    "gu",
  );
  for (const m of matches(nounFirst, text)) {
    const words = m[0].split(/\s+/).slice(1);
    if (
      words.every(
        (w) => NOT_VENUES.has(w.toLowerCase()) || NOT_NAMES.has(w.toLowerCase()) || /^(?:de|het|the|of)$/iu.test(w),
      )
    )
      continue;
    add("venue", m.index, m.index + m[0].length);
  }
  // Ibis Hotel, Red Lion Club, Grand Hotel
  const nameFirst = new RegExp(
    `(?<![\\p{L}])(?:${NAME_WORD}\\s+){1,3}(?:${capNouns}|pub|club|bar|hotel|motel|inn|sauna)(?![\\p{L}])`,
    "gu",
  );
  for (const m of matches(nameFirst, text)) {
    let start = m.index;
    let body = m[0];
    // Drop words that are capitalised only because they open the sentence: "The", "In", "Het".
    for (;;) {
      const first = /^(\S+)\s+/u.exec(body);
      if (!first || (!PREFIX_STOP.has(first[1].toLowerCase()) && !/^(?:a|an|een|de|the)$/iu.test(first[1]))) break;
      start += first[0].length;
      body = body.slice(first[0].length);
    }
    if (/\s/.test(body)) add("venue", start, m.index + m[0].length);
  }
  for (const chain of HOTEL_CHAINS) {
    const re = new RegExp(`(?<![\\p{L}])${escapeRegExp(chain)}(?:\\s+${NAME_WORD}){0,2}(?![\\p{L}])`, "gu");
    for (const m of matches(re, text)) add("venue", m.index, m.index + m[0].length);
  }
  // "in de Blauwe Kater, een club in Utrecht": a capitalised name after in/bij/at + article, in a
  // sentence that also names a kind of venue.
  const located = new RegExp(
    `(?<![\\p{L}])(?:in|bij|naar|uit|at|to|from|outside|inside|near)\\s+(${ARTICLE}\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3}))`,
    "giu",
  );
  for (const m of matches(located, text)) {
    const words = m[2].split(/\s+/);
    if (!/^\p{Lu}/u.test(words[0])) continue;
    if (words.some((w) => NOT_VENUES.has(w.toLowerCase()) || NOT_NAMES.has(w.toLowerCase()))) continue;
    if (words.some((w) => STREET_SUFFIXES.some((s) => w.toLowerCase().endsWith(s)))) continue;
    const end = m.index + m[0].length;
    const start = end - m[1].length;
    const sentence = sentenceAround(text, m.index);
    const rest = text.slice(sentence.start, m.index) + text.slice(end, sentence.end);
    if (venueNoun.test(rest)) add("venue", start, end);
  }
  for (const venue of extraVenues) {
    if (typeof venue !== "string" || !venue.trim()) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(venue.trim())}(?![\\p{L}\\p{N}])`, "giu");
    for (const m of matches(re, text)) add("venue", m.index, m.index + m[0].length);
  }
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sentenceAround(text, index) {
  const before = text.slice(0, index);
  const boundary = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("! "),
    before.lastIndexOf("? "),
    before.lastIndexOf("\n"),
  );
  const start = boundary < 0 ? 0 : boundary + 1;
  const after = /[.!?](?:\s|$)|\n/.exec(text.slice(index));
  return { start, end: after ? index + after.index : text.length };
}

// ---------------------------------------------------------------- name

// Gazetteer words that are also ordinary Dutch or English words, which open sentences and follow
// articles as such: "Mark the file", "Will she", "Bos en hei", "Ben je", "Meer dan", "de Boer"
// is a name but "een Ford" is a car.
const AMBIGUOUS = new Set(
  `will mark bill rob sue frank grant price hunt hunter can said may max bob jack pat art bell cook
  baker walker turner carter parker mason miller fisher butler porter potter shepherd bishop knight
  marsh moss woods wells mills reed rose ruby amber jade holly daisy iris lily poppy heather hope joy
  faith dawn summer sally sandy randy dean dale lee ward warren hall hart harm hardy ford burns brooks
  cox gill parry pier tiny troy victor angel kiss jay job joke lies chad nick pal sow sultan roman
  robin rowan ram bah tuna mate marina costa pinto vega dick eddy ted gloria fox cross page young
  ben dan allen meer post ton klein groot kort snel lange jong jonge wit zwart groen bruin boom bos
  arts baas boer bakker visser smit mulder koster kok kramer brouwer dekker schipper schilder
  schoenmaker timmer jager ridder koning prins keizer meester pater haan haas vos wolf valk vink vogel
  zwaan leeuw schaap kroon kruis brand berg dijk dam wal laan veld velde velden veen beek hoek hoeve
  broek brink kamp molen poel plas rijn maas sluis tuin kerkhof stam tak top tol pol pop slot blok
  bot buis doorn duin horst kader loon maat mol mos nagel pas peer poot rol roos spek staal tas
  struik strik spijker haak lieve fleur floor jet mies vrede vroom vlug vrolijk wijk winkel zeeman
  wever stoop puck ties mink mees kievit klomp molenaar ooms bakkers vissers oral ene rim hind gal
  edit ion florin amine akin fares sari kuru es ad lex sem senna eva pier rinse wander wout toon
  mart mate gul can alla ava ama bola yaw hung long lan nam`.split(/\s+/),
);
// Names that are first of all other words even when capitalised mid-sentence ("ze spreekt Frans").
const WEAK = new Set(["frans", "christian", "roman", "urban"]);
const NOT_NAMES = new Set(
  `januari februari maart april mei juni juli augustus september oktober november december january
  february march may june july august october maandag dinsdag woensdag donderdag vrijdag zaterdag
  zondag monday tuesday wednesday thursday friday saturday sunday god allah`.split(/\s+/),
);
// Joined into a name between two capitalised parts ("Jan van der Berg", "Fatima El Amrani").
// prettier-ignore
const PARTICLES = new Set(["van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "te", "la", "le", "du", "da", "di", "del", "della", "dos", "das", "do", "el", "al", "ben", "bin", "ibn", "abou", "abu", "ait", "ould", "von", "zu"]);
// Joined at the front of a surname ("de Jong", "van Dijk"); "ben" is also Dutch for "am".
// prettier-ignore
const LEADING_PARTICLES = new Set(["van", "de", "der", "den", "'t", "’t", "ter", "ten", "te", "el", "al", "la", "le", "du", "da", "di", "del", "dos", "von"]);
// prettier-ignore
const TITLES = new Set(["meneer", "mevrouw", "mevr", "mw", "dhr", "heer", "mr", "mrs", "ms", "miss", "dr", "sir", "madam", "juffrouw", "agent", "officer", "inspecteur", "rechercheur"]);
// prettier-ignore
const DETERMINERS = new Set(["een", "a", "an", "the", "het", "zijn", "haar", "his", "her", "their", "my", "mijn", "onze", "our", "deze", "die", "dat", "this", "that"]);
// Verbs that mostly have a person as their subject: "Rose said ..." opens with a name.
// prettier-ignore
const PERSON_VERBS = new Set(["said", "says", "told", "tells", "asked", "asks", "called", "phoned", "texted", "zei", "zegt", "vertelde", "vertelt", "vroeg", "vraagt", "belde", "belt", "appte", "appt", "sms'te", "schreef"]);
const INTRODUCTION =
  /(?:called|named|alias|a\.k\.a\.|aka|heet|heette|genaamd|noemt zich(?:zelf)?|noemde zich(?:zelf)?|noemen (?:hem|haar)|calls? (?:himself|herself)|known as|bekend als|voor als|(?:de|een|the) naam|name(?: is| was)?|naam is|nickname|bijnaam)\s*[‘'"“]?$/iu;
// Before a place. Many Dutch surnames are also towns ("van Woerden", "Heemskerk", "van Houten"),
// and a municipality is exactly the coarse form the assistant suggests, so a surname alone right
// after one of these is taken for the place.
const LOCATIVE =
  /(?:^|[^\p{L}])(?:in|uit|naar|te|richting|nabij|rond|rondom|omgeving|gemeente|regio|provincie|stad|dorp|near|from|to|around|into|municipality|region|town|city|village)\s+$/iu;
const PLACES =
  /(?<![\p{L}])(?:Den Haag|Den Bosch|Den Helder|Den Dolder|Den Burg|Hoek van Holland|Wijk bij Duurstede|Alphen aan den Rijn|Capelle aan den IJssel|Bergen op Zoom|Katwijk aan Zee|Wijk aan Zee|Egmond aan Zee|Koog aan de Zaan|Ouderkerk aan de Amstel|Rijswijk|Heerhugowaard|Sint Maarten|Saint Martin)(?![\p{L}])/gu;

const foldedSets = new WeakMap();

function fold(word) {
  return word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ı/g, "i")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/đ/g, "d")
    .replace(/ß/g, "ss")
    .replace(/’/g, "'");
}

function folded(set) {
  let f = foldedSets.get(set);
  if (!f) {
    f = new Set([...set].map(fold));
    foldedSets.set(set, f);
  }
  return f;
}

// Whether the word at index opens a sentence, a line or a labelled field ("Getuige: ...").
function startsSentence(text, index) {
  for (let i = index - 1; i >= 0; i -= 1) {
    const ch = text[i];
    if (ch === "\n") return true;
    if (/[\s"'‘’“”(\[•*-]/u.test(ch)) continue;
    return /[.!?:;]/.test(ch);
  }
  return true;
}

function findNames(text, add, gazetteer) {
  const firstNames = gazetteer.firstNames instanceof Set ? gazetteer.firstNames : new Set();
  const surnames = gazetteer.surnames instanceof Set ? gazetteer.surnames : new Set();
  const firstF = folded(firstNames);
  const surF = folded(surnames);
  const lookup = (word) => {
    const lower = word
      .normalize("NFC")
      .toLowerCase()
      .replace(/['’]s$/u, "");
    const f = fold(lower);
    const has = (set, setF, w) => set.has(w) || setF.has(fold(w));
    const parts = f.split(/-/).filter((p) => p.length >= 3);
    const inFirst = has(firstNames, firstF, lower) || (parts.length > 1 && parts.some((p) => firstF.has(p)));
    const inSur = has(surnames, surF, lower) || (parts.length > 1 && parts.some((p) => surF.has(p)));
    return { first: inFirst, sur: inSur, lower, plain: f };
  };

  const masked = [];
  for (const m of matches(PLACES, text)) masked.push([m.index, m.index + m[0].length]);

  const tokens = [];
  for (const m of matches(/[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*(?:\.(?=\s))?/gu, text)) {
    const word = m[0];
    const start = m.index;
    const end = start + word.length;
    // Inside an e-mail address, handle, URL or code ("dennis.bakker@", "@Jan", "x/Jan"): other
    // detectors own it.
    const justBefore = text.slice(Math.max(0, start - 2), start);
    if (/[@\p{N}_/]$/u.test(justBefore) || /\S\.$/u.test(justBefore)) {
      tokens.push({ word, start, end, skip: true });
      continue;
    }
    const bare = word.replace(/\.$/, "");
    const initial = /^\p{Lu}\.$/u.test(word);
    const capitalised = /^\p{Lu}/u.test(bare) && !(bare.length > 1 && bare === bare.toUpperCase());
    const info = lookup(bare);
    tokens.push({
      word: bare,
      start,
      end: initial ? end : start + bare.length,
      initial,
      capitalised,
      lower: info.lower,
      first: info.first,
      sur: info.sur,
      inGazetteer: info.first || info.sur,
      sentenceStart: startsSentence(text, start),
      masked: masked.some(([a, b]) => start >= a && start < b),
      particle: PARTICLES.has(bare.toLowerCase()),
    });
  }
  const gapOk = (a, b) => /^[ \u00a0]+$/.test(text.slice(a.end, b.start));
  const isNamePart = (t) => t && !t.skip && !t.masked && t.capitalised && !NOT_NAMES.has(t.lower) && t.inGazetteer;

  // Does a name part follow token i (directly, or after particles)?
  const nameFollows = (i) => {
    let j = i + 1;
    while (j < tokens.length && tokens[j].particle && gapOk(tokens[j - 1], tokens[j])) j += 1;
    return j < tokens.length && gapOk(tokens[j - 1], tokens[j]) && isNamePart(tokens[j]);
  };

  const places = new Set();
  const seeds = new Set();
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t.skip || t.masked || !t.capitalised || t.initial || NOT_NAMES.has(t.lower)) continue;
    const prev = tokens[i - 1];
    const prevLower = prev ? prev.word.toLowerCase().replace(/\.$/, "") : "";
    const before = text.slice(Math.max(0, t.start - 30), t.start);
    const titled =
      prev && TITLES.has(prevLower) && /^[ .\u00a0]+$/.test(text.slice(prev.start + prev.word.length, t.start));
    const introduced = INTRODUCTION.test(before);
    if (titled || (introduced && !t.particle)) {
      seeds.add(i);
      continue;
    }
    if (!t.inGazetteer) continue;
    if (t.sur && !t.first && !nameFollows(i)) {
      // "uit Heemskerk of Houten": a place, and so is what is joined to it.
      const joined =
        prev && /^(?:en|of|and|or)$/i.test(prev.word) && places.has(i - 2) && tokens[i - 2].end <= prev.start;
      if (joined || LOCATIVE.test(before)) {
        places.add(i);
        continue;
      }
    }
    const ambiguous = AMBIGUOUS.has(t.lower) || AMBIGUOUS.has(fold(t.lower));
    const followed = nameFollows(i);
    const precededByName = prev && !prev.skip && gapOk(prev, t) && (isNamePart(prev) || prev.particle);
    if (WEAK.has(t.lower) && !followed && !precededByName) continue;
    if (ambiguous) {
      const next = tokens[i + 1];
      const speaks = next && gapOk(t, next) && PERSON_VERBS.has(next.word.toLowerCase());
      if (t.sentenceStart && !followed && !speaks) continue;
      if (prev && DETERMINERS.has(prevLower) && gapOk(prev, t) && !followed) continue;
    }
    seeds.add(i);
  }

  const used = new Set();
  for (const i of [...seeds].sort((a, b) => a - b)) {
    if (used.has(i)) continue;
    let first = i;
    let last = i;
    // Grow to the right over name parts, particles followed by a capitalised word, and, after a
    // first name, one capitalised word the gazetteer does not know.
    for (let j = i + 1; j < tokens.length; j += 1) {
      const t = tokens[j];
      if (!gapOk(tokens[j - 1], t) || t.skip || t.masked) break;
      if (seeds.has(j) || isNamePart(t)) {
        last = j;
        continue;
      }
      if (t.particle) {
        let k = j;
        while (k < tokens.length && tokens[k].particle && gapOk(tokens[k - 1], tokens[k])) k += 1;
        if (
          k < tokens.length &&
          gapOk(tokens[k - 1], tokens[k]) &&
          tokens[k].capitalised &&
          !tokens[k].skip &&
          !NOT_NAMES.has(tokens[k].lower)
        ) {
          last = k;
          j = k;
          continue;
        }
        break;
      }
      if (
        t.capitalised &&
        tokens[last].first &&
        last === i &&
        !NOT_NAMES.has(t.lower) &&
        !t.sentenceStart &&
        /^\p{Lu}\p{Ll}/u.test(t.word)
      ) {
        last = j;
      }
      break;
    }
    // Grow to the left over initials and tussenvoegsels ("J. de Vries", "de Jong").
    while (first > 0) {
      const p = tokens[first - 1];
      if (p.skip || !gapOk(p, tokens[first]) || used.has(first - 1)) break;
      if (p.initial || (LEADING_PARTICLES.has(p.word.toLowerCase()) && !p.sentenceStart)) {
        first -= 1;
        continue;
      }
      break;
    }
    for (let k = first; k <= last; k += 1) used.add(k);
    add("name", tokens[first].start, tokens[last].end);
  }
}

// ---------------------------------------------------------------- copied

const MIN_COPIED_WORDS = 6;

function words(text) {
  const out = [];
  for (const m of matches(/[\p{L}\p{M}\p{N}]+/gu, text)) {
    const norm = m[0].normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    if (norm) out.push({ norm, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function findCopied(text, report) {
  if (!report || !text) return [];
  const reportWords = words(report).map((w) => w.norm);
  if (reportWords.length < MIN_COPIED_WORDS) return [];
  const grams = new Set();
  for (let i = 0; i + MIN_COPIED_WORDS <= reportWords.length; i += 1) {
    grams.add(reportWords.slice(i, i + MIN_COPIED_WORDS).join("\u0001"));
  }
  const textWords = words(text);
  const covered = new Array(textWords.length).fill(false);
  const links = new Array(textWords.length).fill(false);
  for (let i = 0; i + MIN_COPIED_WORDS <= textWords.length; i += 1) {
    const key = textWords
      .slice(i, i + MIN_COPIED_WORDS)
      .map((w) => w.norm)
      .join("\u0001");
    if (!grams.has(key)) continue;
    for (let k = i; k < i + MIN_COPIED_WORDS; k += 1) covered[k] = true;
    for (let k = i + 1; k < i + MIN_COPIED_WORDS; k += 1) links[k] = true;
  }
  const runs = [];
  for (let i = 0; i < textWords.length;) {
    if (!covered[i]) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < textWords.length && covered[j + 1] && links[j + 1]) j += 1;
    const start = textWords[i].start;
    const end = textWords[j].end;
    runs.push({ kind: "copied", start, end, match: text.slice(start, end) });
    i = j + 1;
  }
  return runs;
}
