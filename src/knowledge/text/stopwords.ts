import { boundedEditDistance } from './lexicon.js';
import { foldForMatching } from './normalize.js';

/**
 * Words that carry no meaning for finding a requirement: function words and the question words
 * IT-contacts open with. Kept short on purpose: a word like "måste" or "support" is content here.
 */
const SWEDISH = `
  och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så
  kan man när år säga nu eller efter ska skulle vilken vilket vilka dem du allt mycket under även
  sedan hur här då sin sina sitt dess deras denna detta dessa någon något några vad vem vems var
  varför vart hos mot åt ju nog väl bara också då där eftersom ifall alltså mig dig oss er ni era
  vår våra vårt min mitt mina din ditt dina hans hennes dom blir bli blev varit vara är finns fanns
  får fick få gör göra gjorde görs ha hade haft hej tack snälla undrar fråga frågor vet veta
  behöver behövs gäller gälla brukar brukade sker ske ens någonstans man mej dej också mm osv
  t ex tex etc alla helt måste skall kunna
  tror tycker tänkte okej ok själv själva nåt nånting nån sån sånt sådan sådant sådana liksom
  egentligen just precis redan fortfarande ännu kanske annars ändå sen igen bredvid inför
  upp ner ned ut bort fram över tillbaka ihop iväg många hända händer hände hänt hitta hittar hittas
  göras gjort gjorts slags sorts hela går gå gick gått hon hen henne honom nånstans varifrån
  innebär innebära innebörd enligt vid inom genom kring angående beträffande rörande bland
  helst viss vissa visst duger ifrån därifrån härifrån dit hit fått funkar funka funkade hallå hejsan
  tjena tjenare hallåj mvh hälsningar vänligen vänliga ngn ngt iaf typ asså va jätte väldigt ganska
  lite känns känna kändes försöker försöka försökte sagt säger sade ärligt talat hittills gärna
  absolut verkligen faktiskt dock tyvärr förut förutom samma ingen aning räcker fixar fixa
  kräver kräva krävs krävde
  heter hette istället förra idag igår imorgon ibland snart grej grejen grejer grejor liten litet
  lilla hursomhelst sett ta tar tog tagit vill ville velat överhuvudtaget öht alls förstår förstod förstått förstå
  aldrig alltid råka råkar råkade råkat kvar
`;

const ENGLISH = `
  a an the and or but if of to in on at by for with from as is are was were be been being do does
  did doing have has had having i me my we our ours us you your yours he him his she her it its they
  them their what which who whom whose when where why how this that these those am can could should
  would will shall may might must not no yes so than too very just about into over under again
  further then once here there all any both each few more most other some such only own same also
  hi hello please thanks thank get got need needs know tell there's what's how's i'm we're
  after any anything still already actually really okay ok think want allowed permitted able
  find happen happens happened many kind sort don't doesn't isn't aren't can't along besides
  hey regards cheers gonna wanna currently basically honestly someone somebody anyone anybody
  something whatever ever exactly i'd i've we've let's
  cant dont doesnt isnt arent didnt wont im ive whats hows going goes went gone ask asks asked
  asking needed look looks looked looking meanwhile wondering wondered maybe perhaps probably
  usually anyway though although because since while sorry yeah guys one side take takes took taken
  make makes made making sure last next nothing everything keep keeps kept keeping long
  directly expected ourselves themselves myself yourself yourselves herself himself
`;

// Modal verbs ("must", "måste", "ska") are content-free for retrieval: every second question has
// one, and they say nothing about *which* requirement is meant. So are the fillers of spoken
// questions ("tror", "okej", "själva") and the verb particles ("upp", "över"), which the analyzer
// reads together with their verb instead.

function wordsOf(list: string): Set<string> {
  return new Set(list.split(/\s+/u).filter((word) => word.length > 0));
}

export const swedishStopwords: ReadonlySet<string> = wordsOf(SWEDISH);
export const englishStopwords: ReadonlySet<string> = wordsOf(ENGLISH);

// People often type Swedish without å, ä and ö ("nar", "far", "nagon"): those forms are stopwords too.
export const foldedStopwords: ReadonlySet<string> = new Set([...swedishStopwords].map((word) => foldForMatching(word)));

/** True when the word is a stopword in either language, typed with or without its diacritics. */
export function isStopword(word: string): boolean {
  return swedishStopwords.has(word) || englishStopwords.has(word) || foldedStopwords.has(word);
}

// Long stopwords, for recognising them misspelt ("fortfarnade", "forutom").
const MIN_TYPO_STOPWORD = 6;
const longStopwords: readonly string[] = [...new Set([...foldedStopwords, ...englishStopwords])].filter((word) => word.length >= MIN_TYPO_STOPWORD);

/**
 * True when a word the knowledge base does not know is a long stopword with one letter wrong,
 * missing, extra or swapped ("fortfarnade" for "fortfarande"): a filler, not a topic.
 */
export function isMisspeltStopword(word: string): boolean {
  const folded = foldForMatching(word);
  if (folded.length < MIN_TYPO_STOPWORD) return false;
  return longStopwords.some((stopword) => Math.abs(stopword.length - folded.length) <= 1 && boundedEditDistance(folded, stopword, 1) <= 1);
}
