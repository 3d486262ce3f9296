// require("lede") from CommonJS. lede is an ES module: where Node can require() one (22.12 and
// later), this gives it; elsewhere the error says to use import().
'use strict';
try {
  module.exports = require('./index.node.js');
} catch (err) {
  if (err && err.code === 'ERR_REQUIRE_ESM') {
    throw new Error('lede: lede is an ES module and this Node cannot require() it; load it with ' +
      '`const { createAnalyzer } = await import("lede")` (or use import in an ES module)', { cause: err });
  }
  throw err;
}
