/** Personal-data detection in flows: the stage's public surface. */
export { detectFlow, detectFields } from './detect-flow.js';
export { flowFields } from './fields.js';
export { loadKnownIdentifiers, parseKnownIdentifiers } from './load-identifiers.js';
export { fieldDetectors, flowDetectors } from './detectors/index.js';
export type { Detector, Field, FlowDetector, KnownIdentifiers } from './detector.js';
