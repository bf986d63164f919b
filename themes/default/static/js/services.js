// The services directory: filters that combine instantly (kind of help, need, a child's age,
// area, day, free only) over every service, kept in the address so a shared or bookmarked link
// reopens the same view. The page shows its own cards (50 a page, with links to the next pages)
// until a filter is used; only then is the directory's compact index (/services/index.json)
// fetched from this site, and the matching cards are made from it (as DOM nodes, text set with
// textContent), 50 at a time with a "Show more" button. Clearing the filters brings back the
// page's own cards. Without this script the filter links lead to pre-built pages of one filter
// each. Nothing is sent anywhere. After each change the list fires `services:cards` so other
// scripts (the shortlist) can add to the new cards. "Near me" (js/nearme.js) asks for an order by
// distance with a `services:order` event on the list: every matching service, on any page, is
// then listed nearest first.
(function () {
  'use strict';
  var nav = document.querySelector('.service-filters[data-directory]');
  var list = document.querySelector('.service-list');
  if (!nav || !list) return;
  var form = nav.querySelector('.service-filter-form');
  var links = nav.querySelector('.filter-links');
  var shown = document.querySelector('.service-count .count-shown');
  var total = document.querySelector('.service-count .count-total');
  var none = document.querySelector('.service-none');
  var more = document.querySelector('.service-more');
  var hide = [document.querySelector('.az'), document.querySelector('.service-pages')];
  var NAMES = ['category', 'need', 'age', 'area', 'day', 'free'];
  var STEP = 50;
  var base = nav.getAttribute('data-all-url') || '/services/';
  var own = Array.prototype.slice.call(list.children);
  var ownText = [shown && shown.textContent, total && total.textContent];
  var index = null;
  var loading = false;
  var matching = [];
  var upTo = 0;
  // Set by `services:order`: { lat, lon, km(…) → distance, label(km) → text, unknown } while
  // sorted by distance (js/nearme.js works distances out and words them).
  var near = null;
  var dist = [];

  // Labels for cards made here: the form's options and the page's own first card.
  function options(name) {
    var out = {};
    Array.prototype.forEach.call(form.elements[name].options, function (o) { out[o.value] = o.textContent; });
    return out;
  }
  var label = { category: options('category'), area: options('area') };
  var terms = ['Ages', 'Cost', 'Area', 'Kind of help'];
  // A page card's shortlist box (partials/service-save.html), copied into cards made here so
  // js/shortlist.js can set them up when it hears `services:cards`.
  var saveBox = list && list.querySelector('.service-save');
  if (own[0]) {
    Array.prototype.forEach.call(own[0].querySelectorAll('dt'), function (dt, i) { terms[i] = dt.textContent; });
  }

  function values() {
    var e = form.elements;
    var age = e.age.value.trim();
    return {
      category: e.category.value,
      need: e.need.value,
      age: /^\d{1,2}$/.test(age) ? age : '',
      area: e.area.value,
      day: e.day.value,
      free: e.free.checked ? '1' : ''
    };
  }

  function has(words, word) {
    return !!words && words.indexOf(word) !== -1;
  }

  function matches(s, v) {
    if (v.category && !has(s.k, v.category)) return false;
    if (v.need && !has(s.e, v.need)) return false;
    if (v.area && s.r !== v.area) return false;
    if (v.day && !has(s.w, v.day)) return false;
    if (v.free && !s.f) return false;
    if (v.age) {
      var age = Number(v.age);
      if (age < s.a || age > s.b) return false;
    }
    return true;
  }

  function ages(a, b) {
    if (a === 0) return 'From birth to ' + b;
    return a === b ? 'Age ' + a : 'Ages ' + a + ' to ' + b;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  // Nearest first; services with no place on the map after, in name order (the index's).
  function byDistance(found) {
    var rows = found.map(function (s, i) {
      return { s: s, i: i, d: s.l ? near.km(near.lat, near.lon, s.l[0], s.l[1]) : Infinity };
    });
    rows.sort(function (a, b) { return a.d - b.d || a.i - b.i; });
    dist = rows.map(function (r) { return r.d; });
    return rows.map(function (r) { return r.s; });
  }

  function card(s, away) {
    var li = el('li', 'service-card');
    var d = li.dataset;
    d.slug = s.s;
    d.categories = (s.k || []).join(' ');
    d.needs = (s.e || []).join(' ');
    d.area = s.r;
    d.min = s.a;
    d.max = s.b;
    d.free = s.f ? '1' : '0';
    d.days = (s.w || []).join(' ');
    if (s.l) { d.lat = s.l[0]; d.lon = s.l[1]; }
    var h = li.appendChild(el('h3'));
    var a = h.appendChild(el('a', '', s.n));
    a.href = base + encodeURIComponent(s.s) + '/';
    li.appendChild(el('p', 'service-card-org', s.o));
    if (near) li.appendChild(el('p', 'service-distance', away === Infinity ? near.unknown : near.label(away)));
    if (s.x) li.appendChild(el('p', 'service-status service-closed')).appendChild(el('strong', '', s.x));
    li.appendChild(el('p', '', s.d));
    var dl = li.appendChild(el('dl'));
    var kinds = (s.k || []).map(function (k) { return label.category[k] || k; }).join('; ');
    [ages(s.a, s.b), s.f ? 'Free' : s.c, label.area[s.r] || s.r, kinds].forEach(function (dd, i) {
      var row = dl.appendChild(el('div'));
      row.appendChild(el('dt', '', terms[i]));
      row.appendChild(el('dd', '', dd));
    });
    if (saveBox) {
      var box = li.appendChild(saveBox.cloneNode(true));
      box.dataset.slug = s.s;
      box.hidden = true;
      box.classList.remove('is-saved');
      var toggle = box.querySelector('.save-toggle');
      toggle.disabled = false;
      toggle.removeAttribute('aria-describedby');
      toggle.setAttribute('aria-pressed', 'false');
      toggle.textContent = toggle.dataset.labelOff;
      var note = box.querySelector('.save-note');
      note.id = 'save-note-' + s.s;
      note.hidden = true;
    }
    return li;
  }

  function show(count) {
    var frag = document.createDocumentFragment();
    var end = Math.min(matching.length, upTo + count);
    var first = null;
    for (var i = upTo; i < end; i++) {
      var c = frag.appendChild(card(matching[i], dist[i]));
      if (!first) first = c;
    }
    upTo = end;
    list.appendChild(frag);
    if (shown) shown.textContent = String(upTo);
    if (more) more.hidden = upTo >= matching.length;
    list.dispatchEvent(new CustomEvent('services:cards', { bubbles: true }));
    return first;
  }

  function keep(v) {
    var q = new URLSearchParams();
    NAMES.forEach(function (n) { if (v[n]) q.set(n, v[n]); });
    var s = q.toString();
    var url = location.pathname + (s ? '?' + s : '') + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(null, '', url);
    }
  }

  function apply() {
    var v = values();
    var filtered = NAMES.some(function (n) { return v[n]; });
    var any = filtered || !!near;
    keep(v);
    if (any && !index) return load();
    hide.forEach(function (x) { if (x) x.hidden = any; });
    list.textContent = '';
    list.classList.toggle('by-distance', !!near);
    if (!any) {
      own.forEach(function (c) { list.appendChild(c); });
      if (shown) shown.textContent = ownText[0];
      if (total) total.textContent = ownText[1];
      if (none) none.hidden = own.length !== 0;
      if (more) more.hidden = true;
      return;
    }
    matching = index.filter(function (s) { return matches(s, v); });
    dist = [];
    if (near) matching = byDistance(matching);
    upTo = 0;
    if (total) total.textContent = String(matching.length);
    if (none) none.hidden = matching.length !== 0;
    show(STEP);
  }

  function load() {
    if (loading) return;
    loading = true;
    list.setAttribute('aria-busy', 'true');
    fetch(nav.getAttribute('data-index-url'))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        index = data.services || [];
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

  function restore() {
    var q = new URLSearchParams(location.search);
    var e = form.elements;
    ['category', 'need', 'area', 'day'].forEach(function (n) {
      var want = q.get(n) || '';
      var sel = e[n];
      var known = Array.prototype.some.call(sel.options, function (o) { return o.value === want; });
      sel.value = known ? want : '';
    });
    var age = q.get('age') || '';
    e.age.value = /^\d{1,2}$/.test(age) ? age : '';
    e.free.checked = q.get('free') === '1';
  }

  form.hidden = false;
  if (links) links.hidden = true;
  if (more) {
    more.querySelector('button').addEventListener('click', function () {
      var first = show(STEP);
      if (first) first.querySelector('a').focus();
    });
  }
  restore();
  list.setAttribute('data-orders', '');
  list.addEventListener('services:order', function (e) {
    near = e.detail || null;
    apply();
  });
  form.addEventListener('change', apply);
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  apply();
})();
