import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrganisation, NO_ORGANISATION, OrganisationError, parseOrganisation } from '../../../src/features/foi/organisation.js';
import { projectRoot } from '../../../src/config/paths.js';

describe('organisation file', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'organisation-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('the commented example is valid', async () => {
    const organisation = await loadOrganisation(path.join(projectRoot, 'env', 'organisation.example.json'));
    assert.equal(organisation.councilName, 'Example Borough Council');
    assert.equal(organisation.tasksOnCouncilDevices?.h, false);
    assert.equal(organisation.personalDevices?.answer, 'conditions');
  });

  it('a missing file means d and f are not recorded', async () => {
    assert.deepEqual(await loadOrganisation(path.join(dir, 'none.json')), NO_ORGANISATION);
  });

  it('names the bad field', () => {
    const check = (json: unknown, field: RegExp) =>
      assert.throws(() => parseOrganisation(json, 'org.json'), (error: unknown) => error instanceof OrganisationError && /org\.json/.test(error.message) && field.test(error.message));
    check({ personalDevices: { answer: 'sometimes' } }, /personalDevices\.answer/);
    check({ tasksOnCouncilDevices: { a: 'yes' } }, /tasksOnCouncilDevices\.a: must be true or false/);
    check({ tasksOnCouncilDevices: { a: true } }, /tasksOnCouncilDevices\.b: say true or false/);
    check({ councilNmae: 'Typo Council' }, /councilNmae/);
  });

  it('refuses a file that is not JSON, naming it, and leaves it alone', async () => {
    const file = path.join(dir, 'organisation.json');
    await writeFile(file, '{ "councilName": ');
    await assert.rejects(loadOrganisation(file), (error: unknown) => error instanceof OrganisationError && error.message.includes(file) && /not JSON/.test(error.message));
    assert.equal(await readFile(file, 'utf8'), '{ "councilName": ');
  });
});
