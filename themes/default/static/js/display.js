/* Display options: text size, line spacing, letter spacing and colours, saved on this device.
   Loaded in <head> without defer so saved choices apply before the page is drawn. Without
   JavaScript the toggle button stays hidden and the page keeps its standard look. */
(function () {
  'use strict';
  var KEY = 'senpack-display';
  var FIELDS = { size: 'standard', spacing: 'standard', letters: 'standard', tint: 'auto' };
  var root = document.documentElement;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(prefs) {
    try { window.localStorage.setItem(KEY, JSON.stringify(prefs)); } catch (e) { /* private mode: not kept */ }
  }
  function apply(prefs) {
    Object.keys(FIELDS).forEach(function (f) {
      var v = prefs[f];
      if (typeof v === 'string' && /^[a-z]+$/.test(v) && v !== FIELDS[f]) root.setAttribute('data-' + f, v);
      else root.removeAttribute('data-' + f);
    });
  }
  apply(load());

  function setup() {
    var button = document.querySelector('.display-toggle');
    var panel = document.getElementById('display-options');
    if (!button || !panel) return;
    var prefs = load();

    function showChoices() {
      Object.keys(FIELDS).forEach(function (f) {
        var v = prefs[f] || FIELDS[f];
        var input = panel.querySelector('input[name="display-' + f + '"][value="' + v + '"]');
        if (input) input.checked = true;
      });
    }
    function setOpen(open, returnFocus) {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (!open && returnFocus) button.focus();
    }

    showChoices();
    button.hidden = false;
    button.addEventListener('click', function () { setOpen(panel.hidden, false); });
    panel.addEventListener('change', function (e) {
      var t = e.target;
      if (!t.name || t.name.indexOf('display-') !== 0) return;
      prefs[t.name.slice(8)] = t.value;
      save(prefs);
      apply(prefs);
    });
    panel.querySelector('[data-display-reset]').addEventListener('click', function () {
      prefs = {};
      save(prefs);
      apply(prefs);
      showChoices();
    });
    panel.querySelector('[data-display-close]').addEventListener('click', function () { setOpen(false, true); });
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || panel.hidden) return;
      var inside = panel.contains(document.activeElement) || document.activeElement === button;
      setOpen(false, inside);
    });
  }

  // A glossary definition shown on hover or focus can be put away with Escape without moving
  // the pointer or focus (WCAG 1.4.13); it shows again when the pointer or focus next arrives.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var open = document.querySelectorAll('.term:hover, .term:focus-within');
    for (var i = 0; i < open.length; i++) open[i].classList.add('term-dismissed');
  });
  function leave(e) {
    var term = e.target.closest && e.target.closest('.term');
    if (term && !(e.relatedTarget && term.contains(e.relatedTarget))) term.classList.remove('term-dismissed');
  }
  document.addEventListener('mouseout', leave);
  document.addEventListener('focusout', leave);

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
  else setup();
}());
