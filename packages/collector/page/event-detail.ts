import type { FieldInfo, PageConfig, PageEvent } from './page-data.js';
import { byId, closestTo, el } from './page-dom.js';
import { timeNode } from './page-format.js';

// The selected event: its metadata, and its JSON with each field name explained.

export interface EventDetail {
  /** Draws the event (or the empty state); only when the selection changed, so scroll and focus survive updates. */
  render(stored: PageEvent | undefined): void;
}

export function createEventDetail(fields: PageConfig['fields']): EventDetail {
  const describe = (type: string, path: string): FieldInfo | null => {
    const info = fields[type]?.[path] ?? fields['*'][path];
    if (info) return info;
    const name = path.split('.').pop() ?? path;
    return fields['*'][name] ?? null;
  };
  // One line per field; `suffix` (a comma) goes on the value's last line.
  const jsonNode = (value: unknown, type: string, path: string, depth: number, suffix: string): HTMLElement => {
    if (value === null || typeof value !== 'object') {
      return el('span', {}, el('span', { class: `json-${value === null ? 'null' : typeof value}`, text: JSON.stringify(value) }), suffix);
    }
    const isArray = Array.isArray(value);
    const entries: Array<[string | number, unknown]> = isArray ? value.map((item: unknown, index) => [index, item]) : Object.entries(value);
    if (entries.length === 0) return el('span', { text: (isArray ? '[]' : '{}') + suffix });
    const block = el('span', { class: 'json-block' }, isArray ? '[' : '{');
    entries.forEach(([key, item], index) => {
      const childPath = isArray ? path : path ? `${path}.${key}` : String(key);
      const line = el('div', { class: 'json-line' });
      line.style.paddingLeft = `${(depth + 1) * 1.1}em`;
      if (!isArray) {
        const info = describe(type, childPath);
        const keyNode = el('span', {
          class: `json-key${info ? ' described' : ''}`,
          'data-path': childPath,
          tabindex: info ? '0' : null,
          title: info ? `${childPath}: ${info.description}${info.type ? ` (${info.type})` : ''}` : null,
          text: JSON.stringify(key),
        });
        line.append(keyNode, ': ');
      }
      line.append(jsonNode(item, type, childPath, depth + 1, index < entries.length - 1 ? ',' : ''));
      block.append(line);
    });
    const close = el('div', { class: 'json-line', text: (isArray ? ']' : '}') + suffix });
    close.style.paddingLeft = `${depth * 1.1}em`;
    block.append(close);
    return block;
  };

  const json = byId('detail');
  const showField = (target: EventTarget | null): void => {
    const key = closestTo(target, '.json-key.described');
    if (key) byId('field-help').textContent = key.title;
  };
  json.addEventListener('mouseover', (event) => showField(event.target));
  json.addEventListener('focusin', (event) => showField(event.target));

  let shown: PageEvent | null = null;
  byId('copy-json').addEventListener('click', () => {
    if (shown && navigator.clipboard) navigator.clipboard.writeText(JSON.stringify(shown.event, null, 2)).catch(() => undefined);
  });

  return {
    render: (stored) => {
      if ((stored ?? null) === shown) return;
      shown = stored ?? null;
      byId('detail-empty').hidden = stored !== undefined;
      const meta = byId('detail-meta');
      if (!stored) {
        meta.replaceChildren();
        json.replaceChildren();
        json.dataset.eventId = '';
        return;
      }
      const agent = stored.agentRuntimeId ? `, agent ${stored.agentRuntimeId}` : '';
      meta.replaceChildren(
        el('dt', { text: 'event' }),
        el('dd', { text: `#${stored.id} ${stored.event.event_type}` }),
        el('dt', { text: 'received' }),
        el('dd', {}, timeNode(stored.receivedAt)),
        el('dt', { text: 'request' }),
        el('dd', { text: `#${stored.requestId}` }),
        el('dt', { text: 'account' }),
        el('dd', { text: `${stored.accountId} (${stored.authScheme}${agent})` }),
      );
      json.dataset.eventId = String(stored.id);
      json.replaceChildren(jsonNode(stored.event, stored.event.event_type, '', 0, ''));
      byId('field-help').textContent = 'Hover or focus a field name to see what it means.';
    },
  };
}
