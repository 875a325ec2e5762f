/**
 * A small English thesaurus of the words customers and help pages use for the same thing
 * ("parcel" and "package", "money back" and "refund"). Each set is a group of words a question
 * word may be met by in a passage: relevance counts a question word as covered when the passage
 * holds the word or one of its set (after stemming, see question-terms.ts). Sets are general
 * customer-service vocabulary, not any one knowledge base's; a word may sit in several sets.
 * Other languages have none yet: their questions are matched on their own (stemmed) words.
 */
const SETS = [
  'return returns returning send-back',
  'refund refunds reimburse reimbursement money-back repay',
  'exchange swap switch replace replacement',
  'ship shipping shipment deliver delivery postage dispatch',
  'package parcel order shipment delivery',
  'arrive arrival delivery',
  'track tracking status',
  'cost costs price prices pricing fee fees charge charges how-much',
  'pay paying payment paypal card credit debit checkout klarna apple-pay',
  'cheap cheaper discount save saves',
  'cancel cancellation stop unsubscribe',
  'broke broken break breaks damaged damage defect defective faulty fault tear torn ripped',
  'fix repair repairs mend service',
  'size sizes sizing fit small medium large',
  'sweater jumper knitwear pullover cardigan',
  'shirt top blouse',
  'trousers pants jeans',
  'jacket coat outerwear raincoat',
  'boots boot shoes footwear trainers sneakers',
  'clothes clothing garment garments apparel item items',
  'wash washing clean cleaning care laundry',
  'discount promo coupon code voucher',
  'guarantee guaranteed warranty',
  'human person someone agent support team',
  'talk speak contact call chat',
  'store shop physical visit',
  'location located address',
  'hours open opening close closing closed',
  'password login log-in sign-in credentials',
  'account profile workspace',
  'coworker coworkers colleague colleagues teammate teammates member members invite people',
  'plan plans subscription',
  'free trial',
  'app apps mobile phone iphone android',
  'export download backup',
  'delete close remove erase',
  'email emails notification notifications digest',
  'down outage unavailable status slow',
  'data stored kept hosted storage',
  '2fa two-factor authentication authenticator mfa',
  'sso single-sign-on saml',
  'receipt receipts invoice invoices bill billing',
  'annual annually yearly year',
  'import move migrate transfer bring',
  'rent renting hire rental',
  'ebike e-bike electric',
  'tyre tire tyres tires puncture flat tube',
  'brake brakes squeak squeaks squeal squealing',
  'used second-hand secondhand refurbished pre-owned',
  'kid kids child children daughter son',
  'collect pick pickup fetch',
  'appointment book booking reservation walk-in',
  'battery charge charging',
  'gear gears shifting slipping',
  'uncomfortable pain hurts hurt fitting',
  'expire expires expiry valid',
  'week weeks day days month months',
  'bought buy purchase purchased',
  'customs duties duty tax taxes import',
  'waterproof rain wet coating',
  'germany uk france spain europe international abroad country',
].map((set) => set.split(' ').map((w) => w.replace(/-/g, ' ')));

/** Two-word phrases that stand for one thing: matched before single words. */
const PHRASES = SETS.flat().filter((w) => w.includes(' '));

const bySingleWord = new Map<string, string[]>();
for (const set of SETS)
  for (const word of set)
    if (!word.includes(' ')) bySingleWord.set(word, [...new Set([...(bySingleWord.get(word) ?? []), ...set])]);
const byPhrase = new Map<string, string[]>();
for (const set of SETS)
  for (const word of set)
    if (word.includes(' ')) byPhrase.set(word, [...new Set([...(byPhrase.get(word) ?? []), ...set])]);

/** The words a question word may be met by (itself first); a word the thesaurus lacks: itself. */
export function synonymsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const found = bySingleWord.get(lower) ?? bySingleWord.get(lower.replace(/(es|s)$/, ''));
  return found ? [lower, ...found.filter((w) => w !== lower)] : [lower];
}

/** The phrase starting the given words (lower case), if the thesaurus knows one: itself first, then its set. */
export function phraseAt(words: string[]): { length: number; set: string[] } | null {
  for (const phrase of PHRASES) {
    const parts = phrase.split(' ');
    if (parts.every((p, i) => words[i] === p))
      return { length: parts.length, set: [phrase, ...byPhrase.get(phrase)!.filter((w) => w !== phrase)] };
  }
  return null;
}
