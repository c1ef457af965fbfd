-- edvet warehouse query: raw sign-in events -> the `edvet-summary` usage format
-- ==========================================================================
--
-- One row per app x user x role x month, with the number of sign-ins and the
-- date of the last one, which edvet reads as the `edvet-summary` format
-- (docs/usage.md "Scale"; docs/warehouse.md says when to use this path):
--
--     app,user_id,role,month,sign_ins,last_seen
--     Lexia Core5,s104233,student,2026-10,14,2026-10-29
--
-- Every usage figure edvet reports depends only on each user's last sign-in
-- date per product (and the user's role), so `edvet usage --usage summary.csv`
-- gives exactly the figures `edvet usage --usage raw-events.csv` gives, with
-- the same catalog, policy, roster and --as-of. CI proves it: the test
-- test/warehouse/warehouse.test.ts runs this file, unchanged, in DuckDB.
--
-- INPUT: a table (or view) signins("timestamp", user_id, role, app)
--   "timestamp"  the sign-in as an INSTANT: TIMESTAMP WITH TIME ZONE (DuckDB,
--                Trino, Postgres), TIMESTAMP (BigQuery, Spark: both are
--                instants), TIMESTAMP_TZ or TIMESTAMP_LTZ (Snowflake).
--                If your column is a zone-less local time, see NOTE 2.
--   user_id      the user's id or email, as the export has it (not changed:
--                edvet matches it to the roster and compares ids ignoring case)
--   role         the export's role text, or NULL/'' when it has none
--   app          the app's name as the portal knows it (edvet matches it to
--                the catalog's id, name and usage.aliases, ignoring case)
--   (an app_id column, when you have one, can be carried the same way as
--    app: add it to both SELECT lists and the GROUP BY; edvet-summary reads
--    an optional app_id column and matches it when the name does not match)
--
-- PARAMETERS (bind them, or replace them with literals):
--   $as_of  the audit's as-of date, 'YYYY-MM-DD' (= edvet's --as-of). Sign-ins
--           on later days (in the policy's time zone) are dropped, as edvet
--           drops them.
--   $tz     the policy's usage.timezone, an IANA name such as 'America/Chicago'.
--           A sign-in counts for its calendar date in this zone.
--   DuckDB and Snowflake both spell a parameter $name (DuckDB: a prepared
--   statement's named parameter, e.g. from @duckdb/node-api
--   `connection.run(sql, { as_of: '2026-11-23', tz: 'America/Chicago' })`, or
--   `PREPARE s AS ...; EXECUTE s(as_of := '2026-11-23', tz := 'America/Chicago')`;
--   Snowflake: a session variable, `SET as_of = '2026-11-23'; SET tz = 'America/Chicago';`).
--   BigQuery: @as_of and @tz (query parameters).  Spark 3.4+: :as_of and :tz
--   (spark.sql(query, args={...})).  Trino: ? placeholders (PREPARE/EXECUTE USING).
--
-- ROLE: kept exactly as each row has it, and part of the GROUP BY. A user
-- whose rows disagree (say 'Teacher' on some and 'student' on others) gets one
-- summary row per role, and edvet resolves the role from all of a user's rows
-- the same way for raw events and for the summary (teacher > staff > student
-- > family, roles normalised ignoring case). Do not pick "the latest role" or
-- "the most common role" here: that would differ from what the raw path does.
--
-- ROWS DROPPED: rows without a timestamp, user or app (edvet counts those as
-- bad rows of a raw export), with the values edvet reads as "none" (empty,
-- '-', 'never', 'N/A', 'NA', 'NULL'; `\N` is the NULL marker most loaders
-- already turn into NULL), and sign-ins after $as_of.
--
-- DIALECTS. The query below is DuckDB. Only the lines marked [dialect] change:
--
--   local date of an instant  (the line marked [dialect: local date])
--     DuckDB      CAST(timezone($tz, "timestamp") AS DATE)
--                 (or ("timestamp" AT TIME ZONE $tz)::DATE; needs the ICU
--                 extension, built into the DuckDB CLI, Python and Node packages)
--     Trino       CAST("timestamp" AT TIME ZONE :tz AS DATE)
--     BigQuery    DATE(`timestamp`, @tz)
--     Snowflake   CAST(CONVERT_TIMEZONE($tz, "timestamp") AS DATE)
--                 (for TIMESTAMP_TZ / TIMESTAMP_LTZ; for TIMESTAMP_NTZ holding
--                 UTC, CONVERT_TIMEZONE('UTC', $tz, "timestamp"))
--     Spark SQL   TO_DATE(FROM_UTC_TIMESTAMP(`timestamp`, :tz))
--                 FROM_UTC_TIMESTAMP reads the value as UTC: run with
--                 spark.sql.session.timeZone=UTC. Alternatively set
--                 spark.sql.session.timeZone to the policy zone and use
--                 TO_DATE(`timestamp`); Spark 3.4+ also has
--                 CONVERT_TIMEZONE('UTC', :tz, `timestamp`).
--
--   the as-of date            (the line marked [dialect: as-of])
--     DuckDB/Trino/Snowflake/Spark  CAST($as_of AS DATE)   (Spark: CAST(:as_of AS DATE))
--     BigQuery                      CAST(@as_of AS DATE)
--
--   month 'YYYY-MM' of a date (the line marked [dialect: month])
--     DuckDB      strftime(day, '%Y-%m')
--     Trino       date_format(day, '%Y-%m')
--     BigQuery    FORMAT_DATE('%Y-%m', day)
--     Snowflake   TO_CHAR(day, 'YYYY-MM')
--     Spark SQL   date_format(day, 'yyyy-MM')
--
--   quoting: the column named timestamp is a keyword in several engines:
--     "timestamp" in DuckDB, Trino, Snowflake (a quoted name is case-sensitive
--     there: use the case the table was created with, usually "TIMESTAMP");
--     `timestamp` in BigQuery and Spark SQL.
--   string literals: Snowflake, BigQuery and Spark treat a backslash in a
--     literal as an escape; the list of "none" values below has none.
--
-- NOTE 1. last_seen is a DATE; every engine writes it as YYYY-MM-DD in CSV.
--   Write the result as CSV with a header row (DuckDB: COPY (...) TO
--   'summary.csv' (HEADER); BigQuery: EXPORT DATA ... format='CSV', header=true;
--   Snowflake: COPY INTO @stage ... FILE_FORMAT=(TYPE=CSV) HEADER=TRUE;
--   Spark: df.write.option('header', True).csv(...)). A multi-file export is
--   fine: give edvet the folder (`--usage DIR`), it merges the files.
-- NOTE 2. If "timestamp" is a zone-less local time already in the district's
--   zone, the local date is simply CAST("timestamp" AS DATE) (Spark: TO_DATE,
--   BigQuery: DATE(`timestamp`) on a DATETIME). If it is a zone-less UTC time,
--   make it an instant first: DuckDB timezone($tz, timezone('UTC', "timestamp")),
--   Trino with_timezone("timestamp", 'UTC') AT TIME ZONE :tz,
--   BigQuery DATE(TIMESTAMP(`timestamp`, 'UTC'), @tz),
--   Snowflake CONVERT_TIMEZONE('UTC', $tz, "timestamp"),
--   Spark FROM_UTC_TIMESTAMP as above. Loading a raw CSV export into DuckDB:
--   SET TimeZone = '<policy zone>' and TRY_CAST the text column to TIMESTAMPTZ:
--   timestamps with an offset (or Z) keep it, those without are read in the
--   policy's zone, exactly as edvet reads them; one that is not a timestamp
--   ('#VALUE!', '2026-02-30 09:10') becomes NULL and is dropped, as edvet
--   counts it a bad row. (edvet also reads US, day-first and epoch forms;
--   convert those explicitly, e.g. strptime, before this query.)
-- NOTE 3. Cost: one pass over the events and a hash aggregate whose size is
--   apps x users x months; the result is a few million rows for a large
--   district-year, tens of MB of CSV, read by edvet in seconds.

WITH events AS (
  SELECT
    TRIM(app)                                  AS app,
    TRIM(user_id)                              AS user_id,
    COALESCE(TRIM(role), '')                   AS role,
    CAST(timezone($tz, "timestamp") AS DATE)   AS day      -- [dialect: local date]
  FROM signins
  WHERE "timestamp" IS NOT NULL
    AND user_id IS NOT NULL
    AND app IS NOT NULL
    AND LOWER(TRIM(user_id)) NOT IN ('', '-', 'never', 'n/a', 'na', 'null')
    AND LOWER(TRIM(app))     NOT IN ('', '-', 'never', 'n/a', 'na', 'null')
),
dated AS (
  SELECT
    app,
    user_id,
    role,
    strftime(day, '%Y-%m')                     AS month,   -- [dialect: month]
    day
  FROM events
  WHERE day <= CAST($as_of AS DATE)                         -- [dialect: as-of]
)
SELECT
  app,
  user_id,
  role,
  month,
  COUNT(*)  AS sign_ins,
  MAX(day)  AS last_seen
FROM dated
GROUP BY app, user_id, role, month
-- No ORDER BY: edvet does not need one, and sorting billions of rows costs.
