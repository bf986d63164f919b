// senpack search client: answers /search/?q=… from the static index senpack builds (src/search.rs).
// Fetches the root file, then only the shards its words need; matches exact words, other forms of
// a word, prefixes as you type, glossary synonyms and typos; builds result DOM nodes and never parses page text as HTML.
(() => {
  'use strict';
  const page = document.querySelector('.search-page');
  if (!page) return;
  const $ = (s) => page.querySelector(s);
  const base = page.dataset.index;
  const form = $('.search-form');
  const input = $('#search-q');
  const list = $('#search-results');
  const status = $('#search-status');
  const suggest = $('.search-suggest');
  const audience = $('#search-audience');
  const school = $('#search-school');
  const words = status.dataset;
  const cache = new Map();
  const get = (path) => {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path).then((r) => (r.ok ? r.json() : null)).catch(() => null));
    }
    return cache.get(path);
  };
  const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

  // Same words as the index: lower case, accents off, "child's" → "child", "don't" → "dont".
  const fold = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const tokens = (s) => (fold(s)
    .replace(/(?<=[\p{L}\p{N}])['’]s(?![\p{L}\p{N}])/gu, '')
    .replace(/(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])/gu, '')
    .match(/[\p{L}\p{N}]+/gu) || []);
  const budget = (w) => { const n = [...w].length; return n < 4 ? 0 : n < 8 ? 1 : 2; };
  // Edit distance with swaps of neighbours (optimal string alignment), given up above `max`.
  const distance = (a, b, max) => {
    a = [...a]; b = [...b];
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let p2 = [], p = b.map((_, j) => j + 1); p.unshift(0);
    for (let i = 1; i <= a.length; i++) {
      const c = [i];
      let low = i;
      for (let j = 1; j <= b.length; j++) {
        let v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, p2[j - 2] + 1);
        c.push(v);
        low = Math.min(low, v);
      }
      if (low > max) return max + 1;
      p2 = p; p = c;
    }
    return p[b.length];
  };
  const fileKey = (k) => [...k].map((c) => (/[a-z0-9]/.test(c) ? c : `_${c.codePointAt(0).toString(16)}_`)).join('');

  let root;
  async function load() {
    if (root) return root;
    const r = await get('index.json');
    if (!r) return null;
    r.shards = new Set(r.sh);
    r.stops = new Set(r.stop);
    r.school = [];
    for (const [s, n] of r.ps) for (let i = 0; i < n; i++) r.school.push(s);
    root = r;
    return r;
  }
  const shardOf = (w) => {
    const c = [...w];
    for (const n of [3, 2, 1]) { const k = c.slice(0, n).join(''); if (root.shards.has(k)) return k; }
    return null;
  };
  const shard = (w) => { const k = shardOf(w); return k ? get(`p/${fileKey(k)}.json`) : Promise.resolve(null); };
  // Postings: [page gap, section, score]; a score's lowest bit says the word is in the title.
  const decode = (flat) => {
    const out = [];
    for (let i = 0, p = 0; i < flat.length; i += 3) { p += flat[i]; out.push([p, flat[i + 1], flat[i + 2] >> 1, flat[i + 2] & 1]); }
    return out;
  };
  // Words of the same stem sit in one shard and share a posting list.
  const sameStem = (sh, w) => Object.keys(sh.w).filter((x) => sh.w[x] === sh.w[w]);
  const variants = (w) => {
    const out = [`${w}s`, `${w}es`];
    for (const end of ['s', 'es', 'ing', 'ed', 'er']) if (w.endsWith(end) && w.length > end.length + 2) out.push(w.slice(0, -end.length));
    return out;
  };

  // A query as units: glossary phrases (longest first) and single words, stop words dropped.
  function units(toks) {
    const out = [];
    const plural = (t, q) => q === t || q === `${t}s`;
    for (let i = 0; i < toks.length;) {
      let best = null;
      root.syn.forEach((group, g) => group.forEach((ph) => {
        const pt = ph.split(' ');
        const one = pt.length === 1 && toks[i] && distance(pt[0], toks[i], budget(pt[0])) <= budget(pt[0]);
        const exact = pt.every((t, j) => toks[i + j] && plural(t, toks[i + j]));
        if ((exact || one) && (!best || pt.length > best.len || (exact && !best.exact && pt.length === best.len))) {
          best = { g, len: pt.length, exact };
        }
      }));
      if (best && best.exact) { out.push({ group: best.g, exact: true, word: toks.slice(i, i + best.len).join(' ') }); i += best.len; continue; }
      // A near miss of a one-word synonym (a typo in "EHCP") adds that group to the word's own matches.
      if (!root.stops.has(toks[i]) || toks.every((t) => root.stops.has(t))) out.push({ word: toks[i], group: best ? best.g : undefined });
      i++;
    }
    return out;
  }

  // Matches of one word: [posting list, factor, words to highlight]; and a better spelling.
  async function matchWord(w, last) {
    const hits = [];
    const sh = await shard(w);
    const add = (x, f, from = sh) => hits.push([decode(from.p[from.w[x]]), f, sameStem(from, x)]);
    if (sh && w in sh.w) add(w, 1);
    else if (sh) { const v = variants(w).find((x) => x in sh.w); if (v) add(v, 0.9); }
    const exact = hits.length > 0;
    if (sh && last && [...w].length >= 3) {
      Object.keys(sh.w).filter((x) => x !== w && x.startsWith(w)).slice(0, 30).forEach((x) => add(x, 0.6));
    }
    let better = null;
    const max = budget(w);
    if (!exact && max) {
      const letters = [...new Set([...w].slice(0, 2))];
      const dicts = await Promise.all(letters.map((l) => get(`d/${fileKey(l)}.json`)));
      const near = dicts.flatMap((d) => d || []).map((x) => [x, distance(w, x, max)])
        .filter(([, d]) => d <= max).sort((a, b) => a[1] - b[1]).slice(0, 6);
      for (const [x, d] of near) {
        const s = await shard(x);
        if (s && x in s.w) {
          add(x, d === 1 ? 0.5 : 0.35, s);
          if (!better || s.p[s.w[x]].length > better[1]) better = [x, s.p[s.w[x]].length];
        }
      }
    }
    return { hits, exact, better: better && better[0] };
  }

  async function groupHits(g, f) {
    const flat = await get(`g/${g}.json`);
    const hl = root.syn[g].concat(root.rep[g] === undefined ? [] : root.syn[root.rep[g]])
      .flatMap((p) => p.split(' ')).filter((t) => !root.stops.has(t));
    return flat ? [[decode(flat), f, hl]] : [];
  }

  async function matchUnit(u, last) {
    if (u.exact) return { hits: await groupHits(u.group, 1), exact: true, better: null };
    const m = await matchWord(u.word, last);
    if (!m.exact && u.group !== undefined) {
      m.hits.push(...await groupHits(u.group, 0.5));
      m.better = m.better || root.syn[u.group][0];
    }
    return m;
  }

  // Ranks pages: most query units matched, then most found in the title (a query that is a
  // page's title, or most of it, puts that page first), then most matched exactly, then score.
  async function rank(q, filter = {}) {
    if (!(await load())) return null;
    const us = units(tokens(q));
    const found = await Promise.all(us.map((u, i) => matchUnit(u, i === us.length - 1)));
    const pages = new Map();
    const hl = new Set();
    found.forEach(({ hits }) => {
      const best = new Map();
      for (const [postings, f, marks] of hits) {
        marks.forEach((m) => hl.add(m));
        for (const [p, sec, score, title] of postings) {
          const v = score * f;
          const cur = best.get(p);
          if (!cur || v > cur[0]) best.set(p, [v, sec, f >= 0.9, title && f >= 0.5]);
        }
      }
      for (const [p, [v, sec, ex, title]] of best) {
        const r = pages.get(p) || { p, n: 0, t: 0, e: 0, s: 0, top: 0, sec };
        r.n++; r.t += title; r.e += ex; r.s += v;
        if (v > r.top) { r.top = v; r.sec = sec; }
        pages.set(p, r);
      }
    });
    // 'v' marks a service's page: only those for "services only", and among parents' pages;
    // 'g' a glossary entry, shown to everyone but "services only".
    const aud = (p) => {
      const a = root.aud[p];
      if (!filter.aud) return true;
      if (filter.aud === 'v') return a === 'v';
      return a === filter.aud || a === 'e' || a === 'g' || (a === 'v' && filter.aud === 'p');
    };
    const sch = (p) => !filter.school || (filter.school === '-' ? !root.school[p]
      : !root.school[p] || root.sch[root.school[p] - 1] === filter.school);
    const results = [...pages.values()].filter((r) => aud(r.p) && sch(r.p))
      .sort((a, b) => b.n - a.n || b.t - a.t || b.e - a.e || b.s - a.s || a.p - b.p);
    // A glossary entry whose title holds every word of the query (the term, its abbreviation, or
    // a misspelling of one) is the answer: its definition goes first.
    const term = results.findIndex((r) => root.aud[r.p] === 'g' && r.n === us.length && r.t === us.length);
    if (term > 0) results.unshift(...results.splice(term, 1));
    const fixed = found.some((f) => !f.exact && f.better);
    const didYouMean = fixed && us.map((u, i) => (found[i].exact ? u.word : found[i].better || u.word)).join(' ');
    return { results, hl, didYouMean, units: us, glossaryFirst: term >= 0 && root.aud[results[0]?.p] === 'g' };
  }

  // Among the first results that have every query word in their title, the one whose title is
  // most nearly the query comes first: "How to complain, step by step" for that query, before a
  // longer title that also says "complain" and "step". The titles come from the excerpt files
  // the first results fetch anyway.
  const near = (a, b) => a === b || (a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length - b.length) <= 3);
  async function byTitle(out) {
    const words = out.units.map((u) => u.word).join(' ').split(' ').filter(Boolean);
    const from = out.glossaryFirst ? 1 : 0;
    let end = from;
    while (end < Math.min(out.results.length, 10) && out.results[end].n === out.units.length && out.results[end].t === out.units.length) end++;
    if (end - from < 2) return;
    const head = out.results.slice(from, end);
    const cover = await Promise.all(head.map(async (r) => {
      const group = await get(`e/${Math.floor(r.p / root.eg)}.json`);
      const data = group && group[r.p % root.eg];
      const own = data ? tokens(data[0]).filter((t) => !root.stops.has(t)) : [];
      return own.length ? own.filter((t) => words.some((w) => near(t, w))).length / own.length : 0;
    }));
    const order = head.map((r, i) => [r, cover[i], i]).sort((a, b) => b[1] - a[1] || a[2] - b[2]).map((x) => x[0]);
    out.results.splice(from, order.length, ...order);
  }

  // Excerpt of a section's text around the first matched word, matched words in <mark>.
  function excerpt(text, hl) {
    const marks = [];
    for (const m of text.matchAll(WORD)) {
      if (tokens(m[0]).some((t) => hl.has(t))) marks.push([m.index, m.index + m[0].length]);
    }
    let start = marks.length ? Math.max(0, marks[0][0] - 70) : 0;
    if (start > 0) start = text.indexOf(' ', start) + 1;
    let end = Math.min(text.length, start + 240);
    if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), start + 1);
    const p = document.createElement('p');
    let at = start;
    if (start > 0) p.append('…');
    for (const [a, b] of marks) {
      if (a < start || b > end) continue;
      p.append(text.slice(at, a));
      const mk = document.createElement('mark');
      mk.textContent = text.slice(a, b);
      p.append(mk);
      at = b;
    }
    p.append(text.slice(at, end) + (end < text.length ? '…' : ''));
    return p;
  }

  async function item(r, hl) {
    const group = await get(`e/${Math.floor(r.p / root.eg)}.json`);
    const data = group && group[r.p % root.eg];
    if (!data) return null;
    const [title, url, desc, sections] = data;
    const sec = sections[r.sec] || ['', '', desc];
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = sec[0] ? `${url}#${sec[0]}` : url;
    a.textContent = title;
    li.append(a);
    // Services, schools' pages and glossary entries say what kind of result they are.
    const kind = root.aud[r.p] === 'v' ? 'service' : root.aud[r.p] === 'g' ? 'word' : root.school[r.p] ? 'school' : '';
    if (kind) {
      li.className = `result-${kind}`;
      const label = document.createElement('span');
      label.className = 'result-label';
      label.textContent = kind === 'school' ? `${words.school}: ${root.sch[root.school[r.p] - 1]}` : words[kind];
      li.prepend(label, ' ');
    }
    if (kind === 'word') {
      const p = document.createElement('p');
      p.className = 'result-definition';
      p.textContent = desc;
      li.append(p);
      return li;
    }
    if (sec[1]) {
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = sec[1];
      li.append(where);
    }
    const text = sec[2] && [...tokens(sec[2])].some((t) => hl.has(t)) ? sec[2] : `${desc} ${sec[2] || ''}`;
    li.append(excerpt(text, hl));
    return li;
  }

  const say = (key, q, n) => words[key].replace('{q}', q).replace('{n}', n);
  let seq = 0;
  let shown = 0;
  let last = null;

  // Each search cancels the one before it: a search still waiting for its files when a newer
  // one starts (fast typing) drops its results instead of adding them to the newer list.
  async function run(q) {
    const mine = ++seq;
    q = q.trim();
    if (!q) { list.replaceChildren(); status.textContent = ''; suggest.hidden = true; return; }
    const out = await rank(q, { aud: audience.value, school: school.value });
    if (mine !== seq) return;
    if (!out) { status.textContent = words.error; return; }
    await byTitle(out);
    if (mine !== seq) return;
    last = { q, ...out, seq: mine };
    shown = 0;
    list.replaceChildren();
    await more();
    if (mine !== seq) return;
    const n = out.results.length;
    status.textContent = n === 0 ? say('none', q) : say(n === 1 ? 'one' : 'many', q, n);
    suggest.hidden = !out.didYouMean;
    if (out.didYouMean) {
      const a = suggest.querySelector('a');
      a.textContent = out.didYouMean;
      a.href = `?q=${encodeURIComponent(out.didYouMean)}`;
    }
  }

  async function more() {
    const mine = last.seq;
    const next = last.results.slice(shown, shown + 10);
    shown += next.length;
    const items = await Promise.all(next.map((r) => item(r, last.hl)));
    if (mine !== seq) return;
    list.append(...items.filter(Boolean));
    if (shown < last.results.length) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = words.more;
      b.addEventListener('click', async () => {
        const at = list.children.length - 1;
        li.remove();
        await more();
        list.children[at]?.querySelector('a')?.focus();
      });
      li.append(b);
      list.append(li);
    }
  }

  const remember = () => {
    const u = new URLSearchParams();
    u.set('q', input.value);
    if (audience.value) u.set('for', audience.value);
    if (school.value) u.set('school', school.value);
    history.replaceState(null, '', `?${u}`);
  };
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { remember(); run(input.value); }, 120);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); remember(); run(input.value); });
  for (const s of [audience, school]) s.addEventListener('change', () => { remember(); run(input.value); });

  // Arrow keys move between the input and result links; Enter follows the focused link.
  const links = () => [...list.querySelectorAll('a, button')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) { e.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement);
    if (i < 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && i === 0) input.focus();
    else all[Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))].focus();
  });

  window.senpackSearch = { rank, run };
  const params = new URLSearchParams(location.search);
  audience.value = params.get('for') || '';
  load().then((r) => {
    if (!r) return;
    for (const s of r.sch) school.add(new Option(s, s));
    if (r.sch.length) page.querySelector('.search-school').hidden = false;
    school.value = params.get('school') || '';
  });
  input.value = params.get('q') || '';
  if (input.value) run(input.value);
})();
