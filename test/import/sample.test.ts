/** The public SAS app-inventory template (../shared/samples/app-inventory-sas), imported in-process. */
import { describe, expect, it } from 'vitest';
import { needsShared, sharedPath } from '../shared-dir.js';
import { importFiles, readDrafts } from './helpers.js';

const SAMPLE = sharedPath('samples/app-inventory-sas/expected-data-template.csv');

describe.skipIf(needsShared('test/import/sample.test.ts, the public app-inventory template'))('public template: expected-data-template.csv', () => {
  it('one draft per active row, the inactive row skipped, its columns converted', async () => {
    const { outDir, json } = await importFiles([SAMPLE]);
    expect(json.inputs[0]).toMatchObject({ layout: 'sas-digital-toolkit', rows: 11, drafts: 10, skipped: { inactive: 1 } });
    expect(json.skipped).toEqual([{ file: expect.any(String), row: 5, name: 'Example Inactive App', reason: 'inactive' }]);
    const d = readDrafts(outDir);
    expect([...d.keys()]).toEqual([
      'adobe-creative-cloud', 'canva-for-education', 'desmos', 'google-classroom', 'kahoot', 'mathletics', 'microsoft-office-365', 'payroll-system', 'seesaw', 'turnitin',
    ]);
    expect(d.get('google-classroom')!.data).toMatchObject({ grades: ['PK', 'K-12'], audience: ['teachers', 'students'], cost: { model: 'site', annual_total: 0, renewal_on: '2025-12-31' } });
    expect(d.get('google-classroom')!.data.cost.seats).toBeUndefined();
    expect(d.get('canva-for-education')!.data).toMatchObject({ audience: ['teachers', 'students', 'families'], cost: { model: 'site', seats: 500, annual_total: 2500 } });
    expect(d.get('mathletics')!.data.cost).toMatchObject({ model: 'per_seat', seats: 150, annual_total: 2000, renewal_on: '2025-02-28' });
    expect(d.get('desmos')!.data).toMatchObject({ grades: ['6-8'], subjects: ['math'] });
    expect(d.get('desmos')!.data.cost.renewal_on).toBeUndefined();
    expect(d.get('payroll-system')!.data).toMatchObject({ audience: ['staff'], cost: { model: null, annual_total: 25000 } });
    expect(d.get('payroll-system')!.text).toMatch(/"Enterprise" in cell J12/);
    expect(d.get('kahoot')!.data.grades).toEqual(['6-8']);
    for (const { data } of d.values()) {
      expect(data.vendor).toBeNull();
      expect(data.category).toBeNull();
    }
  });
});
