import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Bot, ConversationRef, Actor, Reply, Turn } from '../../src/bot/index.js';
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
  for await (const raw of lines) {
    const text = raw.trim();
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
