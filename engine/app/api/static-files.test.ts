import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files.ts';

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/ui');
  it('maps ordinary paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1.js')).toBe(path.join(root, 'assets/app-1.js'));
    expect(resolveStaticPath(root, '/a%20b.txt')).toBe(path.join(root, 'a b.txt'));
  });
  it.each(['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/..%2f..%2fsecret', '/a/../../b', '/x%00.js', '/..\\..\\win', '/%E0%A4%A'])(
    'refuses %s',
    (p) => {
      expect(resolveStaticPath(root, p)).toBeNull();
    },
  );
});
