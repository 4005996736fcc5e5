import { foldForMatching } from './normalize.js';
import { isStopword } from './stopwords.js';
import { tokenize } from './tokenize.js';

/** A sentence of a message and how much its words count when the message is searched. */
export interface WeightedSentence {
  readonly text: string;
  /** 1 for the sentences that ask; less for greetings, background and context. */
  readonly emphasis: number;
}

// How much a sentence that does not ask counts beside one that does. Background ("Vi tar över en
// verksamhet den 1 mars") often names the topic, so it is kept, but it must not outweigh the
// question. In a short message ("En undersköterska flyttar till en annan enhet. Måste vi beställa
// avslut då?") the first sentence is the matter itself, so it counts more than a long story does.
const BACKGROUND_EMPHASIS = 0.3;
const SHORT_MESSAGE_BACKGROUND_EMPHASIS = 0.6;
const SHORT_MESSAGE_WORDS = 25;
// Who is writing ("jag heter Kim och jobbar på …", "I'm the new IT contact …") is background in a
// short message too: it names the writer, not the matter.
const INTRODUCTION = /^(?:(?:hej|hejsan|hallo|tjena|hi|hello|hey|god morgon|good morning)\w*[\s,!.]+)*(?:jag heter|jag jobbar|jag arbetar|jag ar (?:ny|it|chef|enhetschef|verksamhetschef|administrator|ansvarig)|mitt namn|my name|i am|i'm|i work|this is)\b/u;

// How questions and requests open, in Swedish (with and without å-ä-ö) and English. "Vill ni …?"
// asks; "vill att alla ser …" after a question only says why it is asked.
const ASKING_START = new RegExp(
  `^(?:${[
    'hur', 'vad', 'vem', 'vems', 'var', 'vart', 'varifran', 'vilken', 'vilket', 'vilka', 'nar', 'varfor', 'kan', 'kommer', 'far', 'maste', 'ska', 'skall',
    'behover', 'finns', 'galler', 'gar', 'ar', 'duger', 'racker', 'stammer', 'borde', 'bor', 'undrar', 'vill (?:du|ni|man)', 'jag vill veta', 'beratta', 'forklara', 'ge mig',
    'how', 'what', 'who', 'whom', 'whose', 'where', 'which', 'when', 'why', 'can', 'could', 'do', 'does', 'did', 'is', 'are', 'should', 'must', 'may', 'will',
    'would', 'have', 'has', 'please', 'tell me', 'i need to know', 'i want to know', 'i wonder',
  ].join('|')})\\b`,
  'u',
);
// A request inside a sentence ("jag undrar om …", "I'd like to know …").
const ASKING_INSIDE = /\b(?:undrar|vill veta|vill fraga|behover veta|would like to know|wonder|need to know|want to know)\b/u;

/**
 * Splits a message into sentences and weighs them: the sentences that ask (a question mark, a
 * question word first, "jag undrar …") count fully, the others (greetings, who they are, what
 * happened) count less. A message where no sentence asks is all one weight: then nothing tells
 * the question from its context.
 */
export function weighSentences(text: string): WeightedSentence[] {
  const sentences = splitSentences(text);
  if (sentences.length <= 1 || !sentences.some((sentence) => sentence.asks)) return sentences.map(({ text: part }) => ({ text: part, emphasis: 1 }));
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  const background = words <= SHORT_MESSAGE_WORDS ? SHORT_MESSAGE_BACKGROUND_EMPHASIS : BACKGROUND_EMPHASIS;
  // A question with no word of its own ("Hur går det till?", "Stämmer det?") asks about the
  // sentence before it: that one is the question's content.
  const promoted = new Set<number>();
  // A question with no word of its own ("Vad gör jag nu?") asks about the whole story before it,
  // not only the last sentence of it: the story counts as much as in a short message.
  let storyUpTo = -1;
  for (const [index, sentence] of sentences.entries()) {
    if (sentence.asks && index > 0 && !sentences[index - 1]!.asks && (saysNothing(sentence.text) || pointsBack(sentence.text))) {
      promoted.add(index - 1);
      if (saysNothing(sentence.text)) storyUpTo = index - 1;
    }
  }
  return sentences.map(({ text: part, asks }, index) => ({
    text: part,
    emphasis: asks || promoted.has(index) ? 1 : INTRODUCTION.test(foldForMatching(part)) ? BACKGROUND_EMPHASIS : index < storyUpTo && !saysNothing(part) ? Math.max(background, SHORT_MESSAGE_BACKGROUND_EMPHASIS) : background,
  }));
}

function saysNothing(sentence: string): boolean {
  return tokenize(sentence).every((token) => isStopword(token.text));
}

// "… om det?", "Is that normal?": a word pointing back at what was said.
const POINTS_BACK = /\b(?:det|detta|den|dem|dom|that|this|it|them)\s*[?.!]*\s*$|^(?:is|was|isn't) (?:that|this|it)\b/u;

/**
 * A short question that points back at what was said ("Behöver vi meddela någon om det?", "Is
 * that normal?", "do we need to inform anyone about that?") is about the sentence before it.
 */
function pointsBack(sentence: string): boolean {
  const words = tokenize(sentence).filter((token) => !isStopword(token.text)).length;
  return words <= 2 && POINTS_BACK.test(foldForMatching(sentence));
}

/**
 * A message that asks more than one thing ("När ska hon inaktiveras, och var gör jag avslutet?"),
 * once per question, each with the message's background; empty for a message with one question or
 * none.
 */
export function oneQuestionEach(text: string): string[] {
  const sentences = splitSentences(text);
  const asking = sentences.filter((sentence) => sentence.asks);
  if (asking.length < 2) return [];
  const background = sentences.filter((sentence) => !sentence.asks).map((sentence) => sentence.text);
  return asking.map((question) => [...background, question.text].join('\n'));
}

// A second question inside a sentence: ", och vad …", ", and who …", "och behövs det …" (chat often
// leaves the comma out).
// After a comma and "and", a verb that opens a yes/no question starts one too: ", and are there any
// accessories …", ", och finns det …", ", och är det något jag måste tänka på …".
const SECOND_QUESTION = /,?\s+(?:och|samt|men|and|but)\s+(?=(?:hur|vad|vem|var|vart|vilken|vilket|vilka|nar|när|varfor|varför|finns|behöver|behover|behövs|behovs|måste|maste|(?:är|ar|kan|ska|skall|får|far|gäller|galler)\s+(?:det|vi|jag|man|de|dom|hon|han)|how|what|who|where|which|when|why|are there|is there|do we|do i|does|should|must|can we|can i)\b)/iu;

// Where a message may hold more than one sentence or question; most questions are one line.
const MAYBE_SEVERAL = /[.!?…]\s|\n|,?\s(?:och|samt|men|and|but)\s/iu;

// Words that end with a full stop inside a sentence (abbreviations written without their inner stops).
const ABBREVIATIONS = new Set(['ca', 'kl', 'st', 'nr', 'mm', 'ev', 'fd', 'tf', 'ex', 'el', 'dr', 'vs', 'eg', 'ie', 'no', 'bla', 'tex', 'mfl', 'osv', 'etc', 'ang', 'resp', 'tel', 'inkl', 'exkl', 'dvs', 'obs', 'jfr', 'pga', 'avd', 'approx', 'min', 'max', 'ref']);
const LOWER_CASE_SENTENCE_END = /(?<![\p{L}.])(\p{L}{2,})\.\s+(?=\p{Ll})/gu;

/** "vi har anställt vikarier. hur gör vi?": a new sentence after a word and a full stop, when it is no abbreviation. */
function splitLowerCaseSentences(text: string): string[] {
  const sentences: string[] = [];
  let from = 0;
  for (const match of text.matchAll(LOWER_CASE_SENTENCE_END)) {
    if (ABBREVIATIONS.has(foldForMatching(match[1]!))) continue;
    const end = match.index + match[1]!.length + 1;
    sentences.push(text.slice(from, end));
    from = match.index + match[0].length;
  }
  sentences.push(text.slice(from));
  return sentences;
}

// A message's sign-off and signature ("mvh jonas, it-kontakt", "Tack på förhand, Jonna", "Kind
// regards, Anna"): a few words at the very end, after a sentence or a comma, that name the writer,
// not the matter ("… with regards to passwords" is no sign-off).
const SIGN_OFF = /(?<=^|[,.!?\n])\s*(?:mvh|med vänlig(?:a)? hälsning(?:ar)?|vänlig(?:a)? hälsning(?:ar)?|hälsningar|tack på förhand|tack i förväg|tack|kind regards|best regards|regards|thanks in advance|thanks|thank you|cheers)(?:[\s,.!/-]+[\p{L}-]+){0,4}[\s,.!]*$/iu;

function splitSentences(message: string): Array<{ text: string; asks: boolean }> {
  const text = message.replace(SIGN_OFF, '');
  if (!MAYBE_SEVERAL.test(text.trim())) return [{ text: text.trim(), asks: true }];
  return (
    text
      // A new sentence after . ! ? and a capital, after ! or ? and any word, or on a new line; and,
      // since chat is often typed all in lower case, after a full stop that ends a word.
      .split(/(?<=[.!?…])\s+(?=\p{Lu})|(?<=[!?])\s+|\n+/u)
      .flatMap(splitLowerCaseSentences)
      .map((sentence) => sentence.trim())
      .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence))
      .flatMap((sentence): Array<{ text: string; asks: boolean }> => {
        const folded = foldForMatching(sentence);
        const asks = sentence.endsWith('?') || ASKING_START.test(folded) || ASKING_INSIDE.test(folded);
        return asks ? sentence.split(SECOND_QUESTION).map((part) => ({ text: part.trim(), asks })) : [{ text: sentence, asks }];
      })
  );
}
