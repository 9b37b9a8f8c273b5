import { livePagePictureScript } from './live-page-picture-script.js';

// The live page's script, sent inline under the page's CSP nonce. Plain browser JavaScript in a string (this package
// compiles without the DOM library); event content only ever reaches the DOM through textContent and attributes.
export const livePageScript = String.raw`
(() => {
  'use strict';
  const config = JSON.parse(document.getElementById('page-config').textContent);
  const EVENT_TYPES = config.eventTypes;
  const FIELDS = config.fields;
  const $ = (id) => document.getElementById(id);
  // A collector that asks for its read token: the token the tab keeps goes with every fetch, and a 401 (a ticket
  // gone, the collector restarted) goes back to the token form, which sends the kept token again.
  const readFetch = (url, init) => {
    const token = sessionStorage.getItem('codex-analytics-read-token');
    const headers = Object.assign({}, (init && init.headers) || {}, token ? { 'x-codex-analytics-read-token': token } : {});
    return fetch(url, Object.assign({}, init || {}, { headers })).then((response) => {
      if (response.status === 401) location.reload();
      return response;
    });
  };
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  // ---- state ----
  const events = [];
  const byId = new Map();
  // Kept as events arrive, so a frame never walks all events for them: threads and accounts in order of first
  // appearance, and what each thread's codex_thread_initialized said.
  const threadsSeen = new Set();
  const typesSeen = new Set();
  const accountsSeen = new Set();
  const threadInfo = new Map();
  let rejectionsVersion = 0;
  let rejectionsDrawn = -1;
  let rejections = [];
  let drift = null;
  let selectedId = null;
  const filters = { type: '', thread: '', turn: '', account: '', since: '' };

  // ---- formatting: one time format everywhere (local time with ms, ISO on hover) ----
  const pad = (value, width) => String(value).padStart(width || 2, '0');
  const localTime = (ms) => {
    const date = new Date(ms);
    return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds()) + '.' + pad(date.getMilliseconds(), 3);
  };
  const timeNode = (ms, tag) => el(tag || 'time', { datetime: new Date(ms).toISOString(), title: new Date(ms).toISOString(), text: localTime(ms) });
  const short = (id) => (id && id.length > 20 ? id.slice(0, 9) + '…' + id.slice(-9) : id || '');

  // ---- what an event says about the session ----
  const paramsOf = (stored) => (stored.event && typeof stored.event.event_params === 'object' && stored.event.event_params) || {};
  const threadOf = (stored) => (typeof paramsOf(stored).thread_id === 'string' ? paramsOf(stored).thread_id : '');
  const turnOf = (stored) => {
    const params = paramsOf(stored);
    if (typeof params.turn_id === 'string') return params.turn_id;
    if (typeof params.accepted_turn_id === 'string') return params.accepted_turn_id;
    return typeof params.expected_turn_id === 'string' ? params.expected_turn_id : '';
  };
  const KINDS = {
    codex_thread_initialized: ['thread', 'T', 'thread started'],
    codex_turn_event: ['turn', '◆', 'turn'],
    codex_turn_steer_event: ['steer', 'S', 'steer'],
    skill_invocation: ['skill', 'K', 'skill'],
    codex_app_mentioned: ['app', '@', 'app mentioned'],
    codex_app_used: ['app', 'A', 'app used'],
    codex_hook_run: ['hook', 'H', 'hook'],
    codex_compaction_event: ['compaction', 'C', 'compaction'],
    codex_guardian_review: ['guardian', 'G', 'guardian review'],
    codex_plugin_used: ['plugin', 'P', 'plugin used'],
    codex_plugin_installed: ['plugin', 'P', 'plugin installed'],
    codex_plugin_uninstalled: ['plugin', 'P', 'plugin uninstalled'],
    codex_plugin_enabled: ['plugin', 'P', 'plugin enabled'],
    codex_plugin_disabled: ['plugin', 'P', 'plugin disabled'],
    codex_command_execution_event: ['tool', '$', 'command'],
    codex_file_change_event: ['tool', '±', 'file change'],
    codex_mcp_tool_call_event: ['tool', 'M', 'MCP tool call'],
    codex_dynamic_tool_call_event: ['tool', 'D', 'dynamic tool call'],
    codex_collab_agent_tool_call_event: ['tool', 'Σ', 'sub-agent call'],
    codex_web_search_event: ['tool', 'W', 'web search'],
    codex_image_generation_event: ['tool', 'I', 'image generation'],
    codex_accepted_line_fingerprints: ['tool', 'L', 'accepted lines'],
  };
  const kindOf = (type) => KINDS[type] || ['other', '?', type];
  const outcomeOf = (stored) => {
    const params = paramsOf(stored);
    if (stored.event.event_type === 'codex_turn_steer_event') return params.result === 'rejected' ? 'bad' : 'good';
    if (typeof params.status === 'string') return /fail|error|block|stop|interrupt|abort/.test(params.status) ? 'bad' : 'good';
    if (typeof params.terminal_status === 'string') return params.terminal_status === 'completed' ? 'good' : 'bad';
    if (typeof params.decision === 'string') return params.decision === 'denied' ? 'bad' : 'good';
    return '';
  };

  // ---- filters ----
  const matches = (stored) => {
    if (filters.type && stored.event.event_type !== filters.type) return false;
    if (filters.thread && threadOf(stored) !== (filters.thread === '(none)' ? '' : filters.thread)) return false;
    if (filters.turn && turnOf(stored) !== filters.turn) return false;
    if (filters.account && stored.accountId !== filters.account) return false;
    if (filters.since && stored.receivedAt < Date.now() - Number(filters.since) * 1000) return false;
    return true;
  };
  const controls = { type: $('filter-type'), thread: $('filter-thread'), turn: $('filter-turn'), account: $('filter-account'), since: $('filter-since') };
  for (const type of EVENT_TYPES) controls.type.append(el('option', { value: type, text: type }));
  const initial = new URLSearchParams(location.search);
  for (const key of Object.keys(filters)) filters[key] = initial.get(key) || '';
  const syncOptions = (select, values, allLabel) => {
    const current = filters[select.dataset.filter];
    const wanted = [''].concat(values);
    if (current && !wanted.includes(current)) wanted.push(current);
    const options = select.options;
    // New values arrive at the end: appended; any other change redraws the list.
    let same = options.length <= wanted.length;
    for (let index = 0; same && index < options.length; index += 1) same = options[index].value === wanted[index];
    const option = (value) => el('option', { value, text: value === '' ? allLabel : value });
    if (!same) select.replaceChildren(...wanted.map(option));
    else if (options.length < wanted.length) select.append(...wanted.slice(options.length).map(option));
    if (select.value !== current) select.value = current;
  };
  const writeUrl = () => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    history.replaceState(null, '', query.size ? '?' + query : location.pathname);
  };
  for (const [key, control] of Object.entries(controls)) {
    control.dataset.filter = key;
    control.addEventListener('change', () => {
      filters[key] = control.value;
      if (key === 'thread') filters.turn = '';
      writeUrl();
      render();
    });
  }
  controls.since.value = filters.since;
  controls.type.value = filters.type;
  $('filter-reset').addEventListener('click', () => {
    for (const key of Object.keys(filters)) filters[key] = '';
    writeUrl();
    render();
  });

  // ---- the session picture: threads as lanes, turns as bars, events as markers in arrival order on a time axis ----
${livePagePictureScript}
  const picture = createPicture();

  // ---- counts per type (all 14, zeros visible) and rate over time ----
  const renderCounts = () => {
    const counts = Object.fromEntries(EVENT_TYPES.map((type) => [type, 0]));
    // A type no era knows is stored as it came (drift): it gets a row once seen.
    for (const stored of events) counts[stored.event.event_type] = (counts[stored.event.event_type] || 0) + 1;
    const types = Object.keys(counts);
    const max = Math.max(1, ...Object.values(counts));
    $('counts').replaceChildren(
      ...types.map((type) => {
        const bar = el('span', { class: 'bar kind-' + kindOf(type)[0] });
        bar.style.width = (100 * counts[type]) / max + '%';
        const row = el('button', { type: 'button', class: 'count-row' + (counts[type] === 0 ? ' zero' : '') + (filters.type === type ? ' active' : ''), 'data-type': type, 'data-count': counts[type], title: counts[type] === 0 ? type + ': none received' : 'show only ' + type },
          el('span', { class: 'count-type', text: type }), el('span', { class: 'count-bar' }, bar), el('span', { class: 'count-n', text: String(counts[type]) }));
        return row;
      }),
    );
    const seen = EVENT_TYPES.filter((type) => counts[type] > 0).length;
    const unknown = types.length - EVENT_TYPES.length;
    $('counts-summary').textContent = seen + ' of ' + EVENT_TYPES.length + ' types seen' + (unknown > 0 ? ', ' + unknown + ' unknown (drift)' : '');
  };
  const renderRate = () => {
    const rate = $('rate');
    if (events.length === 0) {
      rate.replaceChildren();
      $('rate-summary').textContent = 'no events yet';
      return;
    }
    // From the first event to now, but at most a minute past the last event (so a quiet hour does not squash the bars).
    const first = events[0].receivedAt;
    const last = events[events.length - 1].receivedAt;
    const end = Math.max(last + 1000, Math.min(Date.now(), last + 60_000), first + 10_000);
    const start = first;
    const buckets = 40;
    const width = (end - start) / buckets;
    const counts = new Array(buckets).fill(0);
    for (const stored of events) counts[Math.min(buckets - 1, Math.floor((stored.receivedAt - start) / width))] += 1;
    const max = Math.max(1, ...counts);
    rate.replaceChildren(
      ...counts.map((count, index) => {
        const bar = el('span', { class: 'rate-bar', title: count + ' events from ' + localTime(start + index * width) + ' to ' + localTime(start + (index + 1) * width) });
        bar.style.height = count === 0 ? '0' : Math.max(4, (100 * count) / max) + '%';
        return bar;
      }),
    );
    const perSecond = (max / (width / 1000)).toFixed(width >= 1000 ? 1 : 0);
    $('rate-summary').replaceChildren('peak ' + perSecond + '/s · ', timeNode(start), ' → ', timeNode(end));
  };

  // ---- the events table ----
  const MAX_ROWS = 500;
  // Rows are kept per event id: a new event adds its row, the others stay as they are.
  let tableRows = new Map();
  const renderTable = (shown) => {
    const body = $('event-rows');
    const newest = shown.slice(-MAX_ROWS).reverse();
    const rows = new Map();
    const ordered = newest.map((stored) => {
      let row = tableRows.get(stored.id);
      if (!row) row = makeRow(stored);
      const selected = String(stored.id === selectedId);
      if (row.getAttribute('aria-selected') !== selected) row.setAttribute('aria-selected', selected);
      rows.set(stored.id, row);
      return row;
    });
    tableRows = rows;
    let same = body.children.length === ordered.length;
    for (let index = 0; same && index < ordered.length; index += 1) same = body.children[index] === ordered[index];
    if (!same) body.replaceChildren(...ordered);
    const focusable = body.querySelector('tr[aria-selected="true"]') || body.querySelector('tr[tabindex="0"]') || body.firstElementChild;
    for (const other of body.querySelectorAll('tr[tabindex="0"]')) if (other !== focusable) other.tabIndex = -1;
    if (focusable && focusable.tabIndex !== 0) focusable.tabIndex = 0;
    $('table-note').textContent = shown.length > MAX_ROWS ? 'newest ' + MAX_ROWS + ' of ' + shown.length + ' shown' : '';
  };
  const makeRow = (stored) =>
        el('tr', { 'data-event-id': stored.id, 'data-event-type': stored.event.event_type, 'aria-selected': String(stored.id === selectedId), tabindex: '-1' },
          el('td', { text: String(stored.id) }),
          el('td', {}, timeNode(stored.receivedAt)),
          el('td', {}, el('span', { class: 'dot kind-' + kindOf(stored.event.event_type)[0] }), stored.event.event_type),
          el('td', { title: threadOf(stored), text: short(threadOf(stored)) }),
          el('td', { title: turnOf(stored), text: short(turnOf(stored)) }),
          el('td', { title: stored.accountId + ' (' + stored.authScheme + ')', text: stored.accountId }));

  // ---- rejected requests ----
  const renderRejections = () => {
    if (rejectionsDrawn === rejectionsVersion) return;
    rejectionsDrawn = rejectionsVersion;
    const list = $('rejections');
    $('rejections-summary').textContent = rejections.length === 0 ? 'none' : rejections.length + (rejections.length === 1 ? ' request' : ' requests');
    list.replaceChildren(
      ...rejections.slice().reverse().map((rejection) => {
        const head = el('div', { class: 'rejection-head' },
          el('span', { class: 'status', text: rejection.status === null ? '—' : String(rejection.status) }),
          el('strong', { text: rejection.reason }),
          timeNode(rejection.receivedAt),
          el('code', { text: rejection.method + ' ' + rejection.path }));
        const item = el('li', { class: 'rejection', 'data-reason': rejection.reason }, head, el('p', { class: 'message', text: rejection.message }));
        if (rejection.errors && rejection.errors.length) {
          const table = el('table', { class: 'errors' },
            el('thead', {}, el('tr', {}, el('th', { text: 'index' }), el('th', { text: 'event_type' }), el('th', { text: 'path' }), el('th', { text: 'problem' }))));
          const tbody = el('tbody');
          for (const error of rejection.errors.slice(0, 50)) {
            tbody.append(el('tr', {}, el('td', { text: error.index === null ? 'body' : String(error.index) }), el('td', { text: error.event_type || '—' }),
              el('td', {}, el('code', { text: error.path || '(root)' })), el('td', { text: error.message })));
          }
          table.append(tbody);
          item.append(table);
          const more = rejection.errorCount - Math.min(50, rejection.errors.length);
          if (more > 0) item.append(el('p', { class: 'more', text: '… and ' + more + ' more error(s)' }));
        }
        return item;
      }),
    );
  };

  // ---- drift (today's wire format, unknown keys per event type) ----
  const renderDrift = () => {
    const section = $('drift');
    if (!drift || (drift.currentEraEvents === 0 && drift.driftedEvents === 0)) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    $('drift-summary').textContent = drift.currentEraEvents + " in today's wire format · " + drift.driftedEvents + ' with unknown keys' +
      (drift.unstoredEvents ? ' · ' + drift.unstoredEvents + ' of an unknown type (not stored)' : '');
    $('drift-list').replaceChildren(
      ...Object.entries(drift.byEventType).map(([type, counts]) =>
        el('li', {}, el('strong', { text: type + ' ×' + counts.events + ': ' }), Object.entries(counts.keys).map(([key, n]) => key + ' ×' + n).join(', '))),
    );
  };

  // ---- the selected event: metadata, and its JSON with each field name explained ----
  const describe = (type, path) => {
    const info = (FIELDS[type] && FIELDS[type][path]) || FIELDS['*'][path];
    if (info) return info;
    const name = path.split('.').pop();
    return FIELDS['*'][name] || null;
  };
  // One line per field; 'suffix' (a comma) goes on the value's last line.
  const jsonNode = (value, type, path, depth, suffix) => {
    if (value === null || typeof value !== 'object') {
      return el('span', {}, el('span', { class: 'json-' + (value === null ? 'null' : typeof value), text: JSON.stringify(value) }), suffix);
    }
    const isArray = Array.isArray(value);
    const entries = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
    if (entries.length === 0) return el('span', { text: (isArray ? '[]' : '{}') + suffix });
    const block = el('span', { class: 'json-block' }, isArray ? '[' : '{');
    entries.forEach(([key, item], index) => {
      const childPath = isArray ? path : path ? path + '.' + key : String(key);
      const line = el('div', { class: 'json-line' });
      line.style.paddingLeft = (depth + 1) * 1.1 + 'em';
      if (!isArray) {
        const info = describe(type, childPath);
        const keyNode = el('span', { class: 'json-key' + (info ? ' described' : ''), 'data-path': childPath, tabindex: info ? '0' : null,
          title: info ? childPath + ': ' + info.description + (info.type ? ' (' + info.type + ')' : '') : null, text: JSON.stringify(key) });
        line.append(keyNode, ': ');
      }
      line.append(jsonNode(item, type, childPath, depth + 1, index < entries.length - 1 ? ',' : ''));
      block.append(line);
    });
    const close = el('div', { class: 'json-line', text: (isArray ? ']' : '}') + suffix });
    close.style.paddingLeft = depth * 1.1 + 'em';
    block.append(close);
    return block;
  };
  let detailShown = null;
  const renderDetail = () => {
    const stored = selectedId === null ? null : byId.get(selectedId);
    // Drawn again only when the selection changes, so its scroll position and focus survive live updates.
    if ((stored || null) === detailShown) return;
    detailShown = stored || null;
    $('detail-empty').hidden = stored !== null && stored !== undefined;
    const meta = $('detail-meta');
    const json = $('detail');
    if (!stored) {
      meta.replaceChildren();
      json.replaceChildren();
      json.dataset.eventId = '';
      return;
    }
    meta.replaceChildren(
      el('dt', { text: 'event' }), el('dd', { text: '#' + stored.id + ' ' + stored.event.event_type }),
      el('dt', { text: 'received' }), el('dd', {}, timeNode(stored.receivedAt)),
      el('dt', { text: 'request' }), el('dd', { text: '#' + stored.requestId }),
      el('dt', { text: 'account' }), el('dd', { text: stored.accountId + ' (' + stored.authScheme + (stored.agentRuntimeId ? ', agent ' + stored.agentRuntimeId : '') + ')' }));
    json.dataset.eventId = String(stored.id);
    json.replaceChildren(jsonNode(stored.event, stored.event.event_type, '', 0, ''));
    $('field-help').textContent = 'Hover or focus a field name to see what it means.';
  };
  $('detail').addEventListener('mouseover', (event) => showField(event.target));
  $('detail').addEventListener('focusin', (event) => showField(event.target));
  const showField = (target) => {
    const key = target.closest && target.closest('.json-key.described');
    if (key) $('field-help').textContent = key.title;
  };
  $('copy-json').addEventListener('click', () => {
    const stored = byId.get(selectedId);
    if (stored && navigator.clipboard) navigator.clipboard.writeText(JSON.stringify(stored.event, null, 2)).catch(() => {});
  });

  const select = (id) => {
    selectedId = id;
    render();
  };

  // ---- keyboard: arrows move within the picture and the table, Enter or Space selects, Escape deselects ----
  const roving = (container, selector, keys) => {
    container.addEventListener('keydown', (event) => {
      const current = event.target.closest(selector);
      if (!current) return;
      const items = [...container.querySelectorAll(selector)];
      let index = items.indexOf(current);
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(Number(current.dataset.eventId));
        return;
      }
      const move = keys(event, current, items, index);
      if (move === undefined) return;
      event.preventDefault();
      index = Math.max(0, Math.min(items.length - 1, move));
      current.tabIndex = -1;
      items[index].tabIndex = 0;
      items[index].focus();
    });
  };
  roving($('picture'), '.marker', (event, current, items, index) => {
    if (event.key === 'ArrowRight') return index + 1;
    if (event.key === 'ArrowLeft') return index - 1;
    if (event.key === 'Home') return 0;
    if (event.key === 'End') return items.length - 1;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const laneOf = (marker) => Number(marker.closest('.lane').dataset.lane);
      const lane = laneOf(current) + (event.key === 'ArrowDown' ? 1 : -1);
      const x = parseFloat(current.style.left);
      let best = -1;
      items.forEach((item, candidate) => {
        if (laneOf(item) !== lane) return;
        if (best === -1 || Math.abs(parseFloat(item.style.left) - x) < Math.abs(parseFloat(items[best].style.left) - x)) best = candidate;
      });
      return best === -1 ? index : best;
    }
    return undefined;
  });
  roving($('event-rows'), 'tr', (event, current, items, index) => {
    if (event.key === 'ArrowDown' || event.key === 'j') return index + 1;
    if (event.key === 'ArrowUp' || event.key === 'k') return index - 1;
    if (event.key === 'Home') return 0;
    if (event.key === 'End') return items.length - 1;
    return undefined;
  });
  $('picture').addEventListener('click', (event) => {
    const marker = event.target.closest('.marker');
    if (marker) select(Number(marker.dataset.eventId));
  });
  $('event-rows').addEventListener('click', (event) => {
    const row = event.target.closest('tr');
    if (row) select(Number(row.dataset.eventId));
  });
  $('counts').addEventListener('click', (event) => {
    const row = event.target.closest('.count-row');
    if (!row) return;
    filters.type = filters.type === row.dataset.type ? '' : row.dataset.type;
    writeUrl();
    render();
  });
  document.addEventListener('keydown', (event) => {
    if (event.target.closest('input, select, textarea, dialog')) return;
    if (event.key === 'Escape' && selectedId !== null) {
      selectedId = null;
      render();
    } else if (event.key === '/') {
      event.preventDefault();
      controls.type.focus();
    }
  });

  // ---- clear, with a confirmation ----
  const dialog = $('clear-dialog');
  $('clear').addEventListener('click', () => {
    $('clear-count').textContent = events.length + ' event(s) and ' + rejections.length + ' rejected request(s)';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'clear') return;
    readFetch('/api/events', { method: 'DELETE' }).catch(() => {});
  });
  const clearAll = () => {
    events.length = 0;
    byId.clear();
    threadsSeen.clear();
    accountsSeen.clear();
    threadInfo.clear();
    rejections = [];
    rejectionsVersion += 1;
    selectedId = null;
    render();
  };

  // ---- rendering, at most once a frame ----
  let queued = false;
  const render = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      // The rows and markers are drawn anew: keep the keyboard focus on the same event.
      const active = document.activeElement;
      const focusSelector = active && active.dataset && active.dataset.eventId
        ? (active.matches('.marker') ? '#picture .marker' : '#event-rows tr') + '[data-event-id="' + active.dataset.eventId + '"]'
        : null;
      syncOptions(controls.thread, [...threadsSeen].map((thread) => thread || '(none)'), 'all threads');
      const inThread = (stored) => !filters.thread || threadOf(stored) === (filters.thread === '(none)' ? '' : filters.thread);
      syncOptions(controls.turn, [...new Set(events.filter(inThread).map(turnOf).filter(Boolean))], 'all turns');
      syncOptions(controls.account, [...accountsSeen], 'all accounts');
      syncOptions(controls.type, EVENT_TYPES.concat([...typesSeen].filter((type) => !EVENT_TYPES.includes(type))), 'all types');
      controls.type.value = filters.type;
      controls.since.value = filters.since;
      const shown = events.filter(matches);
      $('count').textContent = events.length + ' events' + (shown.length === events.length ? '' : ', ' + shown.length + ' shown');
      $('rejected-count').textContent = rejections.length ? rejections.length + ' rejected' : '';
      picture.render(shown, JSON.stringify(filters), selectedId, threadInfo);
      renderTable(shown);
      renderCounts();
      renderRate();
      renderRejections();
      renderDrift();
      renderDetail();
      const again = focusSelector && document.querySelector(focusSelector);
      if (again && again !== document.activeElement) {
        for (const other of again.closest('#picture, #event-rows').querySelectorAll('[tabindex="0"]')) other.tabIndex = -1;
        again.tabIndex = 0;
        again.focus({ preventScroll: true });
      }
      document.body.dataset.rendered = String(events.length) + '/' + rejections.length;
    });
  };

  let driftJson = 'null';
  const refreshStats = () =>
    readFetch('/api/stats').then((response) => response.json()).then((stats) => {
      const next = JSON.stringify(stats.drift || null);
      if (next === driftJson) return;
      driftJson = next;
      drift = stats.drift || null;
      renderDrift();
    }, () => {});
  const refreshRejections = () =>
    readFetch('/api/rejections').then((response) => response.json()).then((body) => {
      rejections = body.rejections;
      rejectionsVersion += 1;
      render();
    }, () => {});
  setInterval(() => {
    refreshStats();
    if (filters.since) render();
    else renderRate();
  }, 2000);

  // after=0 replays every stored event first; on reconnect the browser sends Last-Event-ID and gets only the rest.
  const source = new EventSource('/api/stream?after=0');
  const status = $('status');
  source.onopen = () => {
    status.dataset.state = 'open';
    status.textContent = 'live';
    refreshRejections();
    refreshStats();
  };
  source.onerror = () => {
    status.dataset.state = 'reconnecting';
    status.textContent = 'reconnecting';
    // Refused (not merely cut): ask whether the read token is the reason.
    if (source.readyState === EventSource.CLOSED) refreshStats();
  };
  source.onmessage = (message) => {
    const stored = JSON.parse(message.data);
    if (byId.has(stored.id)) return;
    byId.set(stored.id, stored);
    events.push(stored);
    threadsSeen.add(threadOf(stored));
    accountsSeen.add(stored.accountId);
    typesSeen.add(stored.event.event_type);
    if (stored.event.event_type === 'codex_thread_initialized') threadInfo.set(threadOf(stored), paramsOf(stored));
    render();
  };
  source.addEventListener('rejection', (message) => {
    const rejection = JSON.parse(message.data);
    if (rejections.some((known) => known.id === rejection.id)) return;
    rejections.push(rejection);
    // The collector keeps the last 500; so does the page.
    if (rejections.length > 500) rejections = rejections.slice(-500);
    rejectionsVersion += 1;
    render();
  });
  source.addEventListener('cleared', clearAll);
  // The picture squeezes its pauses to the width: a new width, a new squeeze.
  addEventListener('resize', render);
  render();
})();
`;
