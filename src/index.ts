/** privdiff as a library: the pipeline stages and the whole run. */
export * from './model/index.js';
export { InputError, UsageError } from './errors.js';
export { analyse, chooseRulePacks, checkPolicyFile, readPolicy, type AnalyseOptions, type AnalyseResult } from './pipeline.js';
export { loadPolicy } from './load/index.js';
export { extractPolicy } from './extract/index.js';
export { observeCaptures, type ObserveOptions, type ObserveResult } from './observe/index.js';
export { readers, readerFor } from './observe/readers.js';
export { compare, classify } from './compare/index.js';
export { judge, checkPolicy, judgeGaps, rulePacks, loadRulePack } from './judge/index.js';
export { buildReport, formatters, maskValue } from './report/index.js';
export { ontology, Ontology } from './vocab/ontology.js';
export { main } from './cli/main.js';
export { KeyLog, loadKeyLog, parseKeyLog } from './observe/tls/keylog.js';
