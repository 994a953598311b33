import { writeBigCapture } from './capture-gen.js';
for (const profile of ['dense', 'mixed', 'chatty'] as const) await writeBigCapture(`bench/out/capture-${profile}-1073741824.pcap`, 1073741824, { profile });
