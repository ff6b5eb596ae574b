'use strict';
(() => {
  const { el, clear, api, showError, notice, busy, fmt, date } = LS;
  const $ = id => document.getElementById(id);
  const id = $('campaign-root').dataset.campaignId;
  const ORDER = ['NEW', 'QUALIFIED', 'CONTACTED', 'REPLIED', 'WON', 'LOST', 'REJECTED'];
  const PAGE = 50;
  let all = [];          // every prospect of the campaign (client-side filter, sort and pages)
  let view = [];
  let page = 0;
  let sort = { key: 'score', dir: 'desc' };
  let current = null;    // the prospect in the panel, as last read

  // logged in (GET /api/me): changes are the user's; else the name typed here
  LS.ready.then(user => { $('changed-by').value = LS.changedBy(); if (user) $('changed-by').readOnly = true; });
  $('changed-by').addEventListener('change', () => LS.setChangedBy($('changed-by').value.trim() || 'web'));
  const by = () => ({ 'X-Changed-By': LS.changedBy() });

  /** Spam as saved with the prospect: a spamScore, else computed from the flags its explanation kept. */
  const spamOf = p => {
    const ex = p.explanation || {};
    const ev = ex.evidence && !Array.isArray(ex.evidence) ? ex.evidence : {};
    const v = ex.spamScore ?? ev.spamScore;
    if (typeof v === 'number') return v;
    return LS.spamFromFlags(Array.isArray(ex.flags) ? ex.flags : ev.flags);
  };

  async function loadCampaign() {
    const c = await api('GET', '/api/campaigns/' + id);
    $('campaign-name').textContent = c.name;
    targetDomain = c.targetDomain;
    document.title = c.name + ' · LinkScout';
    $('campaign-meta').textContent = 'Promoting “' + (c.contentTitle || c.contentUrl || 'untitled') + '” for ' + c.targetDomain + ' · updated ' + date(c.updatedAt);
    $('content-text').textContent = c.contentText || c.contentUrl || '';
    const counts = clear($('counts'));
    const total = Object.values(c.prospects || {}).reduce((a, b) => a + b, 0);
    counts.append(el('li', { class: 'stat' }, el('span', { class: 'v', text: String(total) }), el('span', { class: 'k', text: 'prospects' })));
    for (const s of ORDER) counts.append(el('li', { class: 'stat' }, el('span', { class: 'v', text: String((c.prospects || {})[s] || 0) }), el('span', { class: 'k', text: s })));
  }

  async function loadProspects() {
    const out = [];
    for (let p = 0; ; p++) {
      const r = await api('GET', '/api/campaigns/' + id + '/prospects?size=500&sort=-score&page=' + p);
      out.push(...r.items);
      if (out.length >= r.total || !r.items.length) break;
    }
    all = out;
    apply();
  }

  function apply() {
    const q = $('f-q').value.trim().toLowerCase(), st = $('f-status').value;
    const minA = LS.num($('f-min-authority')), maxS = LS.num($('f-max-spam'));
    view = all.filter(p => (!q || p.domain.includes(q)) && (!st || p.status === st)
      && (minA === undefined || (p.authority ?? 0) >= minA) && (maxS === undefined || (spamOf(p) ?? 0) <= maxS));
    const key = { domain: p => p.domain, score: p => p.score ?? -1, authority: p => p.authority ?? -1, spam: p => spamOf(p) ?? -1,
      status: p => ORDER.indexOf(p.status) }[sort.key];
    view.sort((a, b) => { const x = key(a), y = key(b); const c = x < y ? -1 : x > y ? 1 : a.domain.localeCompare(b.domain); return sort.dir === 'asc' ? c : -c; });
    const pages = Math.max(1, Math.ceil(view.length / PAGE));
    page = Math.min(page, pages - 1);
    document.querySelectorAll('th .sort').forEach(b => { if (b.dataset.sort === sort.key) b.dataset.dir = sort.dir; else delete b.dataset.dir; });
    render();
    $('page-info').textContent = view.length ? (page * PAGE + 1) + '–' + Math.min(view.length, (page + 1) * PAGE) + ' of ' + view.length : '0 of 0';
    $('prev-page').disabled = page === 0; $('next-page').disabled = page >= pages - 1;
  }

  function render() {
    const tb = clear($('prospects').tBodies[0]);
    if (!view.length) tb.append(el('tr', {}, el('td', { colspan: 9, class: 'muted', text: all.length ? 'No prospect matches the filters.' : 'No prospects yet: build a shortlist from the content, or add results from the Recommend page or a job.' })));
    for (const p of view.slice(page * PAGE, (page + 1) * PAGE)) {
      const sel = el('select', { 'aria-label': 'New status for ' + p.domain, class: 'status-select' },
        el('option', { value: '', text: 'Move to…' }), p.nextStatuses.map(s => el('option', { value: s, text: s })));
      const move = el('button', { type: 'button', class: 'secondary small move-status', text: 'Move', 'aria-label': 'Move ' + p.domain + ' to the chosen status' });
      move.addEventListener('click', () => {
        if (!sel.value) { showError($('action-result'), { message: 'Choose the status to move ' + p.domain + ' to.' }); return; }
        if (sel.value === 'WON') { askWonLink(p); return; }
        busy(move, null, '', () => changeStatus(p, sel.value)).catch(e => showError($('action-result'), e));
      });
      tb.append(el('tr', { dataset: { id: String(p.id) }, class: 'prospect' },
        el('td', {}, el('input', { type: 'checkbox', class: 'pick', 'aria-label': 'Select ' + p.domain, dataset: { id: String(p.id) }, onchange: countSelected })),
        el('td', {}, LS.siteLink(p.domain), p.pageUrl ? el('span', { class: 'result-url' }, el('br'), LS.extLink(p.pageUrl, p.pageTitle || p.pageUrl)) : null),
        el('td', { class: 'num', text: fmt(p.score, 3) }), el('td', { class: 'num', text: fmt(p.authority) }),
        el('td', { class: 'num', text: fmt(spamOf(p)) }),
        el('td', {}, el('span', { class: 'badge st-' + p.status + ' prospect-status', text: p.status })),
        el('td', { class: 'muted', text: p.source || '' }),
        el('td', {}, el('span', { class: 'inline-actions nowrap' }, sel, move)),
        el('td', {}, el('button', { type: 'button', class: 'link-button open-prospect', text: 'Notes & history', onclick: () => openPanel(p.id) }))));
    }
    $('select-all').checked = false; countSelected();
  }

  function countSelected() { $('selected-count').textContent = document.querySelectorAll('#prospects input.pick:checked').length + ' selected'; }
  $('select-all').addEventListener('change', () => { document.querySelectorAll('#prospects input.pick').forEach(c => { c.checked = $('select-all').checked; }); countSelected(); });

  function replace(p) { const i = all.findIndex(x => x.id === p.id); if (i >= 0) all[i] = p; }

  /** After a refused change (409: stale version or a move the status machine forbids): show the current row. */
  async function reload(pid) {
    try { replace(await api('GET', '/api/prospects/' + pid)); apply(); } catch (e) { /* the error shown is the change's */ }
  }

  let targetDomain = '';
  let wonFor = null;     // the prospect the won-link dialog is for
  /** Moving to WON asks for the linking page (required) and the link's target (default: the campaign's domain). */
  function askWonLink(p) {
    wonFor = p;
    $('won-domain').textContent = p.domain + ': ' + p.status + ' → WON';
    $('won-url').value = p.wonUrl || (p.pageUrl || '');
    $('won-target').value = p.wonTarget || '';
    $('won-target').placeholder = targetDomain;
    showError($('won-error'), null);
    $('won-dialog').showModal();
    $('won-url').focus();
  }
  $('won-cancel').addEventListener('click', () => { $('won-dialog').close(); wonFor = null; });
  $('won-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const p = wonFor; if (!p) return;
    const extra = { wonUrl: $('won-url').value.trim() };
    if ($('won-target').value.trim()) extra.wonTarget = $('won-target').value.trim();
    busy($('won-save'), null, '', () => changeStatus(p, 'WON', extra))
      .then(() => { $('won-dialog').close(); wonFor = null; loadWonLinks().catch(() => {}); })
      .catch(e => showError($('won-error'), e));
  });

  const checkText = c => !c ? 'not checked yet' : (c.flag || 'OK') + (c.live ? '' : ' · not live (' + c.outcome + ')') + (c.noindex ? ' · noindex' : '');
  const linkText = c => !c || !c.linkPresent ? 'no link' : c.rel + (c.anchor ? ' “' + c.anchor + '”' : '');
  async function loadWonLinks() {
    const list = await api('GET', '/api/campaigns/' + id + '/won-links');
    const tb = clear($('won-links').tBodies[0]);
    if (!list.length) tb.append(el('tr', {}, el('td', { colspan: 6, class: 'muted', text: 'No won links yet: move a prospect to WON and give the page that links to you.' })));
    for (const w of list) {
      const c = w.latest;
      tb.append(el('tr', { class: 'won-link', dataset: { id: String(w.prospectId) } },
        el('td', {}, w.domain, w.status !== 'WON' ? el('span', { class: 'muted', text: ' (' + w.status + ', not checked)' }) : null),
        el('td', {}, LS.extLink(w.wonUrl, w.wonUrl)), el('td', { text: w.wonTarget || '' }),
        el('td', {}, el('span', { class: 'badge check-flag' + (c && c.flag ? ' flag-' + c.flag : ''), text: checkText(c) }), c ? el('span', { class: 'muted', text: ' ' + linkText(c) }) : null),
        el('td', { text: c ? date(c.checkedAt) + ' (' + w.checks + ')' : '' }),
        el('td', { class: 'muted evidence', text: c ? (c.redirectUrl ? 'redirects to ' + c.redirectUrl + ' · ' : '') + (c.evidence || '') : '' })));
    }
  }
  $('check-won').addEventListener('click', () => busy($('check-won'), $('won-result'), 'Fetching the linking pages politely (robots.txt, delays)…', () =>
    api('POST', '/api/campaigns/' + id + '/monitor', { minAge: '0' }, by()))
    .then(r => { notice($('won-result'), r.checked + ' of ' + r.due + ' won links checked' + (r.remaining ? ', ' + r.remaining + ' left for the next run' : '') + '; flagged: ' + (Object.entries(r.flagged).map(([k, v]) => k + ' ' + v).join(', ') || 'none') + '.'); return loadWonLinks(); })
    .catch(e => showError($('won-result'), e)));

  async function changeStatus(p, status, extra) {
    let updated;
    try {
      updated = await api('POST', '/api/prospects/' + p.id + '/status', { status, version: p.version, changedBy: LS.changedBy(), ...(extra || {}) }, by());
    } catch (e) {
      if (e.status === 409) await reload(p.id);
      throw e;
    }
    replace(updated); apply();
    notice($('action-result'), updated.domain + ': ' + p.status + ' → ' + updated.status);
    loadCampaign().catch(() => {});
    if (current && current.id === p.id) openPanel(p.id);
    return updated;
  }

  $('bulk-apply').addEventListener('click', () => {
    const ids = Array.from(document.querySelectorAll('#prospects input.pick:checked')).map(c => Number(c.dataset.id));
    const to = $('bulk-status').value;
    if (!ids.length) { showError($('action-result'), { message: 'Select prospects first.' }); return; }
    busy($('bulk-apply'), null, '', async () => {
      const ok = [], failed = [];
      for (const pid of ids) {
        const p = all.find(x => x.id === pid);
        try {
          const u = await api('POST', '/api/prospects/' + pid + '/status', { status: to, version: p.version, changedBy: LS.changedBy() }, by());
          replace(u); ok.push(u.domain);
        } catch (e) {
          failed.push(el('li', {}, p.domain + ': ' + e.message));
          if (e.status === 409) await reload(pid);
        }
      }
      apply(); loadCampaign().catch(() => {});
      notice($('action-result'), ok.length + ' moved to ' + to + (failed.length ? '; ' + failed.length + ' not moved:' : '.'), failed.length ? el('ul', {}, failed) : null);
    });
  });

  async function openPanel(pid) {
    const panel = $('prospect-panel');
    panel.hidden = false;
    showError($('panel-error'), null); $('conflict').hidden = true; $('notes-status').textContent = '';
    try {
      const [p, h, checks] = await Promise.all([api('GET', '/api/prospects/' + pid), api('GET', '/api/prospects/' + pid + '/history'), api('GET', '/api/prospects/' + pid + '/checks')]);
      current = p; replace(p);
      $('panel-title').textContent = p.domain;
      $('panel-meta').textContent = p.status + ' · ' + (p.reasons || '') + (p.contactEmails && p.contactEmails.length ? ' · ' + p.contactEmails.join(', ') : '') + (p.contactUrl ? ' · ' + p.contactUrl : '');
      $('notes').value = p.notes || '';
      const tb = clear($('history').tBodies[0]);
      for (const c of h) tb.append(el('tr', {}, el('td', { text: date(c.changedAt) }), el('td', { text: c.changedBy || '' }), el('td', { text: c.from || '–' }), el('td', {}, el('span', { class: 'badge st-' + c.to, text: c.to }))));
      $('panel-won').textContent = p.wonUrl ? 'Won link: ' + p.wonUrl + ' → ' + (p.wonTarget || targetDomain) : 'No won link recorded.';
      const ct = clear($('checks').tBodies[0]);
      for (const c of checks) ct.append(el('tr', { class: 'check' }, el('td', { text: date(c.checkedAt) }), el('td', {}, el('span', { class: 'badge check-flag' + (c.flag ? ' flag-' + c.flag : ''), text: checkText(c) })),
        el('td', { text: c.httpStatus == null ? '' : String(c.httpStatus) }), el('td', { text: linkText(c) }),
        el('td', { class: 'muted evidence', text: (c.redirectUrl ? 'redirects to ' + c.redirectUrl + ' · ' : '') + (c.evidence || '') })));
      panel.focus();
    } catch (e) { showError($('panel-error'), e); }
  }
  $('panel-close').addEventListener('click', () => { $('prospect-panel').hidden = true; current = null; });

  function saveNotes(version) {
    const mine = $('notes').value;
    return busy($('save-notes'), null, '', async () => {
      $('notes-status').textContent = 'Saving…';
      try {
        const p = await api('PATCH', '/api/prospects/' + current.id, { notes: mine, version }, by());
        current = p; replace(p); $('conflict').hidden = true;
        $('notes-status').textContent = 'Saved (version ' + p.version + ')';
      } catch (e) {
        $('notes-status').textContent = '';
        if (e.status !== 409) throw e;
        const theirs = await api('GET', '/api/prospects/' + current.id);
        const box = clear($('conflict'));
        box.hidden = false;
        box.append(el('strong', { text: '409 Conflict: ' }), el('span', { class: 'error-message', text: e.message }),
          el('p', { text: 'Current notes (version ' + theirs.version + '):' }), el('pre', { class: 'current-value', text: theirs.notes || '(empty)' }),
          el('p', { text: 'Your text is still in the box above.' }),
          el('div', { class: 'actions' },
            el('button', { type: 'button', class: 'secondary', text: 'Use theirs', onclick: () => { $('notes').value = theirs.notes || ''; current = theirs; replace(theirs); box.hidden = true; } }),
            el('button', { type: 'button', class: 'primary', text: 'Overwrite with mine', onclick: () => { current = theirs; saveNotes(theirs.version).catch(x => showError($('panel-error'), x)); } })));
        $('notes-status').textContent = '';
      }
    });
  }
  $('save-notes').addEventListener('click', () => { if (current) saveNotes(current.version).catch(e => showError($('panel-error'), e)); });

  document.querySelectorAll('th .sort').forEach(b => b.addEventListener('click', () => {
    sort = sort.key === b.dataset.sort ? { key: sort.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key: b.dataset.sort, dir: b.dataset.sort === 'domain' ? 'asc' : 'desc' };
    apply();
  }));
  ['f-q', 'f-status', 'f-min-authority', 'f-max-spam'].forEach(f => $(f).addEventListener('input', () => { page = 0; apply(); }));
  $('filters').addEventListener('submit', ev => ev.preventDefault());
  $('prev-page').addEventListener('click', () => { page--; apply(); });
  $('next-page').addEventListener('click', () => { page++; apply(); });

  $('shortlist').addEventListener('click', () => busy($('shortlist'), $('action-result'), 'Ranking the campaign’s content and applying the rules…', () =>
    api('POST', '/api/campaigns/' + id + '/shortlist', { size: LS.num($('shortlist-size')), changedBy: LS.changedBy() }, by()))
    .then(r => { notice($('action-result'), r.added.length + ' added, ' + r.skipped.length + ' skipped of ' + r.considered + ' considered.'); return Promise.all([loadProspects(), loadCampaign()]); })
    .catch(e => showError($('action-result'), e)));

  $('import-csv').addEventListener('change', async () => {
    const f = $('import-csv').files[0]; if (!f) return;
    try {
      const rows = LS.parseCsv(await f.text());
      const head = rows[0].map(h => h.trim().toLowerCase());
      const hasHeader = head.includes('domain') || head.includes('url');
      const col = n => head.indexOf(n);
      const prospects = (hasHeader ? rows.slice(1) : rows).map(r => {
        const g = n => (hasHeader ? (col(n) >= 0 ? r[col(n)] : '') : ({ domain: r[0], page: r[1] })[n]) || '';
        const p = { domain: g('domain') || g('url') };
        if (g('page') || g('url')) p.url = g('page') || g('url');
        if (g('score')) p.score = Number(g('score'));
        if (g('authority')) p.authority = Number(g('authority'));
        if (g('top_reasons')) p.reasons = g('top_reasons');
        return p;
      }).filter(p => p.domain);
      if (!prospects.length) throw new LS.ApiError(0, 'Empty file', 'No rows with a domain or URL in ' + f.name + '.');
      let added = 0, skipped = 0;
      for (let i = 0; i < prospects.length; i += 1000) { // the API takes at most 1000 a request
        const chunk = prospects.slice(i, i + 1000);
        const r = await api('POST', '/api/campaigns/' + id + '/prospects', { prospects: chunk, source: 'import', changedBy: LS.changedBy(), limit: chunk.length }, by());
        added += r.added.length; skipped += r.skipped.length;
      }
      notice($('action-result'), 'Import: ' + added + ' added, ' + skipped + ' skipped.');
      await Promise.all([loadProspects(), loadCampaign()]);
    } catch (e) { showError($('action-result'), e); }
    $('import-csv').value = '';
  });

  async function loadExclusions() {
    const list = await api('GET', '/api/campaigns/' + id + '/exclusions');
    const ul = clear($('exclusions'));
    if (!list.length) ul.append(el('li', { class: 'muted', text: 'No exclusions for this campaign (global ones apply too).' }));
    for (const x of list) ul.append(el('li', {}, el('strong', { text: x.domain }), el('span', { class: 'badge', text: x.reason }), x.note ? el('span', { class: 'muted', text: x.note }) : null,
      el('button', { type: 'button', class: 'link-button danger', text: 'Remove', 'aria-label': 'Remove exclusion ' + x.domain,
        onclick: () => api('DELETE', '/api/campaigns/' + id + '/exclusions/' + encodeURIComponent(x.domain)).then(loadExclusions).catch(e => showError($('exclusion-error'), e)) })));
  }
  $('exclusion-form').addEventListener('submit', ev => {
    ev.preventDefault(); showError($('exclusion-error'), null);
    api('POST', '/api/campaigns/' + id + '/exclusions', { domain: $('x-domain').value.trim(), reason: $('x-reason').value, note: $('x-note').value.trim() || null })
      .then(() => { $('x-domain').value = ''; $('x-note').value = ''; return loadExclusions(); }).catch(e => showError($('exclusion-error'), e));
  });
  $('x-import').addEventListener('change', async () => {
    const f = $('x-import').files[0]; if (!f) return;
    try {
      const r = await api('POST', '/api/campaigns/' + id + '/exclusions.csv?reason=' + $('x-reason').value, await f.text(), { 'Content-Type': 'text/csv' });
      notice($('exclusion-error'), r.imported + ' exclusions imported.');
      await loadExclusions();
    } catch (e) { showError($('exclusion-error'), e); }
    $('x-import').value = '';
  });

  Promise.all([loadCampaign(), loadProspects(), loadExclusions(), loadWonLinks()]).catch(e => showError($('page-error'), e));
})();
