// The roster reader as it was before issue 15 (whole files read with csv-parse, a Set per user), kept
// unchanged as the reference of test/load/roster/equivalence.property.test.ts. Not part of edvet.
/** Roster role values to edvet roles: the one map lives in src/model/roles.ts. */
export { rosterRole } from '../../../../src/model/roles.js';
