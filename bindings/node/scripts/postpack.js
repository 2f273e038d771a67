'use strict';
// `npm pack` hook: removes the library sources prepack.js copied in.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
if (fs.existsSync(path.join(root, '..', '..', 'capi', 'include', 'lks.h'))) {
  fs.rmSync(path.join(root, 'lkstudy'), { recursive: true, force: true });
}
