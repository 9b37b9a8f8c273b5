// The fact types parsed by a generated parser (every type but the three method-dispatched protocol facts, whose
// schemas run a JavaScript transform). Shared by this package's tests; not public API.
import type { FactType } from '../fact-types.js';
import { FACT_TYPES } from '../fact-types.js';

const parsedByZod: readonly FactType[] = ['client_request', 'client_response', 'notification'];

export const renderedWithoutZod: readonly FactType[] = FACT_TYPES.filter((type) => !parsedByZod.includes(type));
