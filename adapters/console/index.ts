export { runConsoleChat } from './chat.js';
export { renderAnswerText } from './render.js';
