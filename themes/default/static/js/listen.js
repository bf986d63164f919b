/* "Listen to this page": reads the main content aloud with the browser's own speech synthesis,
   one block (heading, paragraph, list item) at a time, marking the block being read. No other
   service is used; where speech synthesis is missing the controls stay hidden. */
(function () {
  'use strict';
  var synth = window.speechSynthesis;
  var box = document.querySelector('[data-listen]');
  var main = document.getElementById('main');
  if (!synth || typeof window.SpeechSynthesisUtterance !== 'function' || !box || !main) return;

  var play = box.querySelector('[data-listen-play]');
  var label = box.querySelector('[data-listen-label]');
  var stop = box.querySelector('[data-listen-stop]');
  var status = box.querySelector('[data-listen-status]');
  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,pre';
  /* Never read inside a block: glossary definitions (shown only on hover or focus) and marked parts. */
  var SKIP = ',[aria-hidden="true"],[data-listen-skip],.term-def';
  var state = 'idle';
  var chunks = [];
  var at = 0;
  var run = 0; // bumps on stop so late events from cancelled speech are ignored
  var marked = null;

  function word(name) { return box.getAttribute('data-word-' + name) || ''; }
  function visible(el) { return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length); }

  /* Text blocks of <main>, in reading order, each with its own words only (nested blocks come separately). */
  function collect() {
    var list = [];
    main.querySelectorAll(BLOCKS).forEach(function (el) {
      if (!visible(el) || el.closest('[data-listen-skip],[aria-hidden="true"]')) return;
      var copy = el.cloneNode(true);
      copy.querySelectorAll(BLOCKS + SKIP).forEach(function (inner) { inner.remove(); });
      var text = copy.textContent.replace(/\s+/g, ' ').trim();
      if (text) list.push({ el: el, text: text });
    });
    return list;
  }
  function mark(el) {
    if (marked) marked.classList.remove('listen-current');
    marked = el;
    if (el) el.classList.add('listen-current');
  }
  function show(next, message) {
    state = next;
    box.classList.toggle('is-playing', next === 'speaking');
    label.textContent = word(next === 'speaking' ? 'pause' : next === 'paused' ? 'resume' : 'listen');
    stop.hidden = next === 'idle';
    status.textContent = message;
  }
  function speakNext(token) {
    if (token !== run) return;
    if (at >= chunks.length) { finish(); return; }
    var chunk = chunks[at];
    var u = new window.SpeechSynthesisUtterance(chunk.text);
    u.lang = document.documentElement.lang || '';
    u.onend = function () { at += 1; speakNext(token); };
    u.onerror = function (e) {
      if (e.error === 'interrupted' || e.error === 'canceled') return;
      at += 1;
      speakNext(token);
    };
    mark(chunk.el);
    synth.speak(u);
  }
  function start() {
    synth.cancel();
    chunks = collect();
    at = 0;
    run += 1;
    show('speaking', word('reading'));
    speakNext(run);
  }
  function finish() {
    run += 1;
    synth.cancel();
    mark(null);
    show('idle', word('stopped'));
  }

  play.addEventListener('click', function () {
    if (state === 'idle') start();
    else if (state === 'speaking') { synth.pause(); show('paused', word('paused')); }
    else { synth.resume(); show('speaking', word('reading')); }
  });
  stop.addEventListener('click', function () { finish(); play.focus(); });
  window.addEventListener('pagehide', function () { synth.cancel(); });
  box.hidden = false;
}());
