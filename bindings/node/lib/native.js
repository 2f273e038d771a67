'use strict';
// Loads the native addon (lkstudy.node). Looked for, in order:
//  1. $LKS_NODE_ADDON (the project's tests point it at their build's addon),
//  2. build/Release/lkstudy.node (what `npm install` of the package builds with cmake-js),
//  3. ../../build/bindings/node/lkstudy.node (a checkout built with the project's CMake build).
const fs = require('node:fs');
const path = require('node:path');

function candidates() {
  const root = path.join(__dirname, '..');
  const list = [];
  if (process.env.LKS_NODE_ADDON) list.push(path.resolve(process.env.LKS_NODE_ADDON));
  list.push(path.join(root, 'build', 'Release', 'lkstudy.node'));
  list.push(path.join(root, '..', '..', 'build', 'bindings', 'node', 'lkstudy.node'));
  return list;
}

function load() {
  const tried = candidates();
  for (const file of tried) {
    if (fs.existsSync(file)) return require(file);
  }
  throw new Error(
    `lkstudy: native addon not found (looked in ${tried.join(', ')}); ` +
      'reinstall the package (npm rebuild lkstudy) or set LKS_NODE_ADDON');
}

module.exports = load();
