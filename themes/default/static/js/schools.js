// Local Offer list: instant filtering by name or postcode (as you type), phase, area and need,
// combined, with the view kept in the address (?q=…&phase=…) so it can be shared and survives a
// reload. Without this script the filter links lead to pre-built pages, so the list works
// without JavaScript.
(function () {
  'use strict';
  var nav = document.querySelector('.school-filters');
  var list = document.querySelector('.school-list');
  if (!nav || !list) return;
  var form = nav.querySelector('.filter-form');
  var links = nav.querySelector('.filter-links');
  var shown = document.querySelector('.count-shown');
  var cards = Array.prototype.slice.call(list.querySelectorAll('.school-card'));
  var total = cards.length;
  var keys = ['q', 'phase', 'area', 'need'];

  // A postcode is matched from its start, without spaces; a name anywhere in it.
  function matchesText(card, q) {
    if (!q) return true;
    var name = card.dataset.name || '';
    var code = card.dataset.postcode || '';
    var compact = q.toUpperCase().replace(/\s+/g, '');
    return name.indexOf(q.toLowerCase()) !== -1 || (compact.length > 1 && code.indexOf(compact) === 0);
  }

  function apply() {
    var q = form.elements.q.value.trim();
    var phase = form.elements.phase.value;
    var area = form.elements.area.value;
    var need = form.elements.need.value;
    var count = 0;
    cards.forEach(function (card) {
      var ok = matchesText(card, q) &&
        (!phase || card.dataset.phase === phase) &&
        (!area || card.dataset.area === area) &&
        (!need || (' ' + card.dataset.needs + ' ').indexOf(' ' + need + ' ') !== -1);
      card.hidden = !ok;
      if (ok) count += 1;
    });
    if (shown) shown.textContent = String(count);
    var params = new URLSearchParams();
    keys.forEach(function (k) { if (form.elements[k].value.trim()) params.set(k, form.elements[k].value.trim()); });
    var query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }

  // Only the full list has every school; a filter page keeps its links.
  if (document.querySelector('.school-filters a[aria-current]')) return;
  form.hidden = false;
  if (links) links.hidden = true;
  var start = new URLSearchParams(location.search);
  keys.forEach(function (k) {
    var v = start.get(k);
    if (v === null) return;
    var el = form.elements[k];
    if (el.tagName === 'SELECT' && !Array.prototype.some.call(el.options, function (o) { return o.value === v; })) return;
    el.value = v;
  });
  form.addEventListener('change', apply);
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  if (total === 0) return;
  apply();
})();
