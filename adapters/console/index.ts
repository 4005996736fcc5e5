export { runConsoleChat, type ConsoleChatOptions } from './chat.js';
export { renderAnswerText, renderReplyText } from './render.js';
