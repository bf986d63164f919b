// The services directory: filters that combine instantly (kind of help, need, a child's age,
// area, day, free only), kept in the address so a shared or bookmarked link reopens the same
// view. Without this script the filter links lead to pre-built pages of one filter each.
// Nothing is sent anywhere.
(function () {
  'use strict';
  var nav = document.querySelector('.service-filters');
  var list = document.querySelector('.service-list');
  if (!nav || !list) return;
  // Only the full directory has every service; a filter page keeps its links.
  if (nav.querySelector('.filter-links a[aria-current]')) return;
  var form = nav.querySelector('.service-filter-form');
  var links = nav.querySelector('.filter-links');
  var shown = document.querySelector('.service-count .count-shown');
  var none = document.querySelector('.service-none');
  var az = document.querySelector('.az');
  var cards = Array.prototype.slice.call(list.querySelectorAll('.service-card'));
  var NAMES = ['category', 'need', 'age', 'area', 'day', 'free'];

  function has(words, word) {
    return (' ' + words + ' ').indexOf(' ' + word + ' ') !== -1;
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

  function matches(card, v) {
    var d = card.dataset;
    if (v.category && !has(d.categories, v.category)) return false;
    if (v.need && !has(d.needs, v.need)) return false;
    if (v.area && d.area !== v.area) return false;
    if (v.day && !has(d.days, v.day)) return false;
    if (v.free && d.free !== '1') return false;
    if (v.age) {
      var age = Number(v.age);
      if (age < Number(d.min) || age > Number(d.max)) return false;
    }
    return true;
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
    var count = 0;
    var any = NAMES.some(function (n) { return v[n]; });
    cards.forEach(function (card) {
      var ok = matches(card, v);
      card.hidden = !ok;
      if (ok) count += 1;
    });
    if (shown) shown.textContent = String(count);
    if (none) none.hidden = count !== 0;
    // The A–Z jumps to the first card of a letter, which filters may hide.
    if (az) az.hidden = any;
    keep(v);
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
  restore();
  form.addEventListener('change', apply);
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  apply();
})();
