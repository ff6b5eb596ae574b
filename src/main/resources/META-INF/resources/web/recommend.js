'use strict';
(() => {
  const { el, clear, api, showError, notice, busy, fmt, siteLink, extLink } = LS;
  const $ = id => document.getElementById(id);
  let contentType = 'auto';
  let last = null; // the last response

  $('content').addEventListener('input', () => { contentType = 'auto'; });

  $('load-example').addEventListener('click', () => busy($('load-example'), $('run-status'), 'Loading example…', async () => {
    const ex = await api('GET', '/api/examples/' + $('example').value);
    $('content').value = ex.content; $('title').value = ex.title; contentType = 'markdown';
    showError($('form-error'), null);
  }).catch(e => showError($('form-error'), e)));

  $('file').addEventListener('change', async () => {
    const f = $('file').files[0];
    if (!f) return;
    const name = f.name.toLowerCase();
    contentType = /\.(md|markdown)$/.test(name) ? 'markdown' : /\.html?$/.test(name) ? 'html' : name.endsWith('.txt') ? 'plain' : 'auto';
    $('content').value = await f.text();
    $('title').value = '';
  });

  $('load-url').addEventListener('click', () => busy($('load-url'), $('run-status'), 'Reading the page from the index…', async () => {
    const p = await api('GET', '/api/pages?url=' + encodeURIComponent($('content-url').value.trim()));
    $('content').value = p.text || ''; $('title').value = p.title || ''; contentType = 'plain';
    if (!$('site').value) $('site').value = p.domain || '';
    showError($('form-error'), null);
  }).catch(e => showError($('form-error'), e)));

  function request() {
    const unit = document.querySelector('input[name=unit]:checked').value;
    const r = { content: $('content').value, contentType, unit, top: LS.num($('top')),
      minAuthority: LS.num($('min-authority')), maxSpam: LS.num($('max-spam')), excludeDomains: LS.domainsList($('exclude').value) };
    if ($('title').value.trim()) r.title = $('title').value.trim();
    if ($('site').value.trim()) r.site = $('site').value.trim();
    if ($('published').value.trim()) r.published = $('published').value.trim();
    return r;
  }

  $('recommend-form').addEventListener('submit', ev => {
    ev.preventDefault();
    showError($('form-error'), null);
    const req = request();
    busy($('run'), $('run-status'), 'Finding topics and ranking…', () => api('POST', '/api/recommendations', req))
      .then(res => { last = res; last.request = req; render(res); $('results-section').scrollIntoView({ block: 'start' }); })
      .catch(e => showError($('form-error'), e));
  });

  const EVIDENCE = {
    'mention': 'Names your content', 'named-by-content': 'Your content names this page',
    'cites': 'Cites pages your content names', 'similar': 'Links to pages like yours', 'supporting-page': 'Other pages of the site'
  };

  function render(res) {
    $('results-section').hidden = false;
    $('results-meta').textContent = res.results.length + ' ' + (res.unit === 'site' ? 'sites' : 'pages') + ' for “' +
      (res.title || 'your content') + '”' + (res.published ? ' published ' + res.published : '') + ', ranked by ' + res.model + ' (topics ' + fmt(res.topicMillis, 0) + ' ms, ranking ' + fmt(res.rankMillis, 0) + ' ms)';
    const topics = clear($('topics'));
    for (const t of res.topics) topics.append(el('li', { class: 'chip' + (t.kind && t.kind !== 'keyphrase' ? ' entity' : ''), title: t.kind + ', weight ' + fmt(t.weight, 2) }, t.phrase));
    const tb = clear($('results').tBodies[0]);
    if (!res.results.length) tb.append(el('tr', {}, el('td', { colspan: 7, class: 'muted', text: 'No results: try fewer filters, or another text.' })));
    res.results.forEach((r, i) => {
      const cb = el('input', { type: 'checkbox', class: 'pick', 'aria-label': 'Select ' + r.domain, dataset: { i: String(i) } });
      cb.addEventListener('change', updateSelected);
      const whyId = 'why-' + i;
      const whyBtn = el('button', { type: 'button', class: 'link-button why-toggle', 'aria-expanded': 'false', 'aria-controls': whyId, text: 'Why?' });
      const row = el('tr', { class: 'result' },
        el('td', {}, cb), el('td', { class: 'num', text: String(r.rank) }),
        el('td', {}, el('a', { class: 'result-title', href: r.url, target: '_blank', rel: 'noopener noreferrer', text: r.title || r.url }),
          el('span', { class: 'result-url' }, siteLink(r.domain), ' · ', r.url)),
        el('td', { class: 'num', text: fmt(r.score, 3) }), el('td', { class: 'num', text: fmt(r.authority) }),
        el('td', { class: 'flags' }, (r.flags || []).map(LS.flagBadge)),
        el('td', {}, whyBtn));
      const whyRow = el('tr', { class: 'why-row', id: whyId, hidden: true }, el('td', { colspan: 7 }, whyCard(r)));
      whyBtn.addEventListener('click', () => {
        const open = whyBtn.getAttribute('aria-expanded') !== 'true';
        whyBtn.setAttribute('aria-expanded', String(open)); whyBtn.textContent = open ? 'Hide' : 'Why?';
        whyRow.hidden = !open;
        if (open) loadSite(whyRow, r.domain);
      });
      tb.append(row, whyRow);
    });
    $('select-all').checked = false;
    updateSelected();
  }

  function whyCard(r) {
    const byKind = {};
    for (const e of r.evidence || []) (byKind[e.kind] = byKind[e.kind] || []).push(e);
    const ev = Object.keys(byKind).map(k => el('div', { class: 'ev-' + k },
      el('h4', { text: EVIDENCE[k] || k }),
      el('ul', {}, byKind[k].slice(0, 5).map(e => el('li', {},
        k === 'mention' ? el('blockquote', { class: 'mention', text: e.text }) : e.text,
        e.url ? el('span', { class: 'result-url' }, ' ', extLink(e.url)) : null)))));
    const contrib = (r.contributions || []).slice().sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 5);
    return el('div', { class: 'why' },
      el('div', { class: 'why-topics' }, el('h4', { text: 'Matched topics' }),
        (r.matchedTopics || []).length ? el('ul', { class: 'chips' }, r.matchedTopics.map(t => el('li', { class: 'chip', text: t })))
          : el('p', { class: 'muted', text: 'None of the content’s top topics' })),
      ev.length ? ev : el('div', {}, el('h4', { text: 'Evidence' }), el('p', { class: 'muted', text: 'No sentence or citation; ranked on topics and links.' })),
      el('div', {}, el('h4', { text: 'Strongest features' }), el('ul', {}, contrib.map(c => el('li', {}, c.description || c.feature, ': ', fmt(c.contribution, 3))))),
      el('div', { class: 'why-site' }, el('h4', { text: 'Authority, trust and spam' }), el('p', { class: 'muted site-loading', text: 'Loading…' })),
      el('div', { class: 'why-contacts' }, el('h4', { text: 'Contacts' }), el('p', { class: 'muted', text: 'Loading…' })));
  }

  const siteCache = new Map();
  async function loadSite(whyRow, domain) {
    if (whyRow.dataset.loaded) return;
    whyRow.dataset.loaded = '1';
    const box = whyRow.querySelector('.why-site'), cbox = whyRow.querySelector('.why-contacts');
    if (!siteCache.has(domain)) siteCache.set(domain, Promise.allSettled([api('GET', '/api/sites/' + encodeURIComponent(domain)), api('GET', '/api/sites/' + encodeURIComponent(domain) + '/profile')]));
    const [s, p] = await siteCache.get(domain);
    clear(box).append(el('h4', { text: 'Authority, trust and spam' }));
    if (s.status === 'fulfilled') {
      const q = s.value;
      box.append(el('dl', { class: 'kv' }, el('dt', { text: 'Authority' }), el('dd', { text: fmt(q.authority) }),
        el('dt', { text: 'TrustRank' }), el('dd', { text: fmt(q.trust) }), el('dt', { text: 'Spam score' }), el('dd', { text: fmt(q.spamScore) }),
        el('dt', { text: 'Referring domains' }), el('dd', { text: String(q.referringDomains.count) })));
      if (q.spamFlags.length) box.append(el('ul', {}, q.spamFlags.map(f => el('li', {}, el('span', { class: 'badge flag', text: f.code }), ' ', f.message,
        f.evidence.length ? el('ul', { class: 'evidence-list' }, f.evidence.slice(0, 5).map(u => el('li', {}, extLink(u)))) : null))));
      else box.append(el('p', { class: 'muted', text: 'No spam flag fired.' }));
      box.append(el('p', {}, el('a', { href: '/sites/' + encodeURIComponent(domain), text: 'Site profile →' })));
    } else { const d = el('div'); showError(d, s.reason); box.append(d); }
    clear(cbox).append(el('h4', { text: 'Contacts' }));
    if (p.status === 'fulfilled') {
      const c = p.value; const items = [];
      c.emails.forEach(m => items.push(el('li', {}, el('a', { href: 'mailto:' + m, text: m }))));
      if (c.contactUrl) items.push(el('li', {}, 'Contact page: ', extLink(c.contactUrl)));
      if (c.guidelinesUrl) items.push(el('li', {}, 'Guest-post guidelines: ', extLink(c.guidelinesUrl)));
      cbox.append(items.length ? el('ul', {}, items) : el('p', { class: 'muted', text: 'No contacts found on this site.' }));
    } else { const d = el('div'); showError(d, p.reason); cbox.append(d); }
  }

  function picked() {
    return Array.from(document.querySelectorAll('#results input.pick:checked')).map(c => last.results[Number(c.dataset.i)]);
  }
  function updateSelected() {
    const n = picked().length;
    $('selected-count').textContent = n + ' selected';
    document.querySelectorAll('#results tr.result').forEach(tr => tr.classList.toggle('selected', tr.querySelector('input.pick').checked));
  }
  $('select-all').addEventListener('change', () => {
    document.querySelectorAll('#results input.pick').forEach(c => { c.checked = $('select-all').checked; });
    updateSelected();
  });

  const toggleNew = () => { $('new-campaign-fields').hidden = $('campaign-select').value !== 'new'; };
  $('campaign-select').addEventListener('change', toggleNew);
  LS.fillCampaigns($('campaign-select'), 1).then(toggleNew);

  $('add-to-campaign').addEventListener('click', () => {
    const out = $('campaign-result');
    const chosen = picked();
    if (!chosen.length) { showError(out, { message: 'Select at least one result first.' }); return; }
    busy($('add-to-campaign'), null, '', async () => {
      let id = $('campaign-select').value;
      if (id === 'new') {
        const req = last.request;
        const c = await api('POST', '/api/campaigns', { name: $('new-campaign-name').value.trim() || (last.title || 'New campaign'),
          targetDomain: $('new-campaign-target').value.trim() || req.site || '', contentTitle: last.title, contentText: req.content });
        id = String(c.id);
      }
      const prospects = chosen.map(r => ({ domain: r.domain, url: r.url, title: r.title, score: r.score, authority: r.authority,
        reasons: (r.matchedTopics || []).slice(0, 5).join(', '),
        explanation: { model: last.model, rank: r.rank, contributions: r.contributions, matchedTopics: r.matchedTopics, evidence: r.evidence, flags: r.flags } }));
      const res = await api('POST', '/api/campaigns/' + id + '/prospects', { prospects, source: 'recommend', changedBy: LS.changedBy(), limit: prospects.length },
        { 'X-Changed-By': LS.changedBy() });
      const skipped = res.skipped.map(s => el('li', {}, s.domain || s.input, ': ', s.reason, s.detail ? ' (' + s.detail + ')' : ''));
      notice(out, res.added.length + ' added to ', el('a', { id: 'campaign-link', href: '/campaigns/' + id, text: 'campaign ' + id }),
        res.skipped.length ? ', ' + res.skipped.length + ' skipped:' : '.', skipped.length ? el('ul', {}, skipped) : null);
      await LS.fillCampaigns($('campaign-select'), 1);
      $('campaign-select').value = id; toggleNew();
    }).catch(e => showError(out, e));
  });

  $('export-csv').addEventListener('click', () => {
    if (!last) return;
    const rows = [['rank', 'url', 'domain', 'title', 'score', 'authority', 'matched_topics', 'evidence', 'flags']];
    const sel = picked();
    for (const r of sel.length ? sel : last.results) {
      rows.push([r.rank, r.url, r.domain, r.title, r.score, r.authority, (r.matchedTopics || []).join('; '),
        (r.evidence || []).map(e => e.kind + ': ' + e.text).join(' | '), (r.flags || []).join('; ')]);
    }
    LS.download('linkscout-recommendations.csv', LS.csv(rows), 'text/csv');
  });
})();
