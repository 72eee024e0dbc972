// The status page: reads the service's own JSON endpoints with the API key the person entered, kept
// in sessionStorage (this tab only, gone when it closes), never in a URL. Everything shown goes in
// as text (textContent, SVG text nodes): session fields are client-controlled.
'use strict';
(() => {
  const KEY = 'mcp-session-store.api-key';
  const REFRESH_MS = 10000;
  const $ = id => document.getElementById(id);
  let nextCursor = null;
  let timer = null;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (name === 'class') node.className = value; else if (name === 'title') node.title = value; else node.dataset[name] = value;
    });
    children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(text(child))));
    return node;
  }

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }

  function when(instant) {
    return instant ? String(instant).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';
  }

  function badge(state) {
    const known = /^[a-z-]+$/.test(text(state)) ? state : 'unknown';
    return el('span', { class: 'badge state-' + known, state: known }, text(state) || 'unknown');
  }

  function fill(tbody, rows, emptyText, columns) {
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', {}, emptyText))]));
    if (!rows.length) tbody.firstChild.firstChild.colSpan = columns;
  }

  function fact(list, name, value) {
    list.append(el('dt', {}, name), el('dd', {}, value));
  }

  function show(message) {
    $('message').textContent = message || '';
    $('message').hidden = !message;
  }

  /** The body of a problem+json or JSON-RPC refusal as one line a person can read. */
  function problemText(status, body) {
    if (body && body.detail) return status + ' ' + text(body.title) + ': ' + text(body.detail);
    if (body && body.error && body.error.message) return status + ': ' + text(body.error.message);
    return 'the service answered ' + status;
  }

  async function api(path, allowed) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY),
      Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      forget();
      throw new Error('The API key was refused: ' + problemText(401, body));
    }
    if (!response.ok && !(allowed === response.status && body)) throw new Error(problemText(response.status, body));
    return body;
  }

  function renderHealth(report) {
    $('status').replaceChildren(badge(report.status));
    $('database').replaceChildren(badge(report.database));
    $('session-counts').textContent = report.total_sessions === null || report.total_sessions === undefined
      ? 'unknown while the database cannot be reached'
      : report.active_sessions + ' active, ' + report.expired_sessions + ' expired (' + report.total_sessions + ' in all)';
    $('as-of').textContent = when(report.timestamp);
    const upstreams = report.upstreams || [];
    fill($('upstream-rows'), upstreams.map(upstream => el('tr', { upstream: upstream.id },
      el('td', {}, upstream.id), el('td', {}, upstream.transport || '-'), el('td', {}, badge(upstream.state)),
      el('td', {}, upstream.active_sessions), el('td', {}, upstream.upstream_reinitializations),
      el('td', {}, upstream.calls),
      el('td', {}, upstream.calls ? (100 * upstream.failed_calls / upstream.calls).toFixed(1) + ' % ('
        + upstream.failed_calls + ')' : '-'),
      el('td', {}, upstream.mean_latency_ms), el('td', {}, upstream.max_latency_ms),
      el('td', {}, when(upstream.last_call_at)), el('td', {}, when(upstream.last_failure_at)))),
      report.database === 'connected' ? 'No upstream is configured.' : 'Unknown while the database cannot be reached.', 11);
    $('server-ids').replaceChildren(...upstreams.map(upstream => {
      const option = document.createElement('option');
      option.value = text(upstream.id);
      return option;
    }));
    renderCleanup(report.cleanup || {});
  }

  function renderCleanup(cleanup) {
    $('cleanup-mode').textContent = text(cleanup.mode) || '-';
    $('cleanup-last-run').textContent = when(cleanup.last_run);
    $('cleanup-last-deleted').textContent = cleanup.last_deleted === null || cleanup.last_deleted === undefined
      ? '-' : cleanup.last_deleted;
    $('cleanup-last-error').textContent = cleanup.last_error
      ? cleanup.last_error + ' (' + cleanup.consecutive_failures + ' failed in a row)' : 'none';
    chart($('cleanup-chart'), cleanup.recent_passes || []);
  }

  /** Bars of the sessions each pass deleted, the largest at full height; a failed pass is a red bar. */
  function chart(svg, passes) {
    const ns = 'http://www.w3.org/2000/svg';
    const width = 480, height = 120, top = 14, bottom = 16;
    const shape = (tag, attrs, label) => {
      const node = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, value));
      if (label !== undefined) node.textContent = text(label);
      return node;
    };
    svg.replaceChildren();
    if (!passes.length) {
      svg.append(shape('text', { x: 8, y: height / 2 }, 'no cleanup pass on this replica yet'));
      return;
    }
    const most = Math.max(0, ...passes.map(pass => pass.deleted));
    const scale = Math.max(1, most);
    const slot = width / passes.length;
    passes.forEach((pass, i) => {
      const barHeight = pass.error ? height - top - bottom : Math.max(1, (height - top - bottom) * pass.deleted / scale);
      const bar = shape('rect', { x: i * slot + 1, y: height - bottom - barHeight, width: Math.max(1, Math.min(18, slot - 2)),
        height: barHeight, class: pass.error ? 'failed' : 'ok' });
      bar.append(shape('title', {}, when(pass.at) + ': ' + (pass.error ? 'failed: ' + pass.error
        : pass.deleted + ' deleted in ' + pass.duration_ms + ' ms')));
      svg.append(bar);
    });
    svg.append(shape('text', { x: 2, y: 10 }, 'most in one pass: ' + most),
      shape('text', { x: 2, y: height - 3 }, when(passes[0].at)),
      shape('text', { x: width - 2, y: height - 3, 'text-anchor': 'end' }, when(passes[passes.length - 1].at)));
  }

  async function loadSessions(more) {
    const query = new URLSearchParams({ state: $('filter-state').value, limit: '50' });
    if ($('filter-server').value) query.set('serverId', $('filter-server').value);
    if (more && nextCursor) query.set('cursor', nextCursor);
    const page = await api('/sessions?' + query);
    const rows = page.items.map(session => {
      const row = el('tr', { class: 'selectable', session: session.id, title: 'Show this session' },
        el('td', {}, el('code', {}, session.id)), el('td', {}, session.serverId), el('td', {}, clientName(session)),
        el('td', {}, when(session.lastActivity)), el('td', {}, when(session.expiresAt)),
        el('td', {}, session.metrics.requests), el('td', {}, session.metrics.toolCalls),
        el('td', {}, session.metrics.errors),
        el('td', {}, session.gateway ? session.gateway.upstreamReinitializations : '-'));
      row.addEventListener('click', () => { location.hash = 'session=' + encodeURIComponent(session.id); });
      return row;
    });
    if (more) $('session-rows').append(...rows); else fill($('session-rows'), rows, 'No session matches.', 9);
    nextCursor = page.nextCursor;
    $('more').hidden = !nextCursor;
  }

  function clientName(session) {
    const info = session.clientInfo || {};
    return info.name ? info.name + (info.version ? ' ' + info.version : '') : text(session.userAgent) || '-';
  }

  async function showSession(id) {
    const session = await api('/sessions/' + encodeURIComponent(id));
    $('detail').hidden = false;
    $('detail-title').textContent = 'Session ' + session.id;
    const record = $('detail-record');
    record.replaceChildren();
    [['serverId', session.serverId], ['Client', clientName(session)], ['User agent', session.userAgent],
      ['Transports', text(session.clientTransport) + ' / ' + text(session.upstreamTransport)],
      ['Protocol version', session.protocolVersion], ['Initialized', session.initialized ? 'yes' : 'no'],
      ['Created', when(session.createdAt)], ['Last activity', when(session.lastActivity)],
      ['Expires', when(session.expiresAt) + ' (ttl ' + session.ttlSeconds + ' s)'],
      ['Requests / tool calls / errors', session.metrics.requests + ' / ' + session.metrics.toolCalls + ' / '
        + session.metrics.errors],
      ['Attributes', JSON.stringify(session.attributes)], ['Version', session.version]]
      .forEach(([name, value]) => fact(record, name, value));
    const calls = (session.recentToolCalls || []).slice().reverse();
    fill($('tool-call-rows'), calls.map(call => el('tr', { tool: call.name }, el('td', {}, call.name),
      el('td', {}, call.durationMs === null || call.durationMs === undefined ? '-' : call.durationMs),
      el('td', {}, el('span', { class: 'badge outcome-' + (call.ok ? 'ok' : 'failed') }, call.ok ? 'ok' : 'failed')),
      el('td', {}, when(call.at)))), 'No tool call recorded.', 4);
    const upstream = $('detail-upstream');
    upstream.replaceChildren();
    const gateway = session.gateway;
    if (!gateway) {
      fact(upstream, 'Upstream', 'none: this session is not a gateway session');
    } else {
      fact(upstream, 'Upstream generation', gateway.upstreamGeneration);
      fact(upstream, 'Re-initializations', gateway.upstreamReinitializations);
      fact(upstream, 'Upstream state lost', gateway.upstreamStateLost
        ? 'yes, last at ' + when(gateway.upstreamReinitializedAt) : 'no');
      fact(upstream, 'Last upstream error', gateway.lastUpstreamError || 'none');
    }
    await showEvents(id);
    $('detail').dataset.shown = session.id; // all of it is there
    $('detail').scrollIntoView();
  }

  async function showEvents(id) {
    const rows = $('event-rows');
    try {
      const events = await api('/sessions/' + encodeURIComponent(id) + '/events/recent?limit=20');
      fill(rows, events.map(event => el('tr', { event: event.id }, el('td', {}, el('code', {}, event.id)),
        el('td', {}, event.streamId), el('td', {}, event.storedBytes === null ? 'priming event' : event.storedBytes),
        el('td', {}, when(event.createdAt)))), 'No event stored.', 4);
    } catch (error) {
      fill(rows, [], 'Events could not be read: ' + error.message, 4);
    }
  }

  async function refresh() {
    try {
      renderHealth(await api('/session-health', 503));
      await loadSessions(false);
      const selected = location.hash.match(/^#session=(.+)$/);
      if (selected) await showSession(decodeURIComponent(selected[1])); else $('detail').hidden = true;
      show('');
    } catch (error) {
      show(error.message);
    }
  }

  function start() {
    $('key-form').hidden = true;
    $('key-set').hidden = false;
    $('content').hidden = false;
    refresh();
    clearInterval(timer);
    timer = setInterval(async () => {
      try { renderHealth(await api('/session-health', 503)); } catch (error) { show(error.message); }
    }, REFRESH_MS);
  }

  function forget() {
    sessionStorage.removeItem(KEY);
    clearInterval(timer);
    $('key-form').hidden = false;
    $('key-set').hidden = true;
    $('content').hidden = true;
  }

  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const key = $('key').value.trim();
    $('key').value = '';
    if (!key) return show('Enter the API key first.');
    sessionStorage.setItem(KEY, key);
    start();
  });
  $('forget').addEventListener('click', () => { forget(); show(''); });
  $('refresh').addEventListener('click', refresh);
  $('filters').addEventListener('submit', event => { event.preventDefault(); loadSessions(false).catch(e => show(e.message)); });
  $('more').addEventListener('click', () => loadSessions(true).catch(e => show(e.message)));
  window.addEventListener('hashchange', refresh);
  if (sessionStorage.getItem(KEY)) start();
})();
