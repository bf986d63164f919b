// Writes a generated SEND-guidance site of N pages (default 10,000) for the search benchmark:
// 100 sections of pages with headings and ~350 words each, a few thousand place names to give a
// realistic vocabulary, and 20 "target" pages whose title names a topic that many other pages
// mention only in passing. Deterministic (seeded). Usage: node generate.mjs DIR [PAGES]
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const pages = Number(process.argv[3] || 10000);
if (!dir) { console.error('usage: node generate.mjs DIR [PAGES]'); process.exit(2); }

let seed = 42;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t ^= t + Math.imul(t ^ (t >>> 7), 61 | t); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rand() * a.length)];

export const TOPICS = ['dyslexia', 'tribunal', 'mediation', 'transport', 'physiotherapy', 'wheelchair', 'audiology',
  'ombudsman', 'apprenticeship', 'safeguarding', 'occupational', 'medication', 'exclusion', 'attendance',
  'bereavement', 'epilepsy', 'diabetes', 'autism', 'speech', 'hearing'];
const COMMON = ('child children young people parent carer school college teacher support help plan needs education health care '
  + 'assessment review meeting local authority council law duty right appeal decision letter report advice service team '
  + 'family home learning progress class lesson reading writing maths time week month year day ask write talk agree '
  + 'provision outcome evidence specialist therapist doctor nurse advice guidance information contact phone email form '
  + 'request reply deadline deliver share record change move start finish keep check look find need want give get make')
  .split(' ');
const SYL = ['ash', 'bro', 'cal', 'dun', 'elm', 'fen', 'gar', 'hol', 'ing', 'kes', 'lan', 'mor', 'nor', 'oak', 'pen',
  'ros', 'sal', 'tor', 'ux', 'vel', 'wick', 'yar', 'ton', 'ford', 'ley', 'by', 'ham', 'well', 'field', 'bury'];
const PLACES = Array.from({ length: 4000 }, () => { const w = pick(SYL) + pick(SYL) + pick(SYL); return w[0].toUpperCase() + w.slice(1); });

const sentence = (extra = []) => {
  const n = 8 + Math.floor(rand() * 10);
  const words = Array.from({ length: n }, () => (rand() < 0.06 ? pick(PLACES) : pick(COMMON)));
  for (const e of extra) words.splice(Math.floor(rand() * words.length), 0, e);
  const s = words.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
};
const para = (extra) => Array.from({ length: 4 }, (_, i) => sentence(i === 0 ? extra : [])).join(' ');

fs.rmSync(dir, { recursive: true, force: true });
const write = (rel, text) => { const f = path.join(dir, rel); fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, text); };
const fm = (title, description, body, audience = 'parents') => `---\ntitle: "${title}"\ndescription: "${description}"\naudience: ${audience}\n---\n${body}\n`;
write('site.yaml', 'title: "Bench site"\ndescription: "Generated for the search benchmark."\nbase_url: "https://bench.example"\n');
write('content/_index.md', fm('Home', 'Generated site.', 'Welcome.', 'everyone'));
const sections = 100;
const per = Math.ceil((pages - 1 - sections) / sections);
const targets = {};
let made = 1;
for (let s = 0; s < sections && made < pages; s++) {
  const sname = `area-${s}`;
  write(`content/${sname}/_index.md`, fm(`${pick(PLACES)} area ${s}`, `Guides for area ${s}.`, para([])));
  made++;
  for (let p = 0; p < per && made < pages; p++, made++) {
    const t = s * per + p;
    const target = t % 487 === 100 && Object.keys(targets).length < TOPICS.length ? TOPICS[Object.keys(targets).length] : null;
    const topic = target || pick(COMMON);
    const place = pick(PLACES);
    const title = target ? `${target[0].toUpperCase()}${target.slice(1)} support in ${place}` : `${topic[0].toUpperCase()}${topic.slice(1)} ${pick(COMMON)} in ${place}`;
    const mention = rand() < 0.15 ? [pick(TOPICS)] : [];
    let body = '';
    const headings = 3 + Math.floor(rand() * 3);
    for (let h = 0; h < headings; h++) {
      const heading = target && h === 0 ? `About ${target}` : `${pick(COMMON)} ${pick(COMMON)} ${h + 1}`;
      body += `## ${heading[0].toUpperCase()}${heading.slice(1)}\n\n${para(target ? [target] : h === 0 ? mention : [])}\n\n`;
    }
    const file = `content/${sname}/page-${p}.md`;
    if (target) targets[target] = `/${sname}/page-${p}/`;
    write(file, fm(title, `${sentence(target ? [target] : [])}`, body, rand() < 0.2 ? 'schools' : 'parents'));
  }
}
write('targets.json', JSON.stringify(targets, null, 1));
console.log(`wrote ${made} pages and ${Object.keys(targets).length} target pages to ${dir}`);
