// Meeting record and "keep a record" log: what a parent types is kept in this browser
// (localStorage, one entry per form) and copied into the ruled lines that print, so the page
// prints filled in. Nothing is ever sent anywhere. Without this script the fields can still be
// typed in, and the page prints with empty ruled lines to write on.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-keep]');
  Array.prototype.forEach.call(forms, function (form) {
    var key = 'senpack:' + form.getAttribute('data-keep');
    var saved = {};
    try { saved = JSON.parse(window.localStorage.getItem(key) || '{}') || {}; } catch (e) { saved = {}; }
    var fields = form.querySelectorAll('input[name], textarea[name]');
    function copy(el) {
      var c = form.querySelector('[data-copy-of="' + el.name + '"]');
      if (c) c.textContent = el.value;
    }
    function store() {
      try { window.localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode: not kept */ }
    }
    Array.prototype.forEach.call(fields, function (el) {
      if (typeof saved[el.name] === 'string') el.value = saved[el.name];
      copy(el);
    });
    form.addEventListener('input', function (e) {
      var el = e.target;
      if (!el.name) return;
      saved[el.name] = el.value;
      copy(el);
      store();
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    var print = form.querySelector('.record-print');
    if (print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
    var clear = form.querySelector('.record-clear');
    if (clear) {
      clear.hidden = false;
      clear.addEventListener('click', function () {
        saved = {};
        Array.prototype.forEach.call(fields, function (el) { el.value = ''; copy(el); });
        try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
      });
    }
  });
})();
