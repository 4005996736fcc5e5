import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import { REGISTRATION_FIELDS, registrationTexts, type Bot, type ConversationRef, type Actor, type Reply, type RegistrationField, type Turn } from '../../src/bot/index.js';
import { renderReplyText } from './render.js';

export interface ConsoleChatOptions {
  readonly bot: Bot;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Municipality to start with (the --municipality flag). */
  readonly municipality?: string | undefined;
  readonly userId?: string | undefined;
}

const QUIT = /^(?:avsluta|sluta|hejdå|quit|exit|bye)$/iu;
const YES = /^(?:ja|j|yes|y)$/iu;
const NO = /^(?:nej|n|no)$/iu;

/**
 * The terminal adapter: reads lines, turns them into Turns, prints the replies as text. A "ja" or
 * "nej" right after an answer is the terminal's version of the feedback buttons.
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

  await send({ kind: 'message', actor, conversation, text: 'hjälp' });
  if (options.municipality) await send({ kind: 'action', actor, conversation, action: { type: 'choose-municipality', municipality: options.municipality } });

  const interactive = (options.input as NodeJS.ReadStream).isTTY === true;
  const lines = createInterface({ input: options.input, output: interactive ? options.output : undefined, terminal: interactive });
  if (interactive) {
    lines.setPrompt('du> ');
    lines.prompt();
  }
  let lastAnswer: Extract<Reply, { kind: 'answer' }> | undefined;
  // The terminal's version of a form: one prompt per field, Enter keeps the value shown.
  let form: { values: Record<RegistrationField, string>; index: number; language: 'sv' | 'en' } | undefined;
  const askField = (): void => {
    if (!form) return;
    const field = REGISTRATION_FIELDS[form.index]!;
    const r = registrationTexts[form.language];
    const current = form.values[field];
    options.output.write(`${r.fieldLabels[field]} (${r.fieldHints[field]})${current ? ` [${current}]` : ''}: `);
  };
  const startForms = (replies: readonly Reply[]): void => {
    const formReply = replies.find((reply): reply is Extract<Reply, { kind: 'registration-form' }> => reply.kind === 'registration-form');
    if (!formReply) return;
    form = { values: { ...formReply.values }, index: 0, language: formReply.language };
    askField();
  };
  for await (const raw of lines) {
    const text = raw.trim();
    if (form) {
      const field = REGISTRATION_FIELDS[form.index]!;
      if (text) form.values[field] = text;
      form.index += 1;
      if (form.index < REGISTRATION_FIELDS.length) {
        askField();
        continue;
      }
      const { values, language } = form;
      form = undefined;
      options.output.write('\n');
      startForms(await send({ kind: 'action', actor, conversation, language, action: { type: 'submit-registration', values } }));
      if (!form && interactive) lines.prompt();
      continue;
    }
    if (QUIT.test(text)) break;
    if (text) {
      if (lastAnswer?.answer.found && (YES.test(text) || NO.test(text))) {
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
        startForms(replies);
        if (form) continue;
      }
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'terminal';
  }
}
