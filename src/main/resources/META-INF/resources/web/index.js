'use strict';
(() => {
  const { el, api, showError, fmt, date } = LS;
  const $ = id => document.getElementById(id);
  const stat = (v, k) => el('li', { class: 'stat' }, el('span', { class: 'v', text: v }), el('span', { class: 'k', text: k }));
  const kv = (dl, pairs) => pairs.forEach(([k, v]) => dl.append(el('dt', { text: k }), el('dd', { text: v })));
  api('GET', '/api/index/stats').then(s => {
    $('index-status').textContent = '';
    $('built').textContent = 'Built ' + date(s.builtAt) + ' · ' + s.path + ' · ' + fmt(s.sizeBytes / 1048576, 1) + ' MB on disk';
    $('index-stats').append(stat(fmt(s.pages, 0), 'pages'), stat(fmt(s.sites, 0), 'sites'), stat(fmt(s.domains, 0), 'domains in the graph'),
      stat(fmt(s.links, 0), 'links'), stat(fmt(s.terms, 0), 'distinct terms'), stat(fmt(s.catalogRows, 0), 'catalog rows'), stat(fmt(s.authorityRows, 0), 'authority rows'));
    kv($('links'), [['Internal', fmt(s.internalLinks, 0)], ['External', fmt(s.externalLinks, 0)], ['Unfollowed (nofollow, sponsored, ugc)', fmt(s.unfollowedLinks, 0)],
      ['Page-graph edges', fmt(s.pageEdges, 0)], ['Domain-graph edges', fmt(s.domainEdges, 0)]]);
    if (s.linkJoin) kv($('link-join'), Object.entries(s.linkJoin).map(([k, v]) => [k, fmt(v, 0)]));
    else $('link-join').append(el('dd', { class: 'muted', text: 'Not recorded by the version that built this index.' }));
  }).catch(e => { $('index-status').textContent = ''; showError($('index-error'), e); });
})();
