import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, UsageError } from '../../../src/errors.js';
import { deviceReportReaderFor, readDeviceReport } from '../../../src/observe/device-report/index.js';
import { appPrivacyReportReader } from '../../../src/observe/device-report/app-privacy-report.js';
import { trackerControlReader } from '../../../src/observe/device-report/tracker-control.js';
import { csvFields } from '../../../src/observe/device-report/csv-fields.js';
import { APPS, appPrivacyReportLines, writeAppPrivacyReport, writeTrackerControl } from '../../helpers/device-reports.js';

const shared = path.resolve('..', 'shared', 'data', 'captures', 'reporthar');
const IOS = path.join(shared, 'ios--app-privacy-report.ndjson');
const TC = path.join(shared, 'android--tracker-control-report.csv');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'privdiff-device-report-'));
const quiet = { warn: () => {} };

describe('phone privacy report readers', () => {
  it('sniff each format from its first line and leave captures alone', () => {
    const ios = Buffer.from(appPrivacyReportLines(APPS).join('\n') + '\n');
    assert.equal(deviceReportReaderFor(ios)?.format, 'ios-app-privacy-report');
    assert.equal(deviceReportReaderFor(Buffer.from('"uid","daddr","time","uncertain","Tracker","Category","Package","App"\n'))?.format, 'trackercontrol');
    assert.equal(deviceReportReaderFor(Buffer.from('{"time":"2026-01-01T00:00:00Z","protocol":"http","host":"a.example"}\n')), undefined);
    assert.equal(deviceReportReaderFor(Buffer.from('{"log":{"version":"1.2","entries":[]}}')), undefined);
  });

  it('reads a generated App Privacy Report: intervals paired by identifier, contacts merged per host and initiator', async () => {
    const file = path.join(tmp, 'apps.ndjson');
    writeAppPrivacyReport(file, APPS);
    const report = await readDeviceReport(file, appPrivacyReportReader, { ...quiet, app: 'example.pixelnote.journal' });
    assert.deepEqual(report.apps.map((a) => a.id).sort(), ['com.example.game', 'example.pixelnote.journal']);
    assert.deepEqual(report.app.accesses.map((a) => [a.dataType, a.begin, a.end]), [
      ['media', '2026-03-02T08:00:10.000Z', '2026-03-02T08:00:20.000Z'],
      ['contacts', '2026-03-02T08:01:00.000Z', '2026-03-02T08:01:02.000Z'],
      ['contacts', '2026-03-02T08:03:00.000Z', '2026-03-02T08:03:01.000Z'],
    ]);
    const ads = report.app.contacts.find((c) => c.host === 'ads.mopub.com');
    assert.equal(ads?.initiatedBy, 'content');
    assert.equal(report.app.contacts.find((c) => c.host === 'graph.facebook.com')?.hits, 2, 'the game\'s contacts stay the game\'s');
  });

  it('picks an app by its display name too, and lists the apps when none is chosen', async () => {
    const file = path.join(tmp, 'apps.csv');
    writeTrackerControl(file, APPS);
    const byName = await readDeviceReport(file, trackerControlReader, { ...quiet, app: 'example game' });
    assert.equal(byName.app.id, 'com.example.game');
    assert.equal(byName.app.contacts[0]?.hits, 5);
    assert.equal(byName.app.contacts[0]?.initiatedBy, 'unknown', 'TrackerControl cannot tell app from web content');
    await assert.rejects(readDeviceReport(file, trackerControlReader, quiet), (e: unknown) =>
      e instanceof UsageError && /covers 2 apps; choose one with --app: example\.pixelnote\.journal \(PixelNote\): 18 records; com\.example\.game/.test(e.message));
    await assert.rejects(readDeviceReport(file, trackerControlReader, { ...quiet, app: 'com.nope' }), /has no app "com\.nope"/);
  });

  it('malformed lines are InputErrors naming the line', async () => {
    const bad = path.join(tmp, 'bad.ndjson');
    writeAppPrivacyReport(bad, APPS, [{ at: 3, line: '{"type":"access","accessor":{"identifier":"x"},"category":"contacts","timeStamp":"yesterday"}' }]);
    await assert.rejects(readDeviceReport(bad, appPrivacyReportReader, quiet), (e: unknown) => e instanceof InputError && e.position === 'line 4' && /not a time/.test(e.detail));
    const broken = path.join(tmp, 'broken.ndjson');
    writeAppPrivacyReport(broken, APPS, [{ at: 5, line: '{"type":"networkActivity",' }]);
    await assert.rejects(readDeviceReport(broken, appPrivacyReportReader, quiet), (e: unknown) => e instanceof InputError && e.position === 'line 6');
    const csv = path.join(tmp, 'bad.csv');
    writeFileSync(csv, '"uid","daddr","time","uncertain","Tracker","Category","Package","App"\n"1","a.example","1772438400000","0","","","p.q","P"\n"1","b.example","noon","0","","","p.q","P"\n');
    await assert.rejects(readDeviceReport(csv, trackerControlReader, quiet), (e: unknown) => e instanceof InputError && e.position === 'line 3' && /milliseconds/.test(e.detail));
  });

  it('warns once about an access category it cannot map and skips those records', async () => {
    const file = path.join(tmp, 'unknown-category.ndjson');
    const lines = [0, 1, 2].map((i) => JSON.stringify({ accessor: { identifier: 'a.b', identifierType: 'bundleID' }, category: 'bluetooth', identifier: `i${i}`, kind: 'intervalBegin', timeStamp: '2026-03-02T09:00:00Z', type: 'access' }));
    writeFileSync(file, lines.join('\n') + '\n');
    const warnings: string[] = [];
    const report = await readDeviceReport(file, appPrivacyReportReader, { warn: (m) => warnings.push(m) });
    assert.equal(report.app.accesses.length, 0);
    const about = warnings.filter((m) => m.includes('bluetooth'));
    assert.equal(about.length, 1);
    assert.match(about[0] ?? '', /^line 1: access category "bluetooth"/);
  });

  it('splits CSV fields with quotes, doubled quotes and commas inside', () => {
    assert.deepEqual(csvFields('"a,b","say ""hi""",,plain'), ['a,b', 'say "hi"', '', 'plain']);
    assert.equal(csvFields('"open,'), undefined);
  });

  describe('the real exports in ../shared/data (realism check)', function () {
    before(function () {
      if (!existsSync(IOS) || !existsSync(TC)) this.skip(); // ../shared/data is not beside this clone
    });

    it('the iOS App Privacy Report covers 22 apps; the scanner app used the camera and photos and contacted five domains', async () => {
      await assert.rejects(readDeviceReport(IOS, appPrivacyReportReader, quiet), /covers 22 apps/);
      const report = await readDeviceReport(IOS, appPrivacyReportReader, { ...quiet, app: 'com.weibai.scanner' });
      const count = (t: string) => report.app.accesses.filter((a) => a.dataType === t).length;
      assert.equal(count('camera'), 3);
      assert.equal(count('media'), 2);
      assert.ok(report.app.accesses.every((a) => a.end && Date.parse(a.end) >= Date.parse(a.begin)));
      assert.deepEqual([...new Set(report.app.contacts.map((c) => c.initiatedBy))], ['app']);
      assert.ok(report.app.contacts.some((c) => c.host === 'bugly.qq.com'));
    });

    it('the TrackerControl export covers 4 apps with their names and tracker categories', async () => {
      const report = await readDeviceReport(TC, trackerControlReader, { ...quiet, app: 'com.entertainment.brokenscreen.prankapp' });
      assert.equal(report.apps.length, 4);
      assert.equal(report.app.name, 'Broken Screen & Wallpaper');
      assert.equal(report.app.contacts.reduce((n, c) => n + c.hits, 0), 50);
      assert.ok(report.app.contacts.some((c) => c.reportedCategory === 'Advertising' && c.reportedOwner === 'Criteo'));
    });
  });
});
