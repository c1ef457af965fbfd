#!/usr/bin/env node
// Generates the demo district's roster (OneRoster 1.1 CSV) and usage exports
// (edvet, Microsoft Entra sign-ins, a ClassLink-style custom export, Canvas
// user access tokens) for fixtures/demo-district/.
//
//   node scripts/generate-demo.mjs [OUT_DIR]      (default: fixtures/demo-district)
//
// Deterministic: a seeded PRNG (no Math.random), no clock, no dependencies
// beyond Node. Running it twice gives the same bytes (gzip output depends on
// Node's zlib build; test/fixtures/demo-generator.test.ts compares .gz files
// by their decompressed content). The catalog and the policy are hand-written
// and are not touched; the school calendar and the product stories below must
// agree with edvet.policy.yaml and catalog/ (see EXPECTED.md).
//
// Everything here is fictional: names are drawn from invented lists, emails
// live at riverside.example, IP addresses are documentation ranges.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(process.argv[2] ?? join(HERE, '..', 'fixtures', 'demo-district'));

// ---------------------------------------------------------------- randomness
function hashString(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}
/** mulberry32, seeded by a label so each part of the data has its own stream. */
function rng(label) {
  let a = hashString(`riverside-usd-demo/v1/${label}`);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.chance = (p) => next() < p;
  next.hex = (n) => {
    let s = '';
    while (s.length < n) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  next.guid = () => `${next.hex(8)}-${next.hex(4)}-4${next.hex(3)}-${'89ab'[Math.floor(next() * 4)]}${next.hex(3)}-${next.hex(12)}`;
  next.shuffle = (arr) => {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  return next;
}

// ---------------------------------------------------------------- dates
const DAY_MS = 86400000;
/** Sign-ins per user are thinned so the committed exports stay small: every figure depends only on last-seen dates. */
const RATE_SCALE = 0.4;
const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const iso = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const weekday = (d) => new Date(d * DAY_MS).getUTCDay(); // 0 Sunday
const pad2 = (n) => String(n).padStart(2, '0');

/** America/Chicago UTC offset in hours for a local time after 03:00 on day d. */
function chicagoOffset(d) {
  const y = new Date(d * DAY_MS).getUTCFullYear();
  const nthSunday = (month, n) => {
    const first = Date.UTC(y, month, 1) / DAY_MS;
    return first + ((7 - weekday(first)) % 7) + 7 * (n - 1);
  };
  return d >= nthSunday(2, 2) && d < nthSunday(10, 1) ? -5 : -6;
}

// The school calendar of edvet.policy.yaml (keep the two in step).
const TERMS = [
  ['2025-08-18', '2025-12-19'],
  ['2026-01-05', '2026-05-29'],
  ['2026-08-17', '2026-12-22'],
  ['2027-01-04', '2027-05-28'],
];
const CLOSED = [
  '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-26/2025-11-28', '2025-12-22/2026-01-05', '2026-01-19',
  '2026-02-16', '2026-03-16/2026-03-20', '2026-04-03', '2026-05-25', '2026-09-07', '2026-10-12', '2026-11-11',
  '2026-11-25/2026-11-27', '2026-12-21/2027-01-04', '2027-01-18', '2027-02-15', '2027-03-15/2027-03-19', '2027-03-26',
];
const closedDays = new Set();
for (const c of CLOSED) {
  const [a, b = a] = c.split('/');
  for (let d = day(a); d <= day(b); d++) closedDays.add(d);
}
const isSchoolDay = (d) => {
  const w = weekday(d);
  if (w === 0 || w === 6 || closedDays.has(d)) return false;
  return TERMS.some(([s, e]) => d >= day(s) && d <= day(e));
};

const DATA_START = day('2025-08-18');
const DATA_END = day('2026-11-20'); // the exports were pulled on Friday 2026-11-20
const AS_OF = day('2026-11-23');
const SCHOOL_DAYS = [];
for (let d = DATA_START; d <= DATA_END; d++) if (isSchoolDay(d)) SCHOOL_DAYS.push(d);
/** First day of the window of n school days ending at as-of (policy.md, "School days"). */
function windowStart(n) {
  let count = 0;
  for (let d = AS_OF; ; d--) {
    if (isSchoolDay(d)) count++;
    if (count === n) return d;
  }
}
const W30 = windowStart(30); // active window
const SEM = windowStart(90); // semester window
const schoolDaysIn = (a, b) => SCHOOL_DAYS.filter((d) => d >= a && d <= b);

// ---------------------------------------------------------------- CSV
function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (cells) => cells.map(csvCell).join(',');
function writeCsv(rel, header, rows, { gzip = false, eol = '\n' } = {}) {
  const text = [csvLine(header), ...rows.map((r) => (typeof r === 'string' ? r : csvLine(r)))].join(eol) + eol;
  const path = join(OUT, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzip ? gzipSync(Buffer.from(text, 'utf8'), { level: 9 }) : text);
  return path;
}

// ---------------------------------------------------------------- names
const FIRST = `Ayla Bastian Cordelia Dashiell Emrys Fenna Gideon Hollis Ines Kestrel Linnea Mireille Niamh Oren Perpetua
Quillon Rosalind Soren Tamsin Ulric Verity Wystan Xiomara Yusra Zephyrine Anouk Bram Calla Desmond Elowen Florian Greer
Hugo Isolde Jasper Kaia Leander Marisol Nico Odalys Piers Quinlan Rafferty Saoirse Thaddeus Una Valentin Wren Xander
Yara Zuri Amara Beatrix Cassius Delphine Ezra Farah Giulia Hamish Ivo Juniper Kenji Lucinda Matthias Nadia Oona Priya
Rohan Sabine Tobias Uma Vikram Willa Ximena Yosef Zora Adaeze Bodhi Citlali Dmitri Esme Fitz Greta Haruto Imogen Jovan
Keziah Lorcan Maelis Nnamdi Ottilie Pilar Rainer Suvi Teodor Ysolde Zainab Leilani Mateo Amani Corin Dagny Eamon Frida
Idris Jolene Kwame Liesel Marek Noor Osric Paloma`.split(/\s+/);
const LAST = `Ashgrove Bellwether Brackenridge Thornquist Quillfeather Marchbanks Thistlewood Pennywhistle Larkspur Fenwicke
Hollowell Brightwater Duskfield Ambervale Windermere Stonebridge Merriweather Kettleborough Greywillow Haverbrook Penhallow
Wexley Yarborough Okonkwo-Vale Nakashima-Reyes Castellanos-Frye Delacroix-Hunt Abernethy Rosenquist Halloran-Diaz
Pemberton-Singh Achterberg Bjornstad Cavendale Drummonde Eastwick Fairbrother Gallowglass Hargreave Ingleby Jessamine
Kilbride Lockridge Marlowe-Chen Northcott Oakhurst Pryderi Quarrington Ravensdale Sallowfield Trevethan Vasquez-Lund
Whitlock-Amari Zabriskie Aldergrove Birchall Copperthwaite Dunmore-Patel Everhart Foxcroft Gildersleeve Hawksmoor Ivesdale
Juxon Lindqvist-Obi Mossbrook Nettlefold Ormsby-Tran Pallister Quennell Ruddock-Ibe Silverthorn Tallowmere Upfield Vireo
Wintergreen Yelverton Zolnay-Brooks Ferncastle Glenhaven Heathcote-Mori Amberleigh Blackwood-Sato Calderbank Dovecote
Ellingham Farrowby Gracechurch Hazelrigg Inchbald Kittredge Loxley-Ade Mapplethorpe-Kim Nightshade Overbury Plumtree`.split(/\s+/);

// ---------------------------------------------------------------- roster
const MODIFIED = '2026-08-10T06:15:00.000Z';
const SCHOOLS = [
  { id: 'lincoln-es', name: 'Lincoln Elementary School', identifier: '170993-0412', level: 'es' },
  { id: 'maple-es', name: 'Maple Grove Elementary School', identifier: '170993-0418', level: 'es' },
  { id: 'riverbend-es', name: 'Riverbend Elementary School', identifier: '170993-0421', level: 'es', pk: true },
  { id: 'oak-ms', name: 'Oak Ridge Middle School', identifier: '170993-1107', level: 'ms' },
  { id: 'willow-ms', name: 'Willow Creek Middle School', identifier: '170993-1112', level: 'ms' },
  { id: 'riverside-hs', name: 'Riverside High School', identifier: '170993-2001', level: 'hs' },
];
const schoolById = Object.fromEntries(SCHOOLS.map((s) => [s.id, s]));
const CEDS = { PK: 'PK', TK: 'TK', K: 'KG' };
const ceds = (g) => CEDS[g] ?? pad2(g);
const gradeNum = (g) => (g === 'PK' ? -2 : g === 'TK' ? -1 : g === 'K' ? 0 : Number(g));

function buildRoster() {
  const r = rng('roster');
  const users = [];
  const usedIds = new Set();
  const usedNames = new Set();
  const newId = (prefix) => {
    for (;;) {
      const id = `${prefix}-${r.hex(8)}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const person = () => {
    for (;;) {
      const given = r.pick(FIRST);
      const family = r.pick(LAST);
      const key = `${given} ${family}`;
      if (!usedNames.has(key)) {
        usedNames.add(key);
        return { given, family };
      }
    }
  };
  const uname = (given, family, suffix = '') => `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + suffix;
  let empNo = 20417;
  let stuNo = 304118;

  const addStaff = (role, orgs, title) => {
    const { given, family } = person();
    const username = uname(given, family);
    const u = {
      sourcedId: newId('u'), status: 'active', enabled: 'TRUE', orgs, role, username, given, family,
      identifier: `E${empNo++}`, email: `${username}@riverside.example`, grades: '', title,
    };
    users.push(u);
    return u;
  };
  const addStudent = (school, grade) => {
    const { given, family } = person();
    const gradYear = 2027 + (12 - gradeNum(grade));
    const username = uname(given, family, String(gradYear).slice(2));
    const u = {
      sourcedId: newId('u'), status: 'active', enabled: 'TRUE', orgs: school.id, role: 'student', username, given, family,
      identifier: `S${stuNo++}`, email: `${username}@students.riverside.example`, grades: ceds(grade), school: school.id, grade,
    };
    users.push(u);
    return u;
  };

  // District office and school staff (OneRoster 1.1 roles administrator / aide).
  const districtStaff = ['Superintendent', 'Chief Technology Officer', 'Chief Financial Officer', 'Director of Digital Learning',
    'Director of Literacy', 'Director of Assessment', 'Payroll Specialist', 'Accounts Payable Specialist', 'Purchasing Coordinator',
    'Data Systems Analyst', 'Communications Coordinator', 'Student Services Coordinator', 'Budget Analyst', 'HR Generalist'];
  for (const t of districtStaff) addStaff('administrator', 'riverside-usd', t);
  for (const s of SCHOOLS) {
    addStaff('administrator', s.id, 'Principal');
    if (s.level !== 'es') addStaff('administrator', s.id, 'Assistant Principal');
    addStaff('administrator', s.id, 'Office Manager');
    addStaff('aide', s.id, 'Instructional Aide');
    addStaff('aide', s.id, 'Instructional Aide');
  }

  const classes = [];
  const enrollments = [];
  const addClass = (school, title, grades, course, code, type, location, subject, teacher, students) => {
    const c = {
      sourcedId: `c-${r.hex(8)}`, title, grades: grades.map(ceds).join(','), course, code, type, location,
      school: school.id, terms: 'as-2026-fa,as-2027-sp', subject, periods: type === 'homeroom' ? '' : String(r.int(1, 7)),
    };
    classes.push(c);
    teacher.classes.push(c);
    for (const g of grades) teacher.teachGrades.add(g);
    enrollments.push({ cls: c, user: teacher, role: 'teacher', primary: 'true' });
    for (const st of students) enrollments.push({ cls: c, user: st, role: 'student', primary: 'false' });
  };
  const addTeacher = (school, subject) => {
    const t = addStaff('teacher', school.id, null);
    t.school = school.id;
    t.subject = subject;
    t.classes = [];
    t.teachGrades = new Set();
    return t;
  };

  let room = 100;
  for (const s of SCHOOLS) {
    if (s.level === 'es') {
      const grades = ['K', 1, 2, 3, 4, 5];
      if (s.pk) {
        const t = addTeacher(s, 'early childhood');
        const kids = Array.from({ length: 18 }, () => addStudent(s, 'PK'));
        addClass(s, 'Pre-K - Room 104', ['PK'], 'crs-es-pk', 'PK-AM', 'homeroom', 'Room 104', 'Early Childhood', t, kids);
      }
      for (const g of grades) {
        const n = r.int(60, 66);
        const kids = Array.from({ length: n }, () => addStudent(s, g));
        for (let h = 0; h < 3; h++) {
          const t = addTeacher(s, 'homeroom');
          const part = kids.filter((_, i) => i % 3 === h);
          const label = g === 'K' ? 'Kindergarten' : `Grade ${g}`;
          const rm = room++;
          addClass(s, `${label} - Room ${rm}`, [g], `crs-es-${ceds(g).toLowerCase()}`, `${ceds(g)}-HR${h + 1}`, 'homeroom', `Room ${rm}`, 'Homeroom', t, part);
          t.homeroomStudents = part;
        }
      }
      for (const spec of ['Art and Music', 'Physical Education']) {
        const t = addTeacher(s, spec === 'Art and Music' ? 'arts' : 'pe');
        addClass(s, `${spec} K-5`, grades, `crs-es-${t.subject}`, `${t.subject.toUpperCase()}-K5`, 'scheduled', spec === 'Art and Music' ? 'Studio' : 'Gym', spec, t, []);
      }
    } else {
      const grades = s.level === 'ms' ? [6, 7, 8] : [9, 10, 11, 12];
      const perGrade = s.level === 'ms' ? 100 : 165;
      const byGrade = new Map(grades.map((g) => [g, Array.from({ length: perGrade + r.int(-3, 3) }, () => addStudent(s, g))]));
      const core = [['math', 'Mathematics'], ['ela', 'English Language Arts'], ['science', 'Science'], ['social studies', 'Social Studies']];
      for (const [subject, label] of core) {
        const teachers = Array.from({ length: s.level === 'ms' ? 3 : 6 }, () => addTeacher(s, subject));
        // Sections: 25-ish students each, assigned grade by grade so a teacher covers one or two grades.
        const sections = [];
        for (const g of grades) {
          const kids = byGrade.get(g);
          const n = Math.round(kids.length / 24);
          for (let k = 0; k < n; k++) sections.push({ g, k, kids: kids.filter((_, i) => i % n === k) });
        }
        sections.forEach((sec, i) => {
          const t = teachers[Math.floor((i * teachers.length) / sections.length)];
          const rm = room++;
          addClass(s, `${label} ${sec.g} - Section ${sec.k + 1}`, [sec.g], `crs-${s.level}-${subject.replace(' ', '')}-${sec.g}`,
            `${subject.slice(0, 3).toUpperCase()}${sec.g}-${pad2(sec.k + 1)}`, 'scheduled', `Room ${rm}`, label, t, sec.kids);
        });
      }
      const electives = s.level === 'ms'
        ? [['arts', 'Art'], ['pe', 'Physical Education'], ['cs', 'Technology and Coding']]
        : [['world language', 'Spanish'], ['world language', 'French'], ['cs', 'Computer Science Principles'], ['cs', 'Web Design'], ['arts', 'Studio Art'], ['pe', 'Health and Fitness']];
      for (const [subject, label] of electives) {
        const t = addTeacher(s, subject);
        const rm = room++;
        addClass(s, `${label}`, grades, `crs-${s.level}-${subject.replace(' ', '')}`, label.slice(0, 4).toUpperCase(), 'scheduled', `Room ${rm}`, label, t, []);
      }
    }
  }
  // Real-world leftovers the reader must skip: students who left (tobedeleted) and a teacher on leave.
  const leavers = [];
  for (const sid of ['maple-es', 'oak-ms', 'riverside-hs']) {
    const s = schoolById[sid];
    const u = addStudent(s, s.level === 'es' ? 4 : s.level === 'ms' ? 7 : 11);
    u.status = 'tobedeleted';
    leavers.push(u);
  }
  const onLeave = addStaff('teacher', 'oak-ms', null);
  onLeave.enabled = 'FALSE';
  onLeave.school = 'oak-ms';
  onLeave.subject = 'ela';
  onLeave.classes = [];
  onLeave.teachGrades = new Set();
  return { users, classes, enrollments, leavers, onLeave };
}

function writeRoster(R) {
  writeCsv('roster/manifest.csv', ['propertyName', 'value'], [
    ['manifest.version', '1.0'], ['oneroster.version', '1.1'], ['file.academicSessions', 'bulk'], ['file.categories', 'absent'],
    ['file.classes', 'bulk'], ['file.classResources', 'absent'], ['file.courses', 'bulk'], ['file.courseResources', 'absent'],
    ['file.demographics', 'absent'], ['file.enrollments', 'bulk'], ['file.lineItems', 'absent'], ['file.orgs', 'bulk'],
    ['file.resources', 'absent'], ['file.results', 'absent'], ['file.users', 'bulk'], ['source.systemCode', 'RUSD-SIS'],
    ['source.systemName', 'Riverside Student Information System'],
  ]);
  writeCsv('roster/orgs.csv', ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'], [
    ['riverside-usd', 'active', MODIFIED, 'Riverside Unified School District', 'district', '170993', ''],
    ...SCHOOLS.map((s) => [s.id, 'active', MODIFIED, s.name, 'school', s.identifier, 'riverside-usd']),
  ]);
  writeCsv('roster/academicSessions.csv', ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'], [
    ['as-2026-27', 'active', MODIFIED, '2026-2027', 'schoolYear', '2026-08-17', '2027-05-28', '', '2027'],
    ['as-2026-fa', 'active', MODIFIED, 'Fall 2026', 'semester', '2026-08-17', '2026-12-22', 'as-2026-27', '2027'],
    ['as-2027-sp', 'active', MODIFIED, 'Spring 2027', 'semester', '2027-01-04', '2027-05-28', 'as-2026-27', '2027'],
  ]);
  const courses = new Map();
  for (const c of R.classes) if (!courses.has(c.course)) courses.set(c.course, c);
  writeCsv('roster/courses.csv', ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
    [...courses.values()].map((c) => [c.course, 'active', MODIFIED, 'as-2026-27', c.subject, c.course.toUpperCase(), c.grades, 'riverside-usd', c.subject, '']));
  writeCsv('roster/classes.csv', ['sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods'],
    R.classes.map((c) => [c.sourcedId, 'active', MODIFIED, c.title, c.grades, c.course, c.code, c.type, c.location, c.school, c.terms, c.subject, '', c.periods]));
  writeCsv('roster/users.csv', ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password'],
    R.users.map((u) => [u.sourcedId, u.status, MODIFIED, u.enabled, u.orgs, u.role, u.username, u.role === 'student' ? '' : `{SIS:${u.identifier}}`, u.given, u.family, '', u.identifier, u.email, '', '', '', u.grades, '']));
  const er = rng('enrollment-ids');
  writeCsv('roster/enrollments.csv', ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
    R.enrollments.map((e) => [`e-${er.hex(10)}`, 'active', MODIFIED, e.cls.sourcedId, e.cls.school, e.user.sourcedId, e.role, e.primary, '2026-08-17', '2027-05-28']));
}

// ---------------------------------------------------------------- usage model
// Each product's story: who may use it, how many of them are still active
// ("cur": last sign-in inside the 30-school-day window), active earlier this
// semester only ("sem"), active only before that ("old"), and through which
// exports (channel weights). Fractions are of the eligible pool.
const PRODUCT_STORIES = [
  { app: 'mathspark', first: '2025-08-18',
    students: { where: { level: 'es', grades: ['K', 1, 2, 3, 4, 5] }, cur: 0.68, sem: 0.08, old: 0.06, rate: 0.07 },
    teachers: { where: { level: 'es', notSubject: ['early childhood'] }, cur: 0.8, sem: 0.08, old: 0.05, rate: 0.06 },
    channels: [['edvet', 'MathSpark Adaptive', 'ms-7781', 0.6], ['classlink', 'MathSpark Adaptive (ClassLink)', null, 0.4]] },
  { app: 'wordwise', first: '2025-08-18',
    students: { where: { level: ['es', 'ms'], grades: ['K', 1, 2, 3, 4, 5, 6, 7, 8] }, cur: 0.31, sem: 0.1, old: 0.16, rate: 0.05 },
    teachers: { where: { level: ['es', 'ms'], notSubject: ['early childhood'], subjectBoost: { ela: 1, homeroom: 0.7 }, base: 0.35 }, cur: 0.5, sem: 0.15, old: 0.12, rate: 0.05 },
    channels: [['edvet', 'WordWise Reader', 'ww-2210', 0.7], ['classlink', 'WordWise', null, 0.3]] },
  { app: 'storyquest', first: '2026-08-17',
    students: { where: { homerooms: [['maple-es', [1, 2]], ['riverbend-es', [3, 4]]] }, cur: 0.9, sem: 0.05, old: 0, rate: 0.12 },
    teachers: { where: { homeroomsOf: [['maple-es', [1, 2]], ['riverbend-es', [3, 4]]] }, cur: 1, sem: 0, old: 0, rate: 0.2 },
    channels: [['edvet', 'StoryQuest ELA', 'sq-0042', 1]] },
  { app: 'labnotebook', first: '2025-08-18',
    students: { where: { level: ['ms', 'hs'] }, cur: 0.5, sem: 0.12, old: 0.08, rate: 0.035 },
    teachers: { where: { level: ['ms', 'hs'], subjectBoost: { science: 1, math: 0.6, cs: 0.5 }, base: 0.2 }, cur: 0.85, sem: 0.1, old: 0.05, rate: 0.07 },
    channels: [['edvet', 'LabNotebook Science', 'ln-3310', 1]], tokens: ['LabNotebook LTI 1.3', '10000000000417'] },
  { app: 'legacy-gradebook', first: '2025-08-18',
    teachers: { where: {}, cur: 0.93, sem: 0.04, old: 0.01, rate: 0.12 },
    staff: { where: { roles: ['administrator'], schoolOnly: true }, cur: 0.7, sem: 0.1, old: 0, rate: 0.05 },
    subs: 3,
    channels: [['entra', 'GradeLedger Classic', 'b7e4f1a2-9c3d-4e5f-8a6b-1c2d3e4f5a6b', 1]] },
  { app: 'ledgerleaf', first: '2025-08-18',
    staff: { where: { roles: ['administrator'] }, cur: 0.62, sem: 0.12, old: 0.06, rate: 0.06 },
    channels: [['entra', 'LedgerLeaf', 'c1a9e8d7-3b2f-4a1e-9d8c-7b6a5f4e3d2c', 1]] },
  { app: 'signalboard', first: '2025-08-18', last: '2026-06-05',
    teachers: { where: {}, cur: 0, sem: 0.15, old: 0.55, rate: 0.03 },
    staff: { where: { roles: ['administrator'], schoolOnly: true }, cur: 0, sem: 0.3, old: 0.5, rate: 0.04 },
    channels: [['entra', 'SignalBoard', 'e5d4c3b2-a1f0-4e9d-8c7b-6a5f4e3d2c1b', 1]] },
  { app: 'pathfinder', first: '2026-09-08',
    students: { where: { level: 'hs' }, cur: 0.62, sem: 0.1, old: 0, rate: 0.035 },
    teachers: { where: { level: 'hs' }, cur: 0.5, sem: 0.1, old: 0, rate: 0.04 },
    staff: { where: { roles: ['administrator'], schools: ['riverside-hs'] }, cur: 1, sem: 0, old: 0, rate: 0.1 },
    channels: [['entra', 'PathFinder CCR', 'f2e1d0c9-b8a7-4f6e-9d5c-4b3a2f1e0d9c', 1]] },
  { app: 'phonicspath', first: '2025-08-18',
    students: { where: { level: 'es', grades: ['K', 1, 2, 3] }, share: 0.38, cur: 0.78, sem: 0.08, old: 0.1, rate: 0.1 },
    teachers: { where: { level: 'es', grades: ['K', 1, 2, 3], subjectBoost: { homeroom: 0.85 }, base: 0.1 }, cur: 0.85, sem: 0.1, old: 0.05, rate: 0.08 },
    channels: [['edvet', 'PhonicsPath', 'pp-5120', 1]] },
  { app: 'tutorline', first: '2025-08-18',
    students: { where: { level: ['ms', 'hs'] }, share: 0.16, cur: 0.14, sem: 0.1, old: 0.62, rate: 0.04 },
    teachers: { where: { level: ['ms', 'hs'] }, cur: 0.07, sem: 0.05, old: 0.25, rate: 0.03 },
    channels: [['classlink', 'TutorLine', null, 1]] },
  { app: 'readbridge', first: '2025-08-18',
    students: { where: { level: 'es', grades: [2, 3, 4, 5] }, cur: 0.1, sem: 0.14, old: 0.5, rate: 0.05 },
    teachers: { where: { level: 'es', grades: [2, 3, 4, 5], subjectBoost: { homeroom: 1 }, base: 0 }, cur: 0.2, sem: 0.25, old: 0.45, rate: 0.04 },
    channels: [['edvet', 'ReadBridge', 'rb-0917', 0.85], ['classlink', 'Read Bridge', null, 0.15]] },
  { app: 'chatternest', first: '2026-09-14',
    students: { where: { level: 'ms', schools: ['oak-ms'], grades: [7] }, share: 0.5, cur: 0.85, sem: 0.15, old: 0, rate: 0.08 },
    teachers: { where: { schools: ['oak-ms'], subjectBoost: { ela: 1 }, base: 0 }, limit: 2, cur: 1, sem: 0, old: 0, rate: 0.15 },
    channels: [['edvet', 'ChatterNest', 'cn-7702', 1]] },
  { app: 'clarityprep', first: '2025-08-18',
    students: { where: { level: 'hs' }, cur: 0.19, sem: 0.13, old: 0.3, rate: 0.02 },
    teachers: { where: { level: 'hs', subjectBoost: { math: 1, ela: 1 }, base: 0.15 }, cur: 0.55, sem: 0.2, old: 0.1, rate: 0.03 },
    graduates: 70,
    channels: [['entra', 'ClarityPrep SAT Suite', '3f9c2d7e-5b1a-4e8f-9c6d-2a7b8e1f0c43', 0.8], ['entra', 'ClarityPrep', '3f9c2d7e-5b1a-4e8f-9c6d-2a7b8e1f0c43', 0.2]] },
  { app: 'benchmark', first: '2025-08-18', screening: true,
    students: { where: { level: ['es', 'ms'], grades: ['K', 1, 2, 3, 4, 5, 6, 7, 8] }, cur: 0.14, sem: 0.8, old: 0.03, rate: 0.003 },
    teachers: { where: { level: ['es', 'ms'], notSubject: ['early childhood'] }, cur: 0.35, sem: 0.5, old: 0.05, rate: 0.02 },
    // Students launch the screener from the portal (edvet export); teachers open reports through Entra SSO.
    channels: [['edvet', 'Halcyon Assessment Portal', 'hal-2207', 1]],
    teacherChannels: [['entra', 'Halcyon Assessment Portal', '8d41b6a0-2c7e-4f13-a95b-6e0d3c9f7a12', 1]] },
  { app: 'homebridge', first: '2025-08-18',
    teachers: { where: {}, cur: 0.78, sem: 0.1, old: 0.05, rate: 0.06 },
    staff: { where: { roles: ['administrator'] }, cur: 0.6, sem: 0.1, old: 0.1, rate: 0.05 },
    families: 420,
    channels: [['edvet', 'HomeBridge', 'hb-1188', 1]] },
  { app: 'keyquest', first: '2025-08-18',
    students: { where: { grades: [3, 4, 5, 6, 7, 8] }, cur: 0.4, sem: 0.12, old: 0.15, rate: 0.04 },
    teachers: { where: { level: ['es', 'ms'], grades: [3, 4, 5, 6, 7, 8], subjectBoost: { cs: 1, homeroom: 0.8 }, base: 0.45 }, cur: 0.5, sem: 0.15, old: 0.1, rate: 0.04 },
    channels: [['classlink', 'KeyQuest Typing', null, 1]] },
  { app: 'tkready', first: '2025-08-18',
    tk: { students: 34, teachers: 2, cur: 0.82, sem: 0.12, old: 0.06, rate: 0.15 },
    channels: [['edvet', 'Little Sprouts', 'ls-0301', 1]] },
  { app: 'codecanvas', first: '2026-01-05',
    students: { where: { schools: ['willow-ms', 'riverside-hs'] }, share: 0.42, cur: 0.4, sem: 0.25, old: 0.25, rate: 0.05 },
    teachers: { where: { schools: ['willow-ms', 'riverside-hs'], subjectBoost: { cs: 1, math: 0.3 }, base: 0 }, cur: 1, sem: 0, old: 0, rate: 0.2 },
    channels: [['classlink', 'CodeCanvas Studio', null, 1]], tokens: ['CodeCanvas Studio (LTI)', '10000000000522'] },
  { app: 'atlasworks', first: '2025-08-18',
    students: { where: { level: 'ms' }, cur: 0.45, sem: 0.15, old: 0.15, rate: 0.04 },
    teachers: { where: { level: 'ms', subjectBoost: { 'social studies': 1 }, base: 0.4 }, cur: 0.75, sem: 0.15, old: 0.05, rate: 0.05 },
    channels: [['classlink', 'AtlasWorks', null, 1]] },
  { app: 'vocabvault', first: '2025-08-18',
    students: { where: { level: ['ms', 'hs'] }, cur: 0.03, sem: 0.02, old: 0.14, rate: 0.03 },
    teachers: { where: { level: ['ms', 'hs'], subjectBoost: { ela: 0.55 }, base: 0.05 }, cur: 0.45, sem: 0.2, old: 0.35, rate: 0.04 },
    channels: [['classlink', 'VocabVault', null, 1]] },
  { app: 'slideforge', first: '2025-08-18',
    students: { where: { level: ['es', 'ms', 'hs'], grades: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, cur: 0.72, sem: 0.1, old: 0.06, rate: 0.02 },
    teachers: { where: {}, cur: 0.72, sem: 0.12, old: 0.06, rate: 0.03 },
    channels: [['edvet', 'SlideForge Classroom', 'sf-9001', 1]] },
  // scribespark: no row matches it. The pilot's launches arrive as "Scribe Spark Writer" (below, unmatched).
];

// Apps in the exports that match no product (shadow IT, district services, mapping mistakes).
const UNMATCHED = [
  { channel: 'edvet', app: 'Kahoot!', appId: 'kh-5555', students: { where: { level: ['ms', 'hs'] }, share: 0.35 }, teachers: 0.3, rate: 0.03, first: '2025-08-18' },
  { channel: 'edvet', app: 'Scribe Spark Writer', appId: 'ssw-3120', students: { where: { schools: ['lincoln-es', 'oak-ms'], grades: [3, 4, 5, 6, 7, 8] }, share: 0.55 }, teachers: 0.5, teacherWhere: { schools: ['lincoln-es', 'oak-ms'], grades: [3, 4, 5, 6, 7, 8] }, rate: 0.08, first: '2026-08-24' },
  { channel: 'edvet', app: 'Riverside Public Library eBooks', appId: 'rpl-0001', students: { where: { level: 'es' }, share: 0.12 }, teachers: 0.05, rate: 0.03, first: '2025-08-18' },
  { channel: 'classlink', app: 'Kahoot!', students: { where: { level: 'ms' }, share: 0.2 }, teachers: 0.2, rate: 0.03, first: '2025-08-18' },
  { channel: 'classlink', app: 'BrainBurst Trivia', students: { where: { level: 'ms' }, share: 0.1 }, teachers: 0.1, rate: 0.02, first: '2026-01-05' },
  { channel: 'entra', app: 'Riverside Staff Intranet', appId: '0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a50', teachers: 0.5, staff: 0.7, rate: 0.03, first: '2025-08-18' },
  { channel: 'entra', app: 'PaperTrail Print Release', appId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', teachers: 0.25, staff: 0.3, rate: 0.02, first: '2025-08-18' },
  { channel: 'tokens', app: 'Quiz Wizard', appId: '10000000000688', teachers: 0.08, first: '2025-08-18' },
];

function selectPool(R, kind, where = {}) {
  const { users } = R;
  const levelOk = (u) => {
    if (!where.level) return true;
    const lv = Array.isArray(where.level) ? where.level : [where.level];
    return u.school && lv.includes(schoolById[u.school].level);
  };
  const schoolOk = (u) => !where.schools || where.schools.includes(u.school ?? u.orgs);
  if (kind === 'students') {
    if (where.homerooms) {
      const out = [];
      for (const [sid, grades] of where.homerooms) {
        for (const t of users) if (t.role === 'teacher' && t.school === sid && t.homeroomStudents && grades.includes(t.homeroomStudents[0]?.grade)) out.push(...t.homeroomStudents);
      }
      return out;
    }
    return users.filter((u) => u.role === 'student' && u.status === 'active' && levelOk(u) && schoolOk(u) && (!where.grades || where.grades.includes(u.grade)));
  }
  if (kind === 'teachers') {
    if (where.homeroomsOf) {
      return users.filter((t) => t.role === 'teacher' && t.homeroomStudents && where.homeroomsOf.some(([sid, gr]) => t.school === sid && gr.includes(t.homeroomStudents[0]?.grade)));
    }
    return users.filter((u) => u.role === 'teacher' && u.enabled === 'TRUE' && levelOk(u) && schoolOk(u) &&
      (!where.notSubject || !where.notSubject.includes(u.subject)) &&
      (!where.grades || where.grades.some((g) => u.teachGrades.has(g))));
  }
  // staff
  return users.filter((u) => (where.roles ?? ['administrator', 'aide']).includes(u.role) &&
    (!where.schoolOnly || u.orgs !== 'riverside-usd') && (!where.schools || where.schools.includes(u.orgs)));
}

/** Splits a pool into last-seen profiles: cur / sem / old / never. */
function assignProfiles(r, pool, spec) {
  let people = r.shuffle(pool);
  if (spec.share !== undefined) people = people.slice(0, Math.round(pool.length * spec.share));
  if (spec.limit !== undefined) people = people.slice(0, spec.limit);
  const n = people.length;
  const nCur = Math.round(n * spec.cur);
  const nSem = Math.round(n * spec.sem);
  const nOld = Math.round(n * spec.old);
  return people.map((u, i) => ({ u, profile: i < nCur ? 'cur' : i < nCur + nSem ? 'sem' : i < nCur + nSem + nOld ? 'old' : null })).filter((x) => x.profile);
}

/** Subject-weighted teacher selection: who engages at all, then the cur/sem/old shares among them. */
function teacherProfiles(r, pool, spec) {
  const w = spec.where ?? {};
  let engaged = r.shuffle(pool);
  if (w.subjectBoost) engaged = engaged.filter((t) => r.chance(w.subjectBoost[t.subject] ?? w.base ?? 0));
  if (spec.limit !== undefined) engaged = engaged.slice(0, spec.limit);
  const n = engaged.length;
  const total = spec.cur + spec.sem + spec.old;
  const scale = w.subjectBoost ? 1 / total : 1; // among engaged teachers the shares are relative
  const nCur = Math.round(n * spec.cur * scale);
  const nSem = Math.round(n * spec.sem * scale);
  const nOld = Math.round(n * spec.old * scale);
  return engaged.map((u, i) => ({ u, profile: i < nCur ? 'cur' : i < nCur + nSem ? 'sem' : i < nCur + nSem + nOld ? 'old' : null })).filter((x) => x.profile);
}

/** Days on which one user signs in, given the profile and the product's dates. */
function activityDays(r, profile, { first, last, rate, screening }) {
  const lastRange = profile === 'cur' ? [Math.max(W30, first), last] : profile === 'sem' ? [Math.max(SEM, first), Math.min(W30 - 1, last)] : [first, Math.min(SEM - 1, last)];
  const candidates = schoolDaysIn(lastRange[0], lastRange[1]);
  if (candidates.length === 0) return [];
  // Most users' last sign-in is near the end of their range (they are still using it then).
  const pickLast = candidates[Math.min(candidates.length - 1, Math.floor(candidates.length * Math.sqrt(r())))];
  const startPool = schoolDaysIn(first, pickLast);
  const start = startPool[Math.floor(startPool.length * r() * r() * 0.8)];
  const days = new Set([start, pickLast]);
  const userRate = RATE_SCALE * rate * (0.5 + r());
  for (let d = start + 1; d < pickLast; d++) {
    if (isSchoolDay(d)) {
      if (r.chance(userRate)) days.add(d);
    } else if (weekday(d) === 0 || weekday(d) === 6 ? r.chance(userRate * 0.06) : false) days.add(d);
  }
  if (screening) {
    // A screener is sat once per window (fall, winter, spring) by everyone using it then.
    for (const [a, b] of SCREENING) {
      const inWin = schoolDaysIn(Math.max(start, day(a)), Math.min(pickLast, day(b)));
      if (inWin.length) days.add(inWin[Math.floor(r() * inWin.length)]);
    }
  }
  return [...days].sort((a, b) => a - b);
}
const SCREENING = [['2025-09-08', '2025-09-26'], ['2026-01-12', '2026-01-30'], ['2026-04-27', '2026-05-15'], ['2026-09-08', '2026-09-25']];

/** A local Chicago time of day (seconds after midnight) for a sign-in. */
function signInTime(r, role, d) {
  const weekend = weekday(d) === 0 || weekday(d) === 6 || !isSchoolDay(d);
  const evening = weekend ? r.chance(0.6) : r.chance(role === 'teacher' ? 0.18 : role === 'family' ? 0.55 : 0.12);
  let mins;
  if (role === 'family') mins = evening ? r.int(17 * 60, 22 * 60 + 15) : r.int(6 * 60 + 30, 16 * 60);
  else if (evening) mins = r.int(16 * 60 + 30, 22 * 60 + 30);
  else if (role === 'student') mins = r.int(7 * 60 + 50, 15 * 60 + 5);
  else mins = r.int(6 * 60 + 55, 16 * 60 + 20);
  return mins * 60 + r.int(0, 59);
}

// ---------------------------------------------------------------- events
function buildEvents(R) {
  const events = []; // { d, t, u, role, channel, app, appId }
  const tokenUsers = []; // { app, appId, u, last }
  const extraUsers = new Map(); // non-roster people by key
  const roleOf = (u) => (u.role === 'administrator' || u.role === 'aide' ? 'staff' : u.role);

  const emit = (r, u, role, channels, days) => {
    // One portal per user most of the time (a teacher launches from ClassLink, say), sometimes the other.
    const total = channels.reduce((s, c) => s + c[3], 0);
    const pickCh = () => {
      let x = r() * total;
      for (const c of channels) if ((x -= c[3]) < 0) return c;
      return channels[channels.length - 1];
    };
    const home = pickCh();
    for (const d of days) {
      const reps = r.chance(0.12) ? 2 : 1;
      for (let k = 0; k < reps; k++) {
        const ch = r.chance(0.8) ? home : pickCh();
        events.push({ d, t: signInTime(r, role, d), u, role, channel: ch[0], app: ch[1], appId: ch[2] });
      }
    }
  };

  for (const story of PRODUCT_STORIES) {
    const r = rng(`usage/${story.app}`);
    const first = day(story.first);
    const last = story.last ? day(story.last) : DATA_END;
    const span = { first, last, screening: story.screening };
    if (story.students) {
      const pool = selectPool(R, 'students', story.students.where);
      for (const { u, profile } of assignProfiles(r, pool, story.students)) {
        emit(r, u, 'student', story.channels, activityDays(r, profile, { ...span, rate: story.students.rate }));
      }
    }
    if (story.teachers) {
      const pool = selectPool(R, 'teachers', story.teachers.where);
      for (const { u, profile } of teacherProfiles(r, pool, story.teachers)) {
        emit(r, u, 'teacher', story.teacherChannels ?? story.channels, activityDays(r, profile, { ...span, rate: story.teachers.rate }));
      }
    }
    if (story.staff) {
      const pool = selectPool(R, 'staff', story.staff.where);
      for (const { u, profile } of assignProfiles(r, pool, story.staff)) {
        emit(r, u, 'staff', story.channels, activityDays(r, profile, { ...span, rate: story.staff.rate }));
      }
    }
    if (story.subs) {
      // Substitute teachers: Entra accounts that are not in the roster (the policy's teacher_pattern marks them).
      for (let i = 1; i <= story.subs; i++) {
        const given = r.pick(FIRST);
        const family = r.pick(LAST);
        const u = { key: `sub${i}`, sourcedId: null, username: `sub.${family.toLowerCase().replace(/[^a-z]/g, '')}${pad2(i)}`, given, family };
        u.email = `${u.username}@riverside.example`;
        extraUsers.set(u.key, u);
        emit(r, u, 'teacher', story.channels, activityDays(r, i === 1 ? 'sem' : 'cur', { ...span, rate: 0.05 }));
      }
    }
    if (story.graduates) {
      // The class of 2026 used it last spring; their accounts are gone from the fall roster.
      for (let i = 0; i < story.graduates; i++) {
        const given = r.pick(FIRST);
        const family = r.pick(LAST);
        const username = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + '26';
        const u = { key: `grad-${username}`, sourcedId: null, username, email: `${username}@students.riverside.example`, given, family, school: 'riverside-hs', grade: 12 };
        extraUsers.set(u.key, u);
        const lastDay = schoolDaysIn(day('2026-03-02'), day('2026-05-22'));
        const end = lastDay[Math.floor(r() * lastDay.length)];
        emit(r, u, 'student', story.channels, activityDays(r, end >= SEM ? 'sem' : 'old', { ...span, last: end, rate: 0.04 }));
      }
    }
    if (story.families) {
      for (let i = 0; i < story.families; i++) {
        const u = { key: `fam-${i}`, sourcedId: `g-${r.hex(8)}`, username: null, email: null };
        extraUsers.set(u.key, u);
        const profile = r.chance(0.6) ? 'cur' : r.chance(0.5) ? 'sem' : 'old';
        emit(r, u, 'family', story.channels, activityDays(r, profile, { ...span, rate: 0.04 }));
      }
    }
    if (story.tk) {
      // Transitional-kindergarten partner rooms: not in the district roster.
      const tk = story.tk;
      const mk = (kind, i) => {
        const u = { key: `tk-${kind}-${i}`, sourcedId: `tk-${r.hex(6)}`, username: null, email: null, school: 'riverbend-es', grade: 'TK' };
        extraUsers.set(u.key, u);
        return u;
      };
      for (let i = 0; i < tk.students; i++) {
        const profile = i < tk.students * tk.cur ? 'cur' : i < tk.students * (tk.cur + tk.sem) ? 'sem' : 'old';
        emit(r, mk('s', i), 'student', story.channels, activityDays(r, profile, { ...span, rate: tk.rate }));
      }
      for (let i = 0; i < tk.teachers; i++) emit(r, mk('t', i), 'teacher', story.channels, activityDays(r, 'cur', { ...span, rate: 0.3 }));
    }
    if (story.tokens) {
      // Canvas developer-key tokens: one row per teacher who authorised the LTI tool's API access.
      const teachers = [...new Set(events.filter((e) => e.role === 'teacher' && story.channels.some((c) => c[1] === e.app)).map((e) => e.u))];
      for (const u of teachers) {
        const seen = events.filter((e) => e.u === u && story.channels.some((c) => c[1] === e.app)).map((e) => e.d);
        tokenUsers.push({ app: story.tokens[0], appId: story.tokens[1], u, last: r.chance(0.1) ? null : Math.max(...seen) });
      }
    }
  }

  for (const x of UNMATCHED) {
    const r = rng(`unmatched/${x.channel}/${x.app}`);
    const first = day(x.first);
    const span = { first, last: DATA_END };
    const ch = [[x.channel, x.app, x.appId ?? null, 1]];
    const prof = () => (r.chance(0.55) ? 'cur' : r.chance(0.5) ? 'sem' : 'old');
    if (x.channel === 'tokens') {
      const pool = selectPool(R, 'teachers', {}).filter(() => r.chance(x.teachers));
      for (const u of pool) tokenUsers.push({ app: x.app, appId: x.appId, u, last: r.chance(0.2) ? null : schoolDaysIn(first, DATA_END)[r.int(0, schoolDaysIn(first, DATA_END).length - 1)] });
      continue;
    }
    if (x.students) {
      const pool = selectPool(R, 'students', x.students.where);
      for (const u of r.shuffle(pool).slice(0, Math.round(pool.length * x.students.share))) emit(r, u, 'student', ch, activityDays(r, prof(), { ...span, rate: x.rate }));
    }
    if (x.teachers) {
      const pool = selectPool(R, 'teachers', x.teacherWhere ?? (x.students?.where ? { level: x.students.where.level, schools: x.students.where.schools } : {}));
      for (const u of pool.filter(() => r.chance(x.teachers))) emit(r, u, 'teacher', ch, activityDays(r, prof(), { ...span, rate: x.rate }));
    }
    if (x.staff) {
      for (const u of selectPool(R, 'staff', {}).filter(() => r.chance(x.staff))) emit(r, u, 'staff', ch, activityDays(r, prof(), { ...span, rate: x.rate }));
    }
  }
  events.sort((a, b) => a.d - b.d || a.t - b.t || (a.app < b.app ? -1 : a.app > b.app ? 1 : 0) || (userKey(a.u) < userKey(b.u) ? -1 : userKey(a.u) > userKey(b.u) ? 1 : 0));
  return { events, tokenUsers };
}
const userKey = (u) => u.sourcedId ?? u.key;

// ---------------------------------------------------------------- export writers
function localParts(d, t) {
  const [y, m, dd] = iso(d).split('-').map(Number);
  return { y, m, dd, h: Math.floor(t / 3600), mi: Math.floor((t % 3600) / 60), s: t % 60 };
}
function isoWithOffset(d, t) {
  const p = localParts(d, t);
  const off = chicagoOffset(d);
  return `${iso(d)}T${pad2(p.h)}:${pad2(p.mi)}:${pad2(p.s)}-${pad2(-off)}:00`;
}
function utcZ(d, t) {
  const ms = d * DAY_MS + t * 1000 - chicagoOffset(d) * 3600000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function usClock(d, t) {
  const p = localParts(d, t);
  const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
  return `${p.m}/${p.dd}/${p.y} ${h12}:${pad2(p.mi)} ${p.h < 12 ? 'AM' : 'PM'}`;
}
const displayGrade = (g) => (g === undefined || g === null ? '' : String(g));

function writeEdvet(events) {
  const r = rng('export/edvet');
  const rows = [];
  for (const e of events.filter((x) => x.channel === 'edvet')) {
    const u = e.u;
    rows.push(csvLine([isoWithOffset(e.d, e.t), u.sourcedId, e.role === 'family' ? 'guardian' : e.role, e.app, e.appId ?? '', u.school ?? (u.orgs && u.orgs !== 'riverside-usd' ? u.orgs : ''), e.role === 'student' ? displayGrade(u.grade) : '']));
  }
  // A warehouse export is never clean: a few rows with broken timestamps or no user.
  const broken = [
    (row) => row.replace(/^[^,]+/, '#VALUE!'),
    (row) => row.replace(/^[^,]+/, '2026-13-02T08:15:00-06:00'),
    (row) => row.replace(/^[^,]+/, 'TBD'),
    (row) => row.replace(/^[^,]+/, '2026-02-30 09:10:00'),
    (row) => row.replace(/^[^,]+/, '45:61'),
    (row) => row.replace(/^([^,]+),[^,]+,/, '$1,,'),
    (row) => row.replace(/^([^,]+),[^,]+,/, '$1,,'),
  ];
  broken.forEach((f, i) => {
    const at = Math.floor(((i + 1) * rows.length) / (broken.length + 1)) + r.int(-50, 50);
    rows[at] = f(rows[at]);
  });
  return writeCsv('usage/clever-warehouse/edvet-signins-2025-08-18_2026-11-20.csv.gz', ['timestamp', 'user_id', 'role', 'app', 'app_id', 'school_id', 'grade'], rows, { gzip: true });
}

const ENTRA_HEADER = ['Date (UTC)', 'Request ID', 'User agent', 'Correlation ID', 'User ID', 'User', 'Username', 'User type',
  'Cross tenant access type', 'Incoming token type', 'Authentication Protocol', 'Unique token identifier', 'Original transfer method',
  'Client credential type', 'Token Protection - Sign In Session', 'Application', 'Application ID ', 'Resource', 'Resource ID ',
  'Resource tenant ID', 'Home tenant ID', 'Home tenant name', 'IP address', 'Location', 'Status', 'Sign-in error code',
  'Failure reason', 'Client app', 'Device ID', 'Browser', 'Operating System', 'Compliant', 'Managed', 'Join Type',
  'Multifactor authentication result', 'Multifactor authentication auth method', 'Multifactor authentication auth detail',
  'Authentication requirement', 'Sign-in identifier', 'Session ID', 'IP address (seen by resource)', 'Through Global Secure Access',
  'Global Secure Access IP address', 'Autonomous system  number', 'Flagged for review', 'Token issuer type', 'Incoming token type',
  'Token issuer name', 'Latency', 'Conditional Access', 'Managed Identity type', 'Associated Resource Id', 'Federated Token Id',
  'Federated Token Issuer'];
const TENANT = '6c2f9a41-8e3b-4d7a-b519-2f0e8c4d1a37';
const AGENTS = [
  ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36', 'Chrome 128.0.0', 'ChromeOS'],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0', 'Edge 129.0.0', 'Windows10'],
  ['Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1', 'Mobile Safari 17.6', 'Ios 17.6'],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15', 'Safari 18.0', 'MacOs'],
];
function writeEntra(events) {
  const r = rng('export/entra');
  const objectIds = new Map();
  const upnCase = new Map();
  const rows = [];
  for (const e of events.filter((x) => x.channel === 'entra')) {
    const u = e.u;
    const key = userKey(u);
    if (!objectIds.has(key)) {
      objectIds.set(key, r.guid());
      // Entra keeps the UPN as it was typed when the account was made: some are capitalised.
      upnCase.set(key, e.role !== 'student' && r.chance(0.3) ? u.email.replace(/^[^@]+/, (local) => local.replace(/(^|\.)([a-z])/g, (m, dot, c) => dot + c.toUpperCase())) : u.email);
    }
    const roll = r();
    const status = roll < 0.035 ? 'Failure' : roll < 0.06 ? 'Interrupted' : 'Success';
    const [code, reason] = status === 'Success' ? ['0', ''] : status === 'Failure'
      ? ['50126', 'Error validating credentials due to invalid username or password.']
      : ['50074', 'Strong Authentication is required.'];
    const [agent, browser, os] = e.role === 'student' ? AGENTS[r.chance(0.85) ? 0 : 2] : AGENTS[r.int(0, 3)];
    const onsite = e.t < 16 * 3600 && isSchoolDay(e.d);
    const ip = onsite ? `203.0.113.${r.int(10, 40)}` : `198.51.100.${r.int(2, 250)}`;
    const resourceId = e.appId;
    rows.push({ sortKey: e.d * 86400 + e.t, cells: [
      utcZ(e.d, e.t), r.guid(), agent, r.guid(), objectIds.get(key), `${u.given} ${u.family}`, upnCase.get(key), 'Member',
      'none', 'None', 'none', '', 'none', 'none', '', e.app, e.appId, e.app, resourceId,
      TENANT, TENANT, 'Riverside Unified School District', ip, onsite ? 'Riverside, Illinois, US' : 'Naperville, Illinois, US', status, code,
      reason, 'Browser', '', browser, os, '', '', '', status === 'Interrupted' ? 'MFA required in Azure AD' : '', '', '',
      'Single-factor authentication', upnCase.get(key), '', onsite ? ip : '', '', '', onsite ? '64512' : '64496', 'No', 'AzureAD', 'None',
      '', String(r.int(40, 900)), 'notApplied', '', '', '', '',
    ] });
  }
  // Entra downloads list the newest sign-in first.
  rows.sort((a, b) => b.sortKey - a.sortKey);
  return writeCsv('usage/entra/InteractiveSignIns_2025-08-18_2026-11-20.csv.gz', ENTRA_HEADER, rows.map((x) => x.cells), { gzip: true });
}

function writeClassLink(events) {
  const r = rng('export/classlink');
  const rows = [];
  for (const e of events.filter((x) => x.channel === 'classlink')) {
    const u = e.u;
    const role = e.role === 'student' ? 'Student' : e.role === 'teacher' ? 'Teacher' : 'Staff';
    const result = r.chance(0.015) ? 'Failed - Password' : 'Success';
    rows.push(csvLine([usClock(e.d, e.t), u.username, `${u.given} ${u.family}`, role, schoolById[u.school ?? u.orgs]?.name ?? 'District Office', e.app, r.chance(0.9) ? 'LaunchPad' : 'Mobile', result]));
  }
  const broken = [
    (row) => row.replace(/^[^,]+/, '13/45/2026 9:15 AM'),
    (row) => row.replace(/^[^,]+/, '#######'),
    (row) => row.replace(/^[^,]+/, 'Pending'),
    (row) => row + ',LaunchPad', // an extra cell: wrong column count
  ];
  broken.forEach((f, i) => {
    const at = Math.floor(((i + 1) * rows.length) / (broken.length + 1)) + r.int(-20, 20);
    rows[at] = f(rows[at]);
  });
  return writeCsv('usage/classlink/classlink-app-logins-2025-26-and-fall-2026.csv.gz', ['Login Time', 'Username', 'Full Name', 'Role', 'Building', 'App Name', 'Login Type', 'Result'], rows, { eol: '\r\n', gzip: true });
}

function writeCanvasTokens(tokenUsers) {
  const r = rng('export/canvas-tokens');
  const canvasIds = new Map();
  const rows = [];
  for (const x of tokenUsers) {
    const key = userKey(x.u);
    if (!canvasIds.has(key)) canvasIds.set(key, String(100000012000 + canvasIds.size * 7 + r.int(0, 6)));
    const t = x.last === null ? null : 7 * 3600 + r.int(0, 9 * 3600);
    rows.push([canvasIds.get(key), `${x.u.given} ${x.u.family}`, `${r.hex(4)}~`, r.chance(0.7) ? 'never' : isoWithOffset(day('2027-06-30'), 23 * 3600 + 59 * 60), x.last === null ? 'never' : isoWithOffset(x.last, t), x.appId, x.app]);
  }
  rows.sort((a, b) => (a[6] + a[0] < b[6] + b[0] ? -1 : 1));
  return writeCsv('usage/canvas/user_access_tokens_2026-11-20.csv', ['user id', 'user name', 'token hint', 'expiration', 'last used', 'dev key id', 'dev key name'], rows);
}

// ---------------------------------------------------------------- main
const roster = buildRoster();
writeRoster(roster);
const { events, tokenUsers } = buildEvents(roster);
const written = [writeEdvet(events), writeEntra(events), writeClassLink(events), writeCanvasTokens(tokenUsers)];
const counts = {};
for (const e of events) counts[e.channel] = (counts[e.channel] ?? 0) + 1;
process.stdout.write(
  `roster: ${roster.users.length} users, ${roster.classes.length} classes, ${roster.enrollments.length} enrollments\n` +
    `usage: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}, canvas tokens ${tokenUsers.length}\n` +
    `windows as of ${iso(AS_OF)}: 30 school days from ${iso(W30)}, 90 school days from ${iso(SEM)}\n` +
    `wrote ${written.length} usage files and 7 roster files under ${OUT}\n`,
);
