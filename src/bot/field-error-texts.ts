import type { FieldError, NonPublicRange, RuleViolation } from '../errors/index.js';
import { bilingual, type Language } from '../knowledge/index.js';

/** The registry's fields as its messages name them (ticket fields bring their own labels). */
const CONTACT_FIELDS = {
  sv: { municipality: 'Kommun', providerName: 'Utförarens namn', orgNumber: 'Organisationsnummer', name: 'Namn', email: 'E-post', phone: 'Telefon', language: 'Språk' },
  en: { municipality: 'Municipality', providerName: 'Provider name', orgNumber: 'Organisation number', name: 'Name', email: 'Email', phone: 'Phone', language: 'Language' },
} as const;

const WEEKDAYS = {
  sv: { mon: 'måndagar', tue: 'tisdagar', wed: 'onsdagar', thu: 'torsdagar', fri: 'fredagar', sat: 'lördagar', sun: 'söndagar', holiday: 'helgdagar' },
  en: { mon: 'Mondays', tue: 'Tuesdays', wed: 'Wednesdays', thu: 'Thursdays', fri: 'Fridays', sat: 'Saturdays', sun: 'Sundays', holiday: 'public holidays' },
} as const;

/** The field's name: the label its error brings, or the registry's name for its key. */
function labelOf(error: FieldError, language: Language): string | undefined {
  const given = 'label' in error.params ? error.params.label : undefined;
  if (given) return given[language];
  const names: Readonly<Record<string, string>> = CONTACT_FIELDS[language];
  return names[error.field];
}

function windows(violation: Extract<RuleViolation, { rule: 'preferred-window' }>, language: Language, or: string): string {
  const days: Readonly<Record<string, string>> = WEEKDAYS[language];
  return violation.windows.map((window) => `${window.days.map((day) => days[day] ?? day).join(', ')} ${window.from}–${window.to}`).join(` ${or} `);
}

const RANGES_SV: Record<NonPublicRange, string> = {
  'not-ipv4': 'är ingen IPv4-adress (fyra tal 0–255 med punkt emellan, t.ex. 81.2.3.4)',
  'this-network': 'är en reserverad adress ("detta nätverk")',
  private: 'är en privat adress som bara gäller i ert eget nät',
  shared: 'är en delad adress hos operatören (CGNAT), inte en fast publik adress',
  loopback: 'är en loopback-adress (datorn själv)',
  'link-local': 'är en länklokal adress som datorn tar när den inte fått någon adress',
  protocol: 'är reserverad för protokolländamål',
  documentation: 'är en exempeladress för dokumentation',
  benchmarking: 'är reserverad för prestandatester',
  multicast: 'är en multicast-adress',
  reserved: 'är reserverad (240.0.0.0/4) och används inte på internet',
};

const RANGES_EN: Record<NonPublicRange, string> = {
  'not-ipv4': 'is not an IPv4 address (four numbers 0–255 separated by dots, e.g. 81.2.3.4)',
  'this-network': 'is a reserved address ("this network")',
  private: 'is a private address that only works in your own network',
  shared: 'is an address the operator shares (CGNAT), not a fixed public address',
  loopback: 'is a loopback address (the computer itself)',
  'link-local': 'is a link-local address that a computer takes when it got no address',
  protocol: 'is reserved for protocol purposes',
  documentation: 'is an example address for documentation',
  benchmarking: 'is reserved for benchmarking',
  multicast: 'is a multicast address',
  reserved: 'is reserved (240.0.0.0/4) and not used on the internet',
};

