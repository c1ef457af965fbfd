/** Runs before every test file (vitest.config.ts `setupFiles`): pins fast-check's seed and case count. */
import { configureProperties } from './property.js';

configureProperties();
