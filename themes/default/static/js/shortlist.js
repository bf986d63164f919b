// The shortlist ("pinboard"): "Save to my shortlist" on service cards and pages keeps a list of
// service slugs in this browser (localStorage; no account, nothing sent anywhere), and the page
// /services/shortlist/ shows that list from /services/shortlist.json, to print or to share as a
// link (the slugs after #s= reopen the same list on another device). Without this script the
// buttons stay hidden and the shortlist page says why.
(function () {
  'use strict';
  var KEY = 'senpack-shortlist';
  var SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(KEY + '-test', '1');
      s.removeItem(KEY + '-test');
      return s;
    } catch (e) {
      return null;
    }
  }
  var store = storage();

  function clean(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var s = String(list[i]);
      if (SLUG.test(s) && out.indexOf(s) === -1) out.push(s);
    }
    return out;
  }

  function read() {
    if (!store) return [];
    try {
      var v = JSON.parse(store.getItem(KEY) || '[]');
      return Array.isArray(v) ? clean(v) : [];
    } catch (e) {
      return [];
    }
  }

  function write(list) {
    if (store) store.setItem(KEY, JSON.stringify(clean(list)));
  }

  // Save buttons (cards and service pages).
  var saves = Array.prototype.slice.call(document.querySelectorAll('.service-save'));

  function showButton(box, saved) {
    var b = box.querySelector('.save-toggle');
    b.setAttribute('aria-pressed', saved ? 'true' : 'false');
    b.textContent = saved ? b.dataset.labelOn : b.dataset.labelOff;
    box.classList.toggle('is-saved', saved);
    // "See my shortlist" shows beside a saved service only (not fifty times on the directory).
    box.querySelector('.save-note').hidden = !saved;
  }

  function refresh() {
    var list = read();
    saves.forEach(function (box) { showButton(box, list.indexOf(box.dataset.slug) !== -1); });
  }

  function setUp(box) {
    var b = box.querySelector('.save-toggle');
    box.hidden = false;
    if (!store) {
      b.disabled = true;
      var note = box.querySelector('.save-note');
      note.textContent = note.dataset.unavailable;
      note.hidden = false;
      b.setAttribute('aria-describedby', note.id);
      return;
    }
    b.addEventListener('click', function () {
      var list = read();
      var slug = box.dataset.slug;
      var at = list.indexOf(slug);
      if (at === -1) list.push(slug); else list.splice(at, 1);
      write(list);
      showButton(box, at === -1);
    });
  }
  saves.forEach(setUp);
  if (store) refresh();
  // Cards the directory's filters make in the browser (js/services.js) get their box set up too.
  document.addEventListener('services:cards', function () {
    Array.prototype.slice.call(document.querySelectorAll('.service-save')).forEach(function (box) {
      if (saves.indexOf(box) !== -1) return;
      saves.push(box);
      setUp(box);
    });
    if (store) refresh();
  });
  window.addEventListener('storage', function (e) { if (e.key === KEY) { refresh(); if (page && data) render(); } });

  // The shortlist page.
  var page = document.querySelector('.shortlist-page');
  if (!page) return;
  var listEl = page.querySelector('.shortlist-list');
  var empty = page.querySelector('.shortlist-empty');
  var actions = page.querySelector('.shortlist-actions');
  var sharedBox = page.querySelector('.shortlist-shared');
  var status = page.querySelector('.shortlist-status');
  var linkRow = page.querySelector('.shortlist-link-row');
  var linkInput = page.querySelector('.shortlist-link');
  var words = listEl.dataset;
  var data = null;

  // A shared link: /services/shortlist/#s=slug1,slug2 (a fragment is never sent to the server).
  function fromLink() {
    var m = /(?:^#|&)s=([^&]*)/.exec(location.hash);
    if (!m) return null;
    return clean(decodeURIComponent(m[1]).split(','));
  }
  var shared = fromLink();
  if (shared && shared.join(',') === read().join(',')) shared = null;

  function current() { return shared || read(); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function safeHref(href, scheme) {
    return typeof href === 'string' && href.toLowerCase().indexOf(scheme) === 0 ? href : null;
  }

  function fact(dl, label, text, href) {
    var div = el('div');
    div.appendChild(el('dt', null, label));
    var dd = el('dd');
    if (href) {
      var a = el('a', null, text);
      a.href = href;
      dd.appendChild(a);
    } else {
      dd.textContent = text;
    }
    div.appendChild(dd);
    dl.appendChild(div);
  }

  function item(slug, s) {
    var li = el('li', 'shortlist-item');
    li.dataset.slug = slug;
    var h = el('h2');
    var a = el('a', null, s.name);
    a.href = safeHref(s.url, '/') || '#';
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el('p', 'shortlist-org', words.runBy + ' ' + s.organisation));
    (s.contacts || []).forEach(function (c) {
      var dl = el('dl', 'shortlist-contact');
      var who = [c.name, c.role].filter(Boolean).join(', ');
      if (who) li.appendChild(el('p', 'contact-name', who));
      if (c.phone) fact(dl, words.phone, c.phone, safeHref(c.tel, 'tel:'));
      if (c.email) fact(dl, words.email, c.email, safeHref(c.mailto, 'mailto:'));
      if (c.website) fact(dl, words.website, c.website, safeHref(c.website, 'http'));
      if (dl.childNodes.length) li.appendChild(dl);
    });
    (s.locations || []).forEach(function (l) {
      var p = el('p', 'shortlist-address');
      [l.name, l.address, l.postcode].filter(Boolean).forEach(function (line, i) {
        if (i) p.appendChild(document.createElement('br'));
        p.appendChild(document.createTextNode(line));
      });
      li.appendChild(p);
    });
    if (!shared && store) {
      var remove = el('button', 'button button-secondary shortlist-remove', words.remove);
      remove.type = 'button';
      var label = el('span', 'visually-hidden', ': ' + s.name);
      remove.appendChild(label);
      remove.addEventListener('click', function () {
        var next = read().filter(function (x) { return x !== slug; });
        write(next);
        var focus = li.nextElementSibling || li.previousElementSibling;
        render();
        var target = focus && listEl.querySelector('li[data-slug="' + focus.dataset.slug + '"] a');
        (target || page.querySelector('h1')).focus();
      });
      li.appendChild(remove);
    }
    return li;
  }

  function render() {
    var slugs = current();
    while (listEl.firstChild) listEl.removeChild(listEl.firstChild);
    var known = slugs.filter(function (s) { return data.services[s]; });
    known.forEach(function (slug) { listEl.appendChild(item(slug, data.services[slug])); });
    if (known.length < slugs.length) {
      listEl.appendChild(el('li', 'shortlist-missing', words.missing));
    }
    empty.hidden = known.length > 0;
    actions.hidden = known.length === 0;
    sharedBox.hidden = !shared;
    linkRow.hidden = true;
    listEl.hidden = known.length === 0;
  }

  function shareLink() {
    var base = location.origin + location.pathname;
    var slugs = current().filter(function (s) { return data.services[s]; });
    return base + '#s=' + slugs.join(',');
  }

  page.querySelector('.shortlist-copy').addEventListener('click', function () {
    var link = shareLink();
    linkInput.value = link;
    linkRow.hidden = false;
    function fallback() {
      linkInput.focus();
      linkInput.select();
      status.textContent = status.dataset.select;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () {
        status.textContent = status.dataset.copied;
      }, fallback);
    } else {
      fallback();
    }
  });
  page.querySelector('.shortlist-print').addEventListener('click', function () { window.print(); });
  page.querySelector('.shortlist-clear').addEventListener('click', function () {
    if (shared) { shared = null; history.replaceState(null, '', location.pathname); }
    write([]);
    render();
    page.querySelector('h1').setAttribute('tabindex', '-1');
    page.querySelector('h1').focus();
  });
  var keep = page.querySelector('.shortlist-keep');
  if (!store) keep.hidden = true;
  keep.addEventListener('click', function () {
    var mine = read();
    shared.forEach(function (s) { if (mine.indexOf(s) === -1 && data.services[s]) mine.push(s); });
    write(mine);
    shared = null;
    history.replaceState(null, '', location.pathname);
    render();
    refresh();
  });
  window.addEventListener('hashchange', function () { shared = fromLink(); if (data) render(); });

  page.querySelector('.shortlist-nojs').hidden = true;
  fetch(page.dataset.json).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (json) {
    data = json;
    render();
  }).catch(function () {
    page.querySelector('.shortlist-nojs').hidden = false;
  });
})();
