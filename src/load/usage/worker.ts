/**
 * Entry point of a range worker thread (./parallel.ts): reads the range it is
 * given and posts its progress now and then, then its summary (the day and
 * month arrays are transferred, not copied), or the error's message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readRange, type RangeTask } from './ranges.js';

try {
  const result = readRange(workerData as RangeTask, (bytes, rows) => parentPort!.postMessage({ progress: [bytes, rows] }));
  parentPort!.postMessage({ result }, result.state.map((s) => s.buffer as ArrayBuffer));
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
