/**
 * Masking of personal data (personnummer, phone numbers) in text that leaves the ticket itself:
 * log lines, chat lists, previews. Deliberately greedy: a false mask costs little, a leak costs a lot.
 */

// 10 or 12 digits with an optional - or + before the last four: 19121212-1212, 121212-1212, 191212121212.
const PERSONNUMMER = /(?<![\d-])(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)/gu;
// Swedish phone numbers: 070-123 45 67, +46 70 123 45 67, 0046 70 123 45 67, 031-368 68 00,
// 0104739499, and digits grouped in twos ("070 12 34 56 7") as people type them.
const PHONE = /(?<![\w-])(?:(?:\+|00)46[\s-]?(?:\(0\))?|0)\d{1,3}(?:[\s-]?\d{1,3}){2,4}(?![\d])/gu;

/** Replaces personnummer with `ÅÅÅÅMMDD-****` style masks, keeping the birth date readable. */
function maskPersonnummer(text: string): string {
  return text.replace(PERSONNUMMER, (match) => {
    const digits = match.replace(/\D/gu, '');
    return `${digits.slice(0, digits.length - 4)}-****`;
  });
}

/** Replaces phone numbers with their first digits and stars: "070-1** ** **". */
function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE, (match) => `${match.slice(0, 5)}${match.slice(5).replace(/\d/gu, '*')}`);
}

/** Masks every kind of personal data this module knows. */
export function maskPersonalData(text: string): string {
  return maskPhoneNumbers(maskPersonnummer(text));
}
