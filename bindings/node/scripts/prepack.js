'use strict';
// `npm pack` hook: copies the lkstudy library sources the addon is built from into lkstudy/,
// so the tarball builds on its own (see install.js). postpack.js removes the copy.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const repo = path.join(root, '..', '..');
const dest = path.join(root, 'lkstudy');
// What the library's CMake project reads when it is added as a subdirectory.
const ITEMS = ['CMakeLists.txt', 'cmake', 'include', 'src', 'capi'];

if (!fs.existsSync(path.join(repo, 'capi', 'include', 'lks.h'))) {
  if (fs.existsSync(path.join(dest, 'CMakeLists.txt'))) process.exit(0); // repacking a package
  console.error('lkstudy: prepack must run in the lkstudy source tree (bindings/node)');
  process.exit(1);
}
fs.rmSync(dest, { recursive: true, force: true });
fs.mkdirSync(dest);
for (const item of ITEMS) {
  fs.cpSync(path.join(repo, item), path.join(dest, item), { recursive: true });
}
