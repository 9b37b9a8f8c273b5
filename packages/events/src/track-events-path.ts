/** Path of the backend endpoint, appended to the ChatGPT base URL (without its trailing `/`). */
export const TRACK_EVENTS_PATH = '/codex/analytics-events/events';
