// Local Offer list: instant filtering by phase, area and need. Without this script the filter
// links lead to pre-built pages, so the list works without JavaScript.
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

  function apply() {
    var phase = form.elements.phase.value;
    var area = form.elements.area.value;
    var need = form.elements.need.value;
    var count = 0;
    cards.forEach(function (card) {
      var ok = (!phase || card.dataset.phase === phase) &&
        (!area || card.dataset.area === area) &&
        (!need || (' ' + card.dataset.needs + ' ').indexOf(' ' + need + ' ') !== -1);
      card.hidden = !ok;
      if (ok) count += 1;
    });
    if (shown) shown.textContent = String(count);
  }

  // Only the full list has every school; a filter page keeps its links.
  if (document.querySelector('.school-filters a[aria-current]')) return;
  form.hidden = false;
  if (links) links.hidden = true;
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  if (total === 0) return;
  apply();
})();
