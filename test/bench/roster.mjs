// Deterministic generator of a very large district's OneRoster 1.1 CSV folder
// (quality.md "roster scale"), for `npm run bench`: by default 1,000,000 users
// (5 % teachers, 1 % administrators, the rest students), 500 schools under one
// district, 40,000 classes and 5,000,000 enrollments (each class one teacher,
// the rest students). Users carry every OneRoster 1.1 column, names and
// passwords included, so the files have a real export's width. Students' and
// teachers' emails are the bench export's user ids (test/bench/generate.mjs
// userId), so `edvet usage --roster` unifies the two.
//
// No Math.random: a seeded xorshift, so the same (users, seed) gives the same bytes.
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, userId } from './generate.mjs';

export const ROSTER_USERS = 1_000_000;
export const ROSTER_ENROLLMENTS = 5_000_000;
export const ROSTER_SCHOOLS = 500;
export const ROSTER_CLASSES = 40_000;
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const FIRST = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lia', 'Milo', 'Nia', 'Omar', 'Pia'];
const LAST = ['Ash', 'Birch', 'Cedar', 'Dale', 'Elm', 'Fern', 'Glen', 'Hazel', 'Ivy', 'Juniper', 'Kale', 'Linden', 'Maple', 'Nettle'];

/** Buffered line writer: strings are gathered into ~1 MB pieces. */
function writer(path) {
  const fd = openSync(path, 'w');
  let parts = [];
  let size = 0;
  let bytes = 0;
  const flush = () => {
    if (parts.length === 0) return;
    const buf = Buffer.from(parts.join(''), 'latin1');
    writeSync(fd, buf);
    bytes += buf.length;
    parts = [];
    size = 0;
  };
  return {
    line(s) {
      parts.push(s, '\n');
      size += s.length + 1;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
      return bytes;
    },
  };
}

const role = (u, users) => (u < users * 0.05 ? 'teacher' : u < users * 0.06 ? 'administrator' : 'student');
const school = (s) => `sch-${String(s).padStart(4, '0')}`;

/**
 * Writes the folder `dir` (created). Returns { users, enrollments, classes, schools, bytes }.
 * User u's school is u % schools; a class c is at school c % schools, grade by c; its
 * teacher is a teacher of that school; its students are drawn from that school's students.
 */
export function generateRoster(dir, { users = ROSTER_USERS, enrollments = ROSTER_ENROLLMENTS, schools = ROSTER_SCHOOLS, classes = ROSTER_CLASSES, seed = 20261202 } = {}) {
  mkdirSync(dir, { recursive: true });
  const rng = makeRng(seed);
  let bytes = 0;
  const date = '2026-08-01T00:00:00.000Z';

  let w = writer(join(dir, 'manifest.csv'));
  w.line('propertyName,value');
  w.line('manifest.version,1.0');
  w.line('oneroster.version,1.1');
  for (const f of ['academicSessions', 'categories', 'classResources', 'courseResources', 'demographics', 'lineItems', 'resources', 'results']) w.line(`file.${f},absent`);
  for (const f of ['classes', 'courses', 'enrollments', 'orgs', 'users']) w.line(`file.${f},bulk`);
  bytes += w.close();

  w = writer(join(dir, 'orgs.csv'));
  w.line('sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId');
  w.line(`district,active,${date},Bench Unified School District,district,D1,`);
  for (let s = 0; s < schools; s++) w.line(`${school(s)},active,${date},Bench School ${s + 1},school,S${s},district`);
  bytes += w.close();

  w = writer(join(dir, 'courses.csv'));
  w.line('sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes');
  for (let g = 0; g < GRADES.length; g++) w.line(`crs-${GRADES[g]},active,${date},y2026,Grade ${GRADES[g]} Core,C${g},${GRADES[g]},district,,`);
  bytes += w.close();

  // Users.
  w = writer(join(dir, 'users.csv'));
  w.line('sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password');
  for (let u = 0; u < users; u++) {
    const r = role(u, users);
    const s = u % schools;
    const orgs = r === 'administrator' ? `"${school(s)},district"` : school(s);
    const grade = r === 'student' ? GRADES[(u >> 4) % GRADES.length] : '';
    const status = rng() % 500 === 0 ? 'tobedeleted' : 'active';
    w.line(
      `usr-${u},${status},${date},true,${orgs},${r},user${u},"{sis:${u}}",${FIRST[u % FIRST.length]},${LAST[(u >> 4) % LAST.length]},,SIS${u},${userId(u)},,,,${grade},pw${(rng() % 1e6).toString(36)}`,
    );
  }
  bytes += w.close();

  // Classes: teachers of school s are the teacher users u with u % schools === s.
  const teachers = Math.floor(users * 0.05);
  w = writer(join(dir, 'classes.csv'));
  w.line('sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods');
  const classTeacher = new Int32Array(classes);
  for (let c = 0; c < classes; c++) {
    const s = c % schools;
    const g = GRADES[Math.floor(c / schools) % GRADES.length];
    const perSchool = Math.max(1, Math.floor((teachers - s - 1) / schools) + 1);
    classTeacher[c] = s + schools * (rng() % perSchool);
    w.line(`cls-${c},active,${date},Class ${c},${g},crs-${g},K${c},scheduled,Room ${c % 40},${school(s)},t2026,,,${1 + (c % 7)}`);
  }
  bytes += w.close();

  // Enrollments: one teacher per class, then students of the class's school.
  w = writer(join(dir, 'enrollments.csv'));
  w.line('sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate');
  let e = 0;
  for (let c = 0; c < classes; c++) w.line(`enr-${e++},active,${date},cls-${c},${school(c % schools)},usr-${classTeacher[c]},teacher,true,2026-08-15,2027-06-10`);
  const firstStudent = Math.floor(users * 0.06);
  while (e < enrollments) {
    const c = rng() % classes;
    const s = c % schools;
    // a student of school s: u ≡ s (mod schools), u ≥ firstStudent
    const span = Math.floor((users - 1 - s) / schools) - Math.ceil((firstStudent - s) / schools) + 1;
    const u = s + schools * (Math.ceil((firstStudent - s) / schools) + (rng() % span));
    w.line(`enr-${e++},active,${date},cls-${c},${school(s)},usr-${u},student,false,2026-08-15,2027-06-10`);
  }
  bytes += w.close();
  return { users, enrollments: e, classes, schools, bytes };
}
