// Types of bench/generate.mjs, for the TypeScript tests that use the generator.
export declare const HEADER: string;
export declare const USERS: number;
export declare const APPS: number;
export declare const TIMEZONE: string;
export declare const YEAR_START: string;
export declare const YEAR_END: string;
export declare const AS_OF: string;
export declare const ACTIVE_WINDOW_DAYS: number;
export declare const SEMESTER_DAYS: number;
export declare const DEFAULT_SEED: number;
export declare function appName(a: number): string;
export declare function appId(a: number): string;
export declare function roleOf(u: number): 'teacher' | 'staff' | 'student';
export declare function userId(u: number): string;
export declare function makeRng(seed: number): () => number;
export declare function dayOf(iso: string): number;
export declare function isoOf(day: number): string;
export declare function weekdays(from: string, to: string): number[];
export declare function windowStart(asOf: string, n: number): string;
export declare function generateUsage(
  path: string,
  rows: number,
  opts?: { seed?: number; users?: number },
): { rows: number; bytes: number; users: number; apps: number };
export declare function writeCatalog(dir: string): void;
export declare function writePolicy(path: string): void;
