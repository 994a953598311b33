// mocha's spec reporter, plus one plain closing line ("N passed, N failed, N skipped") that CI
// systems read to count tests, whatever runner they know.
'use strict';
const { reporters, Runner } = require('mocha');

class SpecWithTally extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      process.stdout.write(`tests: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SpecWithTally;
