// "Near me" on the services directory: sorts the service cards by distance from this browser's
// location (asked for only when the button is pressed) or from a postcode district typed in
// (looked up in /services/postcodes.json, shipped with the site). Distances are worked out here;
// nothing is sent anywhere. Cards without coordinates go after the others, by name. On the
// directory, js/services.js does the sorting (over every service, on every page, with the
// filters): this script asks it with a `services:order` event; elsewhere it sorts the cards shown.
(function () {
  'use strict';
  var box = document.querySelector('.near-me');
  var list = document.querySelector('.service-list');
  if (!box || !list) return;
  var cards = Array.prototype.slice.call(list.querySelectorAll('.service-card'));
  var placed = cards.filter(function (c) { return c.dataset.lat && c.dataset.lon; });
  // The directory's script sorts every service, so its page may show none with a place itself.
  if (!placed.length && !document.querySelector('.service-filters[data-directory]')) return;
  var byName = cards.slice();
  var status = box.querySelector('.near-me-status');
  var locate = box.querySelector('.near-me-locate');
  var form = box.querySelector('.near-me-postcode');
  var reset = box.querySelector('.near-me-reset');
  var d = box.dataset;
  // Miles in the UK (and for English); kilometres otherwise.
  var lang = (document.documentElement.lang || 'en-GB').toLowerCase();
  var miles = lang.indexOf('en') === 0;
  var districts = null;

  function words(key, fallback) { return d[key] || fallback; }

  function km(aLat, aLon, bLat, bLon) {
    var r = Math.PI / 180;
    var dLat = (bLat - aLat) * r;
    var dLon = (bLon - aLon) * r;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
  }

  function label(dist) {
    var n = miles ? dist / 1.609344 : dist;
    var text = n < 10 ? n.toFixed(1) : String(Math.round(n));
    return text + (miles ? ' ' + words('miles', 'miles away') : ' ' + words('km', 'km away'));
  }

  function distanceEl(card) {
    var p = card.querySelector('.service-distance');
    if (!p) {
      p = document.createElement('p');
      p.className = 'service-distance';
      card.insertBefore(p, card.querySelector('.service-card-org').nextSibling);
    }
    return p;
  }

  function announce(from) {
    reset.hidden = false;
    status.textContent = words('sorted', 'Sorted by distance from') + ' ' + from + '. ' +
      words('unplaced', 'Services with no address on the map are listed last.');
  }

  function sortFrom(lat, lon, from) {
    if (list.hasAttribute('data-orders')) {
      list.dispatchEvent(new CustomEvent('services:order', {
        detail: { lat: lat, lon: lon, km: km, label: label, unknown: words('unknown', 'Distance not known') }
      }));
      return announce(from);
    }
    list.classList.add('by-distance');
    var withDist = placed.map(function (c) {
      return { card: c, dist: km(lat, lon, parseFloat(c.dataset.lat), parseFloat(c.dataset.lon)) };
    });
    withDist.sort(function (a, b) { return a.dist - b.dist; });
    var rest = byName.filter(function (c) { return placed.indexOf(c) === -1; });
    withDist.forEach(function (x) {
      distanceEl(x.card).textContent = label(x.dist);
      list.appendChild(x.card);
    });
    rest.forEach(function (c) {
      distanceEl(c).textContent = words('unknown', 'Distance not known');
      list.appendChild(c);
    });
    announce(from);
  }

  function byNameAgain() {
    reset.hidden = true;
    status.textContent = words('named', 'Sorted by name.');
    if (list.hasAttribute('data-orders')) {
      list.dispatchEvent(new CustomEvent('services:order', { detail: null }));
      return;
    }
    byName.forEach(function (c) {
      var p = c.querySelector('.service-distance');
      if (p) p.parentNode.removeChild(p);
      list.appendChild(c);
    });
    list.classList.remove('by-distance');
    reset.hidden = true;
    status.textContent = words('named', 'Sorted by name.');
  }

  box.hidden = false;
  if (!('geolocation' in navigator)) locate.hidden = true;
  locate.addEventListener('click', function () {
    status.textContent = words('finding', 'Finding your location…');
    navigator.geolocation.getCurrentPosition(function (pos) {
      sortFrom(pos.coords.latitude, pos.coords.longitude, words('here', 'your location'));
    }, function () {
      status.textContent = words('denied', 'Your location is not available. Try the first part of your postcode instead.');
    }, { maximumAge: 600000, timeout: 15000 });
  });
  reset.addEventListener('click', byNameAgain);

  fetch(d.postcodes).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (json) {
    districts = json.districts || {};
    form.hidden = false;
  }).catch(function () { /* no table: the location button only */ });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var raw = form.elements.district.value.trim().toUpperCase().replace(/\s+/g, ' ');
    // A whole postcode works too: its district is the part before the space.
    var code = raw.split(' ')[0];
    if (raw.indexOf(' ') === -1 && raw.length > 4 && !districts[code]) code = raw.slice(0, -3);
    var at = districts && districts[code];
    if (!at) {
      status.textContent = words('nodistrict', 'We do not know that postcode district. Check it, or use your location.');
      form.elements.district.setAttribute('aria-invalid', 'true');
      form.elements.district.focus();
      return;
    }
    form.elements.district.removeAttribute('aria-invalid');
    sortFrom(at[0], at[1], code);
  });
})();
