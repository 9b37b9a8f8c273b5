// The live page's markup and style. The script is bundled from page/*.ts into live-page-bundle.ts; both go out under
// one CSP nonce.
export function livePageHtml({ nonce, configJson, script }: { nonce: string; configJson: string; script: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Codex analytics collector</title>
<style nonce="${nonce}">${style}</style>
</head>
<body>
<header class="top">
  <h1>Codex analytics collector</h1>
  <span id="status" data-state="connecting" role="status">connecting</span>
  <span id="count" aria-live="polite">0 events</span>
  <span id="rejected-count" class="bad-text"></span>
  <button type="button" id="clear" class="danger">Clear…</button>
</header>
<form class="filters" id="filters" aria-label="Filters">
  <label>Type <select id="filter-type"><option value="">all types</option></select></label>
  <label>Thread <select id="filter-thread"><option value="">all threads</option></select></label>
  <label>Turn <select id="filter-turn"><option value="">all turns</option></select></label>
  <label>Account <select id="filter-account"><option value="">all accounts</option></select></label>
  <label>Time <select id="filter-since">
    <option value="">all time</option><option value="60">last minute</option><option value="300">last 5 minutes</option>
    <option value="900">last 15 minutes</option><option value="3600">last hour</option>
  </select></label>
  <button type="button" id="filter-reset">Reset filters</button>
</form>
<main class="layout">
  <section class="panel session" aria-labelledby="session-title">
    <div class="panel-head">
      <h2 id="session-title">Session</h2>
      <span class="hint">threads as lanes, turns as bars, events in arrival order (pauses compressed) · ←/→ ↑/↓ move, Enter selects</span>
      <span id="picture-note" class="hint"></span>
    </div>
    <div id="picture" class="picture" role="group" aria-label="Session picture"></div>
    <p id="picture-empty" class="empty">No events yet. Point a client's baseUrl at this collector.</p>
    <ul class="legend" aria-label="Legend">
      <li><span class="marker-key kind-thread">T</span> thread started</li><li><span class="marker-key kind-turn">◆</span> turn</li>
      <li><span class="marker-key kind-steer">S</span> steer</li><li><span class="marker-key kind-skill">K</span> skill</li>
      <li><span class="marker-key kind-app">A</span> app (@ mentioned)</li><li><span class="marker-key kind-hook">H</span> hook</li>
      <li><span class="marker-key kind-compaction">C</span> compaction</li><li><span class="marker-key kind-guardian">G</span> guardian review</li>
      <li><span class="marker-key kind-plugin">P</span> plugin</li><li><span class="marker-key kind-tool">$</span> tool call ($ command, ± file change, W web search, ...)</li>
      <li><span class="marker-key bad-key">!</span> failed, rejected or denied</li>
    </ul>
  </section>
  <section class="panel events" aria-labelledby="events-title">
    <div class="panel-head"><h2 id="events-title">Events</h2><span id="table-note" class="hint"></span><span class="hint">↑/↓ move, Enter selects, Esc deselects, / filters</span></div>
    <div class="table-wrap">
      <table>
        <thead><tr><th>#</th><th>received</th><th>event_type</th><th>thread</th><th>turn</th><th>account</th></tr></thead>
        <tbody id="event-rows"></tbody>
      </table>
    </div>
  </section>
  <aside class="side">
    <section class="panel" aria-labelledby="detail-title">
      <div class="panel-head"><h2 id="detail-title">Selected event</h2><button type="button" id="copy-json">Copy JSON</button></div>
      <p id="detail-empty" class="empty">Select an event in the picture or the table.</p>
      <dl id="detail-meta" class="meta"></dl>
      <div id="detail" class="json" data-event-id=""></div>
      <p id="field-help" class="hint" aria-live="polite"></p>
    </section>
    <section class="panel" aria-labelledby="counts-title">
      <div class="panel-head"><h2 id="counts-title">Events per type</h2><span id="counts-summary" class="hint"></span></div>
      <div id="counts" class="counts"></div>
    </section>
    <section class="panel" aria-labelledby="rate-title">
      <div class="panel-head"><h2 id="rate-title">Rate</h2><span id="rate-summary" class="hint"></span></div>
      <div id="rate" class="rate" aria-hidden="true"></div>
    </section>
    <section class="panel" aria-labelledby="rejections-title">
      <div class="panel-head"><h2 id="rejections-title">Rejected requests</h2><span id="rejections-summary" class="hint">none</span></div>
      <ol id="rejections" class="rejections"></ol>
    </section>
    <section class="panel" id="drift" hidden aria-labelledby="drift-title">
      <div class="panel-head"><h2 id="drift-title">Wire-format drift</h2><span id="drift-summary" class="hint"></span></div>
      <ul id="drift-list" class="drift"></ul>
    </section>
  </aside>
</main>
<dialog id="clear-dialog" aria-labelledby="clear-title">
  <form method="dialog">
    <h2 id="clear-title">Clear everything?</h2>
    <p>This forgets <span id="clear-count"></span> in the collector, for every open page. The NDJSON file, if any, keeps its lines.</p>
    <div class="dialog-buttons"><button value="cancel" autofocus>Cancel</button><button value="clear" id="clear-confirm" class="danger">Clear</button></div>
  </form>
</dialog>
<script type="application/json" id="page-config">${configJson}</script>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}

const style = `
:root { color-scheme: light dark; --bg: #f6f7f9; --panel: #fff; --text: #1d1f23; --muted: #5f6670; --line: #dde1e6; --accent: #2457d6;
  --select: #dbe6ff; --hover: #eef3ff; --bad: #c62828; --good: #1a7f37; --warn: #a15c00;
  --k-thread: #5b6bd6; --k-turn: #0f7b8a; --k-steer: #8a4fd1; --k-skill: #b3541e; --k-app: #1f8a4c; --k-hook: #7a6a00;
  --k-compaction: #4a6b8a; --k-guardian: #b0306a; --k-plugin: #6d6d6d; --k-tool: #2f6fb3; --turn-bar: #d7eef1; --turn-failed: #f6d6d6; --turn-interrupted: #f3e3c6; --marker-text: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111317; --panel: #1a1d22; --text: #e6e8eb; --muted: #9aa3ad; --line: #2d323a; --accent: #7aa2ff; --select: #23365f;
    --hover: #1f2a40; --bad: #ff6b6b; --good: #4cc38a; --warn: #e3a03b; --k-thread: #8f9cff; --k-turn: #3cc3d4; --k-steer: #b889ff;
    --k-skill: #f08d52; --k-app: #4cc38a; --k-hook: #d4c24a; --k-compaction: #8fb3d9; --k-guardian: #ff7fb5; --k-plugin: #a7a7a7; --k-tool: #7fb2ee;
    --turn-bar: #15343a; --turn-failed: #4a2020; --turn-interrupted: #45361a; }
  :root { --marker-text: #111; }
}
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: var(--text); background: var(--bg); }
button, select { font: inherit; color: inherit; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .2rem .55rem; }
button { cursor: pointer; }
button:hover { border-color: var(--accent); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
h1 { font-size: 1.05rem; margin: 0; }
h2 { font-size: .95rem; margin: 0; }
code, .json, time { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.top { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; padding: .6rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line); }
.top #clear { margin-left: auto; }
#status[data-state="open"] { color: var(--good); }
#status[data-state="reconnecting"] { color: var(--warn); }
.bad-text { color: var(--bad); }
.danger { color: var(--bad); }
.filters { display: flex; flex-wrap: wrap; gap: .4rem .9rem; align-items: center; padding: .5rem 1rem; }
.filters label { display: flex; gap: .35rem; align-items: center; color: var(--muted); }
.filters select { max-width: 14rem; color: var(--text); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: .75rem; padding: 0 1rem 1rem; }
@media (min-width: 1100px) {
  .layout { grid-template-columns: minmax(0, 1fr) minmax(340px, 30%); }
  .session { grid-column: 1 / -1; }
  .side { grid-column: 2; grid-row: 2 / span 3; }
  .events .table-wrap { max-height: calc(100vh - 8rem); }
}
.side { display: flex; flex-direction: column; gap: .75rem; min-width: 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .75rem; min-width: 0; }
.panel-head { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; margin-bottom: .4rem; }
.panel-head button { margin-left: auto; }
.hint { color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); margin: .25rem 0; }
.picture { overflow: auto; max-height: min(70vh, 640px); padding-bottom: .25rem; }
.lane { display: grid; grid-template-columns: 168px max-content; align-items: center; min-height: 48px; border-top: 1px solid var(--line); }
.lanes { position: relative; }
.lanes > .lane { position: absolute; left: 0; min-width: 100%; height: 48px; }
.lane.axis { position: sticky; top: 0; z-index: 4; background: var(--panel); min-height: 22px; border-top: 0; color: var(--muted); }
.lane-label { position: sticky; left: 0; z-index: 2; background: var(--panel); padding-right: .5rem; display: flex; flex-direction: column;
  overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 12px; }
.lane-label strong { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
.lane-label small { color: var(--muted); }
.track { position: relative; height: 48px; width: var(--track-width, 0px); }
.layer { position: absolute; inset: 0; transform: translateX(var(--shift, 0px)); }
.axis .track { height: 22px; }
.tick { position: absolute; top: 3px; transform: translateX(-10px); white-space: nowrap; font-size: 11px; border-left: 1px solid var(--line); padding-left: 3px; }
.turn { position: absolute; top: 3px; height: 42px; border-radius: 6px; background: var(--turn-bar); border: 1px solid var(--k-turn); opacity: .9; }
.turn-failed { background: var(--turn-failed); border-color: var(--bad); }
.turn-interrupted { background: var(--turn-interrupted); border-color: var(--warn); }
.turn-open { border-style: dashed; }
.turn { overflow: hidden; }
.turn-label { position: absolute; top: 1px; left: 5px; right: 3px; overflow: hidden; text-overflow: ellipsis; font-size: 9.5px; line-height: 1; color: var(--muted); white-space: nowrap; font-family: ui-monospace, Menlo, monospace; }
.marker { position: absolute; top: 17px; width: 20px; height: 20px; padding: 0; border-radius: 50%; border: 2px solid var(--panel);
  color: var(--marker-text); font-size: 10px; font-weight: 700; line-height: 16px; text-align: center; z-index: 1; }
.marker.bad { box-shadow: 0 0 0 2px var(--bad); }
.marker[aria-pressed="true"] { box-shadow: 0 0 0 3px var(--accent); z-index: 3; }
.marker:hover { transform: scale(1.15); }
.kind-thread { background: var(--k-thread); } .kind-turn { background: var(--k-turn); } .kind-steer { background: var(--k-steer); }
.kind-skill { background: var(--k-skill); } .kind-app { background: var(--k-app); } .kind-hook { background: var(--k-hook); }
.kind-compaction { background: var(--k-compaction); } .kind-guardian { background: var(--k-guardian); } .kind-plugin { background: var(--k-plugin); } .kind-tool { background: var(--k-tool); }
.kind-other { background: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .2rem .9rem; list-style: none; margin: .4rem 0 0; padding: 0; color: var(--muted); font-size: 12px; }
.marker-key { display: inline-block; width: 16px; height: 16px; border-radius: 50%; color: var(--marker-text); font-size: 9px; font-weight: 700; text-align: center; line-height: 16px; }
.bad-key { background: var(--panel); color: var(--bad); box-shadow: inset 0 0 0 2px var(--bad); }
.table-wrap { overflow: auto; max-height: 60vh; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .2rem .45rem; border-bottom: 1px solid var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 16rem; }
th { position: sticky; top: 0; background: var(--panel); color: var(--muted); font-weight: 600; font-size: 12px; }
#event-rows tr { cursor: pointer; }
#event-rows tr:hover { background: var(--hover); }
#event-rows tr[aria-selected="true"] { background: var(--select); }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: .4rem; vertical-align: middle; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: 0 0 .5rem; }
.meta dt { color: var(--muted); } .meta dd { margin: 0; overflow-wrap: anywhere; }
.json { max-height: 55vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.json:empty { display: none; }
.json-key { color: var(--accent); }
.json-key.described { text-decoration: underline dotted; cursor: help; }
.json-string { color: var(--good); } .json-number { color: var(--k-skill); } .json-boolean, .json-null { color: var(--k-guardian); }
.counts { display: grid; gap: 2px; }
.count-row { display: grid; grid-template-columns: minmax(0, 13rem) 1fr 3rem; gap: .5rem; align-items: center; border: 0; border-radius: 4px; padding: .05rem .3rem; text-align: left; background: transparent; }
.count-row:hover, .count-row.active { background: var(--hover); }
.count-type { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.count-bar { height: 8px; background: var(--bg); border-radius: 4px; overflow: hidden; }
.count-bar .bar { display: block; height: 100%; }
.count-n { text-align: right; font-variant-numeric: tabular-nums; }
.count-row.zero .count-type, .count-row.zero .count-n { color: var(--muted); opacity: .7; }
.rate { display: flex; align-items: flex-end; gap: 2px; height: 56px; border-bottom: 1px solid var(--line); }
.rate-bar { flex: 1; background: var(--accent); border-radius: 2px 2px 0 0; min-width: 2px; }
.rejections { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; max-height: 50vh; overflow: auto; }
.rejection { border-left: 3px solid var(--bad); padding: .2rem .5rem; }
.rejection-head { display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: baseline; }
.rejection-head code { overflow-wrap: anywhere; }
.rejection .errors { table-layout: fixed; }
.rejection .errors td { white-space: normal; overflow-wrap: anywhere; }
.rejection .errors th:first-child, .rejection .errors td:first-child { width: 3.6rem; }
.rejection .status { font-weight: 700; color: var(--bad); }
.rejection .message { margin: .15rem 0; color: var(--muted); overflow-wrap: anywhere; }
.rejection .errors td, .rejection .errors th { font-size: 12px; max-width: 12rem; }
.rejection .more { margin: .15rem 0; color: var(--muted); font-size: 12px; }
.drift { margin: 0; padding-left: 1.1rem; overflow-wrap: anywhere; }
dialog { border: 1px solid var(--line); border-radius: 10px; background: var(--panel); color: var(--text); max-width: 28rem; }
dialog::backdrop { background: rgb(0 0 0 / .35); }
.dialog-buttons { display: flex; gap: .5rem; justify-content: flex-end; }
`;
