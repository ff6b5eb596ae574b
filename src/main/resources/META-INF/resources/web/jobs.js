'use strict';
(() => {
  const { el, clear, api, showError, notice, busy, fmt, extLink, siteLink, domainsList, num } = LS;
  const $ = id => document.getElementById(id);

  // tabs (arrow keys move between them)
  const tabs = Array.from(document.querySelectorAll('[role=tab]'));
  function select(tab) {
    tabs.forEach(t => { const on = t === tab; t.setAttribute('aria-selected', String(on)); t.tabIndex = on ? 0 : -1; $(t.getAttribute('aria-controls')).hidden = !on; });
    history.replaceState(null, '', '#' + tab.id.replace('tab-', ''));
  }
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', e => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (d) { const n = tabs[(i + d + tabs.length) % tabs.length]; select(n); n.focus(); e.preventDefault(); }
    });
  });
  const initial = tabs.find(t => '#' + t.id.replace('tab-', '') === location.hash);
  if (initial) select(initial);

  document.querySelectorAll('.load-example').forEach(b => b.addEventListener('click', () =>
    api('GET', '/api/examples/1').then(ex => { $(b.dataset.target).value = ex.content; })
      .catch(e => showError(b.closest('section').querySelector('.job-out'), e))));

  // competitors: any number
  function addCompetitor(value) {
    const n = $('competitors').children.length + 1;
    const input = el('input', { type: 'text', class: 'competitor', id: 'competitor-' + n, placeholder: 'rival.com', 'aria-label': 'Competitor ' + n });
    input.value = value || '';
    const li = el('li', {}, input, el('button', { type: 'button', class: 'link-button danger', text: 'Remove', 'aria-label': 'Remove competitor ' + n, onclick: () => li.remove() }));
    $('competitors').append(li);
    return input;
  }
  addCompetitor(); addCompetitor();
  $('add-competitor').addEventListener('click', () => addCompetitor().focus());

  const requests = {
    'guest-posts': () => ({ content: $('g-content').value, title: $('g-title').value.trim() || undefined, top: num($('g-top')),
      minAuthority: num($('g-min-authority')), maxSpam: num($('g-max-spam')), excludeDomains: domainsList($('g-exclude').value) }),
    'topics-that-earn': () => {
      const kw = $('e-keywords').value.split(',').map(s => s.trim()).filter(Boolean);
      return { keywords: kw.length ? kw : undefined, content: kw.length ? undefined : ($('e-content').value || undefined),
        domain: $('e-domain').value.trim() || undefined, top: num($('e-top')) };
    },
    'link-intersect': () => ({ competitors: Array.from(document.querySelectorAll('.competitor')).map(i => i.value.trim()).filter(Boolean),
      domain: $('i-domain').value.trim(), minOverlap: num($('i-min-overlap')), top: num($('i-top')), maxSpam: num($('i-max-spam')) }),
    'mentions': () => ({ domain: $('m-domain').value.trim(), brand: $('m-brand').value.trim() || undefined, title: $('m-title').value.trim() || undefined,
      top: num($('m-top')), maxSpam: num($('m-max-spam')) })
  };

  const table = (head, rows) => el('div', { class: 'table-wrap' }, el('table', { class: 'data job-results' },
    el('thead', {}, el('tr', {}, head.map(h => el('th', { scope: 'col', class: h.num ? 'num' : null, text: h.t || h })))), el('tbody', {}, rows)));
  const flags = fl => (fl || []).length ? [el('br'), ...fl.map(LS.flagBadge)] : [];
  const N = t => ({ t, num: true });

  const render = {
    'guest-posts': r => [el('p', { class: 'muted', text: r.results.length + ' sites of ' + r.candidates + ' candidates' + (r.note ? ' · ' + r.note : '') }),
      table(['#', 'Site', 'Kind', N('Score'), N('Topic fit'), N('Authority'), N('Spam'), 'Why it was detected'], r.results.map(x => el('tr', {},
        el('td', { text: String(x.rank) }), el('td', {}, siteLink(x.domain)), el('td', {}, el('span', { class: 'badge', text: x.kind })),
        el('td', { class: 'num', text: fmt(x.score, 2) }), el('td', { class: 'num', text: fmt(x.topicFit, 2) }), el('td', { class: 'num', text: fmt(x.authority) }),
        el('td', { class: 'num' }, fmt(x.spamScore), ' ', flags(x.flags)),
        el('td', {}, el('ul', { class: 'evidence-list' }, (x.reasons || []).slice(0, 4).map(re => el('li', {}, el('strong', { text: re.signal + ' ' }), re.detail || '')),
          x.evidencePage ? el('li', {}, 'Page: ', extLink(x.evidencePage)) : null, x.guidelinesUrl ? el('li', {}, 'Guidelines: ', extLink(x.guidelinesUrl)) : null,
          (x.guestPosts || []).slice(0, 2).map(g => el('li', {}, 'Published: ', extLink(g.url, g.title || g.url)))))))) ],
    'topics-that-earn': r => [el('p', { class: 'muted', text: r.ideas.length + ' topics from ' + r.candidatePages + ' candidate pages' + (r.niche && r.niche.length ? ' · niche: ' + r.niche.join(', ') : '') }),
      table(['#', 'Topic', N('Referring domains'), N('Pages'), 'Example pages', 'Sites that linked'], r.ideas.map(x => el('tr', {},
        el('td', { text: String(x.rank) }), el('td', {}, el('strong', { text: x.topic }), x.gap ? el('span', { class: 'badge', text: 'GAP' }) : null,
          x.topics && x.topics.length > 1 ? el('div', { class: 'muted', text: x.topics.slice(1, 6).join(', ') }) : null),
        el('td', { class: 'num', text: String(x.distinctRefDomains) }), el('td', { class: 'num', text: String(x.pages) }),
        el('td', {}, el('ul', { class: 'evidence-list' }, x.examples.slice(0, 3).map(p => el('li', {}, extLink(p.url, p.title || p.url), ' (' + p.refDomains + ')')))),
        el('td', {}, el('ul', { class: 'evidence-list' }, x.linkingSites.slice(0, 5).map(s => el('li', {}, siteLink(s.domain), ' ' + fmt(s.authority)))))))) ],
    'link-intersect': r => [el('p', { class: 'muted', text: r.results.length + ' domains link to ≥ ' + r.minOverlap + ' of ' + r.competitors.join(', ') + ' and not to ' + r.domain + ' (' + r.referringDomainsSeen + ' referring domains seen)' }),
      r.warnings.length ? el('ul', { class: 'conflict' }, r.warnings.map(w => el('li', { text: w }))) : null,
      table(['#', 'Domain', N('Overlap'), 'Links to', N('Authority'), N('Spam'), 'Linking pages'], r.results.map(x => el('tr', {},
        el('td', { text: String(x.rank) }), el('td', {}, siteLink(x.domain)), el('td', { class: 'num', text: String(x.overlap) }),
        el('td', { text: x.competitorsLinked.join(', ') }), el('td', { class: 'num', text: fmt(x.authority) }), el('td', { class: 'num' }, fmt(x.spamScore), ' ', flags(x.flags)),
        el('td', {}, el('ul', { class: 'evidence-list' }, Object.values(x.pages).flat().slice(0, 6).map(p => el('li', {}, extLink(p.page), ' → ', p.target,
          p.anchor ? ' “' + p.anchor + '”' : '', p.rel ? el('span', { class: 'badge flag', text: p.rel }) : null)))))))],
    'mentions': r => [el('p', { class: 'muted', text: r.pagesNaming + ' pages name it; ' + r.linkedOrOwn + ' are your own or link to you; ' + r.results.length + ' unlinked shown' }),
      table(['#', 'Page', N('Site authority'), N('Spam'), 'Names', 'Sentence'], r.results.map(x => el('tr', {},
        el('td', { text: String(x.rank) }), el('td', {}, extLink(x.url, x.pageTitle || x.url), el('span', { class: 'result-url' }, ' ', siteLink(x.domain))),
        el('td', { class: 'num', text: fmt(x.siteAuthority) }), el('td', { class: 'num' }, fmt(x.spamScore), ' ', flags(x.flags)),
        el('td', { text: x.matched.join(', ') }), el('td', {}, el('blockquote', { class: 'mention', text: x.snippet }))))) ]
  };

  document.querySelectorAll('.job-form').forEach(form => {
    const job = form.dataset.job, out = form.parentElement.querySelector('.job-out');
    const button = form.querySelector('button[type=submit]'), status = form.querySelector('.status');
    let lastReq = null;
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      const req = requests[job]();
      busy(button, status, 'Running…', () => api('POST', '/api/' + job, req)).then(res => {
        lastReq = req;
        clear(out);
        const sendOut = el('div', { role: 'status', 'aria-live': 'polite' });
        const sel = el('select', { 'aria-label': 'Campaign to send to', class: 'send-campaign' });
        const topIn = el('input', { type: 'number', min: 1, max: 1000, class: 'narrow', 'aria-label': 'How many results to send', placeholder: 'all' });
        const send = el('button', { type: 'button', class: 'primary send-button', text: 'Send to campaign' });
        send.addEventListener('click', () => {
          if (!sel.value) { showError(sendOut, { message: 'Create a campaign first (Campaigns page).' }); return; }
          const body = Object.assign({}, lastReq, { campaignId: Number(sel.value), sendTop: num(topIn) });
          busy(send, null, '', () => api('POST', '/api/' + job, body, { 'X-Changed-By': LS.changedBy() })).then(r2 => {
            const c = r2.campaign;
            notice(sendOut, c.added.length + ' added to ', el('a', { href: '/campaigns/' + c.campaignId, text: 'campaign ' + c.campaignId }),
              c.skipped.length ? ', ' + c.skipped.length + ' skipped: ' + c.skipped.map(s => (s.domain || s.input) + ' ' + s.reason).join('; ') : '.');
          }).catch(e => showError(sendOut, e));
        });
        LS.fillCampaigns(sel, 0);
        out.append(el('div', { class: 'send-bar' }, el('span', { text: 'Send results to' }), sel, el('span', { text: 'top' }), topIn, send), sendOut, ...render[job](res).filter(Boolean));
      }).catch(e => showError(out, e));
    });
  });
})();
