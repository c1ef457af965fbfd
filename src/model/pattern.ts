/**
 * Regular expressions from the policy (`usage.teacher_pattern`) run on RE2
 * (the re2js package): matching time is linear in the input, so a pattern
 * such as `^(a+)+$` cannot stall a run on a long user id the way JavaScript's
 * backtracking engine does. RE2 has no backreferences (`\1`) nor lookaround
 * (`(?=…)`, `(?<!…)`); a pattern that uses them is refused when the policy is loaded (load/policy.ts).
 */
import { RE2JS } from 're2js';

/** A compiled policy pattern: `test` is true when the pattern occurs anywhere in the text (case-insensitive). */
export interface SafePattern {
  test(text: string): boolean;
}

/** Compiles a policy pattern on RE2, case-insensitive; throws RE2's syntax error for a pattern it cannot run. */
export function compileSafePattern(source: string): SafePattern {
  const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return { test: (text) => re.test(text) };
}

/** Why `source` cannot be used as a policy pattern (RE2's reason, shortened), or null when it can. */
export function safePatternProblem(source: string): string | null {
  try {
    compileSafePattern(source);
    return null;
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, '');
    return `expected a regular expression edvet can run in linear time (RE2 syntax: no backreferences such as \\1, no lookaround such as (?=…)); ${why}`;
  }
}
