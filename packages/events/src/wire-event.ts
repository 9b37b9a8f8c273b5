import type { CurrentTrackEventRequest } from './current-era-events.js';
import type { TrackEventRequest } from './track-event-request.js';

/** An event of either wire era: the seed's exact shape, or today's (`wireEra: 'current'`, the default of reducer and client). */
export type WireEvent = TrackEventRequest | CurrentTrackEventRequest;
