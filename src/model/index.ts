export type * from './flow.js';
export type * from './practice.js';
export type * from './finding.js';
