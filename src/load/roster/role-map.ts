/** Roster role values to edvet roles: the one map lives in src/model/roles.ts. */
export { rosterRole } from '../../model/roles.js';