/** What is wrong with a field, in Swedish and English: one sentence per field error code. */
export const fieldErrorTexts = bilingual(
  {
    violation: (violation: RuleViolation): string =>
      violation.rule === 'minimum-notice'
        ? `Planerade driftstopp ska meddelas minst ${violation.requiredDays} dagar i förväg; det här är ${Math.max(0, violation.actualDays)} dagar.`
        : `Planerade driftstopp läggs i första hand ${windows(violation, 'sv', 'eller')} (svensk tid).`,
    fieldError: (error: FieldError): string => {
      const label = labelOf(error, 'sv');
      switch (error.code) {
        case 'required':
          return label ? `${label} saknas` : 'saknas';
        case 'too-long':
          return label ? `${label} får vara högst ${error.params.max} tecken` : `Högst ${error.params.max} tecken`;
        case 'not-one-line':
          return `${label ?? 'Värdet'} ska stå på en rad, utan radbrytningar, tabbar eller andra styrtecken.`;
        case 'hidden-character':
          return `${label ?? 'Texten'} innehåller ett osynligt styrtecken (${error.params.character}). Ta bort det och skicka igen.`;
        case 'email':
          return 'E-postadressen ser inte rätt ut, t.ex. anna@utforare.se';
        case 'phone':
          return 'Telefonnumret ska vara ett svenskt nummer, t.ex. 070-123 45 67';
        case 'org-number':
          return 'Organisationsnumret ska vara 10 siffror (NNNNNN-NNNN) med rätt kontrollsiffra';
        case 'language':
          return 'Språket ska vara sv (svenska) eller en (engelska)';
        case 'personnummer-format':
          return 'Personnumret ska ha 10 eller 12 siffror, t.ex. 19121212-1212 eller 121212-1212';
        case 'personnummer-invalid':
          return 'Personnumret är inte giltigt: kontrollera datum och kontrollsiffra';
        case 'hsa-id':
          return 'HSA-id börjar med SE och organisationsnumret, t.ex. SE2321000016-1003; du får det med SITHS-kortet';
        case 'hsa-id-org-digits':
          return 'I HSA-id står organisationsnumret med tio siffror direkt efter SE, utan bindestreck, t.ex. SE2321000016-1003';
        case 'hsa-id-hyphen':
          return 'I HSA-id står ett bindestreck och id:t efter organisationsnumret, t.ex. SE2321000016-1003';
        case 'hsa-id-characters':
          return 'Id:t efter bindestrecket i HSA-id får bara ha bokstäver a–z och siffror, t.ex. SE2321000016-1003';
        case 'hsa-id-too-long':
          return `HSA-id har högst ${error.params.max} tecken; det här har ${error.params.length}`;
        case 'hsa-id-org-number':
          return `Organisationsnumret ${error.params.orgNumber} i HSA-id:t är inte giltigt: kontrollera siffrorna (kontrollsiffran stämmer inte)`;
        case 'ipv4-missing':
          return 'Ange minst en fast publik IPv4-adress, t.ex. 81.2.3.4';
        case 'ipv4-not-public':
          return error.params.addresses.map(({ address, range }) => `${address} ${RANGES_SV[range]}`).join('; ');
        case 'date-format':
          return 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-31';
        case 'date-nonexistent':
          return `${error.params.value} finns inte i kalendern`;
        case 'date-past':
          return `Datumet har redan passerat (i dag är det ${error.params.today})`;
        case 'choice':
          return `Välj en av: ${error.params.options.map((option) => option.sv).join(', ')}`;
        case 'unknown-field':
          return `Ärendetypen har inget fält "${error.field}". Fälten är: ${error.params.known.join(', ')}`;
        case 'unknown-municipality':
          return `Kommunen finns inte. Välj en av: ${error.params.known.join(', ')}`;
        case 'unknown-type':
          return `Ärendetyperna i ${error.params.municipality}: ${error.params.known.join(', ') || 'inga'}`;
        case 'forbidden-municipality':
          return `Du har inte behörighet att hantera kontakter i ${error.params.municipality}.`;
        case 'one-of':
          return `Välj en av: ${error.params.options.join(', ')}`;
        case 'unknown-system':
          // In a notice draft the staff name systems by id; an IT-contact following one typed its name.
          return `Okänt system "${error.params.system}".${error.field === 'systems' ? ' Systemen finns i knowledge/systems.yaml (t.ex. treserva, lifecare, phoniro).' : ''}`;
        case 'title-missing':
          return 'Rubrik saknas.';
        case 'systems-missing':
          return 'Ange minst ett berört system.';
        case 'window-missing':
          return 'Ett planerat driftstopp behöver start och slut (ÅÅÅÅ-MM-DD TT:MM).';
        case 'window-order':
          return 'Slutet måste vara efter starten.';
        case 'window-passed':
          return 'Fönstret har redan passerat.';
        case 'date-time-format':
          return error.field === 'end' ? 'Skriv slutet som ÅÅÅÅ-MM-DD TT:MM, t.ex. 2026-12-06 12:00.' : 'Skriv starten som ÅÅÅÅ-MM-DD TT:MM, t.ex. 2026-12-06 08:00.';
        case 'update-text-missing':
          return 'Skriv vad som är nytt.';
        case 'state-only-disruptions':
          return 'Status sätts bara för driftstörningar; ett planerat driftstopp följer sitt fönster (ställ in det med cancel).';
        case 'unknown-state':
          return `Okänd status "${error.params.state}": välj en av ${error.params.known.join(', ')}.`;
        case 'nothing-changed':
          return 'Inget är ändrat: skriv den rättade texten.';
        case 'reason-required':
          return `${error.params.violations.map((violation) => fieldErrorTexts.sv.violation(violation)).join(' ')} Publicera bara med ett skäl, som sparas med meddelandet.`;
        case 'cancel-reason-missing':
          return 'Skriv varför driftstoppet ställs in.';
        case 'wrong-kind':
          return error.params.wanted === 'planned'
            ? 'Bara planerade driftstopp kan ställas in; en driftstörning avslutas med resolve.'
            : 'Bara driftstörningar åtgärdas; ett planerat driftstopp avslutas av sig självt när fönstret är slut.';
      }
    },
  },
  {
    violation: (violation: RuleViolation): string =>
      violation.rule === 'minimum-notice'
        ? `Planned outages must be announced at least ${violation.requiredDays} days ahead; this one is ${Math.max(0, violation.actualDays)} days.`
        : `Planned outages are preferably placed on ${windows(violation, 'en', 'or')} (Swedish time).`,
    fieldError: (error: FieldError): string => {
      const label = labelOf(error, 'en');
      switch (error.code) {
        case 'required':
          return label ? `${label} is missing` : 'missing';
        case 'too-long':
          return label ? `${label} may be at most ${error.params.max} characters` : `At most ${error.params.max} characters`;
        case 'not-one-line':
          return `${label ?? 'The value'} must be on one line, without line breaks, tabs or other control characters.`;
        case 'hidden-character':
          return `${label ?? 'The text'} contains an invisible control character (${error.params.character}). Remove it and send again.`;
        case 'email':
          return 'The email address does not look right, e.g. anna@provider.se';
        case 'phone':
          return 'The phone number must be a Swedish number, e.g. 070-123 45 67';
        case 'org-number':
          return 'The organisation number must be 10 digits (NNNNNN-NNNN) with the right check digit';
        case 'language':
          return 'The language must be sv (Swedish) or en (English)';
        case 'personnummer-format':
          return 'The personal identity number must have 10 or 12 digits, e.g. 19121212-1212 or 121212-1212';
        case 'personnummer-invalid':
          return 'The personal identity number is not valid: check the date and the check digit';
        case 'hsa-id':
          return 'An HSA id starts with SE and the organisation number, e.g. SE2321000016-1003; it comes with the SITHS card';
        case 'hsa-id-org-digits':
          return 'In an HSA id the ten-digit organisation number follows SE directly, without a hyphen, e.g. SE2321000016-1003';
        case 'hsa-id-hyphen':
          return 'In an HSA id a hyphen and the id follow the organisation number, e.g. SE2321000016-1003';
        case 'hsa-id-characters':
          return 'The id after the hyphen in an HSA id may only have letters a–z and digits, e.g. SE2321000016-1003';
        case 'hsa-id-too-long':
          return `An HSA id has at most ${error.params.max} characters; this one has ${error.params.length}`;
        case 'hsa-id-org-number':
          return `The organisation number ${error.params.orgNumber} in the HSA id is not valid: check the digits (the check digit does not match)`;
        case 'ipv4-missing':
          return 'Give at least one fixed public IPv4 address, e.g. 81.2.3.4';
        case 'ipv4-not-public':
          return error.params.addresses.map(({ address, range }) => `${address} ${RANGES_EN[range]}`).join('; ');
        case 'date-format':
          return 'Write the date as YYYY-MM-DD, e.g. 2026-12-31';
        case 'date-nonexistent':
          return `${error.params.value} is not in the calendar`;
        case 'date-past':
          return `The date has already passed (today is ${error.params.today})`;
        case 'choice':
          return `Choose one of: ${error.params.options.map((option) => option.en).join(', ')}`;
        case 'unknown-field':
          return `The ticket type has no field "${error.field}". Its fields are: ${error.params.known.join(', ')}`;
        case 'unknown-municipality':
          return `No such municipality. Choose one of: ${error.params.known.join(', ')}`;
        case 'unknown-type':
          return `The ticket types in ${error.params.municipality}: ${error.params.known.join(', ') || 'none'}`;
        case 'forbidden-municipality':
          return `You may not manage contacts in ${error.params.municipality}.`;
        case 'one-of':
          return `Choose one of: ${error.params.options.join(', ')}`;
        case 'unknown-system':
          return `Unknown system "${error.params.system}".${error.field === 'systems' ? ' The systems are in knowledge/systems.yaml (e.g. treserva, lifecare, phoniro).' : ''}`;
        case 'title-missing':
          return 'The title is missing.';
        case 'systems-missing':
          return 'Give at least one affected system.';
        case 'window-missing':
          return 'A planned outage needs a start and an end (YYYY-MM-DD HH:MM).';
        case 'window-order':
          return 'The end must be after the start.';
        case 'window-passed':
          return 'The window has already passed.';
        case 'date-time-format':
          return error.field === 'end' ? 'Write the end as YYYY-MM-DD HH:MM, e.g. 2026-12-06 12:00.' : 'Write the start as YYYY-MM-DD HH:MM, e.g. 2026-12-06 08:00.';
        case 'update-text-missing':
          return 'Write what is new.';
        case 'state-only-disruptions':
          return 'Only disruptions have a status; a planned outage follows its window (call it off with cancel).';
        case 'unknown-state':
          return `Unknown status "${error.params.state}": choose one of ${error.params.known.join(', ')}.`;
        case 'nothing-changed':
          return 'Nothing has changed: write the corrected text.';
        case 'reason-required':
          return `${error.params.violations.map((violation) => fieldErrorTexts.en.violation(violation)).join(' ')} Publish only with a reason, which is saved with the notice.`;
        case 'cancel-reason-missing':
          return 'Write why the outage is called off.';
        case 'wrong-kind':
          return error.params.wanted === 'planned'
            ? 'Only planned outages can be called off; a disruption ends with resolve.'
            : 'Only disruptions are resolved; a planned outage ends by itself when its window is over.';
      }
    },
  },
);

/** Field errors as the forms and commands show them: each with its sentence in the reader's language. */
export function wordFieldErrors(errors: readonly FieldError[], language: Language): Array<{ readonly field: string; readonly message: string }> {
  return errors.map((error) => ({ field: error.field, message: fieldErrorTexts[language].fieldError(error) }));
}
