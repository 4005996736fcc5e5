import { detectLanguage, type Language } from '../knowledge/index.js';
import { othersFollowUp } from './follow-up.js';

/** What a chat message asks for, with the language its words show. */
export type Command =
  | { readonly type: 'help'; readonly language: Language }
  | { readonly type: 'municipality'; readonly language: Language; readonly name: string }
  | { readonly type: 'notices'; readonly language: Language }
  | { readonly type: 'new-notice'; readonly language: Language; readonly noticeKind: 'planned' | 'disruption' }
  | { readonly type: 'follow'; readonly language: Language; readonly system: string | null; readonly follow: boolean }
  | { readonly type: 'notice-channel'; readonly language: Language; readonly name: string; readonly enabled: boolean }
  | { readonly type: 'ticket'; readonly language: Language }
  | { readonly type: 'my-tickets'; readonly language: Language }
  | { readonly type: 'reply-ticket'; readonly language: Language; readonly ticketId: string; readonly text: string }
  | { readonly type: 'register'; readonly language: Language }
  | { readonly type: 'staff-channel'; readonly language: Language; readonly name: string }
  /** "hur gör de andra kommunerna?": the last question again, for the other municipalities. */
  | { readonly type: 'others'; readonly language: Language }
  /** "språk engelska", "language swedish": the language chosen; null to show the current one, undefined for an unknown name. */
  | { readonly type: 'language'; readonly language: Language; readonly choice: Language | null | undefined }
  | { readonly type: 'question'; readonly language: Language; readonly text: string };

// A greeting alone is met with what the bot can do, not searched for in the knowledge base.
const HELP = /^(?:hjälp|hjalp|help|\?|kommandon|commands|meny|menu|hej|hejsan|hallå|halla|tjena|god morgon|god dag|hi|hello|hey)[!.]*$/iu;
const MUNICIPALITY = /^(kommun|municipality|byt kommun|change municipality)(?:\s+(.*))?$/iu;
const TICKETS = /^(?:ärende|arende|nytt ärende|skapa ärende|ticket|new ticket|create ticket)$/iu;
const REPLY_TICKET = /^(?:svara|svar|reply)\s+([A-Za-z]{2,5}-\d{4}-\d{4})[:\s]+([\s\S]+)$/iu;
const MY_TICKETS = /^(?:mina ärenden|mina arenden|ärenden|my tickets|tickets)$/iu;
const NOTICES = /^(?:driftinfo|drift info|driftstatus|driftstörningar|driftstopp|outages|status)$/iu;
const NEW_NOTICE = /^(?:nytt driftstopp|nytt planerat driftstopp|ny driftstörning|new outage|new planned outage|new disruption)$/iu;
const FOLLOW = /^(?:prenumerera(?: på)?|följ|folj|follow|subscribe(?: to)?)\s+(.+)$/iu;
const UNFOLLOW = /^(?:sluta följa|sluta folja|avprenumerera(?: på)?|följ inte|unfollow|unsubscribe(?: from)?|mute)\s+(.+)$/iu;
const SUBSCRIPTIONS = /^(?:prenumerationer|mina prenumerationer|mina system|subscriptions|my subscriptions)$/iu;
const NOTICE_CHANNEL = /^(?:driftkanal|notice channel)(?:\s+(.*))?$/iu;
const REGISTRATION = /^(?:registrera|registrera mig|register|register me)$/iu;
const STAFF_CHANNEL = /^(?:personalkanal|staff channel)(?:\s+(.*))?$/iu;
const LANGUAGE = /^(?:språk|sprak|language|lang)(?:\s+(.+?))?[.!]*$/iu;
const LANGUAGE_NAMES: ReadonlyArray<readonly [RegExp, Language]> = [
  [/^(?:på |in )?(?:svenska|svensk|swedish|sv|sv-se)$/iu, 'sv'],
  [/^(?:på |in )?(?:engelska|engelsk|english|en|en-us|en-gb)$/iu, 'en'],
];
const ENGLISH_COMMAND = /^(?:help|language|lang|commands|menu|hi|hello|hey|municipality|change municipality|ticket|tickets|new ticket|create ticket|my tickets|outages|status|register|register me|staff channel|new outage|new planned outage|new disruption|follow|subscribe|unfollow|unsubscribe|mute|subscriptions|my subscriptions|notice channel)\b/iu;

/** Reads what a message asks for: a command, or a question for the knowledge base. */
export function parseCommand(text: string): Command {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  const commandLanguage: Language = ENGLISH_COMMAND.test(trimmed) ? 'en' : 'sv';
  if (HELP.test(trimmed)) return { type: 'help', language: commandLanguage };
  const municipality = MUNICIPALITY.exec(trimmed);
  if (municipality) return { type: 'municipality', language: commandLanguage, name: municipality[2]?.trim() ?? '' };
  if (TICKETS.test(trimmed)) return { type: 'ticket', language: commandLanguage };
  if (MY_TICKETS.test(trimmed)) return { type: 'my-tickets', language: commandLanguage };
  const reply = REPLY_TICKET.exec(trimmed);
  if (reply) return { type: 'reply-ticket', language: /^reply/iu.test(trimmed) ? 'en' : 'sv', ticketId: reply[1]!.toUpperCase(), text: reply[2]! };
  if (NOTICES.test(trimmed)) return { type: 'notices', language: commandLanguage };
  if (NEW_NOTICE.test(trimmed)) return { type: 'new-notice', language: commandLanguage, noticeKind: /störning|stoerning|disruption/iu.test(trimmed) ? 'disruption' : 'planned' };
  if (SUBSCRIPTIONS.test(trimmed)) return { type: 'follow', language: commandLanguage, system: null, follow: true };
  const unfollow = UNFOLLOW.exec(trimmed);
  if (unfollow) return { type: 'follow', language: commandLanguage, system: unfollow[1]!.trim(), follow: false };
  const follow = FOLLOW.exec(trimmed);
  if (follow) return { type: 'follow', language: commandLanguage, system: follow[1]!.trim(), follow: true };
  const noticeChannel = NOTICE_CHANNEL.exec(trimmed);
  if (noticeChannel) {
    const rest = noticeChannel[1]?.trim() ?? '';
    const off = /^(?:av|off|stopp|stop)$/iu.test(rest);
    return { type: 'notice-channel', language: commandLanguage, name: off ? '' : rest, enabled: !off };
  }
  if (REGISTRATION.test(trimmed)) return { type: 'register', language: commandLanguage };
  const staffChannel = STAFF_CHANNEL.exec(trimmed);
  if (staffChannel) return { type: 'staff-channel', language: commandLanguage, name: staffChannel[1]?.trim() ?? '' };
  const language = LANGUAGE.exec(trimmed);
  if (language) {
    const name = language[1]?.trim();
    const choice = name ? LANGUAGE_NAMES.find(([pattern]) => pattern.test(name))?.[1] : null;
    return { type: 'language', language: commandLanguage, choice };
  }
  const others = othersFollowUp(trimmed);
  if (others) return { type: 'others', language: others };
  return { type: 'question', language: detectLanguage(trimmed), text: trimmed };
}
