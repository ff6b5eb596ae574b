'use strict';
/* Shared helpers of the web app. Data from the API is only ever put into the page as text (textContent). */
const LS = (() => {
  class ApiError extends Error {
    constructor(status, error, message, body) { super(message); this.status = status; this.error = error; this.body = body; }
  }

  /** Builds an element: attrs are properties/attributes ("text" sets textContent); children are nodes or strings. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
      else if (k === 'href') e.setAttribute('href', safeHref(v));
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** Only http(s), relative and mailto links: never javascript: from the index. */
  function safeHref(v) {
    const s = String(v);
    if (/^(https?:|mailto:|\/|#|\?)/i.test(s)) return s;
    return '#';
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  /** Calls the API; a non-2xx answer throws an ApiError carrying the API's own message. */
  async function api(method, path, body, headers) {
    const h = Object.assign({ 'Accept': 'application/json' }, headers || {});
    let payload;
    if (body !== undefined && body !== null) {
      if (typeof body === 'string') { payload = body; }
      else { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
    }
    let res;
    try {
      res = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, 'Network error', 'The server did not answer (' + e.message + '). Is LinkScout running?');
    }
    const type = res.headers.get('Content-Type') || '';
    if (res.status === 401) {
      // the session ended (or never began): log in again, then come back here
      location.assign('/login');
      throw new ApiError(401, 'Unauthorized', 'Your session has ended: log in again.');
    }
    if (!res.ok) {
      let j = null;
      if (type.includes('json')) { try { j = await res.json(); } catch (e) { j = null; } }
      const msg = j && j.message ? j.message : (res.status + ' ' + (res.statusText || 'error'));
      throw new ApiError(res.status, j && j.error ? j.error : res.statusText, msg, j);
    }
    if (res.status === 204) return null;
    return type.includes('json') ? res.json() : res.text();
  }

  /** Shows an API error in a container, as the API says it (status, error, message). */
  function showError(container, err) {
    clear(container);
    if (!err) return;
    const status = err.status ? err.status + ' ' + (err.error || '') : 'Error';
    container.append(el('div', { class: 'error', role: 'alert' }, el('strong', { text: status.trim() + ':' }),
      el('span', { class: 'error-message', text: err.message })));
  }

  function notice(container, ...content) {
    clear(container);
    container.append(el('div', { class: 'notice' }, ...content));
  }

  /** Runs fn with the button busy (disabled, spinner, aria-busy) and a status text; the page stays usable. */
  async function busy(button, statusEl, text, fn) {
    const label = button ? button.textContent : null;
    if (button) {
      button.disabled = true; button.setAttribute('aria-busy', 'true');
      clear(button).append(el('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
    }
    if (statusEl) { clear(statusEl).append(text || 'Working…'); }
    const t0 = performance.now();
    try {
      const r = await fn();
      if (statusEl) statusEl.textContent = 'Done in ' + ((performance.now() - t0) / 1000).toFixed(1) + ' s';
      return r;
    } catch (e) {
      if (statusEl) statusEl.textContent = '';
      throw e;
    } finally {
      if (button) { button.disabled = false; button.removeAttribute('aria-busy'); button.textContent = label; }
    }
  }

  function fmt(n, digits) {
    if (n === null || n === undefined || Number.isNaN(n)) return '–';
    return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 1 : digits,
      minimumFractionDigits: digits === undefined ? 0 : Math.min(digits, 1) });
  }

  function date(s) {
    if (!s) return '–';
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? String(s) : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** RFC 4180: CRLF line ends, a cell with a comma, quote or line break quoted, quotes doubled. */
  function csv(rows) {
    const cell = v => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    return rows.map(r => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  /** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF), dropping a byte-order mark. */
  function parseCsv(text) {
    const rows = []; let row = []; let cell = ''; let q = false; let i = 0;
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (q) {
        if (c === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else q = false; }
        else cell += c;
      } else if (c === '"') q = true;
      else if (c === ',') { row.push(cell); cell = ''; }
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(cell); rows.push(row); row = []; cell = '';
      } else cell += c;
    }
    if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
    return rows.filter(r => !(r.length === 1 && r[0] === ''));
  }

  /** Offers text as a file download (with a byte-order mark for CSV so that Excel reads UTF-8). */
  function download(name, text, type) {
    const blob = new Blob([type === 'text/csv' ? '\ufeff' + text : text], { type: (type || 'text/plain') + ';charset=utf-8' });
    const a = el('a', { href: '/', download: name });
    a.href = URL.createObjectURL(blob);
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  function siteLink(domain) { return el('a', { href: '/sites/' + encodeURIComponent(domain), text: domain }); }
  function extLink(url, text) { return el('a', { href: url, text: text || url, rel: 'noopener noreferrer', target: '_blank' }); }

  /** Who changes things: the logged-in user when there is one (GET /api/me), else the name typed here. */
  let me = null;
  function changedBy() { return (me && (me.name || me.username)) || localStorage.getItem('linkscout.changedBy') || 'web'; }
  function setChangedBy(v) { localStorage.setItem('linkscout.changedBy', v); }

  /** The login hook: the header shows the user and a logout link when GET /api/me answers; hidden otherwise. */
  async function loadUser() {
    try {
      const r = await fetch('/api/me', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
      if (!r.ok || !(r.headers.get('Content-Type') || '').includes('json')) return null;
      me = await r.json();
      const name = me.name || me.username || me.user;
      if (!name) return null;
      document.getElementById('user-name').textContent = name + (me.role ? ' (' + me.role + ')' : '');
      if (me.logoutUrl) document.getElementById('logout-link').setAttribute('href', safeHref(me.logoutUrl));
      document.getElementById('user-area').hidden = false;
      return me;
    } catch (e) { return null; }
  }
  const ready = loadUser();
  // logging out ends the session (POST /logout) and goes back to the login page
  document.addEventListener('click', async ev => {
    const a = ev.target.closest && ev.target.closest('#logout-link');
    if (!a) return;
    ev.preventDefault();
    try { await fetch('/logout', { method: 'POST', credentials: 'same-origin' }); } catch (e) { /* gone anyway */ }
    location.assign('/login');
  });

  function domainsList(s) { return (s || '').split(/[\s,;]+/).map(x => x.trim()).filter(Boolean); }
  function num(input) { const v = input.value.trim(); return v === '' ? undefined : Number(v); }

  /** Campaigns for a select: [value=id, text=name]; keeps the given first options. */
  async function fillCampaigns(select, keepFirst) {
    const keep = Array.from(select.options).slice(0, keepFirst || 0);
    let list = [];
    try { list = await api('GET', '/api/campaigns'); } catch (e) { list = []; select.title = e.message; }
    clear(select); keep.forEach(o => select.append(o));
    for (const c of list) select.append(el('option', { value: String(c.id), text: c.name + ' (' + c.targetDomain + ')' }));
    return list;
  }

  /** A spam flag as the API writes it ("CODE (weight w, strength s): message"): a badge with the code, all as tooltip. */
  function flagBadge(f) {
    const code = String(f).split(/[\s:(]/)[0];
    return el('span', { class: 'badge flag', title: String(f), text: code });
  }

  /**
   * The spam score 0-100 from flags written "CODE (weight w, strength s)": 100·(1 − Π(1 − w·s)), as the index
   * computes it (README "Authority, trust and spam"); null when there are no flags to read.
   */
  function spamFromFlags(flags) {
    if (!Array.isArray(flags)) return null;
    let keep = 1;
    for (const f of flags) {
      const m = /weight ([0-9.]+), strength ([0-9.]+)/.exec(String(f));
      if (m) keep *= 1 - Number(m[1]) * Number(m[2]);
    }
    return 100 * (1 - keep);
  }

  return { flagBadge, spamFromFlags, ApiError, el, clear, api, showError, notice, busy, fmt, date, csv, parseCsv, download, siteLink, extLink,
    changedBy, setChangedBy, ready, domainsList, num, fillCampaigns, safeHref };
})();
