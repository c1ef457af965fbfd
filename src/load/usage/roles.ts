/** Role normalisation of usage exports (usage.md, field `role`): the one map lives in src/model/roles.ts. */
export { normaliseRole } from '../../model/roles.js';
