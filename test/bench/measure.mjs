// One measured contender of `npm run bench`, run by test/bench/run.mjs in its own
// process so its wall time and peak RSS are its own:
//   node test/bench/measure.mjs floor FILE
//   node test/bench/measure.mjs csv-parse FILE
//   node test/bench/measure.mjs duckdb FILE AS_OF ACTIVE_FROM SEMESTER_FROM TIMEZONE
// Prints one JSON line on stdout: { rows, ... } (for duckdb, the per-app figures
// so run.mjs can check edvet's answer against DuckDB's).
import { createReadStream } from 'node:fs';

const [mode, file, ...args] = process.argv.slice(2);

/** The floor: read the file as a stream and count newlines (data rows = newlines - header). */
async function floor() {
  let lines = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    let i = -1;
    while ((i = chunk.indexOf(10, i + 1)) !== -1) lines++;
  }
  return { rows: lines - 1 };
}

/** csv-parse with its default options, doing nothing with the records. */
async function csvParse() {
  const { parse } = await import('csv-parse');
  let records = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse());
  for await (const record of parser) {
    if (record) records++;
  }
  return { rows: records - 1 };
}

/**
 * DuckDB (default threads): read_csv of the file, then what edvet computes from
 * it: per app × user the last sign-in day (in the policy's time zone, as-of and
 * before), then per app the distinct users and teachers active in the window,
 * the semester-active users and the last day anyone signed in. Roles: the bench
 * data gives each user one role, so "any teacher row" is the user's role.
 */
async function duckdb() {
  const [asOf, activeFrom, semesterFrom, tz] = args;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  // The time-zone conversion runs once per app × user (on the last instant), not once
  // per row: converting is monotonic, so the local day of the last instant is the last
  // local day, and "day <= as-of" is "instant < start of the day after as-of, local".
  const sql = `
    WITH last AS (
      SELECT app, user_id, max("timestamp") AS last_ts,
             bool_or(lower(role) = 'teacher') AS teacher, bool_or(lower(role) = 'student') AS student,
             count(*) AS n
      FROM read_csv($file, header = true, columns = {
        'timestamp': 'TIMESTAMPTZ', 'user_id': 'VARCHAR', 'role': 'VARCHAR',
        'app': 'VARCHAR', 'school_id': 'VARCHAR', 'grade': 'VARCHAR'})
      WHERE "timestamp" < timezone($tz, CAST(CAST($as_of AS DATE) + 1 AS TIMESTAMP))
      GROUP BY app, user_id
    ),
    days AS (
      SELECT *, CAST(timezone($tz, last_ts) AS DATE) AS last_day FROM last
    )
    SELECT app,
      sum(n)::BIGINT AS used,
      count(*) FILTER (WHERE last_day >= CAST($active_from AS DATE))::INTEGER AS active_users,
      count(*) FILTER (WHERE last_day >= CAST($active_from AS DATE) AND teacher)::INTEGER AS active_teachers,
      count(*) FILTER (WHERE last_day >= CAST($active_from AS DATE) AND student)::INTEGER AS active_students,
      count(*) FILTER (WHERE last_day >= CAST($semester_from AS DATE))::INTEGER AS semester_active_users,
      strftime(max(last_day), '%Y-%m-%d') AS last_seen
    FROM days GROUP BY app ORDER BY app`;
  const reader = await con.runAndReadAll(sql, { file, tz, as_of: asOf, active_from: activeFrom, semester_from: semesterFrom });
  const apps = {};
  let used = 0;
  for (const r of reader.getRowObjectsJS()) {
    used += Number(r.used);
    apps[r.app] = {
      activeUsers: r.active_users,
      activeTeachers: r.active_teachers,
      activeStudents: r.active_students,
      semesterActiveUsers: r.semester_active_users,
      lastSeen: r.last_seen,
    };
  }
  con.closeSync();
  instance.closeSync();
  return { rows: used, apps };
}

const modes = { floor, 'csv-parse': csvParse, duckdb };
if (!modes[mode]) {
  console.error(`unknown mode ${mode}; expected one of ${Object.keys(modes).join(', ')}`);
  process.exit(2);
}
const out = await modes[mode]();
process.stdout.write(`${JSON.stringify(out)}\n`);
