/**
 * The names of the built-in usage export formats, in detection order (usage.md "Formats", then
 * usage-sources.md "Formats"). A leaf module with no imports: the CLI's help names them without
 * loading the readers.
 */
export const BUILTIN_FORMATS: readonly string[] = [
  'edvet',
  'edvet-summary',
  'entra-signins',
  'canvas-last-access',
  'canvas-access-tokens',
  'moodle-log',
  // usage-sources.md "Formats": detected after usage.md's built-ins, in this order.
  'edvet-last-seen',
  'edvet-counts',
  'google-token-audit',
  'google-saml',
  'google-oauth-log',
  'google-user-report',
];
