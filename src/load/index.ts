export { loadPolicy } from './load-policy.js';
export { detectLanguage, detectScript, type LanguageGuess } from './language.js';
export type { LoadOptions } from './options.js';
export type { Block, BlockKind, PolicyDocument } from './document.js';
