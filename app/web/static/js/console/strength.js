// Passphrase strength for the staff console's enrolment page, estimated by the vendored zxcvbn-ts
// (static/vendor/zxcvbn-ts): it finds the dictionary words, names, keyboard walks, dates and
// l33t substitutions that rule-based checks ("one digit, one capital") reward instead of refuse.

export const MIN_LENGTH = 12;
// zxcvbn's 3 ("safely unguessable", 10^8 guesses or more) is its level for an offline attack on a
// slow hash; the passphrase guards an adviser's key to the reports, so nothing less will do.
const MIN_SCORE = 3;

// Weak here whoever enrols, so counted even when a caller forgets them.
const SITE_WORDS = ["vertrouwenspunt"];

// The dictionaries weigh about 2 MB, so they are fetched on the first assessment only, and the
// configured estimator is shared by every later one (also by calls made while it still loads).
let estimator = null;

async function load() {
  const zxcvbn = await import("../../vendor/zxcvbn-ts/zxcvbn.mjs");
  // The other packages name their lists with a suffix ("commonWords-en", "passwords-common"); the
  // Dutch ones come bare ("commonWords"), so they get one too, and can never collide with another.
  const dutch = Object.fromEntries(
    Object.entries(zxcvbn.nlBeDictionary).map(([name, words]) => [`${name}-nl`, words]),
  );
  return new zxcvbn.ZxcvbnFactory({
    dictionary: { ...zxcvbn.commonDictionary, ...zxcvbn.enDictionary, ...dutch },
    graphs: zxcvbn.adjacencyGraphs,
    // Levenshtein matching (edits of common passwords) is left off: it made each check about ten
    // times slower (0.1-0.4 s here, run at every keystroke), and the passphrases it would still
    // catch are mostly short ones that MIN_LENGTH and MIN_SCORE refuse anyway.
    useLevenshteinDistance: false,
  });
}

function configured() {
  if (!estimator) {
    estimator = load().catch((error) => {
      // A failed download must not stick: the next call tries again.
      estimator = null;
      throw error;
    });
  }
  return estimator;
}

/**
 * How guessable a passphrase is.
 *
 * @param {string} passphrase
 * @param {string[]} userInputs words that make a passphrase weak here (the username, the
 *   service's name, ...): found in it, they count as guessed.
 * @returns {Promise<{score: number, acceptable: boolean, tooShort: boolean, guessesLog10: number,
 *   warning: string, suggestions: string[]}>} score 0..4; warning and suggestions are zxcvbn's translation keys
 *   (e.g. "commonNames", "useWords"), for the console to put into its own words.
 */
export async function assess(passphrase, userInputs = []) {
  const zxcvbn = await configured();
  const result = zxcvbn.check(passphrase, [...SITE_WORDS, ...userInputs]);
  // Code points, not UTF-16 units: an emoji is one character to the person typing it, not two.
  const length = [...passphrase].length;
  return {
    score: result.score,
    acceptable: result.score >= MIN_SCORE && length >= MIN_LENGTH,
    tooShort: length < MIN_LENGTH,
    guessesLog10: result.guessesLog10,
    warning: result.feedback.warning || "",
    suggestions: [...result.feedback.suggestions],
  };
}

// The console's message key for a refused passphrase (null when it is acceptable): a length that
// is fine is not called short; a long but guessable one is told why it is refused instead.
export function refusal(result) {
  if (result.acceptable) return null;
  return result.tooShort ? "enrol.too_short" : "enrol.too_weak";
}
