'use strict';
(() => {
  /* Backlink tools' metric names as the tools show them (see ToolExports). */
  const TOOL_METRICS = { ahrefs_dr: 'Ahrefs DR', semrush_ascore: 'Semrush Authority Score', majestic_tf: 'Majestic Trust Flow',
    majestic_cf: 'Majestic Citation Flow', gsc_linking_pages: 'Search Console linking pages', gsc_target_pages: 'Search Console target pages' };
  const { el, clear, api, showError, fmt, extLink, siteLink } = LS;
  const $ = id => document.getElementById(id);
  const domain = $('site-root').dataset.domain;
  const enc = encodeURIComponent(domain);
  const stat = (v, k, title) => el('li', { class: 'stat', title: title || null }, el('span', { class: 'v', text: v }), el('span', { class: 'k', text: k }));

  async function load() {
    const [s, p, pages] = await Promise.allSettled([api('GET', '/api/sites/' + enc), api('GET', '/api/sites/' + enc + '/profile'),
      api('GET', '/api/sites/' + enc + '/pages?limit=200')]);
    $('site-status').textContent = '';
    if (s.status === 'rejected') { showError($('site-error'), s.reason); return; }
    const q = s.value;
    $('site-domain').textContent = q.domain;
    document.title = q.domain + ' · LinkScout';
    $('site-stats').append(stat(fmt(q.authority), 'Authority', 'From the ingested link graph, 0-100'),
      stat(fmt(q.graphAuthority), 'Graph authority'), stat(fmt(q.trust), 'Trust', 'TrustRank scaled 0-100'),
      stat(fmt(q.spamMass, 2), 'Spam mass'), stat(fmt(q.spamScore), 'Spam score'),
      stat(fmt(q.harmonicCentrality, 2), 'Harmonic centrality'), stat(String(q.referringDomains.count), 'Referring domains'),
      stat(q.pageRank.toExponential(2), 'PageRank'),
      ...Object.entries(q.toolMetrics || {}).map(([k, v]) => stat(fmt(v), TOOL_METRICS[k] || k, 'As the backlink tool\'s export gives it; not part of LinkScout\'s authority')));
    if (q.knownFrom) $('site-stats').append(el('p', { class: 'muted', text: 'This site is ' + q.knownFrom + ' (no page text ingested).' }));
    const flags = $('flags');
    if (!q.spamFlags.length) flags.append(el('p', { class: 'muted', text: 'No spam flag fired.' }));
    for (const f of q.spamFlags) flags.append(el('div', { class: 'flag-item' },
      el('p', {}, el('span', { class: 'badge flag', text: f.code }), ' ', f.message, el('span', { class: 'muted', text: ' (weight ' + f.weight + ', strength ' + fmt(f.strength, 2) + ')' })),
      f.evidence.length ? el('ul', { class: 'evidence-list' }, f.evidence.map(u => el('li', {}, /^https?:/.test(u) ? extLink(u) : u))) : null));
    const topical = $('topical'); const ta = Object.entries(q.topicalAuthority || {});
    if (!ta.length) topical.append(el('p', { class: 'muted', text: 'No topic scores (the site has no catalog category).' }));
    for (const [t, v] of ta) topical.append(el('div', {}, el('span', { text: t + ' ' }), el('span', { class: 'muted', text: fmt(v) }),
      el('div', { class: 'bar', role: 'img', 'aria-label': t + ' ' + fmt(v) + ' of 100' }, el('span', { style: 'width:' + Math.max(0, Math.min(100, v)) + '%' }))));
    const refs = $('referrers');
    refs.append(...[el('p', { class: 'muted', text: q.referringDomains.count + ' referring domains; the strongest:' }),
      q.referringDomains.top.length ? el('ul', {}, q.referringDomains.top.map(d => el('li', {}, siteLink(d)))) : el('p', { class: 'muted', text: 'None.' }),
      q.externalPrior && q.externalPrior.value !== null ? el('p', { class: 'muted', text: 'External prior ' + fmt(q.externalPrior.value) + ' (weight ' + q.externalPrior.weight + ')' }) : null].filter(Boolean));
    const c = $('contacts');
    if (p.status === 'fulfilled') {
      const x = p.value; const items = [];
      x.emails.forEach(m => items.push(el('li', {}, el('a', { href: 'mailto:' + m, text: m }))));
      if (x.contactUrl) items.push(el('li', {}, 'Contact page: ', extLink(x.contactUrl)));
      x.social.slice(0, 6).forEach(u => items.push(el('li', {}, extLink(u))));
      if (x.social.length > 6) items.push(el('li', { class: 'muted', text: (x.social.length - 6) + ' more profiles' }));
      c.append(items.length ? el('ul', {}, items) : el('p', { class: 'muted', text: 'No contacts found on this site.' }));
      c.append(el('p', {}, 'Guest posts: ', el('span', { class: 'badge', text: x.guestPostKind || 'NONE' }),
        x.guestPostPages ? ' ' + x.guestPostPages + ' detecting pages, ' + x.publishedGuestPosts + ' published guest posts' : ''));
      const gp = [];
      if (x.guestPostPage) gp.push(el('li', {}, 'Best page: ', extLink(x.guestPostPage)));
      if (x.guidelinesUrl) gp.push(el('li', {}, 'Guidelines: ', extLink(x.guidelinesUrl)));
      if (x.guestPostContactUrl) gp.push(el('li', {}, 'Contact: ', extLink(x.guestPostContactUrl)));
      if (gp.length) c.append(el('ul', {}, gp));
    } else { const d = el('div'); showError(d, p.reason); c.append(d); }
    const tb = $('pages').tBodies[0];
    if (pages.status === 'fulfilled') {
      const r = pages.value;
      $('pages-meta').textContent = r.total + ' pages in the index' + (r.total > r.pages.length ? ', the ' + r.pages.length + ' with the most authority shown' : '');
      for (const pg of r.pages) tb.append(el('tr', {}, el('td', {}, el('a', { class: 'result-title', href: pg.url, target: '_blank', rel: 'noopener noreferrer', text: pg.title || pg.url }), el('span', { class: 'result-url', text: pg.url })),
        el('td', { class: 'num', text: fmt(pg.authority) }), el('td', { class: 'num', text: fmt(pg.spamScore) }), el('td', { class: 'num', text: String(pg.inLinks) }),
        el('td', { class: 'num', text: String(pg.refDomains) }), el('td', {}, pg.guestPostKind && pg.guestPostKind !== 'NONE' ? el('span', { class: 'badge', text: pg.guestPostKind }) : '')));
    } else { showError($('pages-meta'), pages.reason); }
  }
  load().catch(e => showError($('site-error'), e));
})();
