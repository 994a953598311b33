/** The detector registry, sorted by id; each detector lives in its own file. */
import type { Detector, FlowDetector } from '../detector.js';
import { bankCard } from './bank-card.js';
import { cellInfo } from './cell-info.js';
import { contact } from './contact.js';
import { deviceContext } from './device-context.js';
import { deviceIds } from './device-ids.js';
import { deviceInfo } from './device-info.js';
import { installedApps } from './installed-apps.js';
import { ipAddress } from './ip-address.js';
import { keyedIds } from './keyed-ids.js';
import { location } from './location.js';
import { nationalId } from './national-id.js';
import { wifi } from './wifi.js';

export const fieldDetectors: Detector[] = [bankCard, contact, deviceIds, deviceInfo, ipAddress, keyedIds, location, nationalId, wifi];
export const flowDetectors: FlowDetector[] = [cellInfo, deviceContext, installedApps];
