'use strict';
(() => {
  const { el, clear, api, showError, busy, date } = LS;
  const $ = id => document.getElementById(id);
  const ORDER = ['NEW', 'QUALIFIED', 'CONTACTED', 'REPLIED', 'WON', 'LOST', 'REJECTED'];

  async function load() {
    const tb = $('campaigns').tBodies[0];
    try {
      const list = await api('GET', '/api/campaigns');
      clear(tb);
      if (!list.length) tb.append(el('tr', {}, el('td', { colspan: 6, class: 'muted', text: 'No campaign yet: create one below, or add results from the Recommend page.' })));
      for (const c of list) {
        const counts = c.prospects || {};
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        tb.append(el('tr', {},
          el('td', {}, el('a', { href: '/campaigns/' + c.id, class: 'result-title', text: c.name })),
          el('td', {}, LS.siteLink(c.targetDomain)),
          el('td', { text: c.contentTitle || c.contentUrl || '–' }),
          el('td', { class: 'num', text: String(total) }),
          el('td', {}, ORDER.filter(s => counts[s]).map(s => el('span', { class: 'badge st-' + s, text: s + ' ' + counts[s] })).reduce((a, b) => a.concat([b, ' ']), [])),
          el('td', { text: date(c.updatedAt) })));
      }
    } catch (e) { clear(tb); showError($('list-error'), e); }
  }

  $('create-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const body = { name: $('c-name').value.trim(), targetDomain: $('c-target').value.trim() };
    if ($('c-title').value.trim()) body.contentTitle = $('c-title').value.trim();
    if ($('c-text').value.trim()) body.contentText = $('c-text').value;
    if ($('c-url').value.trim()) body.contentUrl = $('c-url').value.trim();
    showError($('create-error'), null);
    busy($('c-create'), $('create-status'), 'Creating…', () => api('POST', '/api/campaigns', body))
      .then(c => { window.location.href = '/campaigns/' + c.id; })
      .catch(e => showError($('create-error'), e));
  });
  load();
})();
