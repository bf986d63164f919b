// The list of schools: search by name or postcode as you type, and filters by phase, area and
// need, combined, over every school (not only the 50 on this page), with the view kept in the
// address (?q=…&phase=…) so it can be shared and survives a reload. The page shows its own cards
// until someone searches or filters; only then is the list's compact index (/schools/index.json)
// fetched from this site, and every matching school is shown as a card made from it (as DOM
// nodes, text set with textContent: names are never read as HTML), under a heading per letter
// like the page's own. Page links and the A–Z hide meanwhile; clearing brings the page's own
// cards back. Without this script the filter links, page links and letter form lead to
// pre-built pages, so the list works without JavaScript. Nothing is sent anywhere.
(function () {
  'use strict';
  var nav = document.querySelector('.school-filters[data-list]');
  var list = document.querySelector('.school-list');
  if (!nav || !list) return;
  var form = nav.querySelector('.filter-form');
  var links = nav.querySelector('.filter-links');
  var shown = document.querySelector('.school-count .count-shown');
  var total = document.querySelector('.school-count .count-total');
  var none = document.querySelector('.school-none');
  var hide = [document.querySelector('.school-az'), document.querySelector('.school-pages')];
  var keys = ['q', 'phase', 'area', 'need'];
  var own = Array.prototype.slice.call(list.children);
  var ownText = [shown && shown.textContent, total && total.textContent];
  var words = list.dataset;
  var index = null;
  var loading = false;

  function labels(name) {
    var out = {};
    Array.prototype.forEach.call(form.elements[name].options, function (o) { out[o.value] = o.textContent; });
    return out;
  }
  var phaseLabel = labels('phase');
  var needLabel = labels('need');

  function values() {
    var e = form.elements;
    return { q: e.q.value.trim(), phase: e.phase.value, area: e.area.value, need: e.need.value };
  }

  // A postcode is matched from its start, without spaces; a name anywhere in it.
  function matches(s, v) {
    if (v.q) {
      var compact = v.q.toUpperCase().replace(/\s+/g, '');
      var code = (s.c || '').toUpperCase().replace(/\s+/g, '');
      var byName = s.n.toLowerCase().indexOf(v.q.toLowerCase()) !== -1;
      if (!byName && !(compact.length > 1 && code.indexOf(compact) === 0)) return false;
    }
    if (v.phase && s.p !== v.phase) return false;
    if (v.area && s.r !== v.area) return false;
    if (v.need && (s.e || []).indexOf(v.need) === -1) return false;
    return true;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function row(dl, term, text) {
    var div = dl.appendChild(el('div'));
    div.appendChild(el('dt', '', term));
    div.appendChild(el('dd', '', text));
  }

  function places(word, n) {
    return word + (n > 0 ? ' (' + n + ' ' + words.wPlaces + ')' : '');
  }

  // The same markup as partials/school-card.html.
  function card(s) {
    var li = el('li', 'school-card');
    var d = li.dataset;
    d.phase = s.p;
    d.area = s.r;
    d.needs = (s.e || []).join(' ');
    d.name = s.n.toLowerCase();
    d.postcode = (s.c || '').toUpperCase().replace(/ /g, '');
    var a = li.appendChild(el('h4')).appendChild(el('a', '', s.n));
    a.href = s.u;
    if (s.x) li.appendChild(el('p', 'school-example', words.wExample));
    var dl = li.appendChild(el('dl'));
    row(dl, words.wPhase, (phaseLabel[s.p] || s.p) + (s.a ? ' (' + words.wAges + ' ' + s.a + ')' : ''));
    row(dl, words.wArea, s.t + (s.c ? ', ' + s.c : ''));
    var needs = (s.e || []).map(function (n) { return needLabel[n] || n; });
    row(dl, words.wNeeds, needs.length ? needs.join('; ') : words.wNotListed);
    var special = [];
    if (s.rp != null) special.push(places(words.wResourced, s.rp));
    if (s.su != null) special.push(places(words.wUnit, s.su));
    if (special.length) row(dl, words.wSpecialist, special.join('; '));
    return li;
  }

  // Every match, under a heading per letter (the index is in list order, letter by letter).
  function showAll(found) {
    var frag = document.createDocumentFragment();
    var ul = null;
    var letter = null;
    found.forEach(function (s) {
      if (s.l !== letter) {
        letter = s.l;
        var group = frag.appendChild(el('div', 'school-letter'));
        var h = group.appendChild(el('h3', 'school-letter-title', letter));
        h.id = 'letter-' + (/^[A-Z]$/.test(letter) ? letter.toLowerCase() : 'other');
        ul = group.appendChild(el('ul', 'school-cards'));
      }
      ul.appendChild(card(s));
    });
    list.appendChild(frag);
  }

  function keep(v) {
    var params = new URLSearchParams();
    keys.forEach(function (k) { if (v[k]) params.set(k, v[k]); });
    var query = params.toString();
    var url = location.pathname + (query ? '?' + query : '') + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
  }

  function apply() {
    var v = values();
    var any = keys.some(function (k) { return v[k]; });
    keep(v);
    if (any && !index) return load();
    hide.forEach(function (x) { if (x) x.hidden = any; });
    list.textContent = '';
    if (!any) {
      own.forEach(function (c) { list.appendChild(c); });
      if (shown) shown.textContent = ownText[0];
      if (total) total.textContent = ownText[1];
      if (none) none.hidden = true;
      return;
    }
    var found = index.filter(function (s) { return matches(s, v); });
    showAll(found);
    if (shown) shown.textContent = String(found.length);
    if (total) total.textContent = String(index.length);
    if (none) none.hidden = found.length !== 0;
  }

  function load() {
    if (loading) return;
    loading = true;
    list.setAttribute('aria-busy', 'true');
    fetch(nav.getAttribute('data-index-url'))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        index = data.schools || [];
        list.removeAttribute('aria-busy');
        apply();
      })
      .catch(function () {
        // Without the index the pre-built filter pages still work.
        loading = false;
        list.removeAttribute('aria-busy');
        if (links) links.hidden = false;
      });
  }

  form.hidden = false;
  if (links) links.hidden = true;
  var start = new URLSearchParams(location.search);
  keys.forEach(function (k) {
    var v = start.get(k);
    if (v === null) return;
    var field = form.elements[k];
    if (field.tagName === 'SELECT' && !Array.prototype.some.call(field.options, function (o) { return o.value === v; })) return;
    field.value = v;
  });
  form.addEventListener('change', apply);
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  apply();
})();
