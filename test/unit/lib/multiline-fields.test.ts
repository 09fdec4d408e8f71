import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { rootDir } from '../../../src/config.js';
import { MULTILINE_FIELDS } from '../../../src/middleware/control-characters.js';

function ejsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ejsFiles(full);
    return entry.name.endsWith('.ejs') ? [full] : [];
  });
}

describe('multi-line form fields', () => {
  it('keep line breaks in every textarea of the views (the boundary strips them from one-line fields)', () => {
    const textareas = new Set<string>();
    for (const file of ejsFiles(path.join(rootDir, 'views'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/name: '(\w+)'[^}]*type: 'textarea'/g)) textareas.add(m[1]!);
      for (const m of text.matchAll(/<textarea[^>]*name="(\w+)"/g)) textareas.add(m[1]!);
    }
    expect(textareas.size).to.be.greaterThan(5);
    expect([...textareas].filter((name) => !MULTILINE_FIELDS.has(name))).to.deep.equal([]);
  });
});
