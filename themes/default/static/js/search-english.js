// On a translation's search page (/pl/search/): keeps the "Results in English" link pointing at
// the English search page with the same words, so a family can see the English pages too.
(() => {
  'use strict';
  const input = document.getElementById('search-q');
  const link = document.getElementById('search-english');
  if (!input || !link) return;
  const base = link.getAttribute('href').split('?')[0];
  const update = () => {
    const q = input.value.trim();
    link.href = q ? `${base}?q=${encodeURIComponent(q)}` : base;
  };
  input.addEventListener('input', update);
  update();
})();
