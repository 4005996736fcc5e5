import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Actor } from '../../src/contacts/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { REGISTRATION_FIELDS, registrationTexts, type Bot, type ConversationRef, type Reply, type Turn } from '../../src/bot/index.js';

interface PromptField {
  readonly key: string;
  readonly label: string;
  readonly hint: string;
}
import { renderReplyText } from './render.js';

export interface ConsoleChatOptions {
  readonly bot: Bot;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Municipality to start with (the --municipality flag). */
  readonly municipality?: string | undefined;
  readonly userId?: string | undefined;
  /** The language to greet in (the command line's); after that the bot follows what the user writes. */
  readonly language?: Language | undefined;
}

/** After the label of a field that may be left empty. */
const OPTIONAL: Readonly<Record<Language, string>> = { sv: ' (valfritt)', en: ' (optional)' };

const QUIT = /^(?:avsluta|sluta|hejdå|quit|exit|bye)$/iu;
const YES = /^(?:ja|j|yes|y)$/iu;
const NO = /^(?:nej|n|no)$/iu;

/**
 * The terminal adapter: reads lines, turns them into Turns, prints the replies as text. A "ja" or
 * "nej" right after an answer is the terminal's version of the feedback buttons, and a number after
 * "Menar du …?" that of its suggestion buttons.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const actor: Actor = { platform: 'console', userId: options.userId ?? safeUserName() };
  const conversation: ConversationRef = { platform: 'console', id: `console:${actor.userId}`, kind: 'personal' };
  const print = (replies: readonly Reply[]): void => {
    for (const reply of replies) options.output.write(`\n${renderReplyText(reply)}\n\n`);
  };
  const send = async (turn: Turn): Promise<Reply[]> => {
    const replies = await options.bot.handle(turn);
    print(replies);
    return replies;
  };

  // The municipality first, so that the help that follows names it instead of saying none is chosen.
  if (options.municipality) await send({ kind: 'action', actor, conversation, action: { type: 'choose-municipality', municipality: options.municipality } });
  await send({ kind: 'message', actor, conversation, text: options.language === 'en' ? 'help' : 'hjälp' });

  const interactive = (options.input as NodeJS.ReadStream).isTTY === true;
  const lines = createInterface({ input: options.input, output: interactive ? options.output : undefined, terminal: interactive });
  if (interactive) {
    lines.setPrompt('du> ');
    lines.prompt();
  }
  let lastAnswer: Extract<Reply, { kind: 'answer' }> | undefined;
  // A ticket-type list waiting for the user's pick, by number or name.
  let choice: Extract<Reply, { kind: 'ticket-type-choice' }> | undefined;
  // The terminal's version of a form: one prompt per field, Enter keeps the value shown.
  let form: { fields: readonly PromptField[]; values: Record<string, string>; index: number; submit: (values: Record<string, string>) => Turn } | undefined;
  const askField = (): void => {
    if (!form) return;
    const field = form.fields[form.index]!;
    const current = form.values[field.key];
    options.output.write(`${field.label}${field.hint ? ` (${field.hint})` : ''}${current ? ` [${current}]` : ''}: `);
  };
  /** Starts prompting when the replies hold a form, or remembers a type list to pick from. */
  const follow = (replies: readonly Reply[]): void => {
    choice = replies.find((reply): reply is Extract<Reply, { kind: 'ticket-type-choice' }> => reply.kind === 'ticket-type-choice');
    for (const reply of replies) {
      if (reply.kind === 'registration-form') {
        const r = registrationTexts[reply.language];
        const fields = REGISTRATION_FIELDS.map((key) => ({ key, label: r.fieldLabels[key], hint: r.fieldHints[key] }));
        form = { fields, values: { ...reply.values }, index: 0, submit: (values) => ({ kind: 'action', actor, conversation, language: reply.language, action: { type: 'submit-registration', values } }) };
      } else if (reply.kind === 'ticket-form') {
        const fields = reply.type.fields.map((field) => ({ key: field.key, label: `${field.label}${field.required ? '' : OPTIONAL[reply.language]}`, hint: field.options.length > 0 ? field.options.join(' / ') : (field.help ?? '') }));
        const typeId = reply.type.id;
        form = { fields, values: { ...reply.values }, index: 0, submit: (values) => ({ kind: 'action', actor, conversation, language: reply.language, action: { type: 'submit-ticket', typeId, values } }) };
      } else {
        continue;
      }
      askField();
      return;
    }
  };
  for await (const raw of lines) {
    const text = raw.trim();
    if (form) {
      const field = form.fields[form.index]!;
      if (text) form.values[field.key] = text;
      form.index += 1;
      if (form.index < form.fields.length) {
        askField();
        continue;
      }
      const { values, submit } = form;
      form = undefined;
      options.output.write('\n');
      follow(await send(submit(values)));
      if (!form && interactive) lines.prompt();
      continue;
    }
    if (QUIT.test(text)) break;
    if (text) {
      const picked = choice && (choice.types[Number(text) - 1] ?? choice.types.find((type) => type.title.toLowerCase() === text.toLowerCase()));
      const suggested = lastAnswer && suggestionPicked(lastAnswer, text);
      if (lastAnswer && suggested) {
        const { question, language, answer } = lastAnswer;
        const replies = await send({ kind: 'action', actor, conversation, language, action: { type: 'choose-suggestion', question, recordId: suggested.recordId, municipality: answer.municipality } });
        lastAnswer = replies.find((reply): reply is Extract<Reply, { kind: 'answer' }> => reply.kind === 'answer');
        follow(replies);
        if (form) continue;
      } else if (choice && picked) {
        follow(await send({ kind: 'action', actor, conversation, language: choice.language, action: { type: 'choose-ticket-type', typeId: picked.id } }));
        if (form) continue;
      } else if (lastAnswer?.answer.found && (YES.test(text) || NO.test(text))) {
        const { answer, question, language } = lastAnswer;
        await send({
          kind: 'action',
          actor,
          conversation,
          language,
          action: { type: 'feedback', helpful: YES.test(text), answerId: answer.answerId, question, municipality: answer.municipality },
        });
        lastAnswer = undefined;
      } else {
        const replies = await send({ kind: 'message', actor, conversation, text });
        lastAnswer = replies.find((reply): reply is Extract<Reply, { kind: 'answer' }> => reply.kind === 'answer');
        follow(replies);
        if (form) continue;
      }
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

/** The suggestion a number picks after "Menar du …?" (1, 2, … and "Inget av dessa" last); undefined for anything else. */
function suggestionPicked(reply: Extract<Reply, { kind: 'answer' }>, text: string): { readonly recordId: string | null } | undefined {
  const { suggestions } = reply.answer;
  if (reply.answer.found || suggestions.length === 0 || !/^\d{1,2}$/u.test(text)) return undefined;
  const index = Number(text) - 1;
  if (index < 0 || index > suggestions.length) return undefined;
  return { recordId: suggestions[index]?.id ?? null };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'terminal';
  }
}
