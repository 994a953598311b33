/** Practice and notice-element extraction from a loaded policy (English and Chinese). */
export { extractPolicy } from './policy.js';
export { extractFromSentence } from './practices.js';
export { splitSentences } from './sentences.js';
export { noticeFromSentence } from './notice.js';
export { scanSentence } from './scan.js';
