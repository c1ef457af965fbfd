/** Reading a `--baseline` file: an earlier edvet JSON report, a regular file under READ_LIMITS.baseline. */
import { statSync } from 'node:fs';
import { inputError } from '../model/errors.js';
import { READ_LIMITS, readFileBytes } from './files.js';

/**
 * The parsed JSON of the baseline at `abs` (shown as `shown`). A missing
 * file, a FIFO or device, a file over the limit, or text that is not JSON
 * is an input error that quotes none of the file.
 */
export function readBaselineJson(abs: string, shown: string): unknown {
  try {
    statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw inputError({ file: shown, message: 'no such file; expected an earlier edvet JSON report for --baseline' });
    }
  }
  const bytes = readFileBytes(abs, shown, 'an earlier edvet JSON report (--baseline)', READ_LIMITS.baseline);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    throw inputError({ file: shown, message: 'not a JSON report; expected the output of `edvet vet --format json`' });
  }
}
